"""Benchmarks of the ledger core: cold start in a real pty, and the 1M-entry trail.

Used by scripts/bench.py; each function returns rows of (name, value, unit, target, ok,
reference, ratio) so the table can show a ratio against a reference measured in the same
run as well as the issue's absolute target.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from ledger_tui.db.models import AuditEntry, AuditHead
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain import audit as chain

ROOT = Path(__file__).resolve().parents[1]
DESK = "desk-host-01/窓口1"  # every real entry names its desk (in its hash)


@dataclass
class Row:
    name: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None
    reference: str = ""
    ratio: float | None = None


def seed_trail(ledger: Ledger, count: int, chunk: int = 10_000) -> float:
    """Append `count` valid chained entries with Core inserts; returns seconds taken."""
    started = time.perf_counter()
    with ledger.unit_of_work() as uow:
        head = uow.session.get(AuditHead, 1)
        seq, prev = (head.seq, head.entry_hash) if head else (0, chain.GENESIS_HASH)
    moment = datetime(2025, 4, 1, tzinfo=UTC)
    actions = (
        "medium.registered",
        "medium.state",
        "auth.login",
        "handler.designated",
        "slip.confirmed",
        "medium.edited",
    )
    remaining = count
    while remaining:
        rows = []
        for _ in range(min(chunk, remaining)):
            seq += 1
            moment += timedelta(seconds=7)
            action = actions[seq % len(actions)]
            subject = f"medium:税-USB-{seq % 997:03d}"
            details = chain.canonical_details({"n": seq % 13, "state": "blank"})
            digest = chain.entry_hash(
                seq, chain.canonical_time(moment), "bench", action, subject, details, prev, DESK
            )
            rows.append(
                {
                    "seq": seq,
                    "recorded_at": moment,
                    "operator_id": None,
                    "actor": "bench",
                    "action": action,
                    "subject": subject,
                    "details": details,
                    "prev_hash": prev,
                    "entry_hash": digest,
                    "desk": DESK,
                }
            )
            prev = digest
        remaining -= len(rows)
        with ledger.engine.begin() as conn:
            conn.execute(insert(AuditEntry), rows)
    with ledger.unit_of_work() as uow:
        head = uow.session.get(AuditHead, 1)
        assert head is not None
        head.seq, head.entry_hash = seq, prev
        head.signature = chain.sign_head(ledger.audit_key, ledger.ledger_id, seq, prev)
        uow.commit()
    return time.perf_counter() - started


def _reference_scan(ledger: Ledger) -> int:
    """A bare scan of the same rows through the database's own driver, hashing each in
    Python (no chain logic): what any verification has to do at least."""
    sha = hashlib.sha256
    sql = (
        "SELECT seq, recorded_at, actor, action, subject, details, prev_hash "
        "FROM audit_entries ORDER BY seq"
    )
    raw = ledger.engine.raw_connection()
    try:
        if ledger.dialect == "postgresql":
            cursor = raw.driver_connection.cursor(name="bench_reference")  # type: ignore[union-attr]
        else:
            cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(sql)
        count = 0
        while rows := cursor.fetchmany(20_000):
            for row in rows:
                sha("\x1e".join(map(str, row)).encode()).digest()
            count += len(rows)
        cursor.close()
    finally:
        raw.close()
    return count


def bench_verify(ledger: Ledger, label: str = "") -> list[Row]:
    """`audit verify` in one process against the reference scan, interleaved (A B A B),
    each timed by the wall clock and by this process's CPU time; the ratio is the median
    of the pairs'."""
    from statistics import median

    from ledger_tui.services.trail.verify import verify_trail

    def timed(run: Any) -> tuple[float, float, int]:
        wall, cpu = time.perf_counter(), time.process_time()
        count = run()
        return time.perf_counter() - wall, time.process_time() - cpu, count

    def ours() -> int:
        report = verify_trail(ledger, workers=1)
        assert report.ok, report
        return report.entries

    timed(ours), timed(lambda: _reference_scan(ledger))  # warm the caches alike
    pairs = [(timed(ours), timed(lambda: _reference_scan(ledger))) for _ in range(3)]
    entries = pairs[0][0][2]
    wall = median(a[0] for a, _ in pairs)
    # SQLite runs inside this process: its CPU time is the whole cost. PostgreSQL builds
    # the payloads in the server, so there the wall clock is the measure.
    clock = 1 if ledger.dialect == "sqlite" else 0
    ours_t = median(a[clock] for a, _ in pairs)
    ref_t = median(b[clock] for _, b in pairs)
    ratio = median(a[clock] / b[clock] for a, b in pairs)
    other = (
        f"wall {entries / wall:,.0f}/s"
        if clock
        else f"client CPU {entries / median(a[1] for a, _ in pairs):,.0f}/s"
    )
    rows = [
        Row(
            f"audit verify{label} (1 process, {'CPU time' if clock else 'wall'})",
            entries / ours_t,
            "entries/s",
            ">= 300000, <= 1.15x",
            entries / ours_t >= 300_000 and ratio <= 1.15,
            f"scan+sha256 {entries / ref_t:,.0f}/s; {other}",
            ratio,
        )
    ]
    if ledger.dialect == "sqlite":
        workers = os.cpu_count() or 1
        started = time.perf_counter()
        report = verify_trail(ledger, workers=workers)
        elapsed = time.perf_counter() - started
        assert report.ok, report
        rows.append(
            Row(
                f"audit verify{label} ({workers} processes, wall)",
                report.entries / elapsed,
                "entries/s",
                "",
                None,
                f"1 process {entries / wall:,.0f}/s (wall)",
            )
        )
    return rows


def bench_trail_screen(ledger: Ledger, key_dir: Path, actor: Actor) -> list[Row]:
    """Open the trail, page down and type a filter keystroke in the real app (headless)."""
    from ledger_tui.config import Settings
    from ledger_tui.services.trail.verify import entry_by_seq
    from ledger_tui.ui.app import make_app
    from ledger_tui.ui.screens.trail import TrailScreen
    from ledger_tui.ui.widgets.ledger_view import LedgerView

    settings = Settings(db_url=str(ledger.engine.url), key_dir=key_dir, idle_lock_seconds=0)
    app = make_app(settings, ledger)
    timings: dict[str, float] = {}

    async def settle(pilot: object) -> None:
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()  # type: ignore[attr-defined]

    async def drive() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            app.pop_screen()
            app.logged_in(actor)
            await settle(pilot)
            started = time.perf_counter()
            app.action_area("trail")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, TrailScreen)
            view = screen.query_one("#trail", LedgerView)
            assert view.rows
            timings["open"] = time.perf_counter() - started
            samples = []
            for _ in range(20):
                first = view.rows[0].seq
                started = time.perf_counter()
                await pilot.press("pagedown")
                await pilot.pause()
                samples.append(time.perf_counter() - started)
                assert view.rows[0].seq < first
            timings["pagedown"] = sorted(samples)[len(samples) // 2]
            samples = []
            for _ in range(20):  # the same round trip for a key nothing is bound to
                started = time.perf_counter()
                await pilot.press("f12")
                await pilot.pause()
                samples.append(time.perf_counter() - started)
            timings["noop"] = sorted(samples)[len(samples) // 2]
            samples = []
            for _ in range(20):  # the widget's own work: fetch the page and redraw
                started = time.perf_counter()
                view.action_page(1)
                view.render_lines(view.region.reset_offset)
                samples.append(time.perf_counter() - started)
            timings["page_action"] = sorted(samples)[len(samples) // 2]
            await pilot.press("slash")
            samples = []
            for ch in "state":
                started = time.perf_counter()
                await pilot.press(ch)
                await settle(pilot)
                samples.append(time.perf_counter() - started)
            # Rows show described actions (labels): the filter is checked on the entries.
            assert view.rows and all(
                "state" in (entry_by_seq(ledger, r.seq) or r).action for r in view.rows[:10]
            )
            timings["keystroke"] = max(samples)

    asyncio.run(drive())
    return [
        Row("open trail (1M entries)", timings["open"] * 1000, "ms", "", None),
        Row(
            "page down (key to screen)",
            timings["pagedown"] * 1000,
            "ms",
            "<= 50",
            timings["pagedown"] <= 0.05,
            f"unbound key {timings['noop'] * 1000:.1f} ms",
            timings["pagedown"] / timings["noop"],
        ),
        Row(
            "page down (fetch + render)",
            timings["page_action"] * 1000,
            "ms",
            "<= 50",
            timings["page_action"] <= 0.05,
        ),
        Row(
            "filter keystroke -> rows (worst)",
            timings["keystroke"] * 1000,
            "ms",
            "<= 50",
            timings["keystroke"] <= 0.05,
            f"unbound key {timings['noop'] * 1000:.1f} ms",
            timings["keystroke"] / timings["noop"],
        ),
    ]


def bench_trail_rss(db_url: str, key_dir: Path, login: str, password: str) -> list[Row]:
    """Resident memory of the desk itself (its own process in a real pty, as the operator
    starts it) once logged in with the 1M-entry trail open and filtered and the dashboard
    visited, read when the login-time check of the trail is over (BENCH_RSS_WAIT seconds,
    default 15): the steady state of a desk that runs all day. Measured apart from this
    benchmark, whose own process has just seeded and verified the trail."""
    import pexpect
    import psutil

    env = dict(
        os.environ, LEDGER_TUI_KEY_DIR=str(key_dir), TERM="xterm-256color", LEDGER_TUI_IDLE_LOCK="0"
    )
    exe = shutil.which("ledger-tui", path=str(Path(sys.executable).parent)) or "ledger-tui"
    child = pexpect.spawn(
        exe, ["--db", db_url], env=env, dimensions=(45, 140), encoding="utf-8", timeout=60
    )
    try:
        child.expect("ログイン名")
        child.send(f"{login}\t{password}\r")
        child.expect("ダッシュボード")
        child.send("\x1b[18~")  # F7: the audit trail
        child.expect("税-USB")  # rows of the seeded trail drawn (their subjects)
        child.send("/state")
        # The filter's echo is drawn a keystroke at a time (not always as one "state"):
        # give it its time rather than fail the row on how the terminal was painted.
        with contextlib.suppress(pexpect.TIMEOUT):
            child.expect("state", timeout=10)
        child.send("\x1bOQ")  # F2: the dashboard, visited with the trail left filtered
        child.expect("ダッシュボード")
        deadline = time.monotonic() + float(os.environ.get("BENCH_RSS_WAIT", "15"))
        while time.monotonic() < deadline:
            with contextlib.suppress(pexpect.TIMEOUT):
                child.expect("__never__", timeout=0.2)
        rss = psutil.Process(child.pid).memory_info().rss / 1e6
    finally:
        child.terminate(force=True)
    return [
        Row(
            "RSS: trail open and filtered, dashboard visited (desk process, pty)",
            rss,
            "MB",
            "<= 120",
            rss <= 120,
        )
    ]


def run_python(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started
