"""scripts/bench_wipe.py runs end to end (its numbers are judged in scripts/bench.py)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "scripts" / "bench_wipe.py"


def test_bench_wipe_reports_rates_and_ratios(attach_loop: Callable[..., str]) -> None:
    spec = importlib.util.spec_from_file_location("bench_wipe", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    report = module.bench_wipe(attach_loop(16 * 1024 * 1024), rounds=1)
    assert report["device_bytes"] == 16 * 1024 * 1024
    for name in ("dd_write", "dd_read", "wipe_write", "wipe_verify"):
        assert report[f"{name}_bytes_per_s"] > 0
    assert report["write_ratio"] > 0 and report["verify_ratio"] > 0
