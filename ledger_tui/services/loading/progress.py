"""Progress of a load for the screen: phase, archive, bytes, rate (and so the ETA).

A load writes every archive (phase "write": plaintext bytes read from the sources) and
then reads every archive back (phase "verify": archive bytes). The first step of each
phase is reported at once, the rest at most ten times a second, and the end of each
phase always. The callback runs in the loading thread: a UI posts a message from it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

MIN_INTERVAL = 0.1


@dataclass(frozen=True, slots=True)
class LoadProgress:
    phase: str  # "write" or "verify"
    archive: str
    index: int  # 1-based number of the archive
    archives: int
    done: int  # bytes of this phase so far, over all archives
    total: int
    rate: float  # bytes per second in this phase

    @property
    def eta_seconds(self) -> float | None:
        if self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate


LoadProgressFn = Callable[[LoadProgress], None]


class PhaseReporter:
    def __init__(
        self,
        callback: LoadProgressFn | None,
        phase: str,
        total: int,
        archives: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._callback = callback
        self._phase = phase
        self._total = total
        self._archives = archives
        self._clock = clock
        self._start = clock()
        self._last: float | None = None
        self._base = 0  # bytes of the archives finished before the current one
        self.done = 0
        self.archive = ""
        self.index = 0

    def begin_archive(self, name: str, index: int) -> None:
        self._base = self.done
        self.archive, self.index = name, index

    def advance(self, count: int) -> None:
        self.done += count
        now = self._clock()
        if self._last is None or now - self._last >= MIN_INTERVAL:
            self._emit(now)

    def archive_progress(self, done: int, _total: int | None, _rate: float) -> None:
        """A `system.archive_progress.ProgressFn` reporting within the current archive."""
        self.advance(self._base + done - self.done)

    def finish(self) -> None:
        """The phase is complete: the last report says so (done == total)."""
        self.done = max(self.done, self._total)
        self._emit(self._clock())

    def _emit(self, now: float) -> None:
        self._last = now
        if self._callback is None:
            return
        elapsed = now - self._start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        self._callback(
            LoadProgress(
                self._phase, self.archive, self.index, self._archives, self.done, self._total, rate
            )
        )


class ReportingSource:
    """A source stream that reports every read to the write phase's reporter."""

    def __init__(self, stream: BinaryIO, reporter: PhaseReporter) -> None:
        self._stream = stream
        self._reporter = reporter

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        if data:
            self._reporter.advance(len(data))
        return data

    def close(self) -> None:
        self._stream.close()
