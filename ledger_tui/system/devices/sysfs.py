"""Describing a USB stick from sysfs, udev properties and the mount table: the one
place that turns what the OS says about a block device into a `DeviceInfo`, used alike by
the udev and the kernel-uevent sources (and readable under umockdev, whose preload
library redirects /sys)."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ledger_tui.system.devices.model import SECTOR, DeviceInfo, MountPoint, Partition
from ledger_tui.system.stick.blockdev import is_cdrom_unit
from ledger_tui.system.stick.loopdev import loop_serial

# --- sysfs -------------------------------------------------------------------------


def read_attr(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace").strip()
    except OSError:
        return None


def read_uevent(sys_path: str) -> dict[str, str]:
    """The KEY=value lines of a sysfs `uevent` file (the kernel's own properties)."""
    text = read_attr(f"{sys_path}/uevent") or ""
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def usb_device_dir(sys_path: str) -> str | None:
    """The USB device (the one with idVendor) among the sysfs ancestors of a disk."""
    path = os.path.dirname(sys_path)
    while path.startswith("/sys/devices/"):
        if os.path.exists(f"{path}/idVendor") and _subsystem(path) == "usb":
            return path
        path = os.path.dirname(path)
    return None


def _subsystem(path: str) -> str | None:
    try:
        return os.path.basename(os.readlink(f"{path}/subsystem"))
    except OSError:
        return None


def partition_dirs(sys_path: str) -> list[str]:
    """The sysfs directories of a disk's partitions (sdb1, sdb2, loop0p1 …)."""
    try:
        names = sorted(os.listdir(sys_path))
    except OSError:
        return []
    return [
        f"{sys_path}/{name}" for name in names if os.path.exists(f"{sys_path}/{name}/partition")
    ]


def node_of(sys_path: str, props: Mapping[str, str]) -> str:
    name = props.get("DEVNAME") or os.path.basename(sys_path)
    return name if name.startswith("/") else f"/dev/{name}"


# --- mounts ------------------------------------------------------------------------

MOUNTINFO = "/proc/self/mountinfo"
_OCTAL = re.compile(rb"\\([0-7]{3})")


@dataclass(frozen=True)
class MountEntry:
    devnum: str  # MAJ:MIN of the mounted file system
    source: str
    path: str
    fs_type: str


def _unescape(field_bytes: bytes) -> str:
    raw = _OCTAL.sub(lambda match: bytes([int(match.group(1), 8)]), field_bytes)
    return raw.decode("utf-8", "replace")


def read_mounts(path: str = MOUNTINFO) -> list[MountEntry]:
    try:
        with open(path, "rb") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return []
    entries = []
    for line in lines:
        left, _, right = line.partition(b" - ")
        fields, tail = left.split(), right.split()
        if len(fields) >= 5 and len(tail) >= 2:
            entries.append(
                MountEntry(
                    fields[2].decode(), _unescape(tail[1]), _unescape(fields[4]), _unescape(tail[0])
                )
            )
    return entries


def mounts_of(
    nodes: Mapping[str, str | None], mounts: Iterable[MountEntry]
) -> tuple[MountPoint, ...]:
    """Mount points of any of `nodes` (node -> its MAJ:MIN, if known), matched by device
    number or by the resolved source path (so /dev/disk/by-uuid/… counts)."""
    by_devnum = {devnum: node for node, devnum in nodes.items() if devnum}
    found = []
    for entry in mounts:
        node = by_devnum.get(entry.devnum)
        if node is None and entry.source.startswith("/dev/"):
            resolved = os.path.realpath(entry.source)
            node = resolved if resolved in nodes else None
        if node is not None:
            found.append(MountPoint(node, entry.path, entry.fs_type))
    return tuple(found)


# --- describing a disk ---------------------------------------------------------------


def _decode_enc(value: str | None) -> str | None:
    """udev's *_ENC properties escape bytes as \\xNN (spaces, Japanese labels)."""
    if not value:
        return None
    raw = re.sub(
        rb"\\x([0-9a-fA-F]{2})",
        lambda m: bytes([int(m.group(1), 16)]),
        value.encode("utf-8", "surrogateescape"),
    )
    return raw.decode("utf-8", "replace").strip() or None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and value.strip():
            return value.strip()
    return None


def _udev_name(props: Mapping[str, str], key: str) -> str | None:
    plain = props.get(key)
    return _first(_decode_enc(props.get(f"{key}_ENC")), plain.replace("_", " ") if plain else None)


def usb_units(usb: str) -> list[str]:
    """The block units (SCSI LUNs) one USB device presents: its disk unit(s), and a
    software-unlock stick's CD-ROM unit beside them (usb/1-1:1.0/host6/…/block/sdb)."""
    return sorted(glob.glob(f"{glob.escape(usb)}/*/host*/target*/*/block/*"))


#: What an empty card reader calls itself (a locked stick reports no medium too).
_READER_WORDS = ("reader", "card", "sd/mmc", "sdxc", "sdhc", "microsd", "compactflash")


def is_card_reader(props: Mapping[str, str], *names: str | None) -> bool:
    """A card reader, by udev's flash-slot flags (ID_DRIVE_FLASH_SD …) or by what its
    vendor and model strings say: its empty slots report no medium, as a locked stick
    does, but it is no stick."""
    if any(key.startswith("ID_DRIVE_FLASH") and value == "1" for key, value in props.items()):
        return True
    text = " ".join(name for name in names if name).casefold()
    return any(word in text for word in _READER_WORDS)


@dataclass(frozen=True)
class UsbGroup:
    """The other units of a disk's USB device, as far as they decide what it is."""

    unlock_unit: str | None  # the CD-ROM unit's node (software-unlock stick)
    disk_units: int  # disk units on the device (several: a multi-slot card reader)


def usb_group(usb: str) -> UsbGroup:
    unlock_unit, disks = None, 0
    for unit in usb_units(usb):
        props = read_uevent(unit)
        if is_cdrom_unit(unit, props):
            unlock_unit = unlock_unit or node_of(unit, props)
        else:
            disks += 1
    return UsbGroup(unlock_unit, disks)


def is_stick_candidate(sys_path: str, props: Mapping[str, str], allow_loop: bool) -> bool:
    """Whole disk on the USB bus, or an attached loop device while those are allowed
    (`allow_loop`, the settings' switch)."""
    if props.get("DEVTYPE", "disk") != "disk" or props.get("SUBSYSTEM", "block") != "block":
        return False
    if is_cdrom_unit(sys_path, props):
        return False
    if os.path.basename(sys_path).startswith("loop"):
        return allow_loop and bool(read_attr(f"{sys_path}/loop/backing_file"))
    return props.get("ID_BUS") == "usb" or usb_device_dir(sys_path) is not None


ProbeFs = Callable[[str], tuple[str | None, str | None]]


def describe_disk(
    sys_path: str,
    props: Mapping[str, str],
    partitions: Iterable[tuple[str, Mapping[str, str]]],
    allow_loop: bool,
    *,
    probe: ProbeFs | None = None,
    mounts: Iterable[MountEntry] | None = None,
) -> DeviceInfo | None:
    """The stick at `sys_path`, or None when it is none (see module docstring).

    `props` are the disk's udev (or uevent) properties, `partitions` each partition's
    sysfs path and properties. Without ID_FS_TYPE in them, `probe(node)` reads the file
    system type and label itself (kernel fallback)."""
    if not is_stick_candidate(sys_path, props, allow_loop):
        return None
    sectors = read_attr(f"{sys_path}/size") or ""
    capacity = int(sectors) * SECTOR if sectors.isdigit() else 0
    node = node_of(sys_path, props)
    is_loop = os.path.basename(sys_path).startswith("loop")
    usb = None if is_loop else usb_device_dir(sys_path)

    def usb_attr(name: str) -> str | None:
        return read_attr(f"{usb}/{name}") if usb else None

    vendor = _first(
        _udev_name(props, "ID_VENDOR"),
        usb_attr("manufacturer"),
        read_attr(f"{sys_path}/device/vendor"),
    )
    model = _first(
        _udev_name(props, "ID_MODEL"),
        usb_attr("product"),
        read_attr(f"{sys_path}/device/model"),
    )
    group = usb_group(usb) if usb else UsbGroup(None, 1)
    # No medium: a password-lock stick still locked (its CD-ROM unit beside it, or a
    # keypad stick: one disk unit that is no card reader), else an empty card reader.
    locked = capacity == 0 and (
        group.unlock_unit is not None
        or (
            (usb is not None or props.get("ID_BUS") == "usb")
            and group.disk_units <= 1
            and not is_card_reader(props, vendor, model, usb_attr("product"))
        )
    )
    if capacity == 0 and not locked:
        return None

    vendor_id = _first(props.get("ID_VENDOR_ID"), usb_attr("idVendor"))
    model_id = _first(props.get("ID_MODEL_ID"), usb_attr("idProduct"))
    serial = _first(props.get("ID_SERIAL_SHORT"), props.get("ID_SERIAL"), usb_attr("serial"))
    if is_loop:
        serial = loop_serial(read_attr(f"{sys_path}/loop/backing_file") or "")
    volumes = []
    devnums: dict[str, str | None] = {node: read_attr(f"{sys_path}/dev")}
    for part_path, part_props in partitions:
        part_node = node_of(part_path, part_props)
        devnums[part_node] = read_attr(f"{part_path}/dev")
        volumes.append(_volume(part_node, part_props, probe))
    if not volumes and not locked:  # a locked unit has nothing to read
        whole = _volume(node, props, probe)
        if whole.fs_type:  # a superfloppy: the file system sits on the disk itself
            volumes.append(whole)
    return DeviceInfo(
        node=node,
        sys_path=sys_path,
        bus=None if is_loop else (props.get("ID_BUS") or ("usb" if usb else None)),
        vendor=vendor,
        model=model,
        usb_id=f"{vendor_id}:{model_id}".lower() if vendor_id and model_id else None,
        serial=serial,
        capacity_bytes=capacity,
        removable=read_attr(f"{sys_path}/removable") == "1",
        partitions=tuple(volumes),
        mount_points=mounts_of(devnums, read_mounts() if mounts is None else mounts),
        is_loop=is_loop,
        locked=locked,
        unlock_unit=group.unlock_unit,
    )


def _volume(node: str, props: Mapping[str, str], probe: ProbeFs | None) -> Partition:
    fs_type = props.get("ID_FS_TYPE") or None
    label = _first(_decode_enc(props.get("ID_FS_LABEL_ENC")), props.get("ID_FS_LABEL"))
    if fs_type is None and probe is not None:
        fs_type, label = probe(node)
    return Partition(node, fs_type, label)
