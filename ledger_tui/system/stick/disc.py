"""CD-Rs: the archives go onto a disc as an ISO 9660 image with Joliet names (Japanese
file names read on Windows), written with `xorriso` to the burner (`/dev/sr0`) or, where
the desk has none, to an image file; then the disc is read back.

The burner is an address in xorriso's terms: a drive (`/dev/sr0`, the default; the
`LEDGER_TUI_BURNER` setting names another) or `stdio:PATH`, xorriso's pseudo drive that
writes a disc onto a file or a block device (a loop device in the tests) through the very
same burn command. Reads of the disc go to the path behind the address.

The image is made from a staging folder that holds only the encrypted archives. On a
burner the image is made in a temporary file next to the staging folder, hashed, and
burned with xorriso's cdrecord emulation; the read-back reads the disc, whose first
`size` bytes must hash to the image's SHA-256. An image file is written in place and is
its own disc: hashing it as made, again as read back and once more under the archives'
check read the same file three times. Its one read is now the archives' check: the
image must hold every byte its ISO 9660 volume descriptor declares (a short image is
refused before anything is read), each archive is read from its extent on the disc and
verified, and the image's SHA-256 is taken from those same reads in image order (the
few bytes between and after the extents are read for it at the end, `DiscStore.finish`).
On a burner each archive is read from its extent on the disc after the read-back.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

from ledger_tui.system.archive.errors import DetailedError
from ledger_tui.system.stick.fatio import CHUNK, ExtentFile, StickFile, drop_cached

SECTOR = 2048
PSEUDO_DRIVE = "stdio:"
_REPORT = re.compile(r"^File data lba:\s*\d+\s*,\s*(\d+)\s*,\s*\d+\s*,\s*(\d+)\s*,\s*'(.*)'\s*$")


class DiscError(DetailedError):
    """Making, burning or reading back a disc failed; the message names the disc."""


@dataclass(frozen=True, slots=True)
class DiscSession:
    """What was written: the volume id, the image's size and SHA-256, and where. An
    image file's SHA-256 is "" until its read-back (`check_read_back`) takes it."""

    volume_id: str
    size: int
    sha256: str
    target: str


def disc_path(target: str) -> str:
    """Where the disc of `target` is read: the path behind a `stdio:` pseudo drive."""
    return target.removeprefix(PSEUDO_DRIVE)


def is_burner(target: str) -> bool:
    """A drive the image is burned onto (a block device, or a `stdio:` pseudo drive),
    as opposed to an image file written in place."""
    if target.startswith(PSEUDO_DRIVE):
        return True
    try:
        return stat.S_ISBLK(os.stat(target).st_mode)
    except OSError:
        return False


def check_target(target: str) -> None:
    """A burner that exists, or an image file that does not exist yet in a folder that does."""
    path = Path(target)
    if target.startswith(PSEUDO_DRIVE):
        if not Path(disc_path(target)).exists():
            raise DiscError("load.disc.no_burner", device=target)
        return
    if target.startswith("/dev/"):
        if not is_burner(target):
            raise DiscError("load.disc.no_burner", device=target)
        return
    if path.exists():
        raise DiscError("load.disc.image_exists", path=target)
    if not path.parent.is_dir():
        raise DiscError("load.disc.no_folder", path=target)


def _run(args: list[str], target: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
        raise DiscError("load.disc.tool_failed", disc=target, detail=(lines or ["xorriso"])[-1])


def make_image(staging: Path, image: Path, volume_id: str) -> None:
    _run(
        [
            "xorriso",
            "-as",
            "mkisofs",
            "-quiet",
            "-J",
            "-joliet-long",
            "-V",
            volume_id,
            "-o",
            str(image),
            str(staging),
        ],
        str(image),
    )


def _from_the_disc(fd: int, target: str) -> None:
    """Make the reads of a burner's disc reach the disc, not the page cache. An image
    file is its own disc: its cached pages are its content, and dropping them only made
    every read-back wait for the desk's own disk (most of the CD-R bench's time)."""
    if is_burner(target):
        drop_cached(fd)


def sha256_of(target: Path | str, size: int | None = None) -> tuple[int, str]:
    """Bytes read and their SHA-256 (the first `size` bytes, or all of it)."""
    digest = hashlib.sha256()
    total = 0
    with open(disc_path(str(target)), "rb", buffering=0) as handle:
        _from_the_disc(handle.fileno(), str(target))
        while size is None or total < size:
            want = CHUNK if size is None else min(CHUNK, size - total)
            chunk = handle.read(want)
            if not chunk:
                break
            digest.update(chunk)
            total += len(chunk)
    return total, digest.hexdigest()


def volume_bytes(image: Path | str) -> int:
    """The image's size as its ISO 9660 primary volume descriptor declares it (the volume
    space size, in 2048-byte blocks, at byte 80 of sector 16)."""
    with open(image, "rb") as handle:
        handle.seek(16 * SECTOR)
        descriptor = handle.read(SECTOR)
    if len(descriptor) < 88 or descriptor[:6] != b"\x01CD001":
        raise DiscError("load.disc.short", disc=str(image), size=0, expected=17 * SECTOR)
    return int.from_bytes(descriptor[80:84], "little") * SECTOR


def write_disc(staging: Path, target: str, volume_id: str) -> DiscSession:
    """Make the image of `staging` and put it on `target` (burner or image file)."""
    if not is_burner(target):
        make_image(staging, Path(target), volume_id)
        return DiscSession(volume_id, volume_bytes(target), "", target)
    image = staging.parent / f"{volume_id}.iso"
    try:
        make_image(staging, image, volume_id)
        size, digest = sha256_of(image)
        _run(["xorriso", "-as", "cdrecord", f"dev={target}", "-sao", str(image)], target)
    finally:
        with contextlib.suppress(OSError):
            image.unlink()
    return DiscSession(volume_id, size, digest, target)


def check_read_back(session: DiscSession) -> DiscSession:
    """The disc holds the image byte for byte (a short or failed burn is refused); the
    session with the SHA-256 read back."""
    try:
        size, digest = sha256_of(session.target, session.size)
    except OSError as error:
        raise DiscError(
            "load.disc.unreadable", disc=session.target, detail=error.strerror or str(error)
        ) from error
    if size != session.size:
        raise DiscError("load.disc.short", disc=session.target, size=size, expected=session.size)
    if session.sha256 and digest != session.sha256:
        raise DiscError("load.disc.mismatch", disc=session.target)
    return replace(session, sha256=digest)


def disc_files(disc: str) -> dict[str, tuple[int, int]]:
    """The files on the disc: name -> (byte offset, size), from xorriso's report."""
    done = subprocess.run(
        ["xorriso", "-indev", disc, "-find", "/", "-type", "f", "-exec", "report_lba", "--"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
        raise DiscError("load.disc.tool_failed", disc=disc, detail=(lines or ["xorriso"])[-1])
    found = {}
    for line in done.stdout.splitlines():
        match = _REPORT.match(line.strip())
        if match:
            lba, size, name = match.groups()
            found[name.lstrip("/")] = (int(lba) * SECTOR, int(size))
    return found


class ImageDigest:
    """The SHA-256 of an image taken from the reads that check its archives: bytes read
    at the point the digest has reached feed it; reads ahead of it (a zip's directory at
    its end) are left for `finish`, and a short gap before a read (the file system's
    blocks between extents) is read for it first. `finish` reads whatever is left."""

    GAP = 4 * CHUNK

    def __init__(self, path: str, size: int) -> None:
        self.path, self.size = path, size
        self.digest = hashlib.sha256()
        self.done = 0

    def _read(self, fd: int, end: int) -> None:
        while self.done < end:
            chunk = os.pread(fd, min(CHUNK, end - self.done), self.done)
            if not chunk:
                raise DiscError(
                    "load.disc.short", disc=self.path, size=self.done, expected=self.size
                )
            self.digest.update(chunk)
            self.done += len(chunk)

    def feed(self, fd: int, offset: int, data: memoryview) -> None:
        end = min(offset + len(data), self.size)
        if end <= self.done:
            return
        if offset > self.done:
            if offset - self.done > self.GAP:
                return  # far ahead: read at the end
            self._read(fd, offset)
        self.digest.update(data[self.done - offset : end - offset])
        self.done = end

    def finish(self) -> tuple[int, str]:
        fd = os.open(self.path, os.O_RDONLY)
        try:
            self._read(fd, self.size)
        finally:
            os.close(fd)
        return self.done, self.digest.hexdigest()


class _HashedExtent(ExtentFile):
    """An archive's one extent on an image file whose reads also feed the image digest."""

    def __init__(self, fd: int, offset: int, size: int, path: str, image: ImageDigest) -> None:
        super().__init__(fd, [(offset, size)], size, Path(path))
        self._fd_, self._offset, self._image = fd, offset, image

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        at = self.tell()
        done = super().readinto(buffer)
        if done:
            self._image.feed(self._fd_, self._offset + at, memoryview(buffer).cast("B")[:done])
        return done


@contextlib.contextmanager
def open_on_disc(disc: str, name: str, image: ImageDigest | None = None) -> Iterator[BinaryIO]:
    """The archive `name` read from its extent on the disc (seekable, read only); with
    `image`, the reads also take the image's SHA-256."""
    where = disc_files(disc).get(name)
    if where is None:
        raise DiscError("load.disc.file_missing", disc=disc, name=name)
    offset, size = where
    fd = os.open(disc_path(disc), os.O_RDONLY)
    try:
        _from_the_disc(fd, disc)
        raw: ExtentFile
        if image is None:
            raw = ExtentFile(fd, [(offset, size)], size, Path(disc_path(disc)))
        else:
            raw = _HashedExtent(fd, offset, size, disc_path(disc), image)
        yield io.BufferedReader(raw, buffer_size=CHUNK)
    finally:
        os.close(fd)


#: What a 700 MB CD-R holds (80 minutes, 360,000 sectors), less room for the file system.
CDR_BYTES = 360_000 * SECTOR - 4 * 1024 * 1024


class DiscStore:
    """The load's view of a CD-R: archives are written to a staging folder, `burn` puts
    them on the disc, and from then on they are read from the disc itself."""

    def __init__(self, staging: Path, target: str, volume_id: str) -> None:
        from ledger_tui.system.stick.folder import Folder

        self.staging = Folder(staging)
        self.target = target
        self.volume_id = volume_id
        self.session: DiscSession | None = None
        self.burn_started = False
        self._image: ImageDigest | None = None

    def read_only(self) -> bool:
        return False

    def list_files(self) -> list[StickFile]:
        return self.staging.list_files()

    def free_bytes(self) -> int:
        used = sum(f.size for f in self.staging.list_files())
        return max(0, CDR_BYTES - used)

    def delete(self, name: str) -> None:
        if self.session is None:  # once burned, a CD-R keeps what it holds
            self.staging.delete(name)

    def writer(self, name: str) -> contextlib.AbstractContextManager[BinaryIO]:
        return self.staging.writer(name)

    def burn(self) -> DiscSession:
        """Write the image onto the disc. A burner's disc is read back byte for byte now;
        an image file must hold every byte it declares, and its SHA-256 is taken while
        the archives are checked from it (`finish`)."""
        self.burn_started = True
        session = write_disc(self.staging.path, self.target, self.volume_id)
        if is_burner(self.target):
            session = check_read_back(session)
        else:
            held = os.stat(disc_path(self.target)).st_size
            if held < session.size:
                raise DiscError(
                    "load.disc.short", disc=self.target, size=held, expected=session.size
                )
            self._image = ImageDigest(disc_path(self.target), session.size)
        self.session = session
        return session

    def finish(self) -> DiscSession:
        """After the archives' check: the session with the image's SHA-256."""
        assert self.session is not None
        if self._image is not None:
            size, digest = self._image.finish()
            self.session = replace(self.session, size=size, sha256=digest)
            self._image = None
        return self.session

    def open(self, name: str) -> contextlib.AbstractContextManager[BinaryIO]:
        if self.session is None:
            return self.staging.open(name)
        return open_on_disc(self.target, name, self._image)
