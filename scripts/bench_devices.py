#!/usr/bin/env python3
"""Detection latency of the device monitor: from a stick's uevent to the watcher's
callback (the UI's message post), target ≤ 100 ms.

`bench_detection()` drives umockdev sticks in a child process under `umockdev-wrapper`
(tests/devices/umockdev_child.py) through the real PyudevSource and DeviceWatcher: many
insert/pull cycles, each timed from just before the test bed is told to add (or remove)
the stick to the callback. The add time includes umockdev writing the mocked sysfs tree,
so it is an upper bound. `bench_kernel_detection()` does the same on the kernel-uevent
path with real loop devices (root only; includes `losetup`'s own run time).

    .venv/bin/python scripts/bench_devices.py [--cycles 200] [--kernel-cycles 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ledger_tui.system.devices.model import DeviceEvent
from ledger_tui.system.devices.sources import KernelUeventSource
from ledger_tui.system.devices.watcher import DeviceWatcher
from tests.devices.umockdev_client import UmockdevChild

TARGET_MS = 100.0


def _summary(name: str, samples: dict[str, list[float]], cycles: int) -> dict[str, object]:
    result: dict[str, object] = {"name": name, "cycles": cycles, "target_ms": TARGET_MS}
    worst = 0.0
    for label, values in samples.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        result[f"{label}_median_ms"] = round(statistics.median(ordered), 2)
        result[f"{label}_p95_ms"] = round(p95, 2)
        result[f"{label}_max_ms"] = round(ordered[-1], 2)
        worst = max(worst, p95)
    result["ok"] = worst <= TARGET_MS
    return result


def bench_detection(cycles: int = 200) -> dict[str, object]:
    """umockdev stick add/remove → DeviceWatcher callback: median and p95 in ms."""
    child = UmockdevChild(
        python=str(ROOT / ".venv" / "bin" / "python")
        if (ROOT / ".venv").exists()
        else sys.executable
    )
    samples: dict[str, list[float]] = {"add": [], "remove": [], "read_to_callback": []}
    try:
        assert child.request("watch", "watching")["ready"]
        child.event("ready")
        for _ in range(cycles):
            added = child.request("add", "added", name="sdb")
            event = child.event("add", "/dev/sdb")
            samples["add"].append((event["called_at"] - added["sent_at"]) * 1000)
            samples["read_to_callback"].append((event["called_at"] - event["seen_at"]) * 1000)
            child.events()  # the partition's "change", if it came separately
            removed = child.request("remove", "removed", name="sdb")
            event = child.event("remove", "/dev/sdb")
            samples["remove"].append((event["called_at"] - removed["sent_at"]) * 1000)
            child.events()
        child.request("stop", "stopped")
    finally:
        child.close()
    return _summary("umockdev event → callback (PyudevSource)", samples, cycles)


def bench_kernel_detection(cycles: int = 20) -> dict[str, object]:
    """Loop attach/detach → callback on the kernel-uevent path (needs root)."""
    return _bench_loop_cycles(cycles)


def _bench_loop_cycles(cycles: int) -> dict[str, object]:
    arrived: dict[str, float] = {}
    changed = threading.Condition()

    def on_event(event: DeviceEvent) -> None:
        with changed:
            arrived[f"{event.action} {event.node}"] = time.monotonic()
            changed.notify_all()

    def wait(key: str) -> float:
        with changed:
            if not changed.wait_for(lambda: key in arrived, timeout=5):
                raise TimeoutError(key)
            return arrived.pop(key)

    samples: dict[str, list[float]] = {"add": [], "remove": []}
    with (
        tempfile.TemporaryDirectory(prefix="bench-devices-") as tmp,
        DeviceWatcher(KernelUeventSource(allow_loop=True), on_event) as watcher,
    ):
        watcher.wait_ready(5)
        backing = Path(tmp) / "stick.img"
        backing.write_bytes(b"")
        os.truncate(backing, 16 * 1024 * 1024)
        for _ in range(cycles):
            started = time.monotonic()
            node = subprocess.run(
                ["losetup", "--find", "--show", str(backing)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            try:
                samples["add"].append((wait(f"add {node}") - started) * 1000)
            finally:
                started = time.monotonic()
                subprocess.run(["losetup", "-d", node], check=True)  # only the one we made
            samples["remove"].append((wait(f"remove {node}") - started) * 1000)
    return _summary("loop attach → callback (KernelUeventSource)", samples, cycles)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument(
        "--kernel-cycles",
        type=int,
        default=20,
        help="0 to skip the loop-device run (it needs root)",
    )
    args = parser.parse_args()
    results = [bench_detection(args.cycles)]
    if args.kernel_cycles:
        results.append(bench_kernel_detection(args.kernel_cycles))
    print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
