"""Child process for the umockdev scenarios: run as
`umockdev-wrapper .venv/bin/python tests/devices/umockdev_child.py`.

It opens a umockdev test bed and obeys JSON commands read line by line on stdin
(`add`, `unlock`, `remove`, `list`, `choose`, `watch`, `stop`, `quit`), answering with JSON lines
on stdout. While watching, the real `PyudevSource` runs in the real `DeviceWatcher`, and
every event it delivers is printed with `called_at` (time.monotonic() inside the
callback), so the parent can measure the delay from `sent_at` (just before the test bed
was told to add or remove) to the callback.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ledger_tui.config import Settings
from ledger_tui.system.devices.model import DeviceEvent
from ledger_tui.system.devices.sources import KernelUeventSource, PyudevSource, choose_source
from ledger_tui.system.devices.watcher import DeviceWatcher
from tests.devices.umockdev_testbed import MockDisk, Testbed, ata_disk, usb_stick

_out = threading.Lock()


def say(**message: Any) -> None:
    with _out:
        sys.stdout.write(json.dumps(message, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def on_event(event: DeviceEvent) -> None:
    called_at = time.monotonic()
    say(
        op="event",
        action=event.action,
        node=event.node,
        sys_path=event.sys_path,
        initial=event.initial,
        error=event.error,
        fatal=event.fatal,
        seen_at=event.seen_at,
        called_at=called_at,
        info=event.info.as_dict() if event.info else None,
    )


def main() -> int:
    testbed = Testbed()
    # This process is an entry point: it decides its settings from its environment.
    allow_loop = Settings.resolve().allow_loop_devices
    disks: dict[str, MockDisk] = {}
    watcher: DeviceWatcher | None = None
    say(op="ready")
    for line in sys.stdin:
        command = json.loads(line)
        op = command.pop("op")
        if op == "add":
            make = ata_disk if command.pop("kind", "usb") == "ata" else usb_stick
            disk = make(**command)
            sent_at = time.monotonic()
            testbed.insert(disk)  # emits "add" itself
            disks[disk.name] = disk
            say(op="added", name=disk.name, sys_path=disk.sys_path, sent_at=sent_at)
        elif op == "unlock":
            disk = disks[command["name"]]
            sent_at = time.monotonic()
            testbed.medium_change(disk, command.get("sectors", 31_266_816))
            say(op="unlocked", name=disk.name, sent_at=sent_at)
        elif op == "remove":
            disk = disks.pop(command["name"])
            sent_at = time.monotonic()
            testbed.remove_disk(disk)
            say(op="removed", name=disk.name, sent_at=sent_at)
        elif op == "list":
            source = (
                KernelUeventSource(allow_loop=allow_loop)
                if command.get("kernel")
                else PyudevSource(allow_loop=allow_loop)
            )
            say(op="listed", devices=[info.as_dict() for info in source.list_present()])
        elif op == "choose":
            source, key = choose_source(allow_loop=allow_loop)
            say(op="chosen", source=type(source).__name__, key=key)
        elif op == "watch":
            watcher = DeviceWatcher(PyudevSource(allow_loop=allow_loop), on_event)
            watcher.start()
            say(op="watching", ready=watcher.wait_ready(5))
        elif op == "stop":
            assert watcher is not None
            started = time.monotonic()
            ended = watcher.stop(timeout=5)
            say(op="stopped", ended=ended, seconds=time.monotonic() - started)
        elif op == "quit":
            break
    if watcher is not None:
        watcher.stop()
    testbed.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
