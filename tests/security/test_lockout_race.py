"""Hole 6: sixty concurrent wrong passwords on PostgreSQL used to leave the failed count
at 3 and the account unlocked (the operator row was read without a lock). Twenty
processes at once now count every attempt: the account locks after five."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ledger_tui.db.models import AuditEntry, Operator
from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger
from tests.conftest import ADMIN_PASSWORD, drop_pg_database, new_pg_database
from tests.security.lockout_worker import try_wrong_password

PROCESSES = 20


@pytest.fixture
def pg_url() -> Iterator[str]:
    url = new_pg_database()
    yield url
    drop_pg_database(url)


@pytest.mark.postgres
def test_concurrent_wrong_passwords_lock_the_account(pg_url: str, key_dir: Path) -> None:
    ledger = open_ledger(pg_url, key_dir)
    auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(PROCESSES)
    with context.Pool(PROCESSES) as pool:
        outcomes = pool.starmap(try_wrong_password, [(pg_url, str(key_dir), barrier)] * PROCESSES)
    assert "accepted" not in outcomes
    assert Counter(outcomes)["error.auth.locked"] >= PROCESSES - 4
    with ledger.read_session() as session:
        operator = session.scalars(select(Operator).where(Operator.login == "admin")).one()
        failed = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "auth.failed", AuditEntry.subject == "operator:admin")
        )
    assert operator.locked_until is not None and failed == 5
    ledger.engine.dispose()
