#!/usr/bin/env python3
"""ledger_tui benchmarks: prints a table (or --json) of measurements, each against the
issue's target and, where one makes sense, a ratio against a reference measured in the
same run. Timings are never asserted in tests; they live here.

    .venv/bin/python scripts/bench.py
        [--only start|scale|trail|keys|slips|wipe|devices|load|cycle|cdr]
        [--entries 1000000] [--slips 1000000] [--json]
        [--sizes 10000,100000,1000000] [--pg URL]

Uses scratch ledgers and loop devices in a temporary folder; nothing else is touched.
The wipe, load and devices benchmarks need root (loop devices, umockdev).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_trail import (
    Row,
    bench_trail_rss,
    bench_trail_screen,
    bench_verify,
    seed_trail,
)

from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger

ALL = ("start", "scale", "trail", "keys", "slips", "wipe", "devices", "load", "cycle", "cdr")


def table(rows: list[Row]) -> str:
    lines = [
        f"{'benchmark':<44} {'value':>14} {'unit':<10} {'target':<10} {'ok':<4} "
        f"{'ratio':>7}  reference"
    ]
    for r in rows:
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
        lines.append(
            f"{r.name:<44} {r.value:>14,.2f} {r.unit:<10} {r.target:<10} {ok:<4} "
            f"{ratio:>7}  {r.reference}"
        )
    return "\n".join(lines)


def _rows_from_dicts(items: list[dict[str, Any]]) -> list[Row]:
    return [
        Row(
            str(d["name"]),
            float(d["value"]),
            str(d.get("unit", "")),
            str(d.get("target", "")),
            d.get("ok"),
            str(d.get("reference", "")),
            d.get("ratio"),
        )
        for d in items
    ]


@contextmanager
def scratch_loop(size_mib: int) -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="ledger-bench-loop-") as folder:
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
            yield device
        finally:
            subprocess.run(["losetup", "-d", device], check=False)


def bench_wipe_rows() -> list[Row]:
    from bench_wipe import bench_wipe

    with scratch_loop(512) as device:
        r = bench_wipe(device)
    load = f"load avg {r['load_average_1min']}"
    return [
        Row(
            "wipe write vs dd oflag=direct",
            r["wipe_write_bytes_per_s"] / 1e6,
            "MB/s",
            ">= 0.95x",
            r["write_ratio"] >= 0.95,
            f"dd {r['dd_write_bytes_per_s'] / 1e6:,.0f} MB/s, {load}",
            r["write_ratio"],
        ),
        Row(
            "wipe verify vs dd iflag=direct",
            r["wipe_verify_bytes_per_s"] / 1e6,
            "MB/s",
            ">= 0.95x",
            r["verify_ratio"] >= 0.95,
            f"dd {r['dd_read_bytes_per_s'] / 1e6:,.0f} MB/s, {load}",
            r["verify_ratio"],
        ),
    ]


def bench_nwipe_rows() -> list[Row]:
    """nwipe (one PRNG pass, verified) against the engine's whole wipe (one random pass,
    every byte read back) on the same scratch loop device, when nwipe is installed."""
    import shutil
    import time

    from ledger_tui.system.stick.wipe import wipe_device

    nwipe = shutil.which("nwipe")
    if nwipe is None:
        return [Row("nwipe reference: not installed (apt-get install nwipe)", 0.0, "")]
    with scratch_loop(512) as device:
        started = time.perf_counter()
        wipe_device(device)
        ours = time.perf_counter() - started
        started = time.perf_counter()
        subprocess.run(
            [
                nwipe,
                "--autonuke",
                "--nogui",
                "--method=random",
                "--verify=last",
                "--rounds=1",
                "--noblank",
                device,
            ],
            check=True,
            capture_output=True,
        )
        theirs = time.perf_counter() - started
    return [
        Row(
            "whole wipe + verify vs nwipe (512 MiB)",
            ours,
            "s",
            "<= 1.0x",
            ours <= theirs,
            f"nwipe random + verify {theirs:.2f} s",
            ours / theirs,
        )
    ]


def bench_wipe_stick_rows() -> list[Row]:
    """The same comparison with the loop device held to a real stick's speed."""
    from bench_throttle import stick_speed
    from bench_wipe import bench_wipe

    with scratch_loop(256) as device, stick_speed(device) as speed:
        r = bench_wipe(device, rounds=2)
    return [
        Row(
            "at stick speed: wipe write vs dd",
            r["wipe_write_bytes_per_s"] / 1e6,
            "MB/s",
            ">= 0.95x",
            r["write_ratio"] >= 0.95,
            f"dd {r['dd_write_bytes_per_s'] / 1e6:,.0f} MB/s; {speed}",
            r["write_ratio"],
        ),
        Row(
            "at stick speed: wipe verify vs dd",
            r["wipe_verify_bytes_per_s"] / 1e6,
            "MB/s",
            ">= 0.95x",
            r["verify_ratio"] >= 0.95,
            f"dd {r['dd_read_bytes_per_s'] / 1e6:,.0f} MB/s",
            r["verify_ratio"],
        ),
    ]


def bench_devices_rows() -> list[Row]:
    from bench_devices import bench_detection

    r = bench_detection(cycles=100)
    return [
        Row(
            f"stick {kind} event -> UI callback (p95)",
            float(r[f"{kind}_p95_ms"]),
            "ms",
            "<= 100",
            float(r[f"{kind}_p95_ms"]) <= 100,
            f"median {r[f'{kind}_median_ms']} ms",
        )
        for kind in ("add", "remove")
    ]


def bench_load_rows() -> list[Row]:
    from bench_load import bench_load

    with scratch_loop(512) as device:
        subprocess.run(["mkfs.vfat", "-F", "32", device], check=True, capture_output=True)
        return _rows_from_dicts(bench_load(device))


def bench_load_peer_rows() -> list[Row]:
    """Issue 17: the load of 200 MiB incompressible + a 50 MiB CSV against the 7-Zip
    pipeline (7zz -mx=0 / -mx=1 + mcopy + read-back), and the peak RSS of the load's
    child process for that load and for the plan of a 2 GiB CSV."""
    from bench_load import bench_load_peer

    with scratch_loop(512) as device:
        return _rows_from_dicts(bench_load_peer(device))


def bench_load_stick_rows() -> list[Row]:
    """The same comparison with the loop device held to a real stick's speed."""
    from bench_load import bench_load
    from bench_throttle import stick_speed

    with scratch_loop(512) as device:
        subprocess.run(["mkfs.vfat", "-F", "32", device], check=True, capture_output=True)
        with stick_speed(device):
            rows = bench_load(device, size_mib=100, rounds=2)
    return [
        Row(
            "at stick speed: " + str(d["name"]),
            float(d["value"]),
            str(d["unit"]),
            str(d["target"]),
            d["ok"],
        )
        for d in rows
        if d["target"]
    ]


def bench_cycle_rows() -> list[Row]:
    """Keys (besides typed text) the operator presses for one stick's whole custody
    cycle, as the pilot test tests/ui/test_custody_cycle.py drives it on a loop device
    and a private CUPS queue (run through scripts/test.sh, which starts the queue)."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory(prefix="ledger-cycle-") as tmp:
        report = Path(tmp) / "keys.json"
        subprocess.run(
            [str(root / "scripts" / "test.sh"), "tests/ui/test_custody_cycle.py", "-q"],
            cwd=root,
            env={**os.environ, "LEDGER_TUI_CYCLE_KEYS_FILE": str(report)},
            check=True,
            capture_output=True,
        )
        counts = json.loads(report.read_text())
    return [
        Row(
            f"custody cycle keys ({lang})",
            float(counts[lang]["keys"]),
            "keys",
            "<= 40",
            counts[lang]["keys"] <= 40,
            " ".join(counts[lang]["log"])[:60],
        )
        for lang in ("ja", "en")
    ]


def bench_cdr_rows() -> list[Row]:
    from bench_cdr import bench_cdr

    return [
        Row(
            str(d["name"]),
            float(d["value"]),
            str(d["unit"]),
            str(d["target"]),
            d["ok"],
            str(d["reference"]),
            float(d["ratio"]),
        )
        for d in bench_cdr()
    ]


def guarded(name: str, rows: list[Row], run: Any) -> None:
    """Run one benchmark section; a failure is reported as a row, not a lost table."""
    try:
        rows += run()
    except Exception as error:
        rows.append(Row(f"{name}: FAILED {type(error).__name__}: {error}"[:120], 0.0, ""))
    print(table(rows[-8:]), file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=1_000_000, help="trail entries")
    parser.add_argument("--slips", type=int, default=1_000_000, help="slips to seed")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="the scale ladder (rows per rung)"
    )
    parser.add_argument("--pg", default="", help="also run the scale ladder on PostgreSQL")
    parser.add_argument("--only", action="append", default=[], choices=ALL)
    args = parser.parse_args()
    wanted = set(args.only) or set(ALL)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ledger-bench-") as tmp:
        base = Path(tmp)
        url = f"sqlite:///{base / 'bench.sqlite3'}"
        keys = base / "keys"
        ledger = open_ledger(url, keys)
        actor = auth.create_first_admin(ledger, "admin", "Admin", "admin-password-1")
        if "start" in wanted:
            from bench_start import bench_cli_read, bench_cold_start

            guarded("start", rows, lambda: bench_cold_start(url, keys))
            guarded("cli", rows, lambda: bench_cli_read(ledger, actor, url, keys))
        if "scale" in wanted:
            from bench_scale import bench_scale

            sizes = tuple(int(s) for s in args.sizes.split(","))
            guarded("scale", rows, lambda: _rows_from_dicts(bench_scale(sizes)))
            if args.pg:
                guarded("scale pg", rows, lambda: _rows_from_dicts(bench_scale(sizes, args.pg)))
        seeded: list[Row] = []

        def seed() -> list[Row]:
            if not seeded:
                seconds = seed_trail(ledger, args.entries)
                seeded.append(Row(f"seed {args.entries:,} trail entries", seconds, "s"))
                return list(seeded)
            return []

        if "trail" in wanted:
            # Each part on its own: a failing screen bench does not hide the verify rows.
            guarded("trail", rows, lambda: [*seed(), *bench_verify(ledger)])
            guarded("trail screen", rows, lambda: bench_trail_screen(ledger, keys, actor))
            guarded(
                "trail rss", rows, lambda: bench_trail_rss(url, keys, "admin", "admin-password-1")
            )
            if args.pg:

                def trail_pg() -> list[Row]:
                    from bench_scale import _fresh_pg_database

                    pg_url = _fresh_pg_database(args.pg, "ledger_bench_trail")
                    pg_ledger = open_ledger(pg_url, base / "pg-keys")
                    auth.create_first_admin(pg_ledger, "admin", "Admin", "admin-password-1")
                    seconds = seed_trail(pg_ledger, args.entries)
                    found = [
                        Row(f"seed {args.entries:,} trail entries (PostgreSQL)", seconds, "s"),
                        *bench_verify(pg_ledger, " on PostgreSQL"),
                    ]
                    pg_ledger.engine.dispose()
                    return found

                guarded("trail pg", rows, trail_pg)
        if "keys" in wanted:
            from bench_keys import bench_keys

            def keys_rows() -> list[Row]:
                label = f" ({args.entries:,} entries)"
                return [*seed(), *bench_keys(ledger, keys, actor, label)]

            guarded("keys", rows, keys_rows)
        if "slips" in wanted:

            def slips() -> list[Row]:
                from bench_slips import bench_slip_ledger, bench_slip_render, seed_slips

                slips_ledger = open_ledger(f"sqlite:///{base / 'slips.sqlite3'}", keys)
                seconds = seed_slips(slips_ledger, args.slips)
                found = [
                    Row(f"seed {args.slips:,} slips", seconds, "s"),
                    *_rows_from_dicts(bench_slip_ledger(slips_ledger)),
                    *_rows_from_dicts(bench_slip_render()),
                ]
                slips_ledger.engine.dispose()
                return found

            guarded("slips", rows, slips)
        ledger.engine.dispose()
    if os.geteuid() == 0:
        if "wipe" in wanted:
            guarded("wipe", rows, bench_wipe_rows)
            guarded("nwipe", rows, bench_nwipe_rows)
            guarded("wipe at stick speed", rows, bench_wipe_stick_rows)
        if "devices" in wanted:
            guarded("devices", rows, bench_devices_rows)
        if "load" in wanted:
            guarded("load", rows, bench_load_rows)
            guarded("load vs 7-Zip", rows, bench_load_peer_rows)
            guarded("load at stick speed", rows, bench_load_stick_rows)
        if "cycle" in wanted:
            guarded("cycle", rows, bench_cycle_rows)
        if "cdr" in wanted:
            guarded("cdr", rows, bench_cdr_rows)
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
