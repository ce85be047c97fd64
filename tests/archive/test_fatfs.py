"""Writing archives to a real FAT32 loop device without mounting, and every failure case."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.system.archive.errors import StickIOError
from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import ArchiveSource, Cancelled, write_archive
from ledger_tui.system.stick.fatfs import (
    DeviceVanished,
    DiskFull,
    MustMount,
    Stick,
    StickFile,
    StickFileExists,
    StickFileMissing,
    StickReadOnly,
    UnknownFilesystem,
    filesystem_type,
    mount_point,
)
from tests.archive.conftest import run_7z
from tests.archive.helpers import PASSWORD, address_csv, random_bytes, sha256

FILES = {"住所録.csv": address_csv(5000), "添付.bin": random_bytes(3 << 20)}
StickMaker = Callable[..., tuple[Stick, Any]]


def _sources(files: dict[str, bytes]) -> list[ArchiveSource]:
    return [ArchiveSource(name, io.BytesIO(data), len(data)) for name, data in files.items()]


def test_write_read_back_and_verify_on_unmounted_fat32(
    fat_stick: StickMaker, seven_zip: Path, tmp_path: Path
) -> None:
    stick, device = fat_stick()
    assert filesystem_type(Path(device.path)) == "fat" and mount_point(stick.device) is None
    name = "税-USB-001_令和7年6月1日.zip"
    with stick.writer(name) as out:
        manifest = write_archive(_sources(FILES), out, PASSWORD, archive_name=name)
    assert stick.list_files() == [StickFile(name, manifest.size)]
    with stick.open(name) as handle:
        contents = ArchiveReader(handle, archive_name=name).extract_all(PASSWORD)
    verify_against_manifest(contents, manifest)
    digest = hashlib.sha256()
    assert stick.read_into(name, digest.update) == manifest.size
    assert digest.hexdigest() == manifest.sha256
    # what the contractor gets: the same bytes, opened by 7-Zip
    copy = tmp_path / "copy.zip"
    with stick.open(name) as handle:
        copy.write_bytes(handle.read())
    assert run_7z(seven_zip, "t", f"-p{PASSWORD}", copy).returncode == 0
    with pytest.raises(StickFileExists), stick.writer(name):
        pass
    with stick.writer(name, overwrite=True) as out:
        out.write(b"replaced")
    assert stick.size_of(name) == 8
    stick.delete(name)
    assert stick.list_files() == []
    with pytest.raises(StickFileMissing):
        stick.delete(name)


def test_a_fragmented_file_reads_back_through_its_cluster_chain(fat_stick: StickMaker) -> None:
    stick, _ = fat_stick()
    for index in range(3):  # interleave clusters of two files, then free the gaps
        with stick.writer(f"gap{index}.bin") as out:
            out.write(random_bytes(5000, seed=index))
        with stick.writer(f"keep{index}.bin") as out:
            out.write(random_bytes(5000, seed=10 + index))
    for index in range(3):
        stick.delete(f"gap{index}.bin")
    data = random_bytes(40_000, seed=99)
    with stick.writer("spread.bin") as out:
        out.write(data)
    with stick.open("spread.bin") as handle:
        assert handle.read() == data
        handle.seek(12_345)
        assert handle.read(100) == data[12_345:12_445]


def test_disk_full_is_clear_and_leaves_no_partial_file(fat_stick: StickMaker) -> None:
    stick, _ = fat_stick(size_mib=40)
    free = stick.free_bytes()
    big = random_bytes(free + (2 << 20))
    with pytest.raises(DiskFull) as caught, stick.writer("load.zip") as out:
        write_archive(_sources({"big.bin": big}), out, PASSWORD, archive_name="load.zip")
    assert stick.device.name in caught.value.message("ja")
    assert stick.list_files() == []


def test_read_only_stick_is_refused_before_writing(
    fat_stick: StickMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick, device = fat_stick()
    subprocess.run(["blockdev", "--setro", device.path], check=True)
    try:
        with pytest.raises(StickReadOnly), stick.writer("load.zip"):
            pass
        # the flag can be missed (e.g. a lock switch seen late): mcopy's own complaint counts
        monkeypatch.setattr(Stick, "read_only", lambda self: False)
        with pytest.raises(StickReadOnly), stick.writer("load.zip") as out:
            out.write(b"x" * 10_000)
    finally:
        subprocess.run(["blockdev", "--setrw", device.path], check=True)


def test_vanished_stick(fat_stick: StickMaker, tmp_path: Path) -> None:
    stick, device = fat_stick()
    device.close()  # losetup -d: the node stays, the medium is gone
    with pytest.raises(DeviceVanished), stick.writer("load.zip"):
        pass
    with pytest.raises(DeviceVanished):
        Stick(tmp_path / "no-such-device").list_files()


def test_unmounted_exfat_must_be_mounted(loop_device_factory: Callable[..., Any]) -> None:
    device = loop_device_factory(size_mib=16)
    subprocess.run(["mkfs.exfat", device.path], check=True, capture_output=True)
    stick = Stick(device.path)
    for action in (
        lambda: stick.writer("a.zip").__enter__(),
        stick.list_files,
        lambda: stick.open("a.zip").__enter__(),
    ):
        with pytest.raises(MustMount) as caught:
            action()
        assert "exfat" in caught.value.message("en")


def test_blank_device_has_no_filesystem(loop_device_factory: Callable[..., Any]) -> None:
    device = loop_device_factory(size_mib=4)
    with pytest.raises(UnknownFilesystem):
        Stick(device.path).list_files()


def test_cancel_removes_the_partial_archive(fat_stick: StickMaker) -> None:
    stick, _ = fat_stick()
    cancel = threading.Event()
    chunks = 0

    def progress(done: int, total: int | None, rate: float) -> None:
        nonlocal chunks
        chunks += 1

    class Slow(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            if self.tell() >= (2 << 20):
                cancel.set()
            return super().read(size)

    data = random_bytes(6 << 20)
    with pytest.raises(Cancelled), stick.writer("load.zip") as out:
        write_archive(
            [ArchiveSource("a.bin", Slow(data), len(data))],
            out,
            PASSWORD,
            archive_name="load.zip",
            cancel=cancel,
            progress=progress,
        )
    assert stick.list_files() == []


@pytest.fixture
def mounted_stick(
    loop_device_factory: Callable[..., Any],
    tmp_path: Path,
) -> Any:
    """A mounted filesystem on a loop device: this kernel mounts ext4, not vfat; the
    mounted path is the same code for any filesystem."""
    device = loop_device_factory(size_mib=32)
    subprocess.run(["mkfs.ext4", "-q", device.path], check=True, capture_output=True)
    target = tmp_path / "mnt point"
    target.mkdir()
    subprocess.run(["mount", device.path, str(target)], check=True)
    try:
        yield Stick(device.path), target
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_mounted_stick_is_written_in_its_mount_point(mounted_stick: Any) -> None:
    stick, target = mounted_stick
    assert mount_point(stick.device) == target
    with stick.writer("load.zip") as out:
        manifest = write_archive(_sources(FILES), out, PASSWORD, archive_name="load.zip")
    assert (target / "load.zip").stat().st_size == manifest.size
    assert sha256((target / "load.zip").read_bytes()) == manifest.sha256
    with stick.open("load.zip") as handle:
        verify_against_manifest(ArchiveReader(handle).extract_all(PASSWORD), manifest)
    assert StickFile("load.zip", manifest.size) in stick.list_files()
    stick.delete("load.zip")
    assert not (target / "load.zip").exists()
    subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True)
    with pytest.raises(StickReadOnly), stick.writer("again.zip") as out:
        out.write(b"x")


def test_read_back_comes_from_the_stick_not_from_the_page_cache(fat_stick: StickMaker) -> None:
    """The verification after a write must read what the stick holds. Here the stick's
    bytes change behind the kernel's back (in the loop device's backing file) after the
    file was written and read once: the read-back must see the change, not the pages the
    kernel kept from the write. (The kernel drops a block device's pages when its last
    opener closes it; another opener — here this test, on a desk a disk utility or a
    second program — keeps them.)"""
    stick, device = fat_stick()
    marker = b"LEDGER-MARKER-" + os.urandom(8).hex().encode()
    data = marker + bytes(64 * 1024 - len(marker))
    holder = os.open(device.path, os.O_RDONLY)
    try:
        with stick.writer("data.bin") as out:
            out.write(data)
        with stick.open("data.bin") as handle:
            assert handle.read() == data  # the device's pages are now cached
        at = Path(device.backing).read_bytes().index(marker)
        with open(device.backing, "r+b") as raw:  # the "stick" decays under the cache
            raw.seek(at)
            raw.write(b"X" * len(marker))
            raw.flush()
            os.fsync(raw.fileno())
        with stick.open("data.bin") as handle:
            assert handle.read(len(marker)) == b"X" * len(marker)
    finally:
        os.close(holder)


@pytest.fixture
def failing_stick(loop_device_factory: Callable[..., Any]) -> Stick:
    """A FAT32 "stick" of 48 MiB whose writes fail after 20 MiB (see the factory)."""
    device = loop_device_factory(size_mib=48, failing_after=20 << 20)
    subprocess.run(["mkfs.vfat", "-F", "32", device.path], check=True, capture_output=True)
    return Stick(device.path)


def test_a_stick_failing_under_the_write_is_an_io_error_and_leaves_no_file(
    failing_stick: Stick,
) -> None:
    with pytest.raises(StickIOError) as caught, failing_stick.writer("load.zip") as out:
        for _ in range(30):
            out.write(os.urandom(1 << 20))
    assert "入出力エラー" in caught.value.message()
    assert failing_stick.list_files() == []
