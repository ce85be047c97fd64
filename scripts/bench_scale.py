"""The scale ladder: what the desk costs at 10k, 100k and 1M rows, against itself at 10k.

For each size N a scratch ledger gets N handover slips (N/2 loans, every 97th back-slip a
count mismatch: `bench_slips.seed_slips`), every 25th of the first loans put back out and
overdue (one open loan per medium), the newest 30 slips printed but not yet stamped, and N
media in the register (vendors, models and serials that vary, so short needles match many
rows). Then, in a fresh process per size (so the RSS
is the desk's reading, not the seeding's):

- the dashboard's facts (`dashboard_facts`, what F1 shows), median of repeated runs;
- the register filter, keystroke by keystroke: first page of 50 rows, and the capped
  count the status line shows, for needles of one to nine characters;
- the RSS after both.

Each figure is printed with the same figure at 10k and the ratio (target: <= 1.2x at
1M). Used by `scripts/bench.py --only scale`; run alone:

    .venv/bin/python scripts/bench_scale.py [--sizes 10000,100000,1000000] [--pg URL]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for entry in (str(ROOT), str(ROOT / "scripts")):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from sqlalchemy import func, insert, select, text, update

from ledger_tui.db.models import HandoverSlip, Loan, Medium
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import SlipState

SIZES = (10_000, 100_000, 1_000_000)
NEEDLES = ("I", "IO", "I-O", "BENCH", "ED-HB3", "SCALE0004", "税-SC-0077")
VENDORS = ("I-O DATA", "BUFFALO", "ELECOM", "SanDisk", "Kingston")
MODELS = ("ED-HB3", "RUF3-HSL", "MF-PNU3", "Ultra Flair", "IronKey")
CHUNK = 10_000
#: The newest slips are printed but not yet stamped (a desk stamps within days).
UNSTAMPED = 30
REPEAT = 5
_MEASURE = "--measure"


def seed_scale(ledger: Ledger, size: int) -> float:
    """N slips with their loans, N media; returns seconds taken."""
    from bench_slips import MEDIA, seed_slips

    started = time.perf_counter()
    seed_slips(ledger, size)
    now = ledger.clock()
    with ledger.engine.begin() as conn:
        conn.execute(
            update(Loan)
            .where(Loan.id % 25 == 0, Loan.id <= MEDIA)  # one open loan per medium
            .values(state=LoanState.OUT, expected_return=date(2016, 5, 1), closed_at=None)
        )
        newest = select(func.max(HandoverSlip.id)).scalar_subquery()
        conn.execute(
            update(HandoverSlip)
            .where(HandoverSlip.id > newest - UNSTAMPED)
            .values(state=SlipState.PRINTED, stamped_at=None)
        )
        for start in range(0, size, CHUNK):
            conn.execute(
                insert(Medium),
                [
                    {
                        "control_number": f"税-SC-{n:07d}",
                        "kind": MediumKind.USB,
                        "vendor": VENDORS[n % len(VENDORS)],
                        "model": MODELS[n % len(MODELS)],
                        "serial": f"SCALE{n:08d}",
                        "location": "金庫A",
                        "state": MediumState.BLANK,
                        "registered_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                    for n in range(start, min(size, start + CHUNK))
                ],
            )
        conn.execute(text("ANALYZE"))
    return time.perf_counter() - started


def _median(run: Any) -> float:
    samples = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _measure(url: str, keys: str) -> dict[str, float]:
    """Runs in the child process: the desk's reads at this size."""
    import psutil

    from ledger_tui.db.paging import MediaPager
    from ledger_tui.services.ledger.bootstrap import open_ledger
    from ledger_tui.services.oversight.dashboard import dashboard_facts
    from ledger_tui.ui.screens.register import COUNT_CAP

    ledger = open_ledger(url, Path(keys))
    figures: dict[str, float] = {}
    dashboard_facts(ledger)  # first use: connection, mapper configuration
    figures["dashboard"] = _median(lambda: dashboard_facts(ledger))
    pages, counts = [], []
    for needle in NEEDLES:
        for end in range(1, len(needle) + 1):
            pager = MediaPager(ledger.engine, needle[:end])
            pages.append(_median(lambda p=pager: p.page_after(None, 50)))
            counts.append(_median(lambda p=pager: p.count(cap=COUNT_CAP)))
    figures["filter_page_median"] = statistics.median(pages)
    figures["filter_page_worst"] = max(pages)
    figures["filter_count_median"] = statistics.median(counts)
    figures["filter_count_worst"] = max(counts)
    figures["rss_mb"] = psutil.Process().memory_info().rss / 2**20
    ledger.engine.dispose()
    return figures


def bench_scale(sizes: tuple[int, ...] = SIZES, pg_url: str = "") -> list[dict[str, Any]]:
    """The ladder, as plain dicts: name, value, unit, target, ok, ratio, reference."""
    from ledger_tui.services.ledger.bootstrap import open_ledger

    results: list[dict[str, Any]] = []
    reference: dict[str, float] = {}
    backend = "postgresql" if pg_url else "sqlite"
    with tempfile.TemporaryDirectory(prefix="ledger-scale-") as tmp:
        for size in sizes:
            keys = Path(tmp) / f"keys-{size}"
            if pg_url:
                url = _fresh_pg_database(pg_url, f"ledger_scale_{size}")
            else:
                url = f"sqlite:///{Path(tmp) / f'scale-{size}.sqlite3'}"
            ledger = open_ledger(url, keys)
            seconds = seed_scale(ledger, size)
            ledger.engine.dispose()
            results.append(_row(f"scale {backend}: seed {size:,} slips + media", seconds, "s"))
            out = subprocess.run(
                [sys.executable, __file__, _MEASURE, url, str(keys)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            if not reference:
                reference = figures
            for name, value in figures.items():
                unit = "MB" if name == "rss_mb" else "s"
                ratio = value / reference[name] if reference[name] else None
                target = "" if size == sizes[0] else "<= 1.2x"
                ok = None if ratio is None or size == sizes[0] else ratio <= 1.2
                results.append(
                    _row(
                        f"scale {backend} {size:>9,}: {name}",
                        value,
                        unit,
                        target,
                        ok,
                        ratio,
                        f"{reference[name]:.4f} at {sizes[0]:,}",
                    )
                )
    return results


def _fresh_pg_database(admin_url: str, name: str) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def _row(
    name: str,
    value: float,
    unit: str,
    target: str = "",
    ok: bool | None = None,
    ratio: float | None = None,
    reference: str = "",
) -> dict[str, Any]:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "ok": ok,
        "ratio": ratio,
        "reference": reference,
    }


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == _MEASURE:
        print(json.dumps(_measure(sys.argv[2], sys.argv[3])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--pg", default="", help="PostgreSQL admin URL (creates databases)")
    args = parser.parse_args()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    for row in bench_scale(sizes, args.pg):
        ratio = f"{row['ratio']:.2f}x" if row["ratio"] is not None else ""
        print(f"{row['name']:<52} {row['value']:>12.4f} {row['unit']:<3} {ratio:>7}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
