"""Mistakes are corrected by a cancelling slip that references the slip it cancels and
undoes its effect, but only while nothing has happened to the medium since."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import show_slip
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import FakeClock
from tests.integration.lending_world import RESPONSIBLE_CODE, World, build_world

REASON = "件数の記入誤り"


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def _stamp(world: World, slip_id: int) -> None:
    printed = slips.mark_printed(world.ledger, world.actor, slip_id, "p", "1")
    slips.mark_stamped(world.ledger, world.actor, printed.id)


def test_cancelling_a_draft_has_no_effect_to_undo(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    draft = slips.draft_out_slip(ledger, actor, loan.id, world.out_form())
    result = slips.cancel_slip(ledger, actor, draft.id, REASON)
    assert result.cancelled.state is SlipState.CANCELLED
    assert result.cancelled.cancelled_by_number == result.cancelling.number == "SLIP-R7-0002"
    assert result.cancelling.cancels_number == "SLIP-R7-0001" and result.cancelling.is_cancelling
    assert result.cancelling.cancel_reason == REASON
    assert result.cancelling.state is SlipState.CONFIRMED and result.cancelling.entry_hash
    assert world.medium_state("税-USB-001") is MediumState.BLANK
    redo = slips.draft_out_slip(ledger, actor, loan.id, world.out_form(record_count=499))
    assert redo.number == "SLIP-R7-0003"
    assert verify_trail(ledger).ok


def test_cancelling_a_confirmed_out_slip_puts_medium_and_loan_back(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan, out = world.lend()
    _stamp(world, out.id)
    result = slips.cancel_slip(ledger, actor, out.id, REASON)
    assert result.cancelled.state is SlipState.CANCELLED
    assert world.medium_state("税-USB-001") is MediumState.BLANK
    assert lending.show_loan(ledger, loan.id).state is LoanState.DRAFT
    with ledger.read_session() as session:
        undo = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "medium.state")
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert undo is not None and json.loads(undo.details)["undo"] is True
    # The cancelling slip is a paper record of its own: printed and stamped.
    _stamp(world, result.cancelling.id)
    assert show_slip(ledger, result.cancelling.id).state is SlipState.STAMPED
    # The corrected slip can now be drafted and confirmed.
    redo = slips.draft_out_slip(ledger, actor, loan.id, world.out_form(record_count=499))
    slips.confirm_at_counter(ledger, actor, redo.id, RESPONSIBLE_CODE)
    assert world.medium_state("税-USB-001") is MediumState.LENT
    assert verify_trail(ledger).ok


def test_cancelled_out_slip_of_a_loaded_stick_leaves_it_loaded(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    with ledger.unit_of_work() as uow:
        lending.mark_loaded(uow, actor, loan.id)
        uow.commit()
    out = slips.draft_out_slip(ledger, actor, loan.id, world.out_form())
    slips.confirm_at_counter(ledger, actor, out.id, RESPONSIBLE_CODE)
    slips.cancel_slip(ledger, actor, out.id, REASON)
    assert world.medium_state("税-USB-001") is MediumState.LOADED
    assert lending.show_loan(ledger, loan.id).state is LoanState.LOADED
    assert verify_trail(ledger).ok


def test_out_slip_cannot_be_cancelled_while_the_back_slip_lives(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan, out = world.lend()
    back = slips.draft_back_slip(ledger, actor, loan.id, world.back_form())
    with pytest.raises(Conflict) as caught:
        slips.cancel_slip(ledger, actor, out.id, REASON)
    assert caught.value.key == "error.slip.cancel_back_first"
    assert back.number in caught.value.message("ja")
    assert show_slip(ledger, out.id).state is SlipState.CONFIRMED
    assert verify_trail(ledger).ok


def test_cancelling_a_back_slip_before_the_wipe_puts_the_loan_out_again(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan, _ = world.lend()
    back = world.take_back(loan.id)
    _stamp(world, back.id)
    slips.cancel_slip(ledger, actor, back.id, REASON)
    assert lending.show_loan(ledger, loan.id).state is LoanState.OUT
    assert world.medium_state("税-USB-001") is MediumState.LENT
    again = world.take_back(loan.id, record_count=500)
    assert again.state is SlipState.CONFIRMED
    assert world.medium_state("税-USB-001") is MediumState.WIPE_PENDING
    assert verify_trail(ledger).ok


def test_a_back_slip_cannot_be_cancelled_after_the_wipe(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan, _ = world.lend()
    back = world.take_back(loan.id)
    with ledger.unit_of_work() as uow:
        medium = media.get_medium(uow, "税-USB-001")
        media.move_medium(uow, actor, medium, MediumState.BLANK, "wiped")
        assert lending.close_loan_after_wipe(uow, actor, medium) is not None
        uow.commit()
    with pytest.raises(Conflict) as caught:
        slips.cancel_slip(ledger, actor, back.id, REASON)
    assert caught.value.key == "error.slip.effect_superseded"
    assert "消去" in caught.value.message("ja") and "wipe" in caught.value.message("en")
    assert show_slip(ledger, back.id).state is SlipState.CONFIRMED
    assert lending.show_loan(ledger, loan.id).state is LoanState.CLOSED
    assert verify_trail(ledger).ok


def test_what_cannot_be_cancelled(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    draft = slips.draft_out_slip(ledger, actor, loan.id, world.out_form())
    with pytest.raises(InvalidInput) as no_reason:
        slips.cancel_slip(ledger, actor, draft.id, "   ")
    assert no_reason.value.field == "reason"
    result = slips.cancel_slip(ledger, actor, draft.id, REASON)
    with pytest.raises(IllegalTransition) as twice:
        slips.cancel_slip(ledger, actor, draft.id, REASON)
    assert twice.value.key == "error.slip.immutable"
    with pytest.raises(IllegalTransition) as of_cancelling:
        slips.cancel_slip(ledger, actor, result.cancelling.id, REASON)
    assert of_cancelling.value.key == "error.slip.cancelling_slip"
    with pytest.raises(IllegalTransition):
        slips.confirm_at_counter(ledger, actor, draft.id, RESPONSIBLE_CODE)
    assert verify_trail(ledger).ok


def test_out_slip_cannot_be_cancelled_after_the_medium_changed(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    _, out = world.lend()
    media.change_state(ledger, actor, "税-USB-001", MediumState.LOST, "not returned")
    with pytest.raises(Conflict) as caught:
        slips.cancel_slip(ledger, actor, out.id, REASON)
    assert caught.value.key == "error.slip.effect_superseded"
    assert world.medium_state("税-USB-001") is MediumState.LOST
    assert verify_trail(ledger).ok
