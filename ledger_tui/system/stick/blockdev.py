"""Block devices as the wipe sees them: size and sector sizes, the facts about a device
(bus, serial, mounts, whether it carries the running system), and the guards that refuse
to wipe anything but a registered, unmounted USB stick.

Every lookup has a fallback because this must work without udevd and under umockdev,
where every ioctl on /dev fails with ENOTTY: ioctl first, then sysfs, then lseek.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import struct
from collections.abc import Mapping
from dataclasses import dataclass

from ledger_tui.domain.errors import DomainError
from ledger_tui.system.stick.loopdev import loop_serial

# <linux/fs.h>
BLKGETSIZE64 = 0x80081272
BLKSSZGET = 0x1268
BLKPBSZGET = 0x127B
BLKDISCARD = 0x1277

SECTOR = 512
SYSFS_BLOCK = "/sys/class/block"
SYSTEM_MOUNTPOINTS = frozenset({"/", "/boot", "/usr", "/var", "/home"})


class DeviceMissing(DomainError):
    """The device node is gone (stick pulled, wrong path)."""


class NotABlockDevice(DomainError):
    """The path exists but is no block device."""


# --- sizes --------------------------------------------------------------------------


def _sysfs_dir(fd: int) -> str | None:
    """/sys/dev/block/MAJ:MIN for a block-device fd, None for anything else."""
    info = os.fstat(fd)
    if not stat.S_ISBLK(info.st_mode):
        return None
    return f"/sys/dev/block/{os.major(info.st_rdev)}:{os.minor(info.st_rdev)}"


def _read_sysfs(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read().strip()
    except OSError:
        return None


def _ioctl_int(fd: int, request: int, fmt: str) -> int | None:
    try:
        buf = fcntl.ioctl(fd, request, bytes(struct.calcsize(fmt)))
    except OSError:
        return None  # ENOTTY under umockdev, or not a block device
    value: int = struct.unpack(fmt, buf)[0]
    return value


def device_size(fd: int) -> int:
    """Bytes addressable on the device (or file) behind `fd`."""
    size = _ioctl_int(fd, BLKGETSIZE64, "Q")
    if size is not None:
        return size
    sysfs = _sysfs_dir(fd)
    sectors = _read_sysfs(f"{sysfs}/size") if sysfs else None
    if sectors is not None and sectors.isdigit():
        return int(sectors) * SECTOR
    return os.lseek(fd, 0, os.SEEK_END)


def _queue_attr(fd: int, name: str) -> int | None:
    sysfs = _sysfs_dir(fd)
    if sysfs is None:
        return None
    # A partition has no queue of its own; its disk's applies.
    for queue in (f"{sysfs}/queue", f"{sysfs}/../queue"):
        value = _read_sysfs(f"{queue}/{name}")
        if value is not None and value.isdigit():
            return int(value)
    return None


def logical_block_size(fd: int) -> int:
    """The smallest unit O_DIRECT may address (512 for files and when nothing answers)."""
    return _ioctl_int(fd, BLKSSZGET, "i") or _queue_attr(fd, "logical_block_size") or SECTOR


def physical_block_size(fd: int) -> int:
    return (
        _ioctl_int(fd, BLKPBSZGET, "I")
        or _queue_attr(fd, "physical_block_size")
        or logical_block_size(fd)
    )


def discard(fd: int, offset: int, length: int) -> bool:
    """BLKDISCARD a range; False when the device cannot (no TRIM, not a block device)."""
    try:
        fcntl.ioctl(fd, BLKDISCARD, struct.pack("QQ", offset, length))
    except OSError as error:
        if error.errno in (errno.EOPNOTSUPP, errno.ENOTTY, errno.EINVAL, errno.ENOTSUP):
            return False
        raise
    return True


# --- facts --------------------------------------------------------------------------


@dataclass(frozen=True)
class MountEntry:
    device: str  # kernel name of the block device, e.g. "sdb1"
    mountpoint: str
    fstype: str


@dataclass(frozen=True)
class DeviceFacts:
    """What the guards and the wipe screen need to know about one block device."""

    node: str
    name: str
    is_partition: bool
    parent: str | None  # the whole disk of a partition
    is_loop: bool
    backing_file: str | None
    bus: str | None  # "usb" for USB mass storage
    removable: bool
    vendor: str | None
    model: str | None
    serial: str | None  # for a loop device: its backing file's absolute path
    size_bytes: int
    mounts: tuple[MountEntry, ...]  # on the disk, its partitions, or devices stacked on them
    swaps: tuple[str, ...]
    #: device-mapper / md devices built on top of it, and devices sharing its bytes
    #: through loop devices (stacked on it, under it, or over the same file)
    holders: tuple[str, ...]
    #: a CD-ROM unit: a software-unlock stick's vendor tool (it shares the stick's USB
    #: serial, so only this tells it from the stick's disk unit)
    is_cdrom_unit: bool = False

    @property
    def locked(self) -> bool:
        """A USB disk presenting no medium: a password-lock stick not yet unlocked (or
        an empty card reader): nothing can be read from it or written to it."""
        return not self.is_partition and self.size_bytes == 0

    @property
    def system_mounts(self) -> tuple[MountEntry, ...]:
        return tuple(
            m
            for m in self.mounts
            if m.mountpoint in SYSTEM_MOUNTPOINTS or m.mountpoint.startswith("/boot/")
        )

    @property
    def holds_running_system(self) -> bool:
        return bool(self.system_mounts or self.swaps)


def _name_of(node: str) -> str:
    try:
        info = os.stat(node)
    except FileNotFoundError:
        raise DeviceMissing("error.wipe.device_missing", device=node) from None
    if not stat.S_ISBLK(info.st_mode):
        raise NotABlockDevice("error.wipe.not_block_device", device=node)
    link = f"/sys/dev/block/{os.major(info.st_rdev)}:{os.minor(info.st_rdev)}"
    return os.path.basename(os.path.realpath(link))


def _family(disk: str) -> tuple[list[str], list[str]]:
    """The disk with its partitions, and everything stacked on any of them (dm, md)."""
    partitions = sorted(
        entry
        for entry in _listdir(f"{SYSFS_BLOCK}/{disk}")
        if os.path.exists(f"{SYSFS_BLOCK}/{disk}/{entry}/partition")
    )
    own = [disk, *partitions]
    stacked: list[str] = []
    pending = [holder for name in own for holder in _listdir(f"{SYSFS_BLOCK}/{name}/holders")]
    while pending:
        name = pending.pop(0)
        if name not in stacked:
            stacked.append(name)
            pending.extend(_listdir(f"{SYSFS_BLOCK}/{name}/holders"))
    return own, stacked


def _loop_backings() -> dict[str, tuple[int, int, bool]]:
    """Every attached loop device: (st_dev or rdev, inode, is a block device) of its
    backing file, so that two loop devices over the same bytes are found."""
    found = {}
    for name in _listdir(SYSFS_BLOCK):
        backing = _read_sysfs(f"{SYSFS_BLOCK}/{name}/loop/backing_file")
        if not backing:
            continue
        try:
            info = os.stat(backing.removesuffix(" (deleted)"))
        except OSError:
            continue
        block = stat.S_ISBLK(info.st_mode)
        found[name] = (info.st_rdev, 0, True) if block else (info.st_dev, info.st_ino, False)
    return found


def _kin(names: list[str]) -> list[str]:
    """Block devices sharing bytes with `names` through loop devices, at any depth: a
    loop device whose backing file is one of them, the device a loop device stands on,
    and loop devices over the same backing file (with their partitions and holders)."""
    backings = _loop_backings()
    rdevs = {
        name: os.makedev(*map(int, devnum.split(":")))
        for name, devnum in (
            (n, _read_sysfs(f"{SYSFS_BLOCK}/{n}/dev")) for n in _listdir(SYSFS_BLOCK)
        )
        if devnum and ":" in devnum
    }
    by_rdev = {number: name for name, number in rdevs.items()}
    seen, pending, found = set(names), list(names), []
    while pending:
        name = pending.pop()
        related = []
        mine = backings.get(name)
        if mine is not None and mine[2]:
            related.append(by_rdev.get(mine[0], ""))  # the device this loop stands on
        for other, backing in backings.items():
            if backing[2] and backing[0] == rdevs.get(name):
                related.append(other)  # a loop device over this device
            elif mine is not None and not mine[2] and backing == mine:
                related.append(other)  # a loop device over the same file
        for other in related:
            if not other or other in seen:
                continue
            own, stacked = _family(other)
            for member in own + stacked:
                if member not in seen:
                    seen.add(member)
                    found.append(member)
                    pending.append(member)
    return found


def _listdir(path: str) -> list[str]:
    try:
        return os.listdir(path)
    except OSError:
        return []


def _devnums(names: list[str]) -> dict[str, str]:
    found = {}
    for name in names:
        devnum = _read_sysfs(f"{SYSFS_BLOCK}/{name}/dev")
        if devnum:
            found[devnum] = name
    return found


def _devnum_of_path(path: str) -> str | None:
    """MAJ:MIN of a device node, or of the filesystem holding a file (swap files)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    number = info.st_rdev if stat.S_ISBLK(info.st_mode) else info.st_dev
    return f"{os.major(number)}:{os.minor(number)}"


def _unescape(field: str) -> str:
    # mountinfo escapes space, tab, newline and backslash as \ooo
    return field.encode().decode("unicode_escape").encode("latin-1").decode("utf-8", "replace")


def _mounts_on(devnums: Mapping[str, str]) -> tuple[MountEntry, ...]:
    found = []
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        lines = []
    for line in lines:
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) < 5 or len(tail) < 2:
            continue
        source_num = _devnum_of_path(tail[1]) if tail[1].startswith("/") else None
        name = devnums.get(fields[2]) or (devnums.get(source_num) if source_num else None)
        if name is not None:
            found.append(MountEntry(name, _unescape(fields[4]), tail[0]))
    return tuple(found)


def _swaps_on(devnums: Mapping[str, str]) -> tuple[str, ...]:
    lines = (_read_sysfs("/proc/swaps") or "").splitlines()[1:]
    paths = [_unescape(line.split()[0]) for line in lines if line.split()]
    return tuple(path for path in paths if _devnum_of_path(path) in devnums)


def _udev_properties(node: str) -> dict[str, str]:
    try:
        import pyudev
    except ImportError:
        return {}
    try:
        device = pyudev.Devices.from_device_file(pyudev.Context(), node)
        return {str(key): str(value) for key, value in device.properties.items()}
    except (OSError, ValueError, pyudev.DeviceNotFoundError):
        return {}


def _usb_ancestor(disk_dir: str) -> str | None:
    """Walk the disk's sysfs parents; the first one in the usb subsystem is the stick."""
    path = os.path.dirname(disk_dir)
    while path.startswith("/sys/devices/"):
        subsystem = os.path.realpath(f"{path}/subsystem")
        if os.path.basename(subsystem) == "usb" and os.path.exists(f"{path}/idVendor"):
            return path
        path = os.path.dirname(path)
    return None


def _scsi_attr(disk_dir: str, usb: str | None, name: str, usb_name: str) -> str | None:
    # .../<scsi device>/block/<disk>: the SCSI inquiry strings, else the USB descriptor's
    return (
        _read_sysfs(f"{disk_dir}/device/{name}")
        or _read_sysfs(f"{os.path.dirname(os.path.dirname(disk_dir))}/{name}")
        or (_read_sysfs(f"{usb}/{usb_name}") if usb else None)
    )


def _clean(value: str | None) -> str | None:
    value = (value or "").replace("_", " ").strip()
    return value or None


def is_cdrom_unit(sys_path: str, props: Mapping[str, str]) -> bool:
    """The read-only CD-ROM unit a software-unlock stick presents beside its disk unit
    (it holds the vendor's unlock tool): never a medium, never a target of anything.
    udev says ID_CDROM; the kernel alone names SCSI CD-ROMs sr* (peripheral type 5)."""
    return (
        props.get("ID_TYPE") == "cd"
        or props.get("ID_CDROM") == "1"
        or os.path.basename(sys_path).startswith("sr")
        or _read_sysfs(f"{sys_path}/device/type") == "5"
    )


def describe_device(node: str, *, properties: Mapping[str, str] | None = None) -> DeviceFacts:
    """Collect the facts about `node`. `properties` are udev properties the caller already
    has (device monitor, umockdev); without them pyudev is asked, then sysfs."""
    name = _name_of(node)
    base = f"{SYSFS_BLOCK}/{name}"
    is_partition = os.path.exists(f"{base}/partition")
    disk = os.path.basename(os.path.dirname(os.path.realpath(base))) if is_partition else name
    props = dict(properties) if properties is not None else _udev_properties(node)
    backing = _read_sysfs(f"/sys/block/{disk}/loop/backing_file")
    is_loop = disk.startswith("loop") and os.path.isdir(f"/sys/block/{disk}/loop")
    disk_dir = os.path.realpath(f"{SYSFS_BLOCK}/{disk}")
    usb = _usb_ancestor(disk_dir)
    bus = props.get("ID_BUS") or ("usb" if usb else None)
    serial = props.get("ID_SERIAL_SHORT") or (_read_sysfs(f"{usb}/serial") if usb else None)
    if is_loop and backing:
        serial = loop_serial(backing)
    sectors = _read_sysfs(f"{base}/size") or "0"
    own, stacked = _family(disk)
    stacked += [name for name in _kin(own + stacked) if name not in stacked]
    devnums = _devnums(own + stacked)
    return DeviceFacts(
        node=node,
        name=name,
        is_partition=is_partition,
        parent=disk if is_partition else None,
        is_loop=is_loop,
        backing_file=backing,
        bus=bus,
        removable=(_read_sysfs(f"/sys/block/{disk}/removable") == "1"),
        vendor=_clean(
            props.get("ID_VENDOR") or _scsi_attr(disk_dir, usb, "vendor", "manufacturer")
        ),
        model=_clean(props.get("ID_MODEL") or _scsi_attr(disk_dir, usb, "model", "product")),
        serial=(serial or "").strip() or None,
        size_bytes=int(sectors) * SECTOR if sectors.isdigit() else 0,
        mounts=_mounts_on(devnums),
        swaps=_swaps_on(devnums),
        holders=tuple(stacked),
        is_cdrom_unit=is_cdrom_unit(disk_dir, props),
    )


# --- guards -------------------------------------------------------------------------


class WipeRefused(DomainError):
    """A guard refused to wipe this device. `key` names the guard for the trail."""


class LoopDeviceNotAllowed(WipeRefused):
    pass


class NotUsbStick(WipeRefused):
    """A partition, or a disk that is not on the USB bus."""


class HoldsRunningSystem(WipeRefused):
    pass


class DeviceMounted(WipeRefused):
    pass


class DeviceInUse(WipeRefused):
    pass


class SerialMismatch(WipeRefused):
    pass


class StickLocked(WipeRefused):
    """A password-lock stick still locked, or its unlock tool's CD-ROM unit."""


def lock_refusal(facts: DeviceFacts) -> StickLocked | None:
    """Why nothing may be written to or read from this unit of a password-lock stick
    (keys ``error.stick.*``, shared by the wipe, the load and the intake), or None."""
    if facts.is_cdrom_unit:
        return StickLocked("error.stick.unlock_unit", device=facts.node)
    if facts.locked:
        return StickLocked("error.stick.locked", device=facts.node)
    return None


def wipe_target_refusals(
    facts: DeviceFacts, expected_serial: str | None, *, allow_loop: bool
) -> list[WipeRefused]:
    """Every reason not to wipe `facts`, worst first; empty means the device may be wiped.
    A loop device is refused unless `allow_loop` (the settings' switch).

    The screen shows them all; the register checks (medium known, loan returned) are
    the service's."""
    refusals: list[WipeRefused] = []
    device = facts.node
    if facts.is_loop and not allow_loop:
        refusals.append(LoopDeviceNotAllowed("error.wipe.loop_not_allowed", device=device))
    locked = lock_refusal(facts)
    if locked is not None:
        refusals.append(locked)
    if facts.holds_running_system:
        points = [m.mountpoint for m in facts.system_mounts] + list(facts.swaps)
        refusals.append(
            HoldsRunningSystem(
                "error.wipe.holds_system", device=device, mountpoints=", ".join(points)
            )
        )
    elif facts.mounts:
        refusals.append(
            DeviceMounted(
                "error.wipe.mounted",
                device=device,
                mountpoints=", ".join(m.mountpoint for m in facts.mounts),
            )
        )
    if facts.holders:
        refusals.append(
            DeviceInUse("error.wipe.in_use", device=device, holders=", ".join(facts.holders))
        )
    if facts.is_partition:
        refusals.append(
            NotUsbStick("error.wipe.partition", device=device, disk=f"/dev/{facts.parent}")
        )
    elif facts.bus != "usb" and not facts.is_loop:
        refusals.append(NotUsbStick("error.wipe.not_usb", device=device, bus=facts.bus or "?"))
    if (expected_serial or "").strip() != (facts.serial or "").strip() or not facts.serial:
        refusals.append(
            SerialMismatch(
                "error.wipe.serial_mismatch",
                device=device,
                detected=facts.serial or "?",
                registered=expected_serial or "?",
            )
        )
    return refusals


def check_wipe_target(facts: DeviceFacts, expected_serial: str | None, *, allow_loop: bool) -> None:
    """Raise the worst refusal, if any (each is a WipeRefused with a desk-ready message)."""
    refusals = wipe_target_refusals(facts, expected_serial, allow_loop=allow_loop)
    if refusals:
        raise refusals[0]
