"""A small ctypes binding to umockdev's Testbed (libumockdev.so.0) and descriptions of
mocked disks: a USB stick (disk → scsi → usb_interface → usb_device) and a SATA disk.

Only usable in a process started under `umockdev-wrapper` (LD_PRELOAD of the preload
library, which redirects /sys and the uevent sockets into the test bed). Gotchas met
(see ../shared/PLATFORM.md): adding a device emits "add" by itself; removing one emits
nothing and leaves /sys/block/NAME behind, so `remove_disk` sends "remove" first, removes
the whole chain and the block link, or re-adding the same disk aborts the process.
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field

_lib = ctypes.CDLL("libumockdev.so.0")
_gobject = ctypes.CDLL("libgobject-2.0.so.0")
_glib = ctypes.CDLL("libglib-2.0.so.0")


class _GError(ctypes.Structure):
    _fields_ = [("domain", ctypes.c_uint32), ("code", ctypes.c_int), ("message", ctypes.c_char_p)]


_lib.umockdev_testbed_new.restype = ctypes.c_void_p
_lib.umockdev_testbed_add_from_string.argtypes = [
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.POINTER(ctypes.POINTER(_GError)),
]
_lib.umockdev_testbed_add_from_string.restype = ctypes.c_int
_lib.umockdev_testbed_uevent.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
_lib.umockdev_testbed_remove_device.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
_lib.umockdev_testbed_set_attribute.argtypes = [
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.c_char_p,
    ctypes.c_char_p,
]
_lib.umockdev_testbed_set_property.argtypes = [
    ctypes.c_void_p,
    ctypes.c_char_p,
    ctypes.c_char_p,
    ctypes.c_char_p,
]
_lib.umockdev_testbed_get_sys_dir.argtypes = [ctypes.c_void_p]
_lib.umockdev_testbed_get_sys_dir.restype = ctypes.c_char_p
_gobject.g_object_unref.argtypes = [ctypes.c_void_p]
_glib.g_error_free.argtypes = [ctypes.POINTER(_GError)]


class Testbed:
    """One umockdev test bed (it sets UMOCKDEV_DIR for this process)."""

    def __init__(self) -> None:
        self._handle = _lib.umockdev_testbed_new()
        self.sys_dir = _lib.umockdev_testbed_get_sys_dir(self._handle).decode()

    def add(self, description: str) -> None:
        error = ctypes.POINTER(_GError)()
        if not _lib.umockdev_testbed_add_from_string(
            self._handle, description.encode(), ctypes.byref(error)
        ):
            message = error.contents.message.decode() if error else "unknown error"
            if error:
                _glib.g_error_free(error)
            raise RuntimeError(f"umockdev refused the description: {message}")

    def uevent(self, sys_path: str, action: str) -> None:
        _lib.umockdev_testbed_uevent(self._handle, sys_path.encode(), action.encode())

    def insert(self, disk: MockDisk) -> None:
        """Plug the disk in: its chain, then the other units of its USB device (a
        software-unlock stick's CD-ROM unit), each description adding one branch."""
        self.add(disk.description)
        for unit in disk.units:
            self.add(unit.description)

    def medium_change(self, disk: MockDisk, sectors: int) -> None:
        """What the kernel does when a locked stick is unlocked: the disk unit's size
        appears and a "change" uevent says the medium changed."""
        _lib.umockdev_testbed_set_attribute(
            self._handle, disk.sys_path.encode(), b"size", str(sectors).encode()
        )
        _lib.umockdev_testbed_set_property(
            self._handle, disk.sys_path.encode(), b"DISK_MEDIA_CHANGE", b"1"
        )
        self.uevent(disk.sys_path, "change")

    def remove_disk(self, disk: MockDisk) -> None:
        """Pull the disk: "remove" for its partitions then the disk (the kernel's order),
        then take the whole device chain out of the test bed."""
        for unit in disk.units:
            self.uevent(unit.sys_path, "remove")
            _lib.umockdev_testbed_remove_device(self._handle, unit.sys_path.encode())
            _lib.umockdev_testbed_remove_device(self._handle, unit.chain[1].encode())
            self._unlink(unit.name)
        for path in [*disk.partition_paths, disk.sys_path]:
            self.uevent(path, "remove")
        for path in [*disk.partition_paths, *disk.chain]:
            _lib.umockdev_testbed_remove_device(self._handle, path.encode())
        for name in [disk.name, *(part for part, _, _ in disk.partitions)]:
            self._unlink(name)

    def _unlink(self, name: str) -> None:
        for link in (f"{self.sys_dir}/block/{name}", f"{self.sys_dir}/class/block/{name}"):
            if os.path.islink(link):
                os.unlink(link)

    def close(self) -> None:
        _gobject.g_object_unref(self._handle)


@dataclass
class MockDisk:
    name: str
    chain: list[str]  # sysfs paths, the disk first, then its parents
    description: str
    partitions: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    #: other units of the same USB device (a software-unlock stick's CD-ROM unit)
    units: list[MockDisk] = field(default_factory=list)

    @property
    def sys_path(self) -> str:
        return self.chain[0]

    @property
    def partition_paths(self) -> list[str]:
        return [f"{self.sys_path}/{name}" for name, _, _ in self.partitions]


def _block(
    path: str, name: str, devtype: str, number: int, props: dict[str, str], attrs: dict[str, str]
) -> str:
    lines = [
        f"P: {path.removeprefix('/sys')}",
        f"N: {name}",
        f"E: DEVNAME=/dev/{name}",
        f"E: DEVTYPE={devtype}",
        "E: SUBSYSTEM=block",
        "E: MAJOR=8",
        f"E: MINOR={number}",
    ]
    lines += [f"E: {key}={value}" for key, value in props.items() if value is not None]
    lines += [f"A: {key}={value}" for key, value in {**attrs, "dev": f"8:{number}"}.items()]
    return "\n".join(lines)


def usb_stick(
    name: str = "sdb",
    *,
    port: int = 1,
    serial: str | None = "4C530001230611105153",
    vendor: str = "SanDisk",
    model: str = "Cruzer Blade",
    vendor_id: str = "0781",
    product_id: str = "5567",
    sectors: int = 31_266_816,
    removable: bool = True,
    partitions: list[tuple[str, str | None, str | None]] | None = None,
    lock: str | None = None,
    extra_props: dict[str, str] | None = None,
) -> MockDisk:
    """A USB stick on port 1-`port`; `partitions` are (name, fs type, label).

    `lock` makes it a password-lock stick still locked: its disk unit reports no medium
    (size 0, no partitions); "software" adds the CD-ROM unit with the vendor's unlock
    tool as LUN 0 of the same USB device (the disk unit is LUN 1), "keypad" has none."""
    host = 5 + port
    usb = f"/sys/devices/pci0000:00/0000:00:14.0/usb1/1-{port}"
    interface = f"{usb}/1-{port}:1.0"
    lun = 1 if lock == "software" else 0
    scsi = f"{interface}/host{host}/target{host}:0:0/{host}:0:0:{lun}"
    if lock is not None:
        sectors, partitions = 0, []
    disk = f"{scsi}/block/{name}"
    number = 16 * (ord(name[-1]) - ord("a"))
    props = {
        "ID_BUS": "usb",
        "ID_VENDOR": vendor.replace(" ", "_"),
        "ID_VENDOR_ENC": vendor.replace(" ", "\\x20"),
        "ID_MODEL": model.replace(" ", "_"),
        "ID_MODEL_ENC": model.replace(" ", "\\x20"),
        "ID_VENDOR_ID": vendor_id,
        "ID_MODEL_ID": product_id,
        "ID_SERIAL": "_".join(filter(None, [vendor, model, serial])).replace(" ", "_"),
    }
    if serial:
        props["ID_SERIAL_SHORT"] = serial
    props.update(extra_props or {})
    parts: list[tuple[str, str | None, str | None]] = (
        partitions if partitions is not None else [(f"{name}1", "vfat", "STICK")]
    )
    blocks = [
        _block(
            disk,
            name,
            "disk",
            number,
            props,
            {"removable": "1" if removable else "0", "size": str(sectors)},
        )
    ]
    for index, (part, fs_type, label) in enumerate(parts, start=1):
        part_props = {
            **props,
            "ID_FS_TYPE": fs_type or "",
            "ID_FS_LABEL": label or "",
            "ID_FS_LABEL_ENC": label or "",
        }
        blocks.append(
            _block(
                f"{disk}/{part}",
                part,
                "partition",
                number + index,
                {k: v for k, v in part_props.items() if v},
                {"partition": str(index), "size": str(sectors - 2048)},
            )
        )
    blocks.append(
        f"P: {scsi.removeprefix('/sys')}\nE: DEVTYPE=scsi_device\nE: SUBSYSTEM=scsi\n"
        f"A: vendor={vendor[:8]}\nA: model={model[:16]}"
    )
    blocks.append(
        f"P: {interface.removeprefix('/sys')}\nE: DEVTYPE=usb_interface\n"
        "E: SUBSYSTEM=usb\nE: DRIVER=usb-storage\nA: bInterfaceClass=08"
    )
    blocks.append(
        f"P: {usb.removeprefix('/sys')}\nE: DEVTYPE=usb_device\nE: SUBSYSTEM=usb\n"
        f"A: idVendor={vendor_id}\nA: idProduct={product_id}\n"
        f"A: manufacturer={vendor}\nA: product={model}"
        + (f"\nA: serial={serial}" if serial else "")
    )
    # The disk comes first: umockdev emits the disk's "add" once its parents exist.
    stick = MockDisk(name, [disk, scsi, interface, usb], "\n\n".join(blocks) + "\n", parts)
    if lock == "software":
        stick.units.append(_unlock_unit(interface, host, port, props))
    return stick


def _unlock_unit(interface: str, host: int, port: int, props: dict[str, str]) -> MockDisk:
    """A software-unlock stick's CD-ROM unit (LUN 0): the vendor's unlock tool, read-only,
    ~1 GB, always with its "medium" in."""
    name = f"sr{port - 1}"
    scsi = f"{interface}/host{host}/target{host}:0:0/{host}:0:0:0"
    disk = f"{scsi}/block/{name}"
    cd_props = {**props, "ID_TYPE": "cd", "ID_CDROM": "1", "ID_FS_TYPE": "iso9660"}
    lines = [
        f"P: {disk.removeprefix('/sys')}",
        f"N: {name}",
        f"E: DEVNAME=/dev/{name}",
        "E: DEVTYPE=disk",
        "E: SUBSYSTEM=block",
        "E: MAJOR=11",
        f"E: MINOR={port - 1}",
        *(f"E: {key}={value}" for key, value in cd_props.items()),
        "A: removable=1",
        "A: ro=1",
        f"A: size={2 * 1024 * 1024}",
        f"A: dev=11:{port - 1}",
    ]
    scsi_block = (
        f"P: {scsi.removeprefix('/sys')}\nE: DEVTYPE=scsi_device\nE: SUBSYSTEM=scsi\n"
        "A: type=5\nA: vendor=Vendor\nA: model=Unlocker CD"
    )
    parents = [interface, interface.rsplit("/", 1)[0]]
    return MockDisk(name, [disk, scsi, *parents], "\n".join(lines) + "\n\n" + scsi_block + "\n")


def ata_disk(name: str = "sdc", *, sectors: int = 1_953_525_168) -> MockDisk:
    """A SATA hard disk: a block disk with no USB device among its parents."""
    scsi = "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0"
    disk = f"{scsi}/block/{name}"
    props = {
        "ID_BUS": "ata",
        "ID_MODEL": "WDC_WD10EZEX",
        "ID_SERIAL_SHORT": "WD-WCC6Y0000001",
        "ID_SERIAL": "WDC_WD10EZEX_WD-WCC6Y0000001",
    }
    number = 16 * (ord(name[-1]) - ord("a"))
    blocks = [
        _block(disk, name, "disk", number, props, {"removable": "0", "size": str(sectors)}),
        (
            f"P: {scsi.removeprefix('/sys')}\nE: DEVTYPE=scsi_device\nE: SUBSYSTEM=scsi\n"
            "A: vendor=ATA\nA: model=WDC WD10EZEX"
        ),
    ]
    return MockDisk(name, [disk, scsi], "\n\n".join(blocks) + "\n", [])
