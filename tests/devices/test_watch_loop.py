"""The watch loop shared by the udev and kernel sources, driven through a scripted
session: partition events refresh their stick, a socket overflow or a failing event
leads to a re-listing, and watching goes on."""

from __future__ import annotations

import errno
import socket
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from ledger_tui.system.devices.sysfs import ProbeFs
from ledger_tui.system.devices.watch import RawEvent, SystemSource
from ledger_tui.system.devices.watcher import DeviceWatcher
from tests.devices.conftest import EventLog


class ScriptedStream:
    """A real fd to poll on; `push` queues raw events (or an OSError) and wakes it."""

    def __init__(self) -> None:
        self._read, self._write = socket.socketpair()
        self._lock = threading.Lock()
        self._queued: list[RawEvent | OSError] = []

    def push(self, item: RawEvent | OSError) -> None:
        with self._lock:
            self._queued.append(item)
        self._write.send(b"x")

    def fileno(self) -> int:
        return self._read.fileno()

    def drain(self) -> list[RawEvent]:
        self._read.recv(4096)
        with self._lock:
            queued, self._queued = self._queued, []
        for item in queued:
            if isinstance(item, OSError):
                raise item
        return [item for item in queued if isinstance(item, RawEvent)]

    def close(self) -> None:
        self._read.close()
        self._write.close()


class ScriptedSession:
    """Disks are directories with sysfs-like `size` and `dev` files under tmp_path."""

    probe: ProbeFs | None = None

    def __init__(self, root: Path, stream: ScriptedStream) -> None:
        self.root = root
        self.stream = stream
        self.props: dict[str, dict[str, str]] = {}
        self.parts: dict[str, list[tuple[str, Mapping[str, str]]]] = {}
        self.broken: set[str] = set()

    def insert(self, name: str, serial: str) -> str:
        path = self.root / name
        path.mkdir()
        (path / "size").write_text("2048\n")
        self.props[str(path)] = {
            "DEVNAME": f"/dev/{name}",
            "DEVTYPE": "disk",
            "SUBSYSTEM": "block",
            "ID_BUS": "usb",
            "ID_SERIAL_SHORT": serial,
        }
        self.parts[str(path)] = []
        return str(path)

    def pull(self, path: str) -> None:
        del self.props[path]

    def open_stream(self) -> ScriptedStream:
        return self.stream

    def disk_paths(self) -> list[str]:
        return sorted(self.props)

    def disk_props(self, sys_path: str) -> Mapping[str, str]:
        return self.props.get(sys_path, {})

    def partitions(self, sys_path: str) -> list[tuple[str, Mapping[str, str]]]:
        if sys_path in self.broken:
            raise OSError(errno.EIO, "Input/output error")  # the stick pulled mid-read
        return self.parts.get(sys_path, [])


class ScriptedSource(SystemSource):
    status_key = "devices.source.fake"

    def __init__(self, session: ScriptedSession) -> None:
        self.session = session

    def _session(self) -> ScriptedSession:
        return self.session


@pytest.fixture
def session(tmp_path: Path) -> ScriptedSession:
    return ScriptedSession(tmp_path, ScriptedStream())


@pytest.fixture
def watching(session: ScriptedSession, event_log: EventLog) -> Iterator[DeviceWatcher]:
    watcher = DeviceWatcher(ScriptedSource(session), event_log)
    watcher.start()
    assert watcher.wait_ready(5)
    yield watcher
    assert watcher.stop()


def _raw(action: str, path: str, devtype: str = "disk", **props: str) -> RawEvent:
    return RawEvent(action, path, {"DEVTYPE": devtype, "SUBSYSTEM": "block", **props}, 0.0)


@pytest.mark.usefixtures("watching")
def test_partition_events_refresh_their_stick(
    session: ScriptedSession, event_log: EventLog
) -> None:
    disk = session.insert("sdb", "SERIAL0001")
    session.stream.push(_raw("add", disk, **session.props[disk]))
    event_log.wait_for(lambda e: e.action == "add")
    session.parts[disk] = [
        (
            f"{disk}/sdb1",
            {
                "DEVNAME": "/dev/sdb1",
                "ID_FS_TYPE": "exfat",
                "ID_FS_LABEL_ENC": "\\xe7\\xb5\\x8c\\xe7\\x90\\x86",
            },
        )
    ]
    session.stream.push(_raw("add", f"{disk}/sdb1", "partition"))
    session.stream.push(_raw("add", f"{session.root}/other/sdz1", "partition"))  # not ours
    changed = event_log.wait_for(lambda e: e.action == "change")
    assert changed.info is not None
    assert [(p.node, p.fs_type, p.label) for p in changed.info.partitions] == [
        ("/dev/sdb1", "exfat", "経理")
    ]  # ID_FS_LABEL_ENC escapes decoded
    assert [e.action for e in event_log.events] == ["ready", "add", "change"]


@pytest.mark.usefixtures("watching")
def test_a_socket_overflow_relists_the_sticks(
    session: ScriptedSession, event_log: EventLog
) -> None:
    first = session.insert("sdb", "SERIAL0001")
    session.stream.push(_raw("add", first, **session.props[first]))
    event_log.wait_for(lambda e: e.action == "add")
    # Events were lost: the first stick went, another came. Only a re-listing can tell.
    session.pull(first)
    session.insert("sdc", "SERIAL0002")
    session.stream.push(OSError(errno.ENOBUFS, "No buffer space available"))
    event_log.wait_for(lambda e: e.node == "/dev/sdc")
    assert [(e.action, e.node) for e in event_log.events[2:]] == [
        ("remove", "/dev/sdb"),
        ("add", "/dev/sdc"),
    ]  # overflow is no error


@pytest.mark.usefixtures("watching")
def test_failures_are_reported_and_watching_goes_on(
    session: ScriptedSession, event_log: EventLog
) -> None:
    session.stream.push(OSError(errno.EBADMSG, "Bad message"))
    failure = event_log.wait_for(lambda e: e.action == "error")
    assert failure.error == "OSError: [Errno 74] Bad message" and not failure.fatal

    broken = session.insert("sdb", "SERIAL0001")
    session.broken.add(broken)
    session.stream.push(_raw("add", broken, **session.props[broken]))
    event_log.wait_for(lambda e: e.action == "error" and "Input/output" in str(e.error))
    session.pull(broken)  # or any re-listing (a mount elsewhere) fails again

    good = session.insert("sdc", "SERIAL0002")
    session.stream.push(_raw("add", good, **session.props[good]))
    assert event_log.wait_for(lambda e: e.action == "add").node == "/dev/sdc"
