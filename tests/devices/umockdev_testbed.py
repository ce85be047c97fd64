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

    def remove_disk(self, disk: MockDisk) -> None:
        """Pull the disk: "remove" for its partitions then the disk (the kernel's order),
        then take the whole device chain out of the test bed."""
        for path in [*disk.partition_paths, disk.sys_path]:
            self.uevent(path, "remove")
        for path in [*disk.partition_paths, *disk.chain]:
            _lib.umockdev_testbed_remove_device(self._handle, path.encode())
        for name in [disk.name, *(part for part, _, _ in disk.partitions)]:
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
) -> MockDisk:
    """A USB stick on port 1-`port`; `partitions` are (name, fs type, label)."""
    host = 5 + port
    usb = f"/sys/devices/pci0000:00/0000:00:14.0/usb1/1-{port}"
    interface = f"{usb}/1-{port}:1.0"
    scsi = f"{interface}/host{host}/target{host}:0:0/{host}:0:0:0"
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
    return MockDisk(name, [disk, scsi, interface, usb], "\n\n".join(blocks) + "\n", parts)


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
