"""`KernelUeventSource` against the real kernel: loop devices attached, formatted,
mounted and detached on this machine while the watcher listens on the uevent socket.

Loop devices stand in for sticks only with LEDGER_TUI_ALLOW_LOOP_DEVICES=1. Other loop
devices on the machine may come and go meanwhile; every assertion names our own node.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ledger_tui.system.devices import sysfs as devices_sysfs
from ledger_tui.system.devices import watch as devices_watch
from ledger_tui.system.devices.model import DeviceEvent, Partition
from ledger_tui.system.devices.sources import KernelUeventSource
from ledger_tui.system.devices.watcher import DeviceWatcher
from tests.conftest import LoopDevice
from tests.devices.conftest import EventLog

MIB = 1024 * 1024


@pytest.fixture
def watcher(event_log: EventLog) -> Iterator[DeviceWatcher]:
    watching = DeviceWatcher(KernelUeventSource(allow_loop=True), event_log)
    watching.start()
    assert watching.wait_ready(5), "the sticks present at the start were not reported"
    yield watching
    assert watching.stop(), "the watcher thread did not end"


def _for(node: str, action: str, **expect: object) -> Callable[[DeviceEvent], bool]:
    def matches(event: DeviceEvent) -> bool:
        if event.node != node or event.action != action:
            return False
        return all(getattr(event.info, key) == value for key, value in expect.items())

    return matches


def _synthesize_change(node: str) -> None:
    # What udev's inotify watch does after a write: ask the kernel for a "change" uevent.
    Path(f"/sys/block/{Path(node).name}/uevent").write_text("change")


@pytest.mark.usefixtures("allow_loop_devices")
def test_attach_format_mount_detach(
    loop_device_factory: Callable[..., LoopDevice],
    event_log: EventLog,
    watcher: DeviceWatcher,
    tmp_path: Path,
    record_property: Callable[..., None],
) -> None:
    before_attach = time.monotonic()
    stick = loop_device_factory(size_mib=32)
    added = event_log.wait_for(_for(stick.path, "add"))
    assert added.info is not None and added.initial is False
    assert (
        added.info.is_loop,
        added.info.bus,
        added.info.serial,
        added.info.capacity_bytes,
        added.info.weak_identity,
        added.info.mounted,
        added.info.partitions,
    ) == (True, None, str(stick.backing), 32 * MIB, False, False, ())
    assert before_attach <= added.seen_at <= event_log.called_at_of(added)
    record_property(
        "kernel_attach_to_callback_ms", (event_log.called_at_of(added) - before_attach) * 1000
    )

    subprocess.run(
        ["mkfs.vfat", "-F", "32", "-n", "DESK-07", stick.path], check=True, capture_output=True
    )
    _synthesize_change(stick.path)
    # No partition table: the file system sits on the whole disk.
    event_log.wait_for(
        _for(stick.path, "change", partitions=(Partition(stick.path, "vfat", "DESK-07"),))
    )

    # Mounting sends no uevent; the watcher learns it from the mount table.
    subprocess.run(["mkfs.ext4", "-q", "-F", "-L", "ext-stick", stick.path], check=True)
    mountpoint = tmp_path / "mounted stick"
    mountpoint.mkdir()
    subprocess.run(["mount", stick.path, str(mountpoint)], check=True)
    try:
        mounted = event_log.wait_for(_for(stick.path, "change", mounted=True))
        assert mounted.info is not None
        assert [(m.node, m.path, m.fs_type) for m in mounted.info.mount_points] == [
            (stick.path, str(mountpoint), "ext4")
        ]
    finally:
        subprocess.run(["umount", str(mountpoint)], check=True)
    event_log.wait_for(_for(stick.path, "change", mounted=False))

    stick.close()
    removed = event_log.wait_for(_for(stick.path, "remove"))
    assert removed.info is not None and removed.info.serial == str(stick.backing)


@pytest.mark.usefixtures("allow_loop_devices")
def test_sticks_present_at_start_are_reported_first(
    loop_device_factory: Callable[..., LoopDevice], event_log: EventLog
) -> None:
    stick = loop_device_factory(size_mib=8)
    assert stick.path in [info.node for info in KernelUeventSource(allow_loop=True).list_present()]
    with DeviceWatcher(KernelUeventSource(allow_loop=True), event_log):
        initial = event_log.wait_for(_for(stick.path, "add"))
        assert initial.initial is True
        assert initial.info is not None and initial.info.capacity_bytes == 8 * MIB


def test_loop_devices_are_no_sticks_unless_allowed(
    loop_device_factory: Callable[..., LoopDevice],
) -> None:
    stick = loop_device_factory(size_mib=8)
    assert stick.path not in [info.node for info in KernelUeventSource().list_present()]
    assert stick.path in [info.node for info in KernelUeventSource(allow_loop=True).list_present()]


@pytest.mark.usefixtures("allow_loop_devices")
def test_one_failing_event_is_reported_and_watching_goes_on(
    loop_device_factory: Callable[..., LoopDevice],
    event_log: EventLog,
    watcher: DeviceWatcher,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = loop_device_factory(size_mib=8, name="first")
    event_log.wait_for(_for(first.path, "add"))
    real_describe = devices_sysfs.describe_disk
    failures: list[str] = []

    def describe_once_broken(sys_path: str, *args: object, **kwargs: object) -> object:
        if sys_path.endswith(f"/{Path(first.path).name}") and not failures:
            failures.append(sys_path)
            raise OSError(5, "Input/output error")
        return real_describe(sys_path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(devices_watch, "describe_disk", describe_once_broken)
    _synthesize_change(first.path)
    error = event_log.wait_for(lambda e: e.action == "error")
    assert error.fatal is False and error.error is not None and "Input/output" in error.error

    second = loop_device_factory(size_mib=8, name="second")
    event_log.wait_for(_for(second.path, "add"))
    assert watcher.running
