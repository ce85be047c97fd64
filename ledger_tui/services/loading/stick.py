"""Is the device in the slot the registered stick? The identity and fitness checks that
loading onto a stick and the intake of a returned stick share.

The device is the one the register names when its serial (read from udev or sysfs; for
a loop device its backing file's path, and only while LEDGER_TUI_ALLOW_LOOP_DEVICES=1)
equals the medium's registered serial. A stick is given as its whole disk (a stick
formatted without a partition table, as the wipe leaves it) or as the partition that
holds its filesystem; the serial is the disk's either way. A device that carries this
workstation's system is refused outright.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ledger_tui.domain.errors import DomainError
from ledger_tui.system.stick.blockdev import (
    DeviceFacts,
    DeviceMissing,
    NotABlockDevice,
    describe_device,
    lock_refusal,
)
from ledger_tui.system.stick.fatfs import Stick, mount_point


class StickRefused(DomainError):
    """The device is not the registered stick, or cannot be used as it is."""


@dataclass(frozen=True, slots=True)
class StickIdentity:
    node: str
    serial: str
    is_loop: bool
    facts: DeviceFacts

    @property
    def stick(self) -> Stick:
        return Stick(self.node)


def identify_stick(
    device_path: str | os.PathLike[str],
    registered_serial: str,
    control_number: str,
    *,
    allow_loop: bool,
) -> StickIdentity:
    """The facts of `device_path`, if it is the stick registered as `control_number`.

    Raises `StickRefused` (keys ``load.stick.*``) when it is missing, not a block
    device, a loop device unless `allow_loop` (the settings' switch), a password-lock stick still
    locked or its unlock tool's CD-ROM unit (``error.stick.*``), not on USB, this machine's
    system disk, or a stick whose serial differs from the register's.
    """
    node = str(device_path)
    try:
        facts = describe_device(node)
    except DeviceMissing:
        raise StickRefused("load.stick.missing", device=node) from None
    except NotABlockDevice:
        raise StickRefused("load.stick.not_block_device", device=node) from None
    detected = (facts.serial or "").strip()
    if facts.is_loop and not allow_loop:
        raise StickRefused("load.stick.loop_not_allowed", device=node)
    locked = lock_refusal(facts)
    if locked is not None:  # a locked stick or its unlock tool: the same words as a wipe's
        raise StickRefused(locked.key, **locked.params)
    if facts.holds_running_system:
        raise StickRefused("load.stick.system_disk", device=node)
    if not facts.is_loop and facts.bus != "usb":
        raise StickRefused("load.stick.not_usb", device=node, bus=facts.bus or "?")
    registered = registered_serial.strip()
    if not registered:
        raise StickRefused("load.stick.no_registered_serial", control_number=control_number)
    if detected != registered:
        raise StickRefused(
            "load.stick.wrong_stick",
            device=node,
            control_number=control_number,
            detected=detected or "?",
            registered=registered,
        )
    return StickIdentity(node, detected, facts.is_loop, facts)


def detected_serial(device_path: str | os.PathLike[str]) -> str:
    """The serial read from the device, or "" when it cannot be read (for the record)."""
    try:
        return (describe_device(str(device_path)).serial or "").strip()
    except DomainError:
        return ""


def mounted_read_only(node: str) -> bool:
    """Whether the stick's filesystem is mounted read-only (a write would fail)."""
    mounted = mount_point(Path(node))
    if mounted is None:
        return False
    try:
        return bool(os.statvfs(mounted).f_flag & os.ST_RDONLY)
    except OSError:
        return False
