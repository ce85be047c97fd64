"""Progress reporting and cancellation shared by long archive and stick jobs.

The callback gets (bytes done, bytes total or None, bytes per second) at most ten times
a second plus once at the end; the UI turns that into a bar with rate and ETA. Setting
the cancel event makes the next check raise `Cancelled`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ledger_tui.system.archive.errors import Cancelled

ProgressFn = Callable[[int, "int | None", float], None]
MIN_INTERVAL = 0.1


class ProgressMeter:
    def __init__(
        self,
        callback: ProgressFn | None,
        total: int | None,
        cancel: threading.Event | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._callback = callback
        self.total = total
        self._cancel = cancel
        self._clock = clock
        self._start = clock()
        self._last = self._start
        self.done = 0

    def check(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise Cancelled()

    def advance(self, count: int) -> None:
        self.check()
        self.done += count
        if self._callback is None:
            return
        now = self._clock()
        if now - self._last >= MIN_INTERVAL:
            self._last = now
            self._callback(self.done, self.total, self._rate(now))

    def finish(self) -> None:
        if self._callback is not None:
            self._callback(self.done, self.total, self._rate(self._clock()))

    def _rate(self, now: float) -> float:
        elapsed = now - self._start
        return self.done / elapsed if elapsed > 0 else 0.0
