"""USB sticks as the desk's device monitor sees them: what one inserted stick is
(`DeviceInfo`), what happened to it (`DeviceEvent`), and the `DeviceSource` interface
behind which udev, raw kernel uevents or a fake feed those facts.

A stick is a whole disk (DEVTYPE=disk) on the USB bus (`ID_BUS=usb`, or a USB device
among its sysfs ancestors) with a medium in it (capacity > 0). A loop device counts
too, but only while `LEDGER_TUI_ALLOW_LOOP_DEVICES=1` (tests and demos); its serial is
its backing file.

A password-lock stick still locked presents its disk unit with no medium (size 0), and
a software-unlock one also a read-only CD-ROM unit with the vendor's unlock tool, both
on one USB device. The units are grouped by that USB device into one `DeviceInfo`
(`locked`, and `unlock_unit` naming the CD-ROM unit): one physical stick is one entry,
the CD-ROM unit is never one. An empty card reader (no medium either) is told apart by
what it says it is (`sysfs.is_card_reader`) and is no stick.

The facts come from udev properties where udev gave them and from sysfs otherwise, so
the same code describes a stick for `PyudevSource` (udev daemon, or umockdev) and for
`KernelUeventSource` (no udev daemon). The sources live in `devices_sources.py` (their
shared watch loop in `devices_watch.py`), the watcher thread in `devices_watcher.py`,
the fake in `devices_fake.py`, sysfs reading in `devices_sysfs.py` and file-system
probing in `devices_probe.py`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Literal, Protocol

SECTOR = 512  # sysfs `size` counts 512-byte sectors whatever the device's block size

# Serials that name a model or a controller, not one stick: many cheap sticks ship with
# one of these, so two sticks can look identical. Compared upper-case, spaces kept.
GENERIC_SERIALS = frozenset(
    {
        "0123456789ABCDEF",  # sequence filled in by several controller SDKs
        "0123456789",
        "1234567890",
        "000000000000",
        "0000000000000000",
        "00000000000000000000",
        "NONE",
        "N/A",
        "NULL",
        "DEFAULT",
        "GENERIC",
        "SERIAL",
        "SERIALNUMBER",
        "USB",
        "TO BE FILLED BY O.E.M.",
    }
)
MIN_SERIAL_LENGTH = 4  # fewer characters cannot tell the sticks of a desk apart
_SEQUENCE = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_MIN_SEQUENCE_RUN = 6


def _alnum(value: str) -> str:
    return "".join(char for char in value.casefold() if char.isalnum())


def is_weak_serial(
    serial: str | None, *, vendor: str | None = None, model: str | None = None
) -> bool:
    """True when `serial` cannot identify one stick: empty, too short, one character
    repeated, a run of 0123456789ABCDEF…, a known placeholder (GENERIC_SERIALS), or just
    the vendor and/or model name again (udev's ID_SERIAL of a stick with no serial)."""
    text = (serial or "").strip()
    if len(text) < MIN_SERIAL_LENGTH:
        return True
    upper = text.upper()
    if upper in GENERIC_SERIALS or len(set(upper)) == 1:
        return True
    if len(upper) >= _MIN_SEQUENCE_RUN and upper in _SEQUENCE:
        return True
    names = {_alnum(name) for name in (vendor, model) if name}
    if vendor and model:
        names.add(_alnum(vendor + model))
    return _alnum(text) in names


@dataclass(frozen=True)
class Partition:
    """A file-system volume on a stick: one of its partitions, or the whole disk when it
    carries a file system without a partition table (a "superfloppy")."""

    node: str
    fs_type: str | None  # "vfat", "exfat", "ntfs", "ext4", … (None: unknown or empty)
    label: str | None


@dataclass(frozen=True)
class MountPoint:
    node: str  # the disk or partition that is mounted
    path: str
    fs_type: str


@dataclass(frozen=True)
class DeviceInfo:
    """One inserted USB stick (or allowed loop device), as detected."""

    node: str  # /dev/sdb
    sys_path: str  # /sys/devices/…/block/sdb: stable while the stick stays in
    bus: str | None  # "usb"; None for a loop device
    vendor: str | None
    model: str | None
    usb_id: str | None  # "0781:5567" (ID_VENDOR_ID:ID_MODEL_ID, lower-case hex)
    serial: str | None  # ID_SERIAL_SHORT, else ID_SERIAL; a loop device's backing file
    capacity_bytes: int
    removable: bool  # the kernel's flag; many genuine sticks say 0
    partitions: tuple[Partition, ...] = ()
    mount_points: tuple[MountPoint, ...] = ()
    is_loop: bool = False
    #: a password-lock stick that presents no medium until its password or PIN is
    #: entered: nothing may be registered, loaded or wiped on it until then
    locked: bool = False
    #: the CD-ROM unit of the same USB device holding the vendor's unlock tool (a
    #: software-unlock stick; it stays there after the unlock): never a target
    unlock_unit: str | None = None
    weak_identity: bool = field(init=False)  # see is_weak_serial

    def __post_init__(self) -> None:
        weak = not self.is_loop and is_weak_serial(
            self.serial, vendor=self.vendor, model=self.model
        )
        object.__setattr__(self, "weak_identity", weak)

    @property
    def mounted(self) -> bool:
        return bool(self.mount_points)

    def as_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (for `devices list --json` and the test child)."""
        data = asdict(self)
        data["partitions"] = [asdict(partition) for partition in self.partitions]
        data["mount_points"] = [asdict(mount) for mount in self.mount_points]
        data["mounted"] = self.mounted
        return data


DeviceAction = Literal["add", "remove", "change", "ready", "error"]


@dataclass(frozen=True)
class DeviceEvent:
    """A stick arrived ("add"), left ("remove") or changed (partitions, mounts); the
    sticks present at the start have all been reported ("ready", once: until then a
    panel should say "detecting", not "no stick"); or the monitor hit a problem
    ("error", with `error` saying what, `fatal` when watching has ended)."""

    action: DeviceAction
    node: str | None
    sys_path: str | None
    info: DeviceInfo | None  # add/change: now; remove: as last seen while present
    seen_at: float  # time.monotonic() when the OS event was read (for latency)
    initial: bool = False  # an "add" for a stick already present when watching started
    error: str | None = None
    fatal: bool = False

    @classmethod
    def ready(cls, seen_at: float) -> DeviceEvent:
        return cls("ready", None, None, None, seen_at)

    @classmethod
    def failure(cls, error: BaseException, seen_at: float, *, fatal: bool = False) -> DeviceEvent:
        return cls(
            "error",
            None,
            None,
            None,
            seen_at,
            error=f"{type(error).__name__}: {error}",
            fatal=fatal,
        )


DeviceCallback = Callable[[DeviceEvent], None]


class DeviceSource(Protocol):
    """Where inserted sticks come from. `status_key` names the status-line text."""

    status_key: str

    def list_present(self) -> list[DeviceInfo]:
        """The sticks inserted now, sorted by device node."""
        ...

    def watch(self, callback: DeviceCallback, stop_event: threading.Event) -> None:
        """Start listening, report every stick already present as an "add" with
        `initial=True` (after listening began, so none inserted meanwhile is lost) and
        then "ready", then report changes until `stop_event` is set (noticed within
        ~0.2 s). An error with
        one event is reported as an "error" event and watching goes on; an exception out
        of here means watching is impossible."""
        ...
