#!/usr/bin/env python3
"""ledger_tui benchmarks: prints a table (or --json) of measurements, each against the
issue's target and, where one makes sense, a reference measured in the same run.

    .venv/bin/python scripts/bench.py [--entries 1000000] [--json] [--only NAME]

Uses a scratch SQLite ledger in a temporary folder; nothing else is touched.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_trail import Row, bench_cold_start, bench_trail_screen, bench_verify, seed_trail

from ledger_tui.services import auth
from ledger_tui.services.bootstrap import open_ledger


def table(rows: list[Row]) -> str:
    lines = [f"{'benchmark':<36} {'value':>12} {'unit':<10} {'target':<10} {'ok':<4} "
             f"{'ratio':>7}  reference"]
    for r in rows:
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}x"
        lines.append(f"{r.name:<36} {r.value:>12,.1f} {r.unit:<10} {r.target:<10} {ok:<4} "
                     f"{ratio:>7}  {r.reference}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", action="append", default=[],
                        help="start, trail (repeatable; default all)")
    args = parser.parse_args()
    wanted = set(args.only) or {"start", "trail"}
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="ledger-bench-") as tmp:
        base = Path(tmp)
        url = f"sqlite:///{base / 'bench.sqlite3'}"
        keys = base / "keys"
        ledger = open_ledger(url, keys)
        actor = auth.create_first_admin(ledger, "admin", "Admin", "admin-password-1")
        if "start" in wanted:
            rows += bench_cold_start(url, keys)
        if "trail" in wanted:
            seconds = seed_trail(ledger, args.entries)
            rows.append(Row(f"seed {args.entries:,} trail entries", seconds, "s"))
            rows += bench_verify(ledger)
            rows += bench_trail_screen(ledger, keys, actor)
        ledger.engine.dispose()
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
