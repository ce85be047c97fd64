"""Reading encrypted ZIP archives: our own (verification) and contractors' returns (intake).

The reader needs a seekable binary file (the central directory is at the end; on an
unmounted stick `fatfs.open_file` provides one over the file's clusters). Every file
entry must be WinZip AES encrypted (AE-1 or AE-2, any key length); anything else is
refused, because the ward accepts only encrypted returns. Entries are decrypted and
inflated in chunks and handed to a sink; the HMAC (and for AE-1 the CRC) is checked at
the end of each entry, so a sink that kept data must discard it when `CorruptArchive`
is raised. While extracting everything in order, the reader also hashes the archive's
own bytes (every byte read exactly once, in order) for comparison with the manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import threading
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO, Protocol

from ledger_tui.system.archive import zipformat as fmt
from ledger_tui.system.archive.crypto import (
    AUTH_CODE_BYTES,
    STRENGTHS,
    VERIFIER_BYTES,
    EntryCipher,
    derive_keys,
)
from ledger_tui.system.archive.errors import (
    BadEntryName,
    CorruptArchive,
    NotAnArchive,
    NotEncrypted,
    UnsupportedMethod,
    VerifyMismatch,
    WrongPassword,
)
from ledger_tui.system.archive.progress import ProgressFn, ProgressMeter
from ledger_tui.system.archive.worker import OrderedWorker, Prefetcher
from ledger_tui.system.archive.writer import CHUNK as WRITE_CHUNK
from ledger_tui.system.archive.writer import DEPTH, ArchiveManifest
from ledger_tui.system.memory import one_heap

CHUNK = WRITE_CHUNK  # the read-back holds as many chunks in flight as the write
_TAIL = 65_557  # largest end record with a maximal comment
_METHODS = {fmt.METHOD_STORED: "stored", fmt.METHOD_DEFLATE: "deflate"}


class _Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


Sink = Callable[[bytes], object] | _Writable


@dataclass(frozen=True)
class ArchiveEntry:
    name: str
    size: int
    compressed_size: int
    is_dir: bool
    encrypted: bool  # WinZip AES
    method: str  # "stored", "deflate" or "method-N" (for the real method inside AES)
    modified: datetime | None
    record: fmt.CentralRecord


@dataclass(frozen=True)
class ExtractedEntry:
    name: str
    size: int
    sha256: str
    method: str


@dataclass(frozen=True)
class ArchiveContents:
    entries: tuple[ExtractedEntry, ...]
    archive_size: int
    archive_sha256: str


def _dos_to_datetime(dos_time: int, dos_date: int) -> datetime | None:
    try:
        return datetime(
            1980 + (dos_date >> 9),
            (dos_date >> 5) & 15,
            dos_date & 31,
            dos_time >> 11,
            (dos_time >> 5) & 63,
            min((dos_time & 31) * 2, 59),
        )
    except ValueError:
        return None


def _entry(record: fmt.CentralRecord) -> ArchiveEntry:
    aes = fmt.parse_aes_extra(record.extra) if record.method == fmt.METHOD_AES else None
    real = aes.real_method if aes else record.method
    return ArchiveEntry(
        name=record.name,
        size=record.size,
        compressed_size=record.compressed_size,
        is_dir=record.name.endswith("/") or bool(record.external_attr & 0x10),
        encrypted=aes is not None and bool(record.flags & fmt.FLAG_ENCRYPTED),
        method=_METHODS.get(real, f"method-{real}"),
        modified=_dos_to_datetime(record.dos_time, record.dos_date),
        record=record,
    )


def _writer_of(sink: Sink | None) -> Callable[[bytes], object] | None:
    if sink is None or callable(sink):
        return sink
    return sink.write


class _SequentialHash:
    """Reads the archive once, front to back (prefetched), hashing every byte."""

    def __init__(self, source: Prefetcher, worker: OrderedWorker) -> None:
        self._source = source
        self._worker = worker
        self.position = 0
        self.digest = hashlib.sha256()

    def read(self, offset: int, size: int) -> bytes:
        if offset < self.position:
            raise ValueError("archive.detail.overlap")
        while self.position < offset:  # bytes between entries (descriptors, folders)
            if not self._take(min(CHUNK, offset - self.position)):
                raise ValueError("archive.detail.cut_short")
        return self._take(size)

    def _take(self, size: int) -> bytes:
        data = self._source.read(size)
        self._worker.submit(self.digest.update, data)
        self.position += len(data)
        return data


class ArchiveReader:
    """The entries of one archive; extraction checks password, HMAC and sizes."""

    def __init__(self, stream: BinaryIO, *, archive_name: str = "") -> None:
        self._stream = stream
        self.archive_name = archive_name or getattr(stream, "name", "") or "-"
        self.size = stream.seek(0, 2)
        try:
            tail_start = max(0, self.size - _TAIL)
            end = fmt.find_end(self._read_at(tail_start, self.size - tail_start), self._read_at)
            if end.cd_offset + end.cd_size > self.size:
                raise fmt.FormatError("archive.detail.structure")
            directory = self._read_at(end.cd_offset, end.cd_size)
            records = fmt.parse_central_directory(directory, end.entries)
        except fmt.FormatError as error:
            raise NotAnArchive(self.archive_name, "archive.detail.structure") from error
        self.entries = tuple(_entry(record) for record in records)

    def _read_at(self, offset: int, size: int) -> bytes:
        self._stream.seek(offset)
        return self._stream.read(size)

    def files(self) -> list[ArchiveEntry]:
        return [entry for entry in self.entries if not entry.is_dir]

    def require_encrypted(self) -> None:
        """Refuse the archive if any file in it is not WinZip AES encrypted."""
        for entry in self.files():
            self._usable(entry)

    def _usable(self, entry: ArchiveEntry) -> fmt.AesInfo:
        aes = fmt.parse_aes_extra(entry.record.extra)
        if not entry.encrypted or aes is None:
            raise NotEncrypted(self.archive_name, entry.name)
        if aes.real_method not in _METHODS:
            raise UnsupportedMethod(self.archive_name, entry.name, aes.real_method)
        if aes.strength not in STRENGTHS:
            raise CorruptArchive(self.archive_name, entry.name, "archive.detail.strength")
        return aes

    def check_password(self, password: str) -> None:
        """Raise `WrongPassword` unless `password` opens every file (2-byte check)."""
        self.require_encrypted()
        for entry in self.files():
            self._open_entry(entry, password, self._read_at)

    def _open_entry(
        self, entry: ArchiveEntry, password: str, read: Callable[[int, int], bytes]
    ) -> tuple[EntryCipher, int, int]:
        """Check the password of `entry`; return its cipher, data offset and length."""
        aes = self._usable(entry)
        salt_len = STRENGTHS[aes.strength][1]
        try:
            start = fmt.local_data_offset(
                read(entry.record.local_offset, 30), entry.record.local_offset
            )
        except fmt.FormatError as error:
            raise CorruptArchive(
                self.archive_name, entry.name, "archive.detail.structure"
            ) from error
        length = entry.compressed_size - salt_len - VERIFIER_BYTES - AUTH_CODE_BYTES
        if length < 0 or start + entry.compressed_size > self.size:
            raise CorruptArchive(self.archive_name, entry.name, "archive.detail.sizes")
        header = read(start, salt_len + VERIFIER_BYTES)
        keys = derive_keys(password.encode("utf-8"), header[:salt_len], aes.strength)
        if not hmac.compare_digest(keys.verifier, header[salt_len:]):
            raise WrongPassword(self.archive_name, entry.name)
        return EntryCipher(keys), start + salt_len + VERIFIER_BYTES, length

    def extract(
        self,
        entry: ArchiveEntry,
        password: str,
        sink: Sink | None = None,
        *,
        meter: ProgressMeter | None = None,
        read: Callable[[int, int], bytes] | None = None,
        worker: OrderedWorker | None = None,
    ) -> ExtractedEntry:
        """Decrypt, inflate and authenticate one file, streaming it to `sink`.

        With a `worker`, hashing and the sink run on its thread (in order).
        """
        read = read or self._read_at
        cipher, offset, length = self._open_entry(entry, password, read)
        aes = self._usable(entry)
        write = _writer_of(sink)
        inflater = zlib.decompressobj(-15) if aes.real_method == fmt.METHOD_DEFLATE else None
        digest = hashlib.sha256()

        def corrupt(detail: str) -> CorruptArchive:
            return CorruptArchive(self.archive_name, entry.name, f"archive.detail.{detail}")

        crc = 0
        size = 0

        def emit(plain: bytes) -> None:
            nonlocal crc, size
            if not plain:
                return
            if aes.vendor_version == 1:
                crc = zlib.crc32(plain, crc)
            size += len(plain)
            if size > entry.size:
                raise corrupt("too_much_data")
            if worker is None:
                consume(plain)
            else:
                worker.submit(consume, plain)

        def consume(plain: bytes) -> None:
            digest.update(plain)
            if write is not None:
                write(plain)

        try:
            done = 0
            while done < length:
                # Blocks end on CHUNK boundaries of the archive: the prefetcher's chunks
                # then pass through whole instead of being joined from two (a copy each).
                at = offset + done
                block = read(at, min(CHUNK - at % CHUNK, length - done))
                if not block:
                    raise corrupt("cut_short")
                done += len(block)
                data = bytes(cipher.decrypt(block))
                if inflater is None:
                    emit(data)
                else:
                    emit(inflater.decompress(data, CHUNK))
                    while inflater.unconsumed_tail:
                        emit(inflater.decompress(inflater.unconsumed_tail, CHUNK))
                if meter is not None:
                    meter.advance(len(block))
            if inflater is not None:
                emit(inflater.flush())
                if not inflater.eof or inflater.unused_data:
                    raise corrupt("deflate")
        except zlib.error as error:
            raise corrupt("deflate") from error
        code = read(offset + length, AUTH_CODE_BYTES)
        if not hmac.compare_digest(code, cipher.auth_code()):
            raise corrupt("auth_code")
        if size != entry.size or (aes.vendor_version == 1 and crc != entry.record.crc):
            raise corrupt("size_crc")
        if worker is not None:
            worker.drain()
        return ExtractedEntry(entry.name, size, digest.hexdigest(), _METHODS[aes.real_method])

    def extract_all(
        self,
        password: str,
        sink_for: Callable[[ArchiveEntry], Sink | None] | None = None,
        *,
        progress: ProgressFn | None = None,
        cancel: threading.Event | None = None,
    ) -> ArchiveContents:
        """Check every file (password, HMAC, sizes) in archive order, hashing the archive.

        `sink_for(entry)` returns where that file's plaintext goes (None: only verify).
        Names are checked first: a name that could escape a destination folder refuses
        the whole archive before anything is written.
        """
        self.require_encrypted()
        seen: set[str] = set()
        for entry in self.entries:
            folded = entry.name.casefold()
            problem = fmt.entry_name_problem(entry.name) or (
                "archive.detail.name_duplicate" if folded in seen else None
            )
            if problem:
                raise BadEntryName(entry.name, problem)
            seen.add(folded)
        meter = ProgressMeter(progress, sum(e.compressed_size for e in self.files()), cancel)
        results = []
        one_heap()  # chunks freed by another thread than made them: one heap keeps it bounded
        prefetch = Prefetcher(self._stream, self.size, CHUNK)
        with (
            contextlib.closing(prefetch),
            OrderedWorker(DEPTH) as worker,
            OrderedWorker(DEPTH) as raw_worker,
        ):
            hasher = _SequentialHash(prefetch, raw_worker)

            def read(offset: int, size: int) -> bytes:
                try:
                    return hasher.read(offset, size)
                except ValueError as error:  # its text is a detail key
                    raise CorruptArchive(self.archive_name, "", str(error)) from error

            for entry in sorted(self.files(), key=lambda e: e.record.local_offset):
                meter.check()
                sink = sink_for(entry) if sink_for else None
                results.append(
                    self.extract(entry, password, sink, meter=meter, read=read, worker=worker)
                )
            while hasher.position < self.size:
                if not read(hasher.position, min(CHUNK, self.size - hasher.position)):
                    raise CorruptArchive(self.archive_name, "", "archive.detail.cut_short")
            worker.drain()
            raw_worker.drain()
        meter.check()  # a cancel seen only by the helper thread's sink still counts
        meter.finish()
        return ArchiveContents(tuple(results), self.size, hasher.digest.hexdigest())


def verify_against_manifest(contents: ArchiveContents, manifest: ArchiveManifest) -> None:
    """Raise `VerifyMismatch` unless what was read back is what the manifest says."""
    name = manifest.archive_name
    if contents.archive_size != manifest.size or contents.archive_sha256 != manifest.sha256:
        raise VerifyMismatch(name, "-", "archive.detail.archive_hash")
    found = {entry.name: (entry.size, entry.sha256) for entry in contents.entries}
    wanted = {entry.name: (entry.size, entry.sha256) for entry in manifest.entries}
    for entry_name in sorted(set(found) | set(wanted)):
        if found.get(entry_name) != wanted.get(entry_name):
            raise VerifyMismatch(name, entry_name, "archive.detail.file_differs")
