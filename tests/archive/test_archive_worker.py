"""Helper threads: ordered work with errors handed back, and sequential prefetching."""

from __future__ import annotations

import io

import pytest

from ledger_tui.system.archive.worker import OrderedWorker, Prefetcher


def test_tasks_run_in_order_and_the_first_error_comes_back() -> None:
    seen: list[int] = []
    with OrderedWorker(depth=2) as worker:
        for number in range(50):
            worker.submit(seen.append, number)
        worker.drain()
        assert seen == list(range(50))

        def fail(_: object) -> None:
            raise OSError(28, "No space left on device")

        worker.submit(fail, None)
        with pytest.raises(OSError):
            worker.drain()
        worker.drain()  # reported once


def test_prefetcher_returns_exact_sizes_across_chunks() -> None:
    data = bytes(range(256)) * 1000
    prefetch = Prefetcher(io.BytesIO(data), len(data), chunk=1000, depth=2)
    try:
        got = [prefetch.read(size) for size in (1, 999, 1000, 2500, 7, 10**6)]
    finally:
        prefetch.close()
    assert b"".join(got) == data and [len(g) for g in got[:5]] == [1, 999, 1000, 2500, 7]


def test_prefetcher_hands_read_errors_to_the_reader() -> None:
    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(5, "Input/output error")

    prefetch = Prefetcher(Broken(b"x" * 10), 10)
    with pytest.raises(OSError):
        prefetch.read(5)
    prefetch.close()


def test_closing_early_stops_the_thread() -> None:
    prefetch = Prefetcher(io.BytesIO(bytes(10**6)), 10**6, chunk=1000, depth=1)
    prefetch.read(10)
    prefetch.close()
    assert not prefetch._thread.is_alive()
