"""Lend is one transaction: the loan and its out-slip are written together or not at
all. A refused or failing slip step leaves no loan and no trail entry behind (before,
lend opened the loan in a transaction of its own and withdrew it again)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ledger_tui.db.models import AuditEntry, HandoverSlip, Loan
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import handover, slips
from ledger_tui.services.trail.verify import verify_trail
from tests.integration.lending_world import World, build_world


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def _counts(ledger: Ledger) -> tuple[int, int, int]:
    """(loans, slips, trail entries)."""
    with ledger.read_session() as session:
        return (
            session.scalar(select(func.count()).select_from(Loan)) or 0,
            session.scalar(select(func.count()).select_from(HandoverSlip)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def _lend(world: World, **changes: object) -> handover.LendingDraft:
    return handover.start_lending(
        world.ledger, world.actor, "税-USB-001", world.contract_id, world.out_form(**changes)
    )


def test_a_refused_slip_leaves_no_loan_and_no_trail_entry(world: World) -> None:
    before = _counts(world.ledger)
    with pytest.raises(InvalidInput) as refused:
        _lend(world, handler_id=world.handler_id)  # not designated on the day
    assert refused.value.key == "error.slip.handler_not_designated"
    assert _counts(world.ledger) == before
    assert verify_trail(world.ledger).ok


def test_a_failing_slip_step_rolls_the_loan_back(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("printer on fire")

    before = _counts(world.ledger)
    monkeypatch.setattr(slips, "draft_out_slip_in", broken)
    with pytest.raises(RuntimeError):
        _lend(world)
    assert _counts(world.ledger) == before
    monkeypatch.undo()
    # the medium is still free to lend, in one go
    started = _lend(world)
    assert started.loan_opened and started.loan.state is LoanState.DRAFT
    loans, slip_rows, entries = _counts(world.ledger)
    assert (loans, slip_rows) == (before[0] + 1, before[1] + 1)
    assert entries == before[2] + 2  # loan.created, slip.drafted
    assert verify_trail(world.ledger).ok


def test_lend_reuses_the_draft_loan_of_the_same_contract(world: World) -> None:
    loan = world.loan()
    started = _lend(world)
    assert not started.loan_opened and started.loan.id == loan.id
    assert started.slip.loan_id == loan.id
    assert world.medium_state("税-USB-001") is MediumState.BLANK
