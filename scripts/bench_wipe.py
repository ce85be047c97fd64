"""Wipe throughput against dd on the same device, in the same run.

`bench_wipe(device_path)` wipes the device with the engine (one random pass, full verify)
and measures the two references the targets are set against:
    dd if=/dev/zero of=DEV bs=4M oflag=direct conv=fsync   (write; target >= 0.95x)
    dd if=DEV of=/dev/null bs=4M iflag=direct              (read;  target >= 0.95x)
Rounds alternate dd and the engine so that a burst of load on a shared machine hits both;
each round's engine rate is divided by the dd rate measured just before it, and the
ratio reported is the median of those pairs (the rates shown are medians too): on a
shared machine the best of each side came from different moments and swung the ratio
between 0.6x and 1.4x. The engine's own CPU time per GB (write and verify) is reported beside it
(dd needs next to none: the copy runs in the loop device's kernel thread; the engine also
regenerates the keystream and compares, ~0.2 s of CPU per GB), so other load on the
machine costs the engine more than dd: the report carries the load average. The device
is overwritten: use a scratch loop device.

Standalone: `python scripts/bench_wipe.py [DEVICE]` (root); without DEVICE it makes a
512 MiB loop device over a temporary file and detaches it afterwards.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

DD_RATE = re.compile(r"^(\d+) bytes .* copied, ([\d.]+) s", re.MULTILINE)


def _dd(*args: str) -> float:
    """Run dd and return its own bytes/second figure (process start-up excluded).
    Writing /dev/zero to a device ends with "No space left on device" (exit 1)."""
    done = subprocess.run(
        ["dd", "bs=4M", *args],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    found = DD_RATE.search(done.stderr)
    if found is None:
        raise RuntimeError(f"unexpected dd output: {done.stderr!r}")
    return int(found.group(1)) / float(found.group(2))


def _median_ratio(ours: list[float], theirs: list[float]) -> float:
    """The median of the rounds' ratios (each round's engine rate over the dd rate
    measured just before it)."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def bench_wipe(device_path: str, rounds: int = 5) -> dict[str, Any]:
    """Measure wipe write/verify against dd write/read on `device_path` (overwritten)."""
    if str(ROOT) not in sys.path:  # run as a plain script from anywhere
        sys.path.insert(0, str(ROOT))
    from ledger_tui.system.stick.wipe import wipe_device

    _dd("if=/dev/zero", f"of={device_path}", "oflag=direct", "conv=fsync")  # warm-up:
    # the first write to a fresh sparse backing file allocates blocks and is ~5x slower
    dd_write, dd_read, wipe_write, wipe_verify = [], [], [], []
    cpu_seconds = 0.0
    size = 0
    for _ in range(rounds):
        dd_write.append(_dd("if=/dev/zero", f"of={device_path}", "oflag=direct", "conv=fsync"))
        dd_read.append(_dd(f"if={device_path}", "of=/dev/null", "iflag=direct"))
        before = os.times()
        result = wipe_device(device_path)
        after = os.times()
        cpu_seconds += after.user - before.user + after.system - before.system
        size = result.device_bytes
        wipe_write.append(result.write_rate)
        wipe_verify.append(result.verify_rate)
    medians = {
        name: statistics.median(values)
        for name, values in (
            ("dd_write", dd_write),
            ("dd_read", dd_read),
            ("wipe_write", wipe_write),
            ("wipe_verify", wipe_verify),
        )
    }
    return {
        "device_bytes": size,
        "rounds": rounds,
        # dd needs one core, the wipe's verify two: on a busy machine it falls behind
        "load_average_1min": round(os.getloadavg()[0], 2),
        **{f"{name}_bytes_per_s": round(rate) for name, rate in medians.items()},
        "write_ratio": round(_median_ratio(wipe_write, dd_write), 3),
        "verify_ratio": round(_median_ratio(wipe_verify, dd_read), 3),
        # both passes (write and verify) of every round, per GB of device
        "wipe_cpu_seconds_per_gb": round(cpu_seconds / (rounds * 2 * size / 1e9), 3),
        "all_rates_mb_per_s": {
            name: [round(v / 1e6) for v in values]
            for name, values in (
                ("dd_write", dd_write),
                ("dd_read", dd_read),
                ("wipe_write", wipe_write),
                ("wipe_verify", wipe_verify),
            )
        },
    }


def _with_scratch_loop(size_mib: int = 512) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-wipe-") as folder:
        backing = Path(folder) / "stick.img"
        with open(backing, "wb") as handle:
            handle.truncate(size_mib * 1024 * 1024)
        device = subprocess.run(
            ["losetup", "--find", "--show", str(backing)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        try:
            return bench_wipe(device)
        finally:
            subprocess.run(["losetup", "-d", device], check=False)


if __name__ == "__main__":
    report = bench_wipe(sys.argv[1]) if len(sys.argv) > 1 else _with_scratch_loop()
    print(json.dumps(report, indent=2))
