"""`DeviceWatcher` over `FakeSource`: the event sequence a panel relies on, and that
nothing a source or a handler does can take the application down."""

from __future__ import annotations

import logging
import threading

import pytest

from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.system.devices.model import DeviceEvent
from ledger_tui.system.devices.watcher import DeviceWatcher
from tests.devices.conftest import EventLog


def _actions(log: EventLog) -> list[tuple[str, str | None]]:
    return [(event.action, event.node) for event in log.events]


def test_present_sticks_first_then_ready_then_changes(event_log: EventLog) -> None:
    present = make_stick("AAA0001", node="/dev/sdc")
    source = FakeSource([present])
    with DeviceWatcher(source, event_log) as watcher:
        assert watcher.wait_ready(5)
        assert _actions(event_log) == [("add", "/dev/sdc"), ("ready", None)]
        assert event_log.events[0].initial and event_log.events[0].info == present

        source.insert(make_stick("BBB0002"))
        source.insert(make_stick("BBB0002"))  # the same facts again: nothing to report
        mounted = source.change(make_stick("BBB0002"), vendor="Buffalo")
        source.pull("/dev/sdc")
        source.pull("/dev/sdx")  # never inserted: ignored
        removed = event_log.wait_for(lambda e: e.action == "remove")

    assert _actions(event_log)[2:] == [
        ("add", "/dev/sdb"),
        ("change", "/dev/sdb"),
        ("remove", "/dev/sdc"),
    ]
    assert event_log.events[3].info == mounted
    assert removed.info == present and removed.initial is False
    assert [info.node for info in source.list_present()] == ["/dev/sdb"]


def test_a_failing_handler_does_not_stop_monitoring(caplog: pytest.LogCaptureFixture) -> None:
    seen: list[DeviceEvent] = []
    second = threading.Event()

    def handler(event: DeviceEvent) -> None:
        seen.append(event)
        if event.action == "add" and event.info and event.info.serial == "FIRST001":
            raise RuntimeError("panel gone")
        if event.action == "add":
            second.set()

    source = FakeSource()
    with caplog.at_level(logging.ERROR), DeviceWatcher(source, handler) as watcher:
        source.insert(make_stick("FIRST001"))
        source.insert(make_stick("SECOND01", node="/dev/sdc"))
        assert second.wait(5)
        assert watcher.running
    assert "device event handler failed" in caplog.text and "panel gone" in caplog.text


def test_a_broken_source_ends_with_a_fatal_error_event(
    event_log: EventLog, caplog: pytest.LogCaptureFixture
) -> None:
    source = FakeSource()
    watcher = DeviceWatcher(source, event_log)
    with caplog.at_level(logging.ERROR):
        watcher.start()
        source.fail(OSError(105, "No buffer space available"))
        error = event_log.wait_for(lambda e: e.action == "error")
    assert error.fatal and error.error == "OSError: [Errno 105] No buffer space available"
    assert watcher.stop(timeout=5) and not watcher.running
    assert "device monitoring stopped" in caplog.text


def test_stop_ends_the_thread_and_silences_it(event_log: EventLog) -> None:
    source = FakeSource()
    watcher = DeviceWatcher(source, event_log)
    watcher.start()
    assert watcher.wait_ready(5)
    assert watcher.stop(timeout=5)
    assert not watcher.running
    source.insert(make_stick())
    assert _actions(event_log) == [("ready", None)]
    assert watcher.stop()  # twice is harmless


def test_make_stick_is_a_sound_identity() -> None:
    stick = make_stick()
    assert (stick.bus, stick.usb_id, stick.weak_identity, stick.mounted) == (
        "usb",
        "0781:5567",
        False,
        False,
    )
    assert make_stick(None).weak_identity and make_stick("").weak_identity
    assert stick.as_dict()["partitions"] == [
        {"node": "/dev/sdb1", "fs_type": "vfat", "label": None}
    ]
