"""Secure wipe engine: overwrite a whole block device with an AES-256-CTR keystream (and
optionally zeros), then read every byte back and check it against what was written.

By NIST SP 800-88 this is a *Clear*. The engine knows nothing of the ledger or the
screen: it takes a progress reporter, a cancel `threading.Event` and a checkpoint
callback, and raises `WipeFailed` subclasses with desk-ready messages.

Verification reads back every byte (full, not sampled) and, by default, compares it
with the regenerated keystream. A real stick (tens to a couple of hundred MB/s) is far
slower than either check, and the comparison keeps up with it (scripts/bench.py, "at
stick speed"). `compare_bytes=False` checks each chunk read instead with AES-256-GMAC
(a keyed hash under a random key of its own) against the tag of the chunk as written and
compares byte by byte only a chunk whose tag differs, to name the first bad byte: about
40% less CPU, for a device faster than the processor can regenerate the stream (a loop
device over the page cache, a USB SSD); a device would need the secret key to forge a
tag (any other wrong data passes with a chance below 2^-100 per chunk). Texts for the
certificate: `wipe.verification.<bytes|gmac>`.

Restart after a crash or a pulled stick: the keys live only in this process's memory, so
an interrupted run can be neither resumed nor verified later. The service starts the wipe
again from offset 0 with new keys; checkpoints only tell it how far the lost run got.

Speed: the device is written and read with O_DIRECT from page-aligned mmap buffers. Two
I/O threads work through a queue of chunks (writes, or reads ahead), so the device has
two requests at a time (a loop device or a USB bridge serves the second while the first
is copied), while this thread generates the next chunk's keystream or checks the last
one; the cipher and the syscalls release the GIL, so on two cores the device is kept busy
all the time. Chunks are waited for in order, so progress and checkpoints only ever
count a contiguous prefix of the device.
"""

from __future__ import annotations

import errno as errno_codes
import logging
import mmap
import os
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Self

from ledger_tui import __version__
from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import Lang, t
from ledger_tui.system.stick import blockdev
from ledger_tui.system.stick.blockdev import DeviceMissing

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers import AEADEncryptionContext

log = logging.getLogger(__name__)

MIB = 1024 * 1024
DEFAULT_CHUNK = 8 * MIB
VERIFY_BLOCK = 256 * 1024  # compare in cache-sized pieces: keystream and memcmp stay in L2
BUFFERS = 3  # chunks in flight: one being generated or compared, the others queued
IO_THREADS = 2  # device requests at a time (issue 17: verify 0.7x -> ~0.9x of dd on a loop)
RETRY_PIECE = 64 * 1024
REPORT_INTERVAL = 0.1  # seconds between progress reports (at most ~10 per second)
PROBE = 64 * 1024  # the block read to tell a fake-capacity stick after a mismatch
SAMPLES = 16  # blocks sampled between the first bad one and the end


def tool_name() -> str:
    """The wipe tool as certificates name it (cryptography is loaded for a wipe only: the
    desk starts without it)."""
    import cryptography

    return (
        f"ledger_tui wipe {__version__}, AES-256-CTR keystream "
        f"(cryptography {cryptography.__version__}), O_DIRECT, every byte read back"
    )


class WipeMethod(StrEnum):
    CLEAR_RANDOM_VERIFY = "clear_random_verify"
    CLEAR_RANDOM_ZERO_VERIFY = "clear_random_zero_verify"

    @property
    def nist_category(self) -> str:
        """Both are overwrites: Clear, never Purge (that needs a documented crypto erase)."""
        return "clear"

    @property
    def passes(self) -> int:
        return 2 if self is WipeMethod.CLEAR_RANDOM_ZERO_VERIFY else 1


class Verification(StrEnum):
    GMAC = "gmac"  # per-chunk AES-256-GMAC of what was read vs. what was written
    BYTES = "bytes"  # every byte compared with the regenerated stream


class Phase(StrEnum):
    WRITE = "write"
    VERIFY = "verify"
    ZERO = "zero"
    ZERO_VERIFY = "zero_verify"


@dataclass(frozen=True)
class WipeProgress:
    phase: Phase
    pass_number: int
    passes: int
    bytes_done: int  # in this phase
    bytes_total: int
    rate: float  # bytes per second, average over the phase so far
    eta_seconds: float | None  # of this phase


@dataclass(frozen=True)
class WipeErrorRecord:
    """An I/O error; `recovered` when a retry of the same range went through."""

    phase: Phase
    offset: int
    errno: int
    recovered: bool


@dataclass(frozen=True)
class WipeResult:
    method: WipeMethod
    passes: int
    device_bytes: int
    bytes_written: int  # over all passes
    bytes_verified: int  # over all passes; equals bytes_written after a complete run
    errors: tuple[WipeErrorRecord, ...]
    started: datetime  # UTC
    ended: datetime  # UTC
    write_rate: float  # bytes/s, first pass
    verify_rate: float  # bytes/s, first pass
    discarded: tuple[str, ...]  # "first" / "last" where BLKDISCARD went through
    verification: Verification
    tool: str = field(default_factory=tool_name)

    @property
    def duration(self) -> timedelta:
        return self.ended - self.started

    @property
    def throughput(self) -> float:
        """Bytes moved (written and read back) per second over the whole run."""
        seconds = self.duration.total_seconds()
        return (self.bytes_written + self.bytes_verified) / seconds if seconds > 0 else 0.0


class WipeFailed(DomainError):
    """The wipe did not complete: the medium must stay "wipe pending"."""

    def __init__(self, key: str, /, *, phase: Phase, offset: int, **params: object) -> None:
        self.phase = phase
        self.offset = offset
        super().__init__(key, phase=phase.value, offset=offset, **params)

    def message(self, lang: Lang | None = None) -> str:
        phase = t(f"wipe.phase.{self.phase.value}", lang)
        return t(self.key, lang, **{**self.params, "phase": phase})


class WipeCancelled(WipeFailed):
    def __init__(self, phase: Phase, bytes_done: int, total: int) -> None:
        self.bytes_done = bytes_done
        super().__init__("error.wipe.cancelled", phase=phase, offset=bytes_done, total=total)


class WipeIOError(WipeFailed):
    def __init__(self, phase: Phase, offset: int, errno: int) -> None:
        self.errno = errno
        super().__init__(
            "error.wipe.io", phase=phase, offset=offset, errno=errno, reason=os.strerror(errno)
        )


class VerifyMismatch(WipeFailed):
    def __init__(self, phase: Phase, offset: int) -> None:
        super().__init__("error.wipe.verify_mismatch", phase=phase, offset=offset)


class CounterfeitCapacity(VerifyMismatch):
    """The stick holds less than it reports (a fake-capacity stick): what was written
    past its real size came back at the start (`wrapped_at`: the real size), or was not
    kept at all from `offset` (the first bad byte) on. It must never be used again."""

    def __init__(self, phase: Phase, offset: int, reported: int, wrapped_at: int | None) -> None:
        self.wrapped_at = wrapped_at
        real = wrapped_at if wrapped_at is not None else offset
        key = "error.wipe.counterfeit_wrapped" if wrapped_at else "error.wipe.counterfeit_short"
        WipeFailed.__init__(
            self,
            key,
            phase=phase,
            offset=offset,
            reported=reported,
            real=real,
            reported_gb=f"{reported / 1e9:.2f}",
            real_gb=f"{real / 1e9:.2f}",
        )


class DeviceBusy(DomainError):
    """Someone else holds the device (mounted, or opened exclusively)."""


ProgressReporter = Callable[[WipeProgress], None]
Checkpoint = Callable[[Phase, int], None]


@lru_cache(maxsize=8)
def _zeros(size: int) -> bytes:
    return bytes(size)


class RandomPattern:
    """AES-256 counter-mode keystream under a fresh random key that never leaves the object.

    The blocks are AES-256 encryptions of unique counter blocks (prefix || segment ||
    counter from 2), i.e. an AES-256-CTR keystream. `fill` makes it sequentially through
    OpenSSL's GCM encryptor over zeros, whose GCTR stage is exactly that counter mode and
    runs about twice as fast as its plain CTR here (vectorised AES; no tag is made);
    `fill_at` makes any part of it with plain CTR. A new 96-bit IV per 1 GiB segment
    keeps the 32-bit block counter far from wrapping.
    """

    SEGMENT = 1 << 30

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.ciphers import algorithms

        self.__algorithm = algorithms.AES(os.urandom(32))
        self.__prefix = os.urandom(8)
        self.restart()

    def __repr__(self) -> str:
        return "RandomPattern(AES-256-CTR, key hidden)"

    def restart(self) -> None:
        self.__position = 0
        self.__stream = self.__segment(0)

    def __segment(self, index: int) -> AEADEncryptionContext:
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        iv = self.__prefix + index.to_bytes(4, "big")
        return Cipher(self.__algorithm, modes.GCM(iv)).encryptor()

    def fill(self, dest: memoryview | bytearray) -> None:
        """Write the next len(dest) bytes of the stream into `dest`."""
        size, within = len(dest), self.__position % self.SEGMENT
        if (within or not self.__position) and within + size <= self.SEGMENT:
            self.__stream.update_into(_zeros(size), dest)  # the usual case, kept lean
            self.__position += size
            return
        done = 0
        while done < len(dest):
            segment, within = divmod(self.__position, self.SEGMENT)
            if within == 0 and self.__position > 0:
                self.__stream = self.__segment(segment)
            size = min(len(dest) - done, self.SEGMENT - within)
            self.__stream.update_into(_zeros(size), memoryview(dest)[done : done + size])
            done += size
            self.__position += size

    def fill_at(self, offset: int, dest: memoryview | bytearray) -> None:
        """Write the stream's bytes from `offset` on into `dest` (random access)."""
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        done = 0
        while done < len(dest):
            segment, within = divmod(offset + done, self.SEGMENT)
            size = min(len(dest) - done, self.SEGMENT - within)
            counter = (
                self.__prefix + segment.to_bytes(4, "big") + (2 + within // 16).to_bytes(4, "big")
            )
            skip = within % 16
            stream = Cipher(self.__algorithm, modes.CTR(counter)).encryptor()
            dest[done : done + size] = stream.update(_zeros(skip + size))[skip:]
            done += size


class ZeroPattern:
    def restart(self) -> None:
        pass

    def fill(self, dest: memoryview | bytearray) -> None:
        dest[:] = _zeros(len(dest))

    def fill_at(self, offset: int, dest: memoryview | bytearray) -> None:
        dest[:] = _zeros(len(dest))


Pattern = RandomPattern | ZeroPattern


class _ChunkTags:
    """AES-256-GMAC tags of the chunks of one pass as written, under a key of their own."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.ciphers import algorithms

        self.__algorithm = algorithms.AES(os.urandom(32))
        self.written: dict[int, bytes] = {}

    def tag(self, offset: int, data: memoryview) -> bytes:
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        mac = Cipher(self.__algorithm, modes.GCM(offset.to_bytes(12, "big"))).encryptor()
        mac.authenticate_additional_data(data)
        mac.finalize()
        return mac.tag


def _errno(error: OSError) -> int:
    return error.errno or errno_codes.EIO


def _first_difference(expected: bytes, actual: bytes) -> int:
    """Index of the first differing byte of two unequal, equally long byte strings."""
    low, high = 0, len(actual)  # expected[:low] == actual[:low], expected[:high] differs
    while high - low > 1:
        middle = (low + high) // 2
        if expected[:middle] == actual[:middle]:
            low = middle
        else:
            high = middle
    return low


@dataclass
class _Meter:
    """Progress reports (throttled), checkpoints and cancel checks of one phase."""

    phase: Phase
    pass_number: int
    passes: int
    total: int
    progress: ProgressReporter | None
    checkpoint: Checkpoint | None
    checkpoint_every: int
    cancel: threading.Event | None
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    last_report: float = 0.0
    next_checkpoint: int = 0

    def __post_init__(self) -> None:
        self.next_checkpoint = self.checkpoint_every
        self._report(time.monotonic())

    def rate(self, now: float | None = None) -> float:
        elapsed = (now or time.monotonic()) - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def _report(self, now: float) -> None:
        self.last_report = now
        if self.progress is not None:
            rate = self.rate(now)
            eta = (self.total - self.done) / rate if rate > 0 else None
            self.progress(
                WipeProgress(
                    self.phase, self.pass_number, self.passes, self.done, self.total, rate, eta
                )
            )

    def advance(self, size: int) -> None:
        self.done += size
        now = time.monotonic()
        if now - self.last_report >= REPORT_INTERVAL or self.done >= self.total:
            self._report(now)
        if self.checkpoint is not None and (
            self.done >= self.next_checkpoint or self.done >= self.total
        ):
            self.checkpoint(self.phase, self.done)
            self.next_checkpoint = self.done + self.checkpoint_every
        if self.cancel is not None and self.cancel.is_set() and self.done < self.total:
            raise WipeCancelled(self.phase, self.done, self.total)


class Wiper:
    """An open device and the passes over it. `wipe_device` drives it; tests drive
    `write_pass` and `verify_pass` one at a time (e.g. to tamper in between)."""

    def __init__(
        self,
        path: str,
        *,
        chunk_size: int = DEFAULT_CHUNK,
        progress: ProgressReporter | None = None,
        cancel: threading.Event | None = None,
        checkpoint: Checkpoint | None = None,
        checkpoint_every: int = 64 * MIB,
        compare_bytes: bool = True,
    ) -> None:
        self.path = path
        self.verification = Verification.BYTES if compare_bytes else Verification.GMAC
        self._tags: dict[Pattern, _ChunkTags] = {}
        self.progress, self.cancel = progress, cancel
        self.checkpoint, self.checkpoint_every = checkpoint, checkpoint_every
        self.errors: list[WipeErrorRecord] = []
        self._fd, self._direct = self._open(path)
        self._tail_fd = -1
        try:
            self.size = blockdev.device_size(self._fd)
            self.block = blockdev.logical_block_size(self._fd) if self._direct else 1
            if self.size <= 0:
                raise DomainError("error.wipe.empty_device", device=path)
            self.chunk = max(self.block, chunk_size - chunk_size % self.block)
            # O_DIRECT covers whole logical blocks; a ragged end (only a file can have
            # one) goes through an ordinary descriptor.
            self.direct_end = self.size - self.size % self.block
            self._maps = [mmap.mmap(-1, self.chunk) for _ in range(BUFFERS)]
        except BaseException:
            os.close(self._fd)
            raise
        self._buffers = [memoryview(m) for m in self._maps]
        self._expected = bytearray(VERIFY_BLOCK)
        self._io = ThreadPoolExecutor(max_workers=IO_THREADS, thread_name_prefix="wipe-io")

    @staticmethod
    def _open(path: str) -> tuple[int, bool]:
        flags = os.O_RDWR | os.O_CLOEXEC
        try:
            if stat.S_ISBLK(os.stat(path).st_mode):
                flags |= os.O_EXCL  # refused (EBUSY) while mounted or claimed
            try:
                return os.open(path, flags | os.O_DIRECT), True
            except OSError as error:
                if error.errno != errno_codes.EINVAL:
                    raise
                return os.open(path, flags), False  # a file system without O_DIRECT
        except OSError as error:
            if error.errno == errno_codes.EBUSY:
                raise DeviceBusy("error.wipe.busy", device=path) from None
            if error.errno in (errno_codes.ENOENT, errno_codes.ENXIO, errno_codes.ENODEV):
                raise DeviceMissing("error.wipe.device_missing", device=path) from None
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        # No transfer may outlive the descriptor or the buffers; queued ones are dropped.
        self._io.shutdown(wait=True, cancel_futures=True)
        # The buffers are not closed: slices may live on in a traceback. Dropping them
        # frees the memory once the last slice is gone.
        self._buffers, self._maps = [], []
        for fd in (self._tail_fd, self._fd):
            if fd >= 0:
                os.close(fd)
        self._fd = self._tail_fd = -1

    # --- raw transfers, run on the I/O thread ------------------------------------------

    def _transfer(self, view: memoryview, offset: int, writing: bool, fd: int) -> None:
        done = 0
        while done < len(view):
            part = view[done:]
            moved = (
                os.pwrite(fd, part, offset + done)
                if writing
                else os.preadv(fd, [part], offset + done)
            )
            if moved <= 0:
                raise OSError(errno_codes.EIO, "device returned no data")
            done += moved

    def _transfer_checked(
        self, view: memoryview, offset: int, phase: Phase, writing: bool, fd: int | None = None
    ) -> None:
        """Move one chunk. On an error retry it piece by piece: a piece that fails again
        is raised with the offset of its first failing block; if every piece goes
        through, the error is recorded as recovered (verification still judges)."""
        fd = self._fd if fd is None else fd
        try:
            self._transfer(view, offset, writing, fd)
        except OSError as error:
            finest = self.block if self._direct else blockdev.SECTOR
            self._retry(view, offset, phase, writing, fd, (RETRY_PIECE, finest))
            self.errors.append(WipeErrorRecord(phase, offset, _errno(error), recovered=True))

    def _retry(
        self,
        view: memoryview,
        offset: int,
        phase: Phase,
        writing: bool,
        fd: int,
        pieces: tuple[int, ...],
    ) -> None:
        for start in range(0, len(view), pieces[0]):
            part = view[start : start + pieces[0]]
            try:
                self._transfer(part, offset + start, writing, fd)
            except OSError as error:
                if len(pieces) == 1:
                    raise WipeIOError(phase, offset + start, _errno(error)) from error
                self._retry(part, offset + start, phase, writing, fd, pieces[1:])

    def _chunks(self) -> Iterator[tuple[int, int]]:
        for offset in range(0, self.direct_end, self.chunk):
            yield offset, min(self.chunk, self.direct_end - offset)

    def _tail(self) -> int:
        if self._tail_fd < 0:
            self._tail_fd = os.open(self.path, os.O_RDWR | os.O_CLOEXEC)
        return self._tail_fd

    def _meter(self, phase: Phase, pass_number: int, passes: int) -> _Meter:
        return _Meter(
            phase,
            pass_number,
            passes,
            self.size,
            self.progress,
            self.checkpoint,
            self.checkpoint_every,
            self.cancel,
        )

    # --- passes ------------------------------------------------------------------------

    def write_pass(
        self, pattern: Pattern, phase: Phase = Phase.WRITE, pass_number: int = 1, passes: int = 1
    ) -> tuple[int, float]:
        """Write the pattern over every byte, then flush; returns (bytes, bytes/s)."""
        pattern.restart()
        meter = self._meter(phase, pass_number, passes)
        tags = self._tags[pattern] = _ChunkTags()
        pending: deque[tuple[Future[None], int]] = deque()
        for index, (offset, size) in enumerate(self._chunks()):
            if len(pending) == BUFFERS:  # this chunk's buffer is the oldest write's
                done, written = pending.popleft()
                done.result()
                meter.advance(written)
            view = self._buffers[index % BUFFERS][:size]
            pattern.fill(view)  # while the I/O thread writes the chunks before it
            if self.verification is Verification.GMAC:
                tags.written[offset] = tags.tag(offset, view)
            pending.append(
                (self._io.submit(self._transfer_checked, view, offset, phase, True), size)
            )
        for done, _ in pending:
            done.result()
        if self.direct_end < self.size:
            tail = bytearray(self.size - self.direct_end)
            pattern.fill(memoryview(tail))
            self._transfer_checked(memoryview(tail), self.direct_end, phase, True, self._tail())
        for fd in (self._fd, self._tail_fd):
            try:
                if fd >= 0:
                    os.fsync(fd)
            except OSError as error:
                raise WipeIOError(phase, self.size, _errno(error)) from error
        for _, written in pending:
            meter.advance(written)
        if self.direct_end < self.size:
            meter.advance(self.size - self.direct_end)
        return meter.done, meter.rate()

    def verify_pass(
        self, pattern: Pattern, phase: Phase = Phase.VERIFY, pass_number: int = 1, passes: int = 1
    ) -> tuple[int, float]:
        """Read every byte back and check it against the pattern as written by this
        Wiper's `write_pass`; returns (bytes checked, bytes/s)."""
        tags = self._tags[pattern]
        pattern.restart()
        meter = self._meter(phase, pass_number, passes)
        chunks = list(self._chunks())

        def read(index: int) -> Future[None]:
            offset, size = chunks[index]
            return self._io.submit(
                self._transfer_checked, self._buffers[index % BUFFERS][:size], offset, phase, False
            )

        # Reads queue up BUFFERS - 1 chunks ahead so the device never waits for a compare.
        reads = {index: read(index) for index in range(min(BUFFERS - 1, len(chunks)))}
        try:
            for index, (offset, size) in enumerate(chunks):
                reads.pop(index).result()
                if index + BUFFERS - 1 < len(chunks):
                    reads[index + BUFFERS - 1] = read(index + BUFFERS - 1)
                self._check(pattern, tags, self._buffers[index % BUFFERS][:size], offset, phase)
                meter.advance(size)
        except VerifyMismatch as mismatch:
            for pending in reads.values():  # the probes below read beside them
                pending.cancel()
            raise self._diagnose(pattern, mismatch) from None
        if self.direct_end < self.size:
            tail_fd, size = self._tail(), self.size - self.direct_end
            # Drop cached pages so the read reaches the device, not the page cache.
            os.posix_fadvise(tail_fd, self.direct_end, size, os.POSIX_FADV_DONTNEED)
            tail = bytearray(size)
            self._transfer_checked(memoryview(tail), self.direct_end, phase, False, tail_fd)
            self._compare(pattern.fill_at, memoryview(tail), self.direct_end, phase)
            meter.advance(size)
        return meter.done, meter.rate()

    # --- counterfeit capacity ------------------------------------------------------------

    def _probe(self, offset: int) -> bytes:
        """PROBE bytes read from the device at `offset` (aligned, inside `direct_end`)."""
        # Not closed by hand: a failed read's traceback still holds views of it (closing
        # would raise BufferError over the OSError); the collector frees it.
        buffer = mmap.mmap(-1, PROBE)
        self._transfer(memoryview(buffer), offset, False, self._fd)
        return bytes(buffer)

    def _expected_at(self, pattern: Pattern, offset: int) -> bytes:
        expected = bytearray(PROBE)
        pattern.fill_at(offset, expected)
        return bytes(expected)

    def _diagnose(self, pattern: Pattern, mismatch: VerifyMismatch) -> WipeFailed:
        """Is the first mismatch of the random pass a fake-capacity stick? Its controller
        maps the reported size onto less flash: what was written past the real size
        landed at the start again (the data found at the first bad block is the
        keystream of a later offset, a power-of-two real size away), or was not kept at
        all (every block sampled from the first bad one to the end is wrong). Anything
        else (a few bad blocks, a read error) stays a plain mismatch."""
        if not isinstance(pattern, RandomPattern) or self.direct_end < 2 * PROBE:
            return mismatch
        first = mismatch.offset - mismatch.offset % PROBE
        last = self.direct_end - self.direct_end % PROBE - PROBE
        try:
            found = self._probe(first)
            real = PROBE
            while real <= last - first:
                # The last write that landed on `first` if the flash wraps every `real`.
                later = first + (last - first) // real * real
                # ... and `first + real` reads the same cell (a half period would not).
                if (
                    found == self._expected_at(pattern, later)
                    and self._probe(first + real) == found
                ):
                    return CounterfeitCapacity(mismatch.phase, mismatch.offset, self.size, real)
                real *= 2
            if first == 0:
                return mismatch  # nothing kept at all: a dead stick, not a smaller one
            step = max(PROBE, (last - first) // SAMPLES // PROBE * PROBE)
            samples = range(first, last + 1, step)
            if len(samples) < 3:
                return mismatch  # a bad block near the end: too little left to tell
            if all(self._probe(at) != self._expected_at(pattern, at) for at in samples):
                return CounterfeitCapacity(mismatch.phase, mismatch.offset, self.size, None)
        except OSError:
            log.warning("probing the stick after a mismatch failed", exc_info=True)
        return mismatch

    def _check(
        self, pattern: Pattern, tags: _ChunkTags, view: memoryview, offset: int, phase: Phase
    ) -> None:
        if self.verification is Verification.BYTES:
            self._compare(lambda _, dest: pattern.fill(dest), view, offset, phase)
        elif tags.tag(offset, view) != tags.written[offset]:
            self._compare(pattern.fill_at, view, offset, phase)  # names the first bad byte
            raise VerifyMismatch(phase, offset)  # the tags differ though no byte does

    def _compare(
        self, expect: Callable[[int, bytearray], None], view: memoryview, offset: int, phase: Phase
    ) -> None:
        expected = self._expected
        for start in range(0, len(view), VERIFY_BLOCK):
            piece = view[start : start + VERIFY_BLOCK]
            if len(piece) != len(expected):
                expected = bytearray(len(piece))  # the last, shorter piece
            expect(offset + start, expected)
            # bytearray == buffer is one memcmp; `memoryview == bytes` is ~8x slower.
            if expected != piece:
                at = _first_difference(bytes(expected), piece.tobytes())
                raise VerifyMismatch(phase, offset + start + at)

    def discard(self) -> bool:
        return blockdev.discard(self._fd, 0, self.size) if self._direct else False


def _utc_now() -> datetime:
    return datetime.now(UTC)


def wipe_device(
    path: str,
    *,
    method: WipeMethod = WipeMethod.CLEAR_RANDOM_VERIFY,
    progress: ProgressReporter | None = None,
    cancel: threading.Event | None = None,
    checkpoint: Checkpoint | None = None,
    checkpoint_every: int = 64 * MIB,
    discard_first: bool = False,
    discard_last: bool = False,
    chunk_size: int = DEFAULT_CHUNK,
    compare_bytes: bool = True,
    clock: Callable[[], datetime] = _utc_now,
) -> WipeResult:
    """Wipe and verify the whole device at `path`; raise a `WipeFailed` if anything short
    of a complete, verified run happened. Always starts at offset 0 with a new key."""
    started = clock()
    plan: list[tuple[Pattern, Phase, Phase]] = [(RandomPattern(), Phase.WRITE, Phase.VERIFY)]
    if method is WipeMethod.CLEAR_RANDOM_ZERO_VERIFY:
        plan.append((ZeroPattern(), Phase.ZERO, Phase.ZERO_VERIFY))
    written: list[tuple[int, float]] = []
    verified: list[tuple[int, float]] = []
    discarded: list[str] = []
    with Wiper(
        path,
        chunk_size=chunk_size,
        progress=progress,
        cancel=cancel,
        checkpoint=checkpoint,
        checkpoint_every=checkpoint_every,
        compare_bytes=compare_bytes,
    ) as wiper:
        if discard_first and wiper.discard():
            discarded.append("first")
        for number, (pattern, write_phase, verify_phase) in enumerate(plan, start=1):
            written.append(wiper.write_pass(pattern, write_phase, number, len(plan)))
            verified.append(wiper.verify_pass(pattern, verify_phase, number, len(plan)))
        if discard_last and wiper.discard():
            discarded.append("last")
        size, errors = wiper.size, tuple(wiper.errors)
    return WipeResult(
        method=method,
        passes=len(plan),
        device_bytes=size,
        bytes_written=sum(done for done, _ in written),
        bytes_verified=sum(done for done, _ in verified),
        errors=errors,
        started=started,
        ended=clock(),
        write_rate=written[0][1],
        verify_rate=verified[0][1],
        discarded=tuple(discarded),
        verification=wiper.verification,
    )
