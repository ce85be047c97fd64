"""Where inserted sticks come from on a real machine: udev through pyudev, or raw kernel
uevents plus sysfs where no udev daemon runs (a container, a minimal install).
`choose_source()` picks one and names it for the status line. Both run the watch loop
of `devices_watch.py`.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping
from typing import Any

from ledger_tui.system.devices.model import DeviceSource
from ledger_tui.system.devices.probe import probe_fs
from ledger_tui.system.devices.sysfs import ProbeFs, partition_dirs, read_uevent
from ledger_tui.system.devices.watch import RawEvent, Session, Stream, SystemSource

log = logging.getLogger(__name__)

UDEV_CONTROL = "/run/udev/control"  # the socket a running udev daemon listens on
NETLINK_KOBJECT_UEVENT = 15
KERNEL_GROUP = 1  # the kernel's multicast group; udev re-broadcasts on group 2
RECEIVE_BUFFER = 4 * 1024 * 1024


# --- udev ----------------------------------------------------------------------------


class PyudevSource(SystemSource):
    """udev through pyudev: full ID_* properties (also what umockdev mocks)."""

    status_key = "devices.source.udev"

    def _session(self) -> Session:
        return _UdevSession()


class _UdevSession:
    probe: ProbeFs | None = None  # udev's blkid builtin already set ID_FS_*

    def __init__(self) -> None:
        import pyudev

        self._pyudev = pyudev
        self._context = pyudev.Context()

    def open_stream(self) -> Stream:
        return _UdevStream(self._pyudev.Monitor.from_netlink(self._context, source="udev"))

    def disk_paths(self) -> list[str]:
        return [
            str(device.sys_path)
            for device in self._context.list_devices(subsystem="block", DEVTYPE="disk")
        ]

    def disk_props(self, sys_path: str) -> Mapping[str, str]:
        try:
            device = self._pyudev.Devices.from_sys_path(self._context, sys_path)
        except self._pyudev.DeviceNotFoundError:
            return {}
        return _props(device)

    def partitions(self, sys_path: str) -> list[tuple[str, Mapping[str, str]]]:
        try:
            device = self._pyudev.Devices.from_sys_path(self._context, sys_path)
        except self._pyudev.DeviceNotFoundError:
            return []
        return sorted(
            (str(child.sys_path), _props(child))
            for child in device.children
            if child.subsystem == "block" and child.device_type == "partition"
        )


def _props(device: Any) -> dict[str, str]:
    properties = device.properties
    return {str(key): str(properties[key]) for key in properties}


class _UdevStream:
    def __init__(self, monitor: Any) -> None:
        self._monitor = monitor
        monitor.filter_by("block")
        monitor.start()

    def fileno(self) -> int:
        return int(self._monitor.fileno())

    def drain(self) -> list[RawEvent]:
        raws = []
        while (device := self._monitor.poll(timeout=0)) is not None:
            raws.append(
                RawEvent(str(device.action), str(device.sys_path), _props(device), time.monotonic())
            )
        return raws

    def close(self) -> None:
        # pyudev has no close(); the socket goes with the monitor object.
        self._monitor = None


# --- raw kernel uevents --------------------------------------------------------------


class KernelUeventSource(SystemSource):
    """Kernel uevents on a netlink socket plus sysfs, for machines without udevd: no
    ID_* properties, so vendor, model, ids and serial come from the USB device in sysfs
    and file systems from `probe_fs`."""

    status_key = "devices.source.kernel"

    def _session(self) -> Session:
        return _KernelSession()


class _KernelSession:
    def __init__(self) -> None:
        self.probe: ProbeFs | None = probe_fs

    def open_stream(self) -> Stream:
        return _KernelStream()

    def disk_paths(self) -> list[str]:
        try:
            names = sorted(os.listdir("/sys/class/block"))
        except OSError:
            return []
        paths = [os.path.realpath(f"/sys/class/block/{name}") for name in names]
        return [path for path in paths if read_uevent(path).get("DEVTYPE") == "disk"]

    def disk_props(self, sys_path: str) -> Mapping[str, str]:
        props = read_uevent(sys_path)
        return {"SUBSYSTEM": "block", **props} if props else {}

    def partitions(self, sys_path: str) -> list[tuple[str, Mapping[str, str]]]:
        return [(path, read_uevent(path)) for path in partition_dirs(sys_path)]


def parse_uevent(data: bytes, seen_at: float = 0.0) -> RawEvent | None:
    """A kernel uevent message: "action@devpath" then KEY=value fields, NUL-separated."""
    header, *fields = data.rstrip(b"\0").split(b"\0")
    if b"@" not in header or header.startswith(b"libudev"):
        return None
    props = dict(item.decode("utf-8", "replace").split("=", 1) for item in fields if b"=" in item)
    action, devpath = props.get("ACTION"), props.get("DEVPATH")
    if not action or not devpath:
        return None
    return RawEvent(action, f"/sys{devpath}", props, seen_at)


class _KernelStream:
    def __init__(self) -> None:
        self._socket = socket.socket(
            socket.AF_NETLINK, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT
        )
        try:
            self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
            self._socket.setblocking(False)
            self._socket.bind((0, KERNEL_GROUP))
        except OSError:
            self._socket.close()
            raise

    def fileno(self) -> int:
        return self._socket.fileno()

    def drain(self) -> list[RawEvent]:
        raws: list[RawEvent] = []
        while True:
            try:
                data, (sender, _) = self._socket.recvfrom(64 * 1024)
            except BlockingIOError:
                return raws
            if sender != 0:
                continue  # only the kernel speaks on this group
            raw = parse_uevent(data, time.monotonic())
            if raw is not None and raw.props.get("SUBSYSTEM") == "block":
                raws.append(raw)

    def close(self) -> None:
        self._socket.close()


# --- choosing ------------------------------------------------------------------------


def udev_available() -> bool:
    """A udev daemon runs, or umockdev mocks one for this process (`umockdev-wrapper`
    preloads its library; the test bed itself only sets UMOCKDEV_DIR later, in C)."""
    return (
        os.path.exists(UDEV_CONTROL)
        or bool(os.environ.get("UMOCKDEV_DIR"))
        or "umockdev" in os.environ.get("LD_PRELOAD", "")
    )


def choose_source(*, allow_loop: bool) -> tuple[DeviceSource, str]:
    """The source for this machine and the catalogue key of its status-line text;
    `allow_loop` (the settings' switch) lets attached loop devices count as sticks."""
    if udev_available():
        try:
            import pyudev  # noqa: F401 - libudev must load
        except ImportError:
            log.warning("udev runs but pyudev cannot load; using kernel uevents")
        else:
            return PyudevSource(allow_loop=allow_loop), PyudevSource.status_key
    return KernelUeventSource(allow_loop=allow_loop), KernelUeventSource.status_key
