"""Fixtures for the device-detection tests: the umockdev child process, and an event log
that in-process watchers write to and tests wait on (with deadlines, never sleeps)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from ledger_tui.system.devices.model import DeviceEvent
from tests.devices.umockdev_client import UmockdevChild


@pytest.fixture
def umockdev() -> Iterator[UmockdevChild]:
    """A child process under umockdev-wrapper with an empty test bed (see
    umockdev_child.py); the real PyudevSource runs in there."""
    child = UmockdevChild()
    try:
        yield child
    finally:
        status = child.close()
        assert status == 0, f"umockdev child exited with {status}"


class EventLog:
    """The callback for an in-process watcher: keeps every event, wakes waiters."""

    def __init__(self) -> None:
        self.events: list[DeviceEvent] = []
        self.called_at: list[float] = []
        self._changed = threading.Condition()

    def __call__(self, event: DeviceEvent) -> None:
        with self._changed:
            self.events.append(event)
            self.called_at.append(time.monotonic())
            self._changed.notify_all()

    def wait_for(self, matches: Callable[[DeviceEvent], bool], timeout: float = 5.0) -> DeviceEvent:
        """The first event (already logged or still to come) that `matches`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events:
                    if matches(event):
                        return event
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"no matching device event within {timeout} s; got {self.events}"
                    )
                self._changed.wait(remaining)

    def about(self, node: str) -> list[DeviceEvent]:
        with self._changed:
            return [event for event in self.events if event.node == node]

    def called_at_of(self, event: DeviceEvent) -> float:
        with self._changed:
            return next(
                at
                for logged, at in zip(self.events, self.called_at, strict=True)
                if logged is event
            )


@pytest.fixture
def event_log() -> EventLog:
    return EventLog()
