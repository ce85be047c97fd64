"""The device monitor's thread: runs a `DeviceSource`'s watch loop in the background and
hands every `DeviceEvent` to a callback (the UI's: it posts a message, nothing more).

Shaped like toolong's watcher: a daemon thread with an exit Event, `stop()` joins it
with a timeout. It never takes the application down: an exception out of the source
or out of the callback is logged and, where the callback can still hear it, reported
as an "error" event; a source that cannot watch at all ends with a fatal error event.
"""

from __future__ import annotations

import logging
import threading
import time
from types import TracebackType
from typing import Self

from ledger_tui.system.devices.model import DeviceCallback, DeviceEvent, DeviceSource

log = logging.getLogger(__name__)

STOP_TIMEOUT = 2.0  # seconds; the sources notice the exit event within ~0.2 s


class DeviceWatcher:
    """Watch `source` in a thread and call `callback(event)` from that thread.

    The first events are "add"s with `initial=True` for the sticks already inserted,
    then "ready" (also signalled by `wait_ready`)."""

    def __init__(
        self, source: DeviceSource, callback: DeviceCallback, *, name: str = "device-watcher"
    ) -> None:
        self.source = source
        self._callback = callback
        self._exit = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Wait until the sticks present at the start have been reported."""
        return self._ready.wait(timeout)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = STOP_TIMEOUT) -> bool:
        """Ask the thread to end and wait up to `timeout`; True when it has ended."""
        self._exit.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self) -> None:
        try:
            self.source.watch(self._deliver, self._exit)
        except Exception as error:  # the application lives on without the panel
            log.exception("device monitoring stopped")
            self._deliver(DeviceEvent.failure(error, time.monotonic(), fatal=True))

    def _deliver(self, event: DeviceEvent) -> None:
        if event.action == "ready":
            self._ready.set()
        if self._exit.is_set() and event.action != "error":
            return  # stopping: whoever asked no longer listens for sticks
        try:
            self._callback(event)
        except Exception:  # a broken handler must not end monitoring
            log.exception("device event handler failed for %s %s", event.action, event.node)
