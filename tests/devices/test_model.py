"""The pieces under the sources: weak identity, the mount table, file-system probing
on real images, kernel uevent parsing and the choice of source."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from ledger_tui.i18n import t
from ledger_tui.system.devices import sources as devices_sources
from ledger_tui.system.devices.model import DeviceInfo, MountPoint, is_weak_serial
from ledger_tui.system.devices.probe import probe_fs
from ledger_tui.system.devices.sources import (
    KernelUeventSource,
    PyudevSource,
    choose_source,
    parse_uevent,
)
from ledger_tui.system.devices.sysfs import mounts_of, read_mounts

MIB = 1024 * 1024


@pytest.mark.parametrize(
    ("serial", "weak"),
    [
        (None, True),
        ("", True),
        ("   ", True),
        ("A1B", True),  # too short to tell a desk's sticks apart
        ("000000000000", True),
        ("FFFFFFFF", True),
        ("0" * 20, True),
        ("0123456789ABCDEF", True),
        ("0123456789abcdef", True),
        ("23456789AB", True),
        ("To Be Filled By O.E.M.", True),
        ("USB", True),
        ("GENERIC", True),
        ("SanDisk", True),
        ("Cruzer_Blade", True),
        ("SanDisk_Cruzer_Blade", True),
        ("4C530001230611105153", False),
        ("AA11BB22CC33", False),
        ("1234ABCD", False),
        ("0701374A5E2B1C19", False),
    ],
)
def test_weak_serials(serial: str | None, weak: bool) -> None:
    assert is_weak_serial(serial, vendor="SanDisk", model="Cruzer Blade") is weak


def test_weak_identity_is_computed_and_never_set_for_loop_devices() -> None:
    def info(serial: str | None, is_loop: bool = False) -> DeviceInfo:
        return DeviceInfo(
            "/dev/sdb",
            "/sys/x",
            "usb",
            "Kingston",
            "DataTraveler",
            None,
            serial,
            1,
            True,
            is_loop=is_loop,
        )

    assert info("000000000000").weak_identity
    assert not info("001CC0EC3450BB40C71C0B6E").weak_identity
    assert not info("/tmp/stick.img", is_loop=True).weak_identity
    assert info("x").as_dict()["weak_identity"] is True


def test_mount_table_matches_by_device_number_and_by_path(tmp_path: Path) -> None:
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 254:0 / / rw - ext4 /dev/vda rw\n"
        "40 22 8:17 / /media/desk/STICK\\040\\346\\274\\242 rw - vfat /dev/sdb1 rw\n"
        "41 22 0:50 / /media/fuse rw - fuseblk /dev/sdb2 rw\n"
        "broken line\n"
    )
    mounts = read_mounts(str(mountinfo))
    assert [m.path for m in mounts] == ["/", "/media/desk/STICK 漢", "/media/fuse"]
    found = mounts_of({"/dev/sdb": "8:16", "/dev/sdb1": "8:17", "/dev/sdb2": "8:18"}, mounts)
    assert found == (
        MountPoint("/dev/sdb1", "/media/desk/STICK 漢", "vfat"),
        MountPoint("/dev/sdb2", "/media/fuse", "fuseblk"),
    )  # FUSE: by path
    assert mounts_of({"/dev/sdc": "8:32"}, mounts) == ()
    assert read_mounts(str(tmp_path / "missing")) == []


def _image(tmp_path: Path, name: str, *mkfs: str, size: int = 64 * MIB) -> str:
    path = tmp_path / f"{name}.img"
    with open(path, "wb") as handle:
        handle.truncate(size)
    if mkfs:
        subprocess.run([*mkfs, str(path)], check=True, capture_output=True)
    return str(path)


def test_probe_reads_type_and_label_of_real_file_systems(tmp_path: Path) -> None:
    assert probe_fs(_image(tmp_path, "fat16", "mkfs.vfat", "-F", "16", "-n", "DESK16")) == (
        "vfat",
        "DESK16",
    )
    assert probe_fs(_image(tmp_path, "fat32", "mkfs.vfat", "-F", "32")) == ("vfat", None)
    assert probe_fs(_image(tmp_path, "exfat", "mkfs.exfat", "-L", "経理課")) == ("exfat", "経理課")
    assert probe_fs(_image(tmp_path, "ext4", "mkfs.ext4", "-q", "-L", "lbl")) == ("ext4", "lbl")
    assert probe_fs(_image(tmp_path, "ext3", "mkfs.ext3", "-q")) == ("ext3", None)
    assert probe_fs(_image(tmp_path, "ext2", "mkfs.ext2", "-q")) == ("ext2", None)
    assert probe_fs(_image(tmp_path, "blank")) == (None, None)
    assert probe_fs(str(tmp_path / "absent.img")) == (None, None)


def test_fat_label_comes_from_the_root_directory(tmp_path: Path) -> None:
    # Windows renames the root directory's label entry and leaves the boot sector's copy;
    # Japanese Windows writes it in Shift_JIS.
    path = Path(_image(tmp_path, "renamed", "mkfs.vfat", "-F", "32", "-n", "OLDNAME"))
    data = bytearray(path.read_bytes())
    root_entry = data.rindex(b"OLDNAME    ")  # after the boot sector and its backup
    data[root_entry : root_entry + 11] = "経理01".encode("cp932").ljust(11, b" ")
    path.write_bytes(bytes(data))
    assert probe_fs(str(path)) == ("vfat", "経理01")


def test_probe_knows_ntfs_and_iso9660_by_their_signatures(tmp_path: Path) -> None:
    ntfs = bytearray(64 * 1024)
    ntfs[3:11] = b"NTFS    "
    iso = bytearray(64 * 1024)
    iso[0x8001:0x8006] = b"CD001"
    iso[0x8028:0x8048] = b"CONTRACT_2025".ljust(32, b" ")
    (tmp_path / "ntfs.img").write_bytes(bytes(ntfs))
    (tmp_path / "iso.img").write_bytes(bytes(iso))
    assert probe_fs(str(tmp_path / "ntfs.img")) == ("ntfs", None)
    assert probe_fs(str(tmp_path / "iso.img")) == ("iso9660", "CONTRACT_2025")


def test_kernel_uevent_messages_are_parsed() -> None:
    raw = parse_uevent(
        b"change@/devices/virtual/block/loop1\0ACTION=change\0"
        b"DEVPATH=/devices/virtual/block/loop1\0SUBSYSTEM=block\0"
        b"DEVNAME=loop1\0DEVTYPE=disk\0SEQNUM=1188\0",
        12.5,
    )
    assert raw is not None
    assert (raw.action, raw.sys_path, raw.props["DEVTYPE"], raw.seen_at) == (
        "change",
        "/sys/devices/virtual/block/loop1",
        "disk",
        12.5,
    )
    assert parse_uevent(b"libudev\0\xfe\xed\xca\xfe...") is None  # udev's group, not ours
    assert parse_uevent(b"add@/devices/x\0SUBSYSTEM=block\0") is None  # no ACTION/DEVPATH


def test_choose_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("UMOCKDEV_DIR", raising=False)
    monkeypatch.delenv("LD_PRELOAD", raising=False)
    monkeypatch.setattr(devices_sources, "UDEV_CONTROL", str(tmp_path / "control"))
    source, key = choose_source(allow_loop=False)
    assert isinstance(source, KernelUeventSource) and key == "devices.source.kernel"
    assert "kernel" in t(key, "en")  # the strip says how sticks are detected

    (tmp_path / "control").touch()  # udevd listens here
    source, key = choose_source(allow_loop=False)
    assert isinstance(source, PyudevSource) and key == "devices.source.udev"
