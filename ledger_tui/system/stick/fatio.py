"""Low-level pieces of `fatfs`: cluster reading, mtools output, pipes and mounted writes."""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO

from ledger_tui.system.archive.errors import (
    DeviceVanished,
    StickError,
    StickFileExists,
    stick_os_error,
)

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer, WriteableBuffer

CHUNK = 1 << 20

_NOISE = ("Could not get geometry",)
# one line of `mdir`: 8.3 name, size or <DIR>, date, time, long name (if any)
_FAT_NAME = re.compile(
    r"^(?P<short>.{8}) (?P<ext>.{3}) +(?P<size>\d+|<DIR>)"
    r" +\d{4}-\d\d-\d\d +\d+:\d\d *(?P<long>.*)$"
)


@dataclass(frozen=True)
class StickFile:
    name: str
    size: int


def cluster_extents(boot: bytes, mshowfat: str, size: int) -> list[tuple[int, int]] | None:
    """(device offset, length) runs holding a file, in file order; None if too short.

    `boot` is the FAT boot sector; `mshowfat` the output of mtools' mshowfat for the file.
    """
    bps = int.from_bytes(boot[11:13], "little")
    per_cluster = boot[13] * bps
    fat_sectors = int.from_bytes(boot[22:24], "little") or int.from_bytes(boot[36:40], "little")
    root_bytes = int.from_bytes(boot[17:19], "little") * 32
    data_start = (int.from_bytes(boot[14:16], "little") + boot[16] * fat_sectors) * bps + -(
        -root_bytes // bps
    ) * bps
    runs = []
    for first, last in re.findall(r"<(\d+)(?:-(\d+))?>", mshowfat):
        count = int(last or first) - int(first) + 1
        runs.append((data_start + (int(first) - 2) * per_cluster, count * per_cluster))
    return runs if sum(length for _, length in runs) >= size else None


class ExtentFile(io.RawIOBase):
    """A read-only, seekable view of a file's clusters on the raw device."""

    def __init__(self, fd: int, extents: list[tuple[int, int]], size: int, device: Path) -> None:
        self._fd, self._extents, self._size, self._device = fd, extents, size, device
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        want = min(len(view), self._size - self._pos)
        done = 0
        skip = self._pos
        for start, length in self._extents:
            if done >= want:
                break
            if skip >= length:
                skip -= length
                continue
            take = min(length - skip, want - done)
            try:
                got = os.preadv(self._fd, [view[done : done + take]], start + skip)
            except OSError as error:
                raise stick_os_error(self._device, error) from error
            if got != take:
                raise DeviceVanished(str(self._device))
            done += take
            skip = 0
        self._pos += done
        return done


class CountingWriter(io.RawIOBase):
    def __init__(self, target: IO[bytes], on_write: Callable[[int], None] | None = None) -> None:
        self._target = target
        self._on_write = on_write
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        written = memoryview(data).nbytes
        self._target.write(data)
        self.count += written
        if self._on_write is not None:
            self._on_write(self.count)
        return written


class DeviceFlusher:
    """Keeps a stick writing while the archive is still being made.

    mtools writes through the block device's page cache; with gigabytes of memory the
    kernel would hold the whole archive there and write it to the stick only at the final
    fsync, after all the encryption — the two would take turns. This thread fsyncs the
    device every `every` bytes written, so the stick writes the first part while the
    next is encrypted. An error it meets is kept and raised by `close` (the kernel
    reports a write error to one fsync only)."""

    def __init__(self, device: Path, every: int) -> None:
        self._device, self._every, self._next = device, every, every
        self._fd = os.open(device, os.O_RDONLY)
        self._wake = threading.Event()
        self._stop = False
        self.error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="stick-flush", daemon=True)
        self._thread.start()

    def wrote(self, total: int) -> None:
        if total >= self._next:
            self._next = total + self._every
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop:
                return
            try:
                os.fsync(self._fd)
            except OSError as error:
                self.error = self.error or error

    def close(self) -> None:
        """Stop the thread (the caller's own final flush writes the rest)."""
        self._stop = True
        self._wake.set()
        self._thread.join()
        os.close(self._fd)


class Drain:
    """Reads a child's stderr in a thread so a chatty child never blocks on it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._chunks: list[bytes] = []
        self._thread = threading.Thread(target=self._run, args=(stream,), daemon=True)
        self._thread.start()

    def _run(self, stream: IO[bytes]) -> None:
        with stream:
            while chunk := stream.read(4096):
                self._chunks.append(chunk)

    def result(self) -> bytes:
        self._thread.join()
        return b"".join(self._chunks)


def mtools_errors(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    for noise in _NOISE:  # loop devices have no geometry; mtools says so on every run
        text = re.sub(re.escape(noise) + r"[^)]*\)", "", text)
    return text.strip()


def readable(device: Path) -> bool:
    try:
        with open(device, "rb") as handle:
            return len(handle.read(512)) == 512
    except OSError:
        return False


def parse_mdir(listing: str) -> Iterator[StickFile]:
    for line in listing.splitlines():
        found = _FAT_NAME.match(line)
        if not found or found.group("size") == "<DIR>":
            continue
        name = found.group("long").strip()
        if not name:
            short, ext = found.group("short").strip(), found.group("ext").strip()
            name = f"{short}.{ext}" if ext else short
        yield StickFile(name, int(found.group("size")))


def drop_cached(fd: int) -> None:
    """Ask the kernel to forget the clean cached pages of `fd` (a stick's block device
    or a file on its mounted filesystem), so the next reads reach the medium. Written
    data is synced before any read-back, so nothing dirty is left to keep."""
    with contextlib.suppress(OSError):  # advice only: a filesystem may not support it
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def mounted_writer(device: Path, path: Path, overwrite: bool) -> Iterator[BinaryIO]:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise StickFileExists(str(device), path.name) from None
    except OSError as error:
        raise stick_os_error(device, error) from error
    try:
        with open(fd, "wb", buffering=CHUNK) as handle:
            yield handle
            handle.flush()
            os.fsync(fd)
        fsync_dir(path.parent)
    except BaseException as error:
        with contextlib.suppress(OSError):
            path.unlink()
        if isinstance(error, OSError) and not isinstance(error, StickError):
            raise stick_os_error(device, error) from error
        raise
