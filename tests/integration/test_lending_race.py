"""Two desks at the same moment on PostgreSQL: a medium is lent once, a slip is
confirmed once, slip numbers never repeat, and the trail stays intact.

These run only against PostgreSQL (SQLite serialises every writer at BEGIN IMMEDIATE),
through their own fixture, so they are never silently skipped there: without the
server started by scripts/test.sh they skip, and under CI a skip is a failure.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger_tui.db.models import Loan
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import Conflict, DomainError, IllegalTransition
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import ADMIN_PASSWORD, FakeClock, drop_pg_database, new_pg_database
from tests.integration.lending_world import RESPONSIBLE_CODE, World, build_world

pytestmark = pytest.mark.postgres

T = TypeVar("T")


@pytest.fixture
def pg_world(key_dir: Path, clock: FakeClock) -> Iterator[World]:
    url = new_pg_database()
    ledger = open_ledger(url, key_dir, clock=clock)
    try:
        admin = auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
        yield build_world(ledger, admin)
    finally:
        ledger.engine.dispose()
        drop_pg_database(url)


def race(calls: list[Callable[[], T]]) -> tuple[list[T], list[BaseException]]:
    """Run the calls in threads released together by a barrier; collect the outcomes."""
    barrier = threading.Barrier(len(calls))
    results: list[T] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], T]) -> None:
        barrier.wait(timeout=30)
        try:
            value = call()
        except BaseException as error:
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
        assert not thread.is_alive(), "a racing desk hung"
    return results, errors


def _open_loans(ledger: Ledger) -> int:
    with ledger.read_session() as session:
        return int(
            session.scalar(
                select(func.count()).select_from(Loan).where(Loan.state != LoanState.CLOSED)
            )
            or 0
        )


def test_two_desks_lend_the_same_medium_at_once(pg_world: World) -> None:
    ledger, actor = pg_world.ledger, pg_world.actor
    desks = [
        lambda: lending.create_loan(ledger, actor, "税-USB-001", pg_world.contract_id),
        lambda: lending.create_loan(ledger, actor, "税-USB-001", pg_world.other_contract_id),
    ]
    won, lost = race(desks)
    assert len(won) == 1 and len(lost) == 1, lost
    # The row lock made the second desk wait and then see the first desk's loan.
    assert isinstance(lost[0], Conflict) and lost[0].key == "error.loan.medium_busy"
    assert "税-USB-001" in lost[0].message("ja") and "twice" in lost[0].message("en")
    assert _open_loans(ledger) == 1
    assert verify_trail(ledger).ok


def test_the_index_alone_refuses_a_second_open_loan(pg_world: World) -> None:
    """Below the row lock: two transactions inserting open loans of one medium."""
    ledger = pg_world.ledger
    loan = lending.create_loan(ledger, pg_world.actor, "税-USB-002", pg_world.contract_id)
    with Session(ledger.engine) as session:
        template = session.get(Loan, loan.id)
        assert template is not None
        session.add(
            Loan(
                medium_id=template.medium_id,
                contract_id=template.contract_id,
                state=LoanState.DRAFT,
                expected_return=template.expected_return,
                created_at=template.created_at,
                updated_at=template.updated_at,
            )
        )
        with pytest.raises(IntegrityError) as caught:
            session.flush()
        assert "uq_loans_open_medium" in str(caught.value)
        session.rollback()
    assert verify_trail(ledger).ok


def test_two_desks_confirm_the_same_slip_at_once(pg_world: World) -> None:
    ledger, actor = pg_world.ledger, pg_world.actor
    loan = pg_world.loan()
    slip = slips.draft_out_slip(ledger, actor, loan.id, pg_world.out_form())
    won, lost = race(
        [lambda: slips.confirm_at_counter(ledger, actor, slip.id, RESPONSIBLE_CODE)] * 2
    )
    assert len(won) == 1 and len(lost) == 1 and isinstance(lost[0], IllegalTransition)
    assert pg_world.medium_state("税-USB-001") is MediumState.LENT
    assert verify_trail(ledger).ok


def test_slip_numbers_never_repeat_under_concurrency(pg_world: World) -> None:
    ledger, actor = pg_world.ledger, pg_world.actor
    numbers = ("税-USB-001", "税-USB-002", "税-USB-003", "税-CD-001")
    loans = [pg_world.loan(n).id for n in numbers]

    def draft(loan_id: int) -> Callable[[], str]:
        return lambda: slips.draft_out_slip(ledger, actor, loan_id, pg_world.out_form()).number

    drafted, errors = race([draft(loan_id) for loan_id in loans])
    assert errors == [] and sorted(drafted) == [
        "SLIP-R7-0001",
        "SLIP-R7-0002",
        "SLIP-R7-0003",
        "SLIP-R7-0004",
    ]
    assert verify_trail(ledger).ok


def test_drafts_and_cancellations_at_other_desks_never_deadlock(pg_world: World) -> None:
    """Cancelling slips and new slips both take a number and a trail entry; in a
    consistent order, so busy desks wait for each other but never deadlock."""
    ledger, actor = pg_world.ledger, pg_world.actor
    lent = [pg_world.lend(n)[1].id for n in ("税-USB-001", "税-USB-002", "税-USB-003")]
    fresh = [pg_world.loan(n).id for n in ("税-CD-001", "税-CASE-001")]

    def cancel(slip_id: int) -> Callable[[], object]:
        return lambda: slips.cancel_slip(ledger, actor, slip_id, "記入誤り")

    def draft(loan_id: int, **changes: object) -> Callable[[], object]:
        return lambda: slips.draft_out_slip(ledger, actor, loan_id, pg_world.out_form(**changes))

    calls = [cancel(slip_id) for slip_id in lent] + [
        draft(fresh[0]),
        draft(fresh[1], transfer_method="locked_case", transfer_detail="S-0001"),
    ]
    done, errors = race(calls)
    assert errors == [] and len(done) == 5
    assert all(
        pg_world.medium_state(n) is MediumState.BLANK
        for n in ("税-USB-001", "税-USB-002", "税-USB-003")
    )
    assert verify_trail(ledger).ok


def test_domain_errors_are_the_only_failures(pg_world: World) -> None:
    """A lost race is a refusal with a message, never a raw database error."""
    ledger, actor = pg_world.ledger, pg_world.actor
    desks = [
        lambda: lending.create_loan(ledger, actor, "税-USB-003", pg_world.contract_id)
        for _ in range(4)
    ]
    won, lost = race(desks)
    assert len(won) == 1 and len(lost) == 3
    assert all(isinstance(error, DomainError) for error in lost), lost
    assert verify_trail(ledger).ok
