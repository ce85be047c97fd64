"""Encrypted archives for the stick: a streaming WinZip AES-256 (AE-2) ZIP writer.

Why a WinZip AES-256 ZIP, and not 7z with header encryption. Both open in stock 7-Zip
on the contractor's Windows PC by typing the password (the ZIP also in WinZip, WinRAR
and Bandizip; Windows Explorer's own ZIP support may refuse AES: tell contractors to use
7-Zip). The ZIP streams: each file goes from its source through deflate (or not) and AES
straight to the stick in one pass, with sizes written after the data (data
descriptors), so the destination may be a pipe into mtools, memory stays bounded and no
plaintext ever touches the disk. It is small enough to write ourselves (the format
code here and in `zipformat`; the little-endian AES-CTR from pycryptodome, PBKDF2 and
HMAC from the standard library: `crypto` says why, with the trial of stream-zip) and
is tested byte for byte against the real 7-Zip both ways. 7z would hide the file
names too, but Python has no maintained streaming 7z writer (py7zr with LZMA2 ran at
~1.5 MB/s here) and its header comes last, after everything it describes. File names
are not personal data (e.g. 住所録.csv; the ledger records them anyway), so the ZIP's
visible names are an acceptable cost. Security: AES-256 in CTR mode, authenticated by
HMAC-SHA1 over the ciphertext (a flipped byte is detected); AE-2 leaves out the CRC,
which would leak a checksum of the plaintext; the key comes from PBKDF2 with only 1000
rounds, which is why generated passwords carry at least 128 bits of entropy
(`passwords`), out of reach of guessing at any speed.

Incompressible data (e.g. already-zipped files, photos) is stored, not deflated: a
quick deflate of the first 64 KiB decides, and the manifest records the method. Deflate
runs at level 1 (as 7-Zip's -mx=1). The work runs as a pipeline of ordered threads with
bounded queues: the caller's thread reads the source; a hashing thread takes its SHA-256
(and the source's `tap`, e.g. counting a CSV's records); a coding thread deflates and
encrypts (zlib and AES release the GIL: a second core works); a writing thread hashes
the archive bytes and writes them to the stick. Memory stays a few MiB whatever the size.
`write_archive` returns an `ArchiveManifest`: archive name, format, size and SHA-256 of
the archive; name, size, SHA-256 and method of every plaintext file. Reading back (for
verification and for intake of returned archives) lives in `reader`; records in
`zipformat`; AES-CTR in `crypto`; helper threads in `worker`.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import unicodedata
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Protocol

from ledger_tui.system.archive import zipformat as fmt
from ledger_tui.system.archive.crypto import (
    AES256,
    AUTH_CODE_BYTES,
    STRENGTHS,
    EntryCipher,
    derive_keys,
)
from ledger_tui.system.archive.errors import (
    ArchiveError,
    BadEntryName,
    Cancelled,
    CorruptArchive,
    NotAnArchive,
    NotEncrypted,
    SourceError,
    UnsupportedMethod,
    VerifyMismatch,
    WrongPassword,
)
from ledger_tui.system.archive.progress import ProgressFn, ProgressMeter
from ledger_tui.system.archive.worker import OrderedWorker
from ledger_tui.system.memory import one_heap

__all__ = [
    "ARCHIVE_FORMAT",
    "ArchiveError",
    "ArchiveManifest",
    "ArchiveSource",
    "BadEntryName",
    "Cancelled",
    "CorruptArchive",
    "ManifestEntry",
    "NotAnArchive",
    "NotEncrypted",
    "ProgressFn",
    "SourceError",
    "UnsupportedMethod",
    "VerifyMismatch",
    "WrongPassword",
    "write_archive",
]

ARCHIVE_FORMAT = "zip-aes256-ae2"
CHUNK = 1 << 20
PROBE = 64 * 1024
STORE_RATIO = 0.95
#: Deflate's level: 1 (as 7-Zip's -mx=1) runs three times faster than 6 on CSV exports
#: and leaves them some 20% bigger, which a stick holds easily.
LEVEL = 1
#: Chunks queued per helper thread: memory stays a few MiB whatever the file's size.
DEPTH = 2
# Above this a file's entry is written with ZIP64 sizes from the start (its local
# header must say so before the data); the margin covers deflate's worst expansion.
ZIP64_FROM = 0xF000_0000


class WritableStream(Protocol):
    def write(self, data: bytes | bytearray, /) -> object: ...


@dataclass(frozen=True)
class ArchiveSource:
    """One file to put in the archive, read sequentially from `stream`.

    `size` is the size the caller measured (for progress, ZIP64 and to notice a file
    that changes while it is read); None when unknown (then ZIP64 is used). `tap`, when
    given, sees every plaintext chunk in order on a helper thread (e.g. to count a CSV's
    records as it streams past); an exception it raises fails the archive.
    """

    name: str
    stream: BinaryIO
    size: int | None = None
    modified: datetime | None = None
    tap: Callable[[bytes], object] | None = None


@dataclass(frozen=True)
class ManifestEntry:
    name: str
    size: int
    sha256: str
    method: str  # "stored" or "deflate"
    compressed_size: int


@dataclass(frozen=True)
class ArchiveManifest:
    archive_name: str
    size: int
    sha256: str
    entries: tuple[ManifestEntry, ...]
    format: str = ARCHIVE_FORMAT

    def as_dict(self) -> dict[str, object]:
        return {
            "archive_name": self.archive_name,
            "format": self.format,
            "size": self.size,
            "sha256": self.sha256,
            "files": [
                {
                    "name": e.name,
                    "size": e.size,
                    "sha256": e.sha256,
                    "method": e.method,
                    "compressed_size": e.compressed_size,
                }
                for e in self.entries
            ],
        }


class _ArchiveOut:
    """The destination seen through the offset and SHA-256 of everything written.

    Hashing and writing run on the writer thread, in order, fed by the coding thread.
    """

    def __init__(self, destination: WritableStream, worker: OrderedWorker) -> None:
        self._destination = destination
        self._worker = worker
        self.offset = 0
        self.sha256 = hashlib.sha256()

    def _hash_and_write(self, data: bytes | bytearray) -> None:
        self.sha256.update(data)
        self._destination.write(data)

    def write(self, data: bytes | bytearray) -> None:
        if data:
            self._worker.submit(self._hash_and_write, data)
            self.offset += len(data)


def _checked_names(sources: Sequence[ArchiveSource]) -> list[bytes]:
    names: list[bytes] = []
    seen: set[str] = set()
    for source in sources:
        name = unicodedata.normalize("NFC", source.name)
        problem = fmt.entry_name_problem(name) or (
            "archive.detail.name_folder" if name.endswith("/") else None
        )
        if problem:
            raise BadEntryName(source.name, problem)
        folded = name.casefold()  # Windows sees names case-insensitively
        if folded in seen:
            raise BadEntryName(source.name, "archive.detail.name_duplicate")
        seen.add(folded)
        names.append(name.encode("utf-8"))
    return names


def _read(source: ArchiveSource, size: int) -> bytes:
    try:
        return source.stream.read(size)
    except OSError as error:
        raise SourceError(source.name, error.strerror or str(error)) from error


def _worth_deflating(sample: bytes) -> bool:
    if not sample:
        return False
    return len(zlib.compress(sample[:PROBE], 1)) <= STORE_RATIO * len(sample[:PROBE])


class _Coder:
    """One entry's deflate (or not) and AES, run in order on the coding thread: zlib and
    AES release the GIL, so compression and encryption use a second core while the
    calling thread reads the source and the worker hashes (and counts) it."""

    def __init__(self, out: _ArchiveOut, cipher: EntryCipher, level: int | None) -> None:
        self._out = out
        self._cipher = cipher
        self._compressor = None if level is None else zlib.compressobj(level, zlib.DEFLATED, -15)
        self.written = 0

    def _emit(self, data: bytes) -> None:
        if data:
            self._out.write(self._cipher.encrypt(data))
            self.written += len(data)

    def encode(self, chunk: bytes) -> None:
        self._emit(self._compressor.compress(chunk) if self._compressor else chunk)

    def finish(self, _: object = None) -> None:
        if self._compressor:
            self._emit(self._compressor.flush())
        self._out.write(self._cipher.auth_code())
        self.written += AUTH_CODE_BYTES


def _write_entry(
    out: _ArchiveOut,
    workers: _Workers,
    source: ArchiveSource,
    name: bytes,
    password: bytes,
    meter: ProgressMeter,
    level: int,
    force_zip64: bool,
    chunk_size: int,
) -> tuple[ManifestEntry, bytes]:
    first = _read(source, chunk_size)
    deflate = _worth_deflating(first)
    method = fmt.METHOD_DEFLATE if deflate else fmt.METHOD_STORED
    zip64 = force_zip64 or source.size is None or source.size >= ZIP64_FROM
    flags = fmt.FLAG_ENCRYPTED | fmt.FLAG_DESCRIPTOR | fmt.FLAG_UTF8
    dos_time, dos_date = fmt.dos_datetime(source.modified or datetime.now())
    aes = fmt.aes_extra(AES256, method)
    salt = secrets.token_bytes(STRENGTHS[AES256][1])
    keys = derive_keys(password, salt)
    offset = out.offset
    out.write(fmt.local_header(name, flags, dos_time, dos_date, aes, zip64=zip64))
    out.write(salt + keys.verifier)
    header = len(salt) + len(keys.verifier)
    coder = _Coder(out, EntryCipher(keys), level if deflate else None)
    digest = hashlib.sha256()
    size = 0
    chunk = first
    while chunk:
        workers.hasher.submit(digest.update, chunk)
        if source.tap is not None:
            workers.hasher.submit(source.tap, chunk)
        workers.coder.submit(coder.encode, chunk)
        size += len(chunk)
        meter.advance(len(chunk))
        chunk = _read(source, chunk_size)
    workers.coder.submit(coder.finish, None)
    workers.coder.drain()
    written = header + coder.written
    if source.size is not None and size != source.size:
        raise SourceError(source.name, "archive.detail.source_changed")
    if not zip64 and max(size, written) >= fmt.MAX32:
        raise SourceError(source.name, "archive.detail.source_changed")
    out.write(fmt.data_descriptor(0, written, size, zip64=zip64))
    workers.hasher.drain()
    central = fmt.central_header(
        name, flags, dos_time, dos_date, 0, written, size, offset, aes, force_zip64=force_zip64
    )
    entry = ManifestEntry(
        name.decode("utf-8"), size, digest.hexdigest(), "deflate" if deflate else "stored", written
    )
    return entry, central


@dataclass(frozen=True)
class _Workers:
    hasher: OrderedWorker  # SHA-256 of the plaintext and the sources' taps
    coder: OrderedWorker  # deflate and AES
    writer: OrderedWorker  # SHA-256 of the archive and the destination's writes


def write_archive(
    sources: Sequence[ArchiveSource],
    destination: WritableStream,
    password: str,
    *,
    archive_name: str,
    progress: ProgressFn | None = None,
    cancel: threading.Event | None = None,
    level: int = LEVEL,
    force_zip64: bool = False,
    chunk_size: int = CHUNK,
) -> ArchiveManifest:
    """Stream `sources` into one AE-2 archive written to `destination`.

    Memory stays bounded by `chunk_size` times the helper threads' queues (plus zlib's
    window); nothing is written
    anywhere but `destination`. `force_zip64` writes ZIP64 records for every entry and
    the end (used by tests to prove 7-Zip reads them without a 4 GiB file).
    Raises `Cancelled` when `cancel` is set, `SourceError` when a source fails.
    """
    if not password:
        raise ValueError("an archive password is required")
    one_heap()  # chunks freed by another thread than made them: one heap keeps it bounded
    names = _checked_names(sources)
    known = [s.size for s in sources]
    total = None if any(s is None for s in known) else sum(s for s in known if s)
    meter = ProgressMeter(progress, total, cancel)
    secret = password.encode("utf-8")
    entries: list[ManifestEntry] = []
    central: list[bytes] = []
    with (
        OrderedWorker(DEPTH) as hasher,
        OrderedWorker(DEPTH) as coder,
        OrderedWorker(DEPTH) as writer,
    ):
        workers = _Workers(hasher, coder, writer)
        out = _ArchiveOut(destination, writer)
        for source, name in zip(sources, names, strict=True):
            meter.check()
            entry, record = _write_entry(
                out, workers, source, name, secret, meter, level, force_zip64, chunk_size
            )
            entries.append(entry)
            central.append(record)
        meter.check()
        cd_offset = out.offset
        out.write(b"".join(central))
        out.write(
            fmt.end_records(
                len(central), cd_offset, out.offset - cd_offset, force_zip64=force_zip64
            )
        )
        hasher.drain()
        writer.drain()
    meter.finish()
    return ArchiveManifest(archive_name, out.offset, out.sha256.hexdigest(), tuple(entries))
