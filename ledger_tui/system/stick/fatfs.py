"""Files on a stick's FAT32 or exFAT filesystem, mounted or not.

Where the filesystem is mounted (found in /proc/self/mounts by device number) files are
written in the mount point and fsynced. Where it is not, FAT12/16/32 is handled without
mounting through mtools: `mcopy -i DEVICE - ::/NAME` reads the archive from a pipe, so
nothing passes through a temporary file; reading back opens the file's own clusters on
the device (cluster chain from `mshowfat`, layout from the boot sector), which gives the
archive reader a seekable file at device speed. mtools cannot write exFAT and exfatprogs
has no file tools, so an unmounted exFAT stick is refused with a message asking for it
to be mounted. mcopy reports disk full and write errors only on stderr (its exit status
stays 0), so every write is checked against stderr and the size the directory shows.
`device` is the block device holding the filesystem (the partition, where there is one).
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from ledger_tui.system.archive.errors import (
    DeviceVanished,
    DiskFull,
    MustMount,
    StickError,
    StickFileExists,
    StickFileMissing,
    StickIOError,
    StickReadOnly,
    StickToolFailed,
    UnknownFilesystem,
    stick_os_error,
)
from ledger_tui.system.archive.zipformat import entry_name_problem
from ledger_tui.system.stick.fatio import (
    CountingWriter,
    DeviceFlusher,
    Drain,
    ExtentFile,
    StickFile,
    cluster_extents,
    drop_cached,
    fsync_dir,
    mounted_writer,
    mtools_errors,
    parse_mdir,
    readable,
)

__all__ = [
    "DeviceVanished",
    "DiskFull",
    "MustMount",
    "Stick",
    "StickError",
    "StickFile",
    "StickFileExists",
    "StickFileMissing",
    "StickReadOnly",
    "StickToolFailed",
    "UnknownFilesystem",
    "filesystem_type",
    "mount_point",
]

#: The cluster reader's buffer: the archive pipeline's chunk (see archive.writer.CHUNK).
CHUNK = 1 << 18
_PIPE_SIZE = 1 << 20
#: While an archive is written, the stick is flushed every this many bytes, so it writes
#: while the rest is still being encrypted (see `DeviceFlusher`).
FLUSH_EVERY = 8 << 20
_F_SETPIPE_SZ = 1031
_ENV = {"MTOOLS_SKIP_CHECK": "1", "LC_ALL": "C.UTF-8", "MTOOLSRC": "/dev/null"}


def filesystem_type(device: Path) -> str:
    """ "fat" or "exfat", from the boot sector; `UnknownFilesystem` otherwise."""
    try:
        with open(device, "rb") as handle:
            boot = handle.read(512)
    except OSError as error:
        raise stick_os_error(device, error) from error
    if len(boot) < 512:
        raise DeviceVanished(str(device)) if not boot else UnknownFilesystem(str(device))
    if boot[3:11] == b"EXFAT   ":
        return "exfat"
    if boot[510:512] == b"\x55\xaa" and (boot[82:87] == b"FAT32" or boot[54:57] == b"FAT"):
        return "fat"
    raise UnknownFilesystem(str(device))


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mount_point(device: Path, mounts: Path = Path("/proc/self/mounts")) -> Path | None:
    """Where the filesystem on `device` is mounted (matched by device number), if it is."""
    try:
        wanted = os.stat(device).st_rdev
    except OSError:
        return None
    for line in mounts.read_text().splitlines():
        fields = line.split()
        if len(fields) < 2 or not fields[0].startswith("/"):
            continue
        try:
            info = os.stat(_unescape(fields[0]))
        except OSError:
            continue
        if stat.S_ISBLK(info.st_mode) and info.st_rdev == wanted:
            return Path(_unescape(fields[1]))
    return None


def _check_name(device: Path, name: str) -> None:
    """Files live in the stick's root; names follow Windows' rules (as archive names do)."""
    if "/" in name or entry_name_problem(name):
        raise StickToolFailed(str(device), "archive.detail.stick_name")


class Stick:
    """One stick's filesystem. Each call looks again whether it is mounted."""

    def __init__(self, device: Path | str) -> None:
        self.device = Path(device)

    # --- where and how -------------------------------------------------------------

    def _where(self) -> Path | None:
        """The mount point, or None for the mtools path; refuses what cannot be done."""
        if not self.device.exists():
            raise DeviceVanished(str(self.device))
        mounted = mount_point(self.device)
        if mounted is not None:
            return mounted
        fstype = filesystem_type(self.device)
        if fstype != "fat":
            raise MustMount(str(self.device), fstype)
        return None

    def read_only(self) -> bool:
        """The kernel's read-only flag of the block device (lock switch, setro)."""
        name = self.device.resolve().name
        try:
            return Path(f"/sys/class/block/{name}/ro").read_text().strip() == "1"
        except OSError:
            return False

    def _mtools(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
        result = subprocess.run(
            list(args), capture_output=True, check=False, env={**os.environ, **_ENV}
        )
        if check and result.returncode != 0:
            raise self._classify(mtools_errors(result.stderr), default_vanished=True)
        return result

    def _classify(self, stderr: str, *, default_vanished: bool = False) -> StickError:
        """The real cause first (the device gone, its read-only flag), then what mtools
        said: a write refused by a read-only stick also makes mtools say "disk full"."""
        text = stderr.lower()
        device = str(self.device)
        if not self.device.exists():
            return DeviceVanished(device)
        if "read-only" in text or "operation not permitted" in text or self.read_only():
            return StickReadOnly(device)
        if "boot sector" in text or "no such device" in text:
            return DeviceVanished(device)
        if "input/output error" in text and readable(self.device):
            return StickIOError(device)
        if "no space left" in text or "no free cluster" in text or "disk full" in text:
            return DiskFull(device)
        if default_vanished and not readable(self.device):
            return DeviceVanished(device)
        return StickToolFailed(
            device, stderr.strip().splitlines()[-1] if stderr.strip() else "mtools"
        )

    # --- operations ------------------------------------------------------------------

    def list_files(self) -> list[StickFile]:
        mounted = self._where()
        if mounted is not None:
            return sorted(
                (StickFile(e.name, e.stat().st_size) for e in os.scandir(mounted) if e.is_file()),
                key=lambda f: f.name,
            )
        out = self._mtools("mdir", "-a", "-i", str(self.device), "::/").stdout
        return sorted(parse_mdir(out.decode("utf-8", "replace")), key=lambda f: f.name)

    def size_of(self, name: str) -> int:
        for entry in self.list_files():
            if entry.name == name:
                return entry.size
        raise StickFileMissing(str(self.device), name)

    def free_bytes(self) -> int:
        mounted = self._where()
        if mounted is not None:
            info = os.statvfs(mounted)
            return info.f_bavail * info.f_frsize
        out = self._mtools("mdir", "-a", "-i", str(self.device), "::/").stdout.decode()
        found = re.search(r"([\d ]+) bytes free", out)
        if found is None:  # never "no room" for a listing that says nothing of room
            raise self._classify("", default_vanished=True)
        return int(found.group(1).replace(" ", ""))

    def delete(self, name: str) -> None:
        _check_name(self.device, name)
        mounted = self._where()
        if mounted is None:
            self.size_of(name)  # StickFileMissing rather than mdel's complaint
            self._mtools("mdel", "-i", str(self.device), f"::/{name}")
            self._flush()
            return
        try:
            (mounted / name).unlink()
            fsync_dir(mounted)
        except FileNotFoundError:
            raise StickFileMissing(str(self.device), name) from None
        except OSError as error:
            raise stick_os_error(self.device, error) from error

    @contextlib.contextmanager
    def writer(self, name: str, *, overwrite: bool = False) -> Iterator[BinaryIO]:
        """A stream that becomes the file `name` on the stick when the block ends.

        On any error inside the block, the partial file is removed (best effort) and
        the error is re-raised; stick failures become `StickError`s.
        """
        _check_name(self.device, name)
        mounted = self._where()
        if self.read_only():
            raise StickReadOnly(str(self.device))
        if not overwrite and any(f.name.casefold() == name.casefold() for f in self.list_files()):
            raise StickFileExists(str(self.device), name)
        if mounted is not None:
            with mounted_writer(self.device, mounted / name, overwrite) as stream:
                yield stream
            return
        with self._mcopy_writer(name) as stream:
            yield stream

    @contextlib.contextmanager
    def _mcopy_writer(self, name: str) -> Iterator[BinaryIO]:
        process = subprocess.Popen(
            ["mcopy", "-o", "-i", str(self.device), "-", f"::/{name}"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, **_ENV},
        )
        assert process.stdin is not None and process.stderr is not None
        with contextlib.suppress(OSError):  # a bigger pipe means fewer context switches
            fcntl.fcntl(process.stdin.fileno(), _F_SETPIPE_SZ, _PIPE_SIZE)
        stderr = Drain(process.stderr)
        try:
            flusher = DeviceFlusher(self.device, FLUSH_EVERY)
        except OSError as error:
            process.kill()
            process.wait()
            raise stick_os_error(self.device, error) from error
        counting = CountingWriter(process.stdin, flusher.wrote)
        failure: BaseException | None = None
        try:
            yield counting  # type: ignore[misc]  # a raw stream: typeshed makes no RawIOBase a BinaryIO
        except BaseException as error:
            failure = error
        with contextlib.suppress(OSError):
            process.stdin.close()
        process.wait()
        flusher.close()
        if failure is None and flusher.error is not None:
            failure = flusher.error
        messages = mtools_errors(stderr.result())
        if failure is None and not messages and process.returncode == 0:
            self._flush()
            if self._size_or_none(name) == counting.count:
                return
        problem = (
            stick_os_error(self.device, flusher.error)
            if flusher.error is not None
            else self._classify(messages)
        )
        with contextlib.suppress(StickError):
            self._mtools("mdel", "-i", str(self.device), f"::/{name}", check=False)
            self._flush()
        if failure is not None and not isinstance(failure, (BrokenPipeError, OSError)):
            raise failure
        raise problem from failure

    def _size_or_none(self, name: str) -> int | None:
        try:
            return self.size_of(name)
        except StickError:
            return None

    def _flush(self) -> None:
        """Push the block device's cached writes out (mtools does not sync)."""
        try:
            fd = os.open(self.device, os.O_RDONLY)
        except OSError as error:
            raise stick_os_error(self.device, error) from error
        try:
            os.fsync(fd)
        except OSError as error:
            raise stick_os_error(self.device, error) from error
        finally:
            os.close(fd)

    def read_into(self, name: str, sink: Callable[[bytes], object]) -> int:
        """Stream the file to `sink` in chunks; returns its size (a plain read)."""
        with self.open(name) as handle:
            total = 0
            while chunk := handle.read(CHUNK):
                sink(chunk)
                total += len(chunk)
            return total

    def _extents(self, name: str, size: int) -> list[tuple[int, int]]:
        with open(self.device, "rb") as handle:
            boot = handle.read(512)
        out = self._mtools("mshowfat", "-i", str(self.device), f"::/{name}").stdout.decode()
        runs = cluster_extents(boot, out, size)
        if runs is None:
            raise StickToolFailed(str(self.device), "archive.detail.structure")
        return runs

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[BinaryIO]:
        """The file, opened read-only and seekable (for the archive reader). Reads come
        from the stick itself, not from pages the kernel still holds from the write:
        a read-back that met the page cache would verify nothing about the stick."""
        _check_name(self.device, name)
        mounted = self._where()
        if mounted is not None:
            try:
                handle = open(mounted / name, "rb")
            except FileNotFoundError:
                raise StickFileMissing(str(self.device), name) from None
            except OSError as error:
                raise stick_os_error(self.device, error) from error
            with handle:
                drop_cached(handle.fileno())
                yield handle
            return
        size = self.size_of(name)
        extents = self._extents(name, size)
        fd = os.open(self.device, os.O_RDONLY)
        try:
            drop_cached(fd)
            yield io.BufferedReader(ExtentFile(fd, extents, size, self.device), buffer_size=CHUNK)
        finally:
            os.close(fd)
