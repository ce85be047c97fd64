"""The watch loop shared by the udev and the kernel-uevent sources.

Poll the event socket and the mount table together; turn block-device events into
stick arrivals, departures and changes (`Presence`: a locked stick getting its medium
is a change); re-read everything when events may have been lost (socket overflow,
ENOBUFS), a mount changed (mounting sends no uevent) or a software-unlock stick's
CD-ROM unit came or went (it changes what the disk unit beside it is).
A source supplies a `Session` (its view of the OS, one per thread) and nothing else.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ledger_tui.system.devices.model import DeviceCallback, DeviceEvent, DeviceInfo
from ledger_tui.system.devices.sysfs import (
    MOUNTINFO,
    MountEntry,
    ProbeFs,
    describe_disk,
    is_stick_candidate,
    read_mounts,
)
from ledger_tui.system.stick.blockdev import is_cdrom_unit

log = logging.getLogger(__name__)

POLL_MS = 200  # how long stop_event may go unnoticed


class Presence:
    """The sticks present now (by sysfs path), so every report is a real change."""

    def __init__(self) -> None:
        self._present: dict[str, DeviceInfo] = {}

    def __contains__(self, sys_path: object) -> bool:
        return sys_path in self._present

    def update(
        self, sys_path: str, info: DeviceInfo | None, seen_at: float, *, initial: bool = False
    ) -> DeviceEvent | None:
        """Record `info` (None: not a present stick) and say what changed, if anything."""
        old = self._present.get(sys_path)
        if info is None:
            if old is None:
                return None
            del self._present[sys_path]
            return DeviceEvent("remove", old.node, sys_path, old, seen_at)
        self._present[sys_path] = info
        if old is None:
            return DeviceEvent("add", info.node, sys_path, info, seen_at, initial=initial)
        if old != info:
            return DeviceEvent("change", info.node, sys_path, info, seen_at)
        return None

    def resync(
        self, current: Iterable[DeviceInfo], seen_at: float, *, initial: bool = False
    ) -> list[DeviceEvent]:
        """Compare with a fresh listing: departures first, then arrivals and changes."""
        now = {info.sys_path: info for info in current}
        events = [
            self.update(path, None, seen_at) for path in list(self._present) if path not in now
        ]
        events += [
            self.update(path, info, seen_at, initial=initial)
            for path, info in sorted(now.items(), key=lambda item: item[1].node)
        ]
        return [event for event in events if event is not None]


@dataclass(frozen=True)
class RawEvent:
    action: str
    sys_path: str
    props: Mapping[str, str]
    seen_at: float  # when read: one drain may also pick up events sent after it began


class Stream(Protocol):
    def fileno(self) -> int: ...
    def drain(self) -> list[RawEvent]: ...
    def close(self) -> None: ...


class Session(Protocol):
    """One thread's view of the OS (libudev contexts must not be shared between threads)."""

    probe: ProbeFs | None

    def open_stream(self) -> Stream: ...
    def disk_paths(self) -> list[str]: ...
    def disk_props(self, sys_path: str) -> Mapping[str, str]: ...
    def partitions(self, sys_path: str) -> list[tuple[str, Mapping[str, str]]]: ...


class SystemSource:
    """The watch loop shared by the udev and the kernel source. `allow_loop`: attached
    loop devices count as sticks (the settings' switch, tests and demos only)."""

    status_key = ""
    allow_loop = False

    def __init__(self, *, allow_loop: bool = False) -> None:
        self.allow_loop = allow_loop

    def _session(self) -> Session:
        raise NotImplementedError

    def list_present(self) -> list[DeviceInfo]:
        return _present(self._session(), read_mounts(), self.allow_loop)

    def watch(self, callback: DeviceCallback, stop_event: threading.Event) -> None:
        session = self._session()
        stream = session.open_stream()  # listen first: nothing inserted now is lost
        mounts_fd = os.open(MOUNTINFO, os.O_RDONLY | os.O_CLOEXEC)
        try:
            poller = select.poll()
            poller.register(stream.fileno(), select.POLLIN)
            # The mount table signals a change with POLLPRI|POLLERR.
            poller.register(mounts_fd, select.POLLPRI | select.POLLERR)
            presence = Presence()
            for event in presence.resync(
                _present(session, read_mounts(), self.allow_loop), time.monotonic(), initial=True
            ):
                callback(event)
            callback(DeviceEvent.ready(time.monotonic()))
            while not stop_event.is_set():
                for fd, _ in poller.poll(POLL_MS):
                    seen_at = time.monotonic()
                    if fd == mounts_fd:
                        _resync(session, presence, callback, seen_at, self.allow_loop)
                    else:
                        _handle_stream(
                            session, stream, presence, callback, seen_at, self.allow_loop
                        )
        finally:
            os.close(mounts_fd)
            stream.close()


def _present(session: Session, mounts: list[MountEntry], allow_loop: bool) -> list[DeviceInfo]:
    found = []
    for path in session.disk_paths():
        info = _describe(session, path, None, mounts, allow_loop)
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda info: info.node)


def _describe(
    session: Session,
    sys_path: str,
    props: Mapping[str, str] | None,
    mounts: list[MountEntry],
    allow_loop: bool,
) -> DeviceInfo | None:
    if props is None:
        props = session.disk_props(sys_path)
        if not props:
            return None  # gone
    if not is_stick_candidate(sys_path, props, allow_loop):
        return None  # before listing partitions: most disks are no sticks
    return describe_disk(
        sys_path,
        props,
        session.partitions(sys_path),
        allow_loop,
        probe=session.probe,
        mounts=mounts,
    )


def _resync(
    session: Session,
    presence: Presence,
    callback: DeviceCallback,
    seen_at: float,
    allow_loop: bool,
) -> None:
    try:
        events = presence.resync(_present(session, read_mounts(), allow_loop), seen_at)
    except Exception as error:  # reported; the next event or mount change retries
        log.exception("device re-listing failed")
        callback(DeviceEvent.failure(error, seen_at))
        return
    for event in events:
        callback(event)


def _handle_stream(
    session: Session,
    stream: Stream,
    presence: Presence,
    callback: DeviceCallback,
    seen_at: float,
    allow_loop: bool,
) -> None:
    try:
        raws = stream.drain()
    except OSError as error:
        if error.errno != errno.ENOBUFS:
            log.exception("reading device events failed")
            callback(DeviceEvent.failure(error, seen_at))
        else:
            log.warning("device events overflowed the socket; re-listing the sticks")
        _resync(session, presence, callback, seen_at, allow_loop)
        return
    mounts = read_mounts() if raws else []
    regroup = False
    for raw in raws:
        if raw.props.get("DEVTYPE") == "disk" and is_cdrom_unit(raw.sys_path, raw.props):
            # A software-unlock stick's CD-ROM unit: no entry of its own, but it tells
            # what its disk unit beside it is, so the sticks are described afresh.
            regroup = True
            continue
        try:
            event = _handle(session, raw, presence, mounts, allow_loop)
        except Exception as error:  # one bad event (a stick pulled mid-read) must not end watching
            log.exception("device event %s %s failed", raw.action, raw.sys_path)
            event = DeviceEvent.failure(error, raw.seen_at)
        if event is not None:
            callback(event)
    if regroup:
        _resync(session, presence, callback, seen_at, allow_loop)


def _handle(
    session: Session,
    raw: RawEvent,
    presence: Presence,
    mounts: list[MountEntry],
    allow_loop: bool,
) -> DeviceEvent | None:
    seen_at = raw.seen_at
    devtype = raw.props.get("DEVTYPE")
    if devtype == "partition":
        # A new, changed or removed partition changes what its stick shows.
        disk = os.path.dirname(raw.sys_path)
        if disk not in presence:
            return None
        return presence.update(disk, _describe(session, disk, None, mounts, allow_loop), seen_at)
    if devtype != "disk":
        return None
    if raw.action == "remove":
        return presence.update(raw.sys_path, None, seen_at)
    return presence.update(
        raw.sys_path, _describe(session, raw.sys_path, raw.props, mounts, allow_loop), seen_at
    )
