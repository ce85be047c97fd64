"""The dashboard's cost does not grow with the ledger: the same number of queries on a
ledger ten times larger (counted with an SQLAlchemy event), and the right figures.

The ledgers are seeded the way `scripts/bench_slips.py` seeds the 1M-row bench (every
97th back-slip a count mismatch), then every 25th loan is put back out, overdue, and
every 40th slip left unstamped, so that each dashboard figure has rows to count. The
larger ledger also spans eleven fiscal years (55 contracts, each owing audits).
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import event, func, select, update

from ledger_tui.db.models import HandoverSlip, Loan
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.oversight.dashboard import OVERDUE_SHOWN, dashboard_facts
from tests.conftest import PG_URL, drop_pg_database, new_pg_database

ROOT = Path(__file__).resolve().parents[2]


def _bench_slips() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_slips", ROOT / "scripts/bench_slips.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_slips", module)
    spec.loader.exec_module(module)
    return module


def _seed(ledger: Ledger, slips: int, step: timedelta = timedelta(minutes=5)) -> None:
    bench = _bench_slips()
    bench.STEP = step  # a longer step spans more fiscal years: more contracts
    bench.seed_slips(ledger, slips)
    with ledger.engine.begin() as conn:
        conn.execute(
            update(Loan)
            .where(Loan.id % 25 == 0)
            .values(state=LoanState.OUT, expected_return=date(2016, 5, 1), closed_at=None)
        )
        conn.execute(
            update(HandoverSlip)
            .where(HandoverSlip.id % 40 == 0)
            .values(state=SlipState.PRINTED, stamped_at=None)
        )


@pytest.fixture
def second_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty ledger on the same kind of database as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'bigger.sqlite3'}"
        return
    assert PG_URL
    url = new_pg_database()
    yield url
    drop_pg_database(url)


def _queries_of_dashboard(ledger: Ledger) -> int:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(ledger.engine, "before_cursor_execute", count)
    try:
        dashboard_facts(ledger)
    finally:
        event.remove(ledger.engine, "before_cursor_execute", count)
    return len(statements)


def test_dashboard_queries_do_not_grow_with_the_ledger(
    ledger: Ledger, second_url: str, key_dir: Path, clock: Any
) -> None:
    _seed(ledger, 400)
    bigger = open_ledger(second_url, key_dir.parent / "keys-bigger", clock=clock)
    try:
        _seed(bigger, 4_000, step=timedelta(days=1))  # 11 fiscal years, 55 contracts
        dashboard_facts(ledger)  # warm: first-use queries (e.g. the ledger's settings)
        dashboard_facts(bigger)
        small, large = _queries_of_dashboard(ledger), _queries_of_dashboard(bigger)
        assert large == small, (small, large)
        assert small <= 30, small
    finally:
        bigger.engine.dispose()


def test_dashboard_figures_count_every_row(ledger: Ledger) -> None:
    _seed(ledger, 4_000)
    with ledger.read_session() as session:
        out = session.scalar(select(func.count()).where(Loan.state == LoanState.OUT)) or 0
        mismatched = (
            session.scalar(select(func.count()).where(HandoverSlip.count_mismatch.is_(True))) or 0
        )
        waiting = (
            session.scalar(select(func.count()).where(HandoverSlip.state == SlipState.PRINTED)) or 0
        )
    facts = dashboard_facts(ledger).lending
    assert out > OVERDUE_SHOWN and mismatched > 1 and waiting > 1
    assert facts.open_loans == out
    assert facts.overdue_count == out
    assert len(facts.overdue) == OVERDUE_SHOWN
    assert all(loan.overdue_days > 0 for loan in facts.overdue)
    assert facts.count_mismatches == mismatched
    assert facts.to_print_or_stamp == waiting
