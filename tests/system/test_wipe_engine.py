"""The wipe engine on real loop devices: what it writes, that it reads back every byte,
and that tampering, I/O errors, cancel and a crash are all surfaced."""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from ledger_tui.system.stick import wipe
from ledger_tui.system.stick.wipe import (
    Phase,
    RandomPattern,
    Verification,
    VerifyMismatch,
    WipeCancelled,
    WipeIOError,
    WipeMethod,
    WipeProgress,
    Wiper,
    ZeroPattern,
    wipe_device,
)
from tests.conftest import LoopDevice
from tests.system.conftest import backing_file

MIB = 1024 * 1024


def _sample(device: str, offset: int = 0, size: int = 4 * MIB) -> bytes:
    with open(backing_file(device), "rb") as handle:
        handle.seek(offset)
        return handle.read(size)


def _flip(device: str, offset: int) -> None:
    """Change one byte behind the engine's back, through the loop's backing file."""
    with open(backing_file(device), "r+b") as handle:
        handle.seek(offset)
        old = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([old[0] ^ 0x01]))


def test_random_pass_writes_an_incompressible_non_repeating_stream(
    attach_loop: Callable[..., str],
) -> None:
    device = attach_loop(32 * MIB)
    result = wipe_device(device)
    for offset in (0, 16 * MIB, 28 * MIB):
        data = _sample(device, offset)
        assert data.count(0) < len(data) // 64  # ~1/256 expected for random bytes
        assert len(zlib.compress(data, 9)) > 0.99 * len(data)
        blocks = {data[i : i + 16] for i in range(0, MIB, 16)}
        assert len(blocks) == MIB // 16  # a stuck counter would repeat blocks
    assert result.device_bytes == 32 * MIB
    assert result.bytes_written == result.bytes_verified == 32 * MIB
    assert result.errors == () and result.passes == 1
    assert result.method is WipeMethod.CLEAR_RANDOM_VERIFY
    assert result.method.nist_category == "clear"
    assert result.started.tzinfo is not None and result.ended >= result.started
    assert result.duration.total_seconds() >= 0 and result.throughput > 0
    assert result.write_rate > 0 and result.verify_rate > 0
    assert "AES-256-CTR" in result.tool and "ledger_tui wipe 0.1.0" in result.tool
    assert result.verification is Verification.BYTES


def test_the_pattern_is_an_aes256_ctr_keystream(monkeypatch: pytest.MonkeyPatch) -> None:
    # Checked against plain AES-256-CTR (counter block = prefix || segment || 2, as GCM's
    # GCTR numbers it), across segment ends and for pieces of any size.
    segment = 64 * 1024 + 4096
    monkeypatch.setattr(RandomPattern, "SEGMENT", segment)
    pattern = RandomPattern()
    out = bytearray(5 * segment + 123)
    view, position = memoryview(out), 0
    for size in (1, 4095, 70000, 30000, 250000, 7, segment, len(out)):
        size = min(size, len(out) - position)
        pattern.fill(view[position : position + size])
        position += size
    algorithm = pattern._RandomPattern__algorithm  # type: ignore[attr-defined]
    prefix = pattern._RandomPattern__prefix  # type: ignore[attr-defined]
    assert isinstance(algorithm, algorithms.AES) and algorithm.key_size == 256
    reference = b"".join(
        Cipher(algorithm, modes.CTR(prefix + index.to_bytes(4, "big") + b"\0\0\0\2"))
        .encryptor()
        .update(bytes(segment))
        for index in range(6)
    )
    assert bytes(out) == reference[: len(out)]
    pattern.restart()
    again = bytearray(1000)
    pattern.fill(again)
    assert again == out[:1000]
    for offset, size in ((0, 100), (17, 5000), (segment - 5, 10), (3 * segment + 1, 99999)):
        part = bytearray(size)
        pattern.fill_at(offset, part)  # random access, used to locate a bad byte
        assert part == reference[offset : offset + size]


def test_keystream_segments_join_up(
    attach_loop: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new IV starts every SEGMENT bytes (1 GiB); here every 3 MiB + 4 KiB, which falls
    # inside chunks and verify blocks, so fill() must split there and stay in step.
    monkeypatch.setattr(RandomPattern, "SEGMENT", 3 * MIB + 4096)
    device = attach_loop(16 * MIB)
    assert wipe_device(device, chunk_size=2 * MIB).bytes_verified == 16 * MIB
    data = _sample(device, 0, 16 * MIB)
    assert len({data[i : i + 16] for i in range(0, len(data), 16)}) == len(data) // 16


def test_progress_covers_every_byte_of_every_phase(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(24 * MIB)
    reports: list[WipeProgress] = []
    checkpoints: list[tuple[Phase, int]] = []
    result = wipe_device(
        device,
        method=WipeMethod.CLEAR_RANDOM_ZERO_VERIFY,
        progress=reports.append,
        compare_bytes=False,
        checkpoint=lambda phase, at: checkpoints.append((phase, at)),
        checkpoint_every=8 * MIB,
        chunk_size=4 * MIB,
    )
    phases = [Phase.WRITE, Phase.VERIFY, Phase.ZERO, Phase.ZERO_VERIFY]
    assert list(dict.fromkeys(r.phase for r in reports)) == phases
    for phase in phases:
        mine = [r for r in reports if r.phase is phase]
        assert mine[0].bytes_done == 0 and mine[-1].bytes_done == 24 * MIB
        assert [r.bytes_done for r in mine] == sorted(r.bytes_done for r in mine)
        assert all(r.bytes_total == 24 * MIB and r.passes == 2 for r in mine)
        assert [at for p, at in checkpoints if p is phase] == [8 * MIB, 16 * MIB, 24 * MIB]
    assert {r.pass_number for r in reports if r.phase is Phase.ZERO} == {2}
    assert reports[-1].eta_seconds == 0
    assert result.bytes_written == result.bytes_verified == 2 * 24 * MIB
    assert result.verification is Verification.GMAC
    assert _sample(device, 0, 24 * MIB) == bytes(24 * MIB)  # the zero pass is last


def test_progress_is_throttled(
    attach_loop: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wipe, "REPORT_INTERVAL", 1e9)
    reports: list[WipeProgress] = []
    wipe_device(attach_loop(16 * MIB), progress=reports.append, chunk_size=MIB)
    # 16 chunks per phase, but only the start and the end of each phase are reported
    assert [(r.phase, r.bytes_done) for r in reports] == [
        (Phase.WRITE, 0),
        (Phase.WRITE, 16 * MIB),
        (Phase.VERIFY, 0),
        (Phase.VERIFY, 16 * MIB),
    ]


@pytest.mark.parametrize("compare_bytes", [False, True], ids=["gmac", "bytes"])
@pytest.mark.parametrize("offset", [0, 5 * MIB + 12345, 16 * MIB - 1])
def test_a_tampered_byte_is_found_at_its_exact_offset(
    attach_loop: Callable[..., str], offset: int, compare_bytes: bool
) -> None:
    device = attach_loop(16 * MIB)
    with Wiper(device, compare_bytes=compare_bytes) as wiper:
        pattern = RandomPattern()
        wiper.write_pass(pattern)
        wiper.verify_pass(pattern)  # untouched: passes
        _flip(device, offset)
        with pytest.raises(VerifyMismatch) as caught:
            wiper.verify_pass(pattern)
    assert caught.value.offset == offset and caught.value.phase is Phase.VERIFY
    assert type(caught.value) is VerifyMismatch  # one bad byte: no counterfeit capacity
    assert f"{offset:,}" in caught.value.message("en")
    assert "消去は完了していません" in caught.value.message("ja")


def test_a_wrong_tag_alone_fails_the_chunk(attach_loop: Callable[..., str]) -> None:
    # Should the bytes match but the tag not (it cannot happen without a bug or bad RAM),
    # the chunk still fails: neither is trusted over the other.
    with Wiper(attach_loop(16 * MIB), chunk_size=4 * MIB, compare_bytes=False) as wiper:
        pattern = RandomPattern()
        wiper.write_pass(pattern)
        wiper._tags[pattern].written[8 * MIB] = bytes(16)
        with pytest.raises(VerifyMismatch) as caught:
            wiper.verify_pass(pattern)
    assert caught.value.offset == 8 * MIB


def test_the_zero_pass_is_verified_too(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(8 * MIB)
    zeros = ZeroPattern()
    with Wiper(device) as wiper:
        wiper.write_pass(zeros, Phase.ZERO)
        _flip(device, 3 * MIB + 7)
        with pytest.raises(VerifyMismatch) as caught:
            wiper.verify_pass(zeros, Phase.ZERO_VERIFY)
    assert caught.value.offset == 3 * MIB + 7
    assert caught.value.phase is Phase.ZERO_VERIFY


def test_device_size_not_a_multiple_of_4096(attach_loop: Callable[..., str]) -> None:
    size = 64 * MIB + 512
    device = attach_loop(size)
    result = wipe_device(device)
    assert result.device_bytes == result.bytes_verified == size
    assert _sample(device, size - 512, 512).count(0) < 32  # the last sector was written
    with Wiper(device) as wiper:
        pattern = RandomPattern()
        wiper.write_pass(pattern)
        _flip(device, size - 1)
        with pytest.raises(VerifyMismatch) as caught:
            wiper.verify_pass(pattern)
    assert caught.value.offset == size - 1


def test_a_ragged_tail_goes_through_an_ordinary_descriptor(tmp_path: Path) -> None:
    # Block devices end on a sector; a file need not. Its last bytes cannot use O_DIRECT.
    image = tmp_path / "ragged.img"
    size = MIB + 100
    image.write_bytes(bytes(size))
    with Wiper(str(image), chunk_size=256 * 1024) as wiper:
        assert wiper.direct_end == MIB and wiper.size == size
        pattern = RandomPattern()
        assert wiper.write_pass(pattern)[0] == size
        assert wiper.verify_pass(pattern)[0] == size
        assert image.read_bytes()[-100:].count(0) < 10
        with open(image, "r+b") as handle:
            handle.seek(size - 3)
            handle.write(b"\x00\x00\x00")
        with pytest.raises(VerifyMismatch) as caught:
            wiper.verify_pass(pattern)
    assert size - 3 <= caught.value.offset < size


def test_a_kernel_write_error_is_raised_with_its_offset(
    loop_device_factory: Callable[..., LoopDevice],
) -> None:
    # The backing file's tmpfs holds 9 MiB + 12 KiB: the loop device fails writes beyond.
    # The failing chunk starts at 8 MiB; the retry narrows the error down to one sector
    # of the 64 KiB piece after the one that straddles the end (the loop driver reports a
    # short write to its backing file as success: verification exists for such lies).
    capacity = 9 * MIB + 12 * 1024
    device = loop_device_factory(size_mib=32, failing_after=capacity).path
    with pytest.raises(WipeIOError) as caught:
        wipe_device(device, chunk_size=4 * MIB)
    error = caught.value
    assert error.phase is Phase.WRITE
    assert error.errno in (errno.ENOSPC, errno.EIO)
    assert capacity <= error.offset <= capacity + wipe.RETRY_PIECE
    assert error.offset % 512 == 0
    assert _sample(device, capacity - 512, 512).count(0) < 32  # written up to the end
    assert f"{error.offset:,}" in error.message("en") and "入出力エラー" in error.message("ja")


def _failing_reads(monkeypatch: pytest.MonkeyPatch, bad_offset: int, times: int) -> None:
    """Make reads covering `bad_offset` fail `times` times (an unreadable sector)."""
    original = Wiper._transfer
    left = [times]

    def transfer(self: Wiper, view: memoryview, offset: int, writing: bool, fd: int) -> None:
        if not writing and offset <= bad_offset < offset + len(view) and left[0] > 0:
            left[0] -= 1
            raise OSError(errno.EIO, "injected")
        original(self, view, offset, writing, fd)

    monkeypatch.setattr(Wiper, "_transfer", transfer)


def test_an_unreadable_sector_fails_the_verify_at_its_offset(
    attach_loop: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No device-mapper here, so read errors are injected at the pread boundary.
    bad = 9 * MIB + 3 * 512 + 17
    _failing_reads(monkeypatch, bad, times=1_000)
    with pytest.raises(WipeIOError) as caught:
        wipe_device(attach_loop(16 * MIB))
    assert caught.value.phase is Phase.VERIFY and caught.value.errno == errno.EIO
    assert caught.value.offset == bad - bad % 512


def test_an_error_that_goes_away_on_retry_is_recorded(
    attach_loop: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_reads(monkeypatch, 5 * MIB, times=1)
    result = wipe_device(attach_loop(16 * MIB), chunk_size=4 * MIB)
    assert result.bytes_verified == 16 * MIB
    assert [(e.phase, e.offset, e.errno, e.recovered) for e in result.errors] == [
        (Phase.VERIFY, 4 * MIB, errno.EIO, True)
    ]


def test_cancel_during_verify(attach_loop: Callable[..., str]) -> None:
    cancel = threading.Event()

    def progress(report: WipeProgress) -> None:
        if report.phase is Phase.VERIFY:
            cancel.set()

    with pytest.raises(WipeCancelled) as caught:
        wipe_device(attach_loop(32 * MIB), progress=progress, cancel=cancel, chunk_size=4 * MIB)
    assert caught.value.phase is Phase.VERIFY
    assert caught.value.bytes_done == 4 * MIB  # one chunk compared, then it stopped
    assert "消去待ち" in caught.value.message("ja")


def test_cancel_during_write_reports_bytes_done(attach_loop: Callable[..., str]) -> None:
    cancel = threading.Event()
    seen: list[int] = []

    def checkpoint(phase: Phase, offset: int) -> None:
        seen.append(offset)
        if len(seen) == 2:
            cancel.set()

    with pytest.raises(WipeCancelled) as caught:
        wipe_device(
            attach_loop(32 * MIB),
            cancel=cancel,
            checkpoint=checkpoint,
            checkpoint_every=4 * MIB,
            chunk_size=4 * MIB,
        )
    assert (caught.value.phase, caught.value.bytes_done) == (Phase.WRITE, 8 * MIB)
    assert seen == [4 * MIB, 8 * MIB]


CRASHING_WIPE = """
import sys
from ledger_tui.system.stick.wipe import wipe_device
def checkpoint(phase, offset):
    print(phase, offset, flush=True)
    sys.stdin.readline()  # hold here until the test kills us
wipe_device(sys.argv[1], checkpoint=checkpoint, checkpoint_every=8 << 20, chunk_size=4 << 20)
"""


def test_a_crashed_wipe_restarts_from_zero_with_a_new_key(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(32 * MIB)
    root = Path(__file__).resolve().parents[2]
    crashing = subprocess.Popen(
        [sys.executable, "-c", CRASHING_WIPE, device],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert crashing.stdout is not None
    assert crashing.stdout.readline().split() == ["write", str(8 * MIB)]
    crashing.kill()  # SIGKILL mid-write: no cleanup runs, like a crash or a power cut
    crashing.wait()
    before = _sample(device, 0, MIB)
    assert _sample(device, 24 * MIB, MIB) == bytes(MIB)  # never reached
    result = wipe_device(device)
    assert result.bytes_verified == 32 * MIB
    assert _sample(device, 0, MIB) != before  # offset 0 rewritten under a new key


def test_the_key_is_never_exposed(attach_loop: Callable[..., str]) -> None:
    pattern = RandomPattern()
    assert "hidden" in repr(pattern)
    result = wipe_device(attach_loop(4 * MIB))
    fields: dict[str, Any] = vars(result)
    assert not any(isinstance(value, bytes | bytearray) for value in fields.values())


def test_discard_first_where_supported(attach_loop: Callable[..., str]) -> None:
    result = wipe_device(attach_loop(8 * MIB), discard_first=True)
    assert result.discarded == ("first",)
    assert result.bytes_verified == 8 * MIB


def test_the_device_has_two_requests_at_a_time(
    attach_loop: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reads and writes go to the device two at a time (a loop device or a USB bridge
    serves one while the other is copied: verify ~0.9x of dd, not ~0.7x; issue 17), and
    every byte is still verified in order."""
    busy: list[int] = []
    peak = [0]
    lock = threading.Lock()
    transfer = Wiper._transfer

    def counted(self: Wiper, *args: Any) -> None:
        with lock:
            busy.append(1)
            peak[0] = max(peak[0], len(busy))
        try:
            threading.Event().wait(0.02)  # long enough for the next request to arrive
            transfer(self, *args)
        finally:
            with lock:
                busy.pop()

    monkeypatch.setattr(Wiper, "_transfer", counted)
    device = attach_loop(16 * MIB)
    assert wipe_device(device, chunk_size=MIB).bytes_verified == 16 * MIB
    assert peak[0] == 2
