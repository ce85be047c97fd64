"""Re-initialisation on real loop devices: FAT32 / FAT16 / exFAT, labels read back by
independent tools, and a file written to the new file system without mounting it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from ledger_tui.system.stick.blockdev import DeviceMissing
from ledger_tui.system.stick.mkfs import FilesystemError, make_filesystem, volume_label
from ledger_tui.system.stick.wipe import wipe_device

MIB = 1024 * 1024
TOOLS_ENV = {**os.environ, "MTOOLS_SKIP_CHECK": "1", "LC_ALL": "C.UTF-8"}


def _tool(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, env=TOOLS_ENV).stdout


@pytest.mark.parametrize(
    ("control_number", "fat", "exfat"),
    [
        ("税-USB-003", "USB-003", "税-USB-003"),
        ("usb-12", "USB-12", "usb-12"),
        ("ZEIMU-USB-0003", "EIMUUSB0003", "ZEIMU-USB-0003"),
        ("A-B-C-D-E-F-G", "ABCDEFG", "A-B-C-D-E-F-G"),
        ("税務課", "LEDGER", "税務課"),
        ("保険年金課-USB-0012", "USB-0012", "保険年金課-USB-0012"),
        ("kokuho/usb:7", "KOKUHOUSB7", "KOKUHO-USB-7"),
    ],
)
def test_volume_labels(control_number: str, fat: str, exfat: str) -> None:
    assert volume_label(control_number, "vfat") == fat
    assert volume_label(control_number, "exfat") == exfat
    assert len(fat) <= 11 and fat == fat.upper() and fat.isascii()


def test_fat32_after_a_wipe_is_listed_and_writable(
    attach_loop: Callable[..., str], tmp_path: Path
) -> None:
    device = attach_loop(64 * MIB)
    wipe_device(device)
    result = make_filesystem(device, "税-USB-003")
    assert (result.fs_type, result.fat_bits, result.label) == ("vfat", 32, "USB-003")
    assert result.control_number == "税-USB-003" and not result.fat16_small_device
    assert result.tool_versions[0].startswith("mkfs.fat ")
    assert any(v.startswith("fsck.fat ") for v in result.tool_versions)
    assert "clusters" in result.check_summary and "USB-003" in result.listing
    assert "USB-003" in result.notes("ja")[0] and "税-USB-003" in result.notes("en")[0]
    # independent read-back: the label, a file copied in and listed, fsck still clean
    assert _tool("fatlabel", device).strip() == "USB-003"
    note = tmp_path / "readme.txt"
    note.write_text("blank\n")
    _tool("mcopy", "-i", device, str(note), "::/readme.txt")
    assert "readme" in _tool("mdir", "-i", device, "::").lower()
    assert "FAT32" in _tool("file", "-s", device) or "FAT (32 bit)" in _tool("file", "-s", device)
    _tool("fsck.vfat", "-n", device)


def test_small_devices_get_fat16_and_say_so(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(16 * MIB)
    result = make_filesystem(device, "税-USB-004")
    assert (result.fs_type, result.fat_bits, result.fat16_small_device) == ("vfat", 16, True)
    assert any("FAT16" in note for note in result.notes("en"))
    assert "FAT (16 bit)" in _tool("file", "-s", device)


def test_exfat_keeps_the_japanese_control_number(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(32 * MIB)
    result = make_filesystem(device, "税-USB-005", fs="exfat")
    assert (result.fs_type, result.label, result.fat_bits) == ("exfat", "税-USB-005", None)
    assert "clean" in result.check_summary and result.notes("ja") == []
    assert "label: 税-USB-005" in _tool("exfatlabel", device)


def test_auto_chooses_exfat_above_the_threshold(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(40 * MIB)
    assert make_filesystem(device, "X-1", exfat_threshold=32 * MIB).fs_type == "exfat"
    assert make_filesystem(device, "X-1", exfat_threshold=64 * MIB).fs_type == "vfat"


def test_errors_are_desk_messages(
    attach_loop: Callable[..., str],
    tmp_path: Path,
    mounted_loop: tuple[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    device = attach_loop(40 * MIB)
    with pytest.raises(FilesystemError) as unknown:
        make_filesystem(device, "X-1", fs="ntfs")
    assert "ntfs" in unknown.value.message("en")
    with pytest.raises(DeviceMissing):
        make_filesystem(str(tmp_path / "gone"), "X-1")
    with pytest.raises(FilesystemError) as failed:
        make_filesystem(mounted_loop[0], "X-1")  # mkfs.fat refuses a mounted device
    assert failed.value.key == "error.mkfs.failed"
    assert "mkfs.vfat" in failed.value.message("ja") and "mounted" in failed.value.message("en")
    monkeypatch.setattr("ledger_tui.system.stick.mkfs.shutil.which", lambda tool, path=None: None)
    with pytest.raises(FilesystemError) as missing:
        make_filesystem(device, "X-1")
    assert missing.value.key == "error.mkfs.tool_missing"
    assert "dosfstools" in missing.value.message("ja")
