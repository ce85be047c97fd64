"""A device source fed by hand, for tests and the demo: "insert" and "pull" sticks
programmatically and the watcher reports them exactly as it would real ones.

`make_stick()` builds a plausible `DeviceInfo` so a demo or a test names only what it
cares about (usually the serial).
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import replace
from typing import Any

from ledger_tui.system.devices.model import DeviceCallback, DeviceEvent, DeviceInfo, Partition
from ledger_tui.system.devices.watch import Presence

GIB = 1024**3
_POLL = 0.05  # seconds between looks at stop_event while no event is queued


def make_stick(
    serial: str | None = "4C530001230611105153", *, node: str = "/dev/sdb", **fields: Any
) -> DeviceInfo:
    """A SanDisk-like 16 GB stick with one FAT32 partition; `fields` override any field."""
    values: dict[str, Any] = {
        "node": node,
        "sys_path": f"/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/host6/"
        f"target6:0:0/6:0:0:0/block/{node.rsplit('/', 1)[-1]}",
        "bus": "usb",
        "vendor": "SanDisk",
        "model": "Cruzer Blade",
        "usb_id": "0781:5567",
        "serial": serial,
        "capacity_bytes": 16 * GIB,
        "removable": True,
        "partitions": (Partition(f"{node}1", "vfat", None),),
    }
    values.update(fields)
    return DeviceInfo(**values)


class FakeSource:
    """Sticks come and go when a test or the demo says so (from any thread)."""

    status_key = "devices.source.fake"

    def __init__(self, present: tuple[DeviceInfo, ...] | list[DeviceInfo] = ()) -> None:
        self._lock = threading.Lock()
        self._present = {info.sys_path: info for info in present}
        self._queue: queue.Queue[tuple[str, DeviceInfo | None, Exception | None, float]] = (
            queue.Queue()
        )

    def list_present(self) -> list[DeviceInfo]:
        with self._lock:
            return sorted(self._present.values(), key=lambda info: info.node)

    def insert(self, info: DeviceInfo) -> None:
        with self._lock:
            self._present[info.sys_path] = info
        self._queue.put((info.sys_path, info, None, time.monotonic()))

    def change(self, info: DeviceInfo, **fields: Any) -> DeviceInfo:
        """Report the stick at `info.sys_path` as changed to `info` with `fields`."""
        changed = replace(info, **fields)
        self.insert(changed)
        return changed

    def pull(self, node: str) -> None:
        with self._lock:
            sys_path = next(
                (path for path, info in self._present.items() if info.node == node), None
            )
            if sys_path is None:
                return
            del self._present[sys_path]
        self._queue.put((sys_path, None, None, time.monotonic()))

    def fail(self, error: Exception) -> None:
        """Make the running watch loop raise `error` (as a broken OS socket would)."""
        self._queue.put(("", None, error, time.monotonic()))

    def watch(self, callback: DeviceCallback, stop_event: threading.Event) -> None:
        presence = Presence()
        for event in presence.resync(self.list_present(), time.monotonic(), initial=True):
            callback(event)
        callback(DeviceEvent.ready(time.monotonic()))
        while not stop_event.is_set():
            try:
                sys_path, info, error, seen_at = self._queue.get(timeout=_POLL)
            except queue.Empty:
                continue
            if error is not None:
                raise error
            change = presence.update(sys_path, info, seen_at)
            if change is not None:
                callback(change)
