"""The hand-over cycle of the seeds: lend, confirm at the counter, print, stamp, take
back, confirm, print, stamp; the medium ends wipe pending and the loan back, and the
wipe closes the loan. Also the hooks later issues call, numbering and immutability."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, HandoverSlip, Loan
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.errors import AuthError, IllegalTransition, InvalidInput
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import MAX_CONFIRM_ATTEMPTS, SlipDirection, SlipState
from ledger_tui.services import organisation
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import find_slip, show_slip, slips_of_loan
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import FakeClock
from tests.integration.lending_world import (
    RESPONSIBLE_CODE,
    World,
    build_world,
    tokyo,
)


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def _trail(ledger: Ledger) -> list[AuditEntry]:
    with ledger.read_session() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))


def _wipe(world: World, control_number: str) -> Loan | None:
    """What the wipe issue will do: medium wipe_pending -> blank, then close the loan."""
    with world.ledger.unit_of_work() as uow:
        medium = media.get_medium(uow, control_number)
        media.move_medium(uow, world.actor, medium, MediumState.BLANK, "wiped")
        loan = lending.close_loan_after_wipe(uow, world.actor, medium, certificate="R7-0009")
        uow.commit()
        return loan


def test_full_cycle_out_and_back(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    assert loan.state is LoanState.DRAFT and loan.expected_return == date(2026, 3, 31)

    out = slips.draft_out_slip(ledger, actor, loan.id, world.out_form())
    assert (out.number, out.state, out.entry_hash) == ("SLIP-R7-0001", SlipState.DRAFT, None)
    assert world.medium_state("税-USB-001") is MediumState.BLANK  # no effect before counter
    # Everything the counter view and the paper show:
    assert out.contract_title == "転出者滞納整理業務委託" and out.section_name == "税務課"
    assert out.contractor_name == "株式会社東京サービサー"
    assert out.ward_handler_name == "管理 一郎"
    assert (out.contractor_handler_name, out.contractor_handler_role) == (
        "山田 太郎",
        HandlerRole.RESPONSIBLE,
    )
    assert (out.control_number, out.medium_kind, out.medium_serial) == (
        "税-USB-001",
        MediumKind.USB,
        "SN-税-USB-001",
    )
    assert out.items == ("郵便番号", "住所", "氏名") and out.record_count == 500
    assert out.free_text == "転出者リスト 令和7年5月分" and out.notes == "封筒に入れて手交"
    assert out.transfer_method is TransferMethod.HAND
    assert out.expected_return == date(2026, 3, 31)
    assert (out.handed_at_local.hour, out.handed_at_local.minute) == (14, 5)  # 05:05 UTC

    clock.advance(minutes=3)
    out = slips.confirm_at_counter(ledger, actor, out.id, RESPONSIBLE_CODE.lower())
    assert out.state is SlipState.CONFIRMED and out.loan_state is LoanState.OUT
    assert world.medium_state("税-USB-001") is MediumState.LENT
    confirmed = [e for e in _trail(ledger) if e.action == "slip.confirmed"]
    assert out.entry_hash == confirmed[-1].entry_hash and len(out.entry_hash) == 64
    out = slips.mark_printed(ledger, actor, out.id, "desk-printer", "desk-printer-17")
    assert (out.state, out.printer, out.print_job, out.print_count) == (
        SlipState.PRINTED,
        "desk-printer",
        "desk-printer-17",
        1,
    )
    out = slips.mark_stamped(ledger, actor, out.id)
    assert out.state is SlipState.STAMPED and out.stamped_at is not None

    clock.advance(days=20)
    back = slips.draft_back_slip(ledger, actor, loan.id, world.back_form())
    assert back.number == "SLIP-R7-0002" and back.direction is SlipDirection.BACK
    assert (back.out_slip_number, back.out_record_count, back.count_mismatch) == (
        "SLIP-R7-0001",
        500,
        False,
    )
    assert back.expected_return is None
    back = slips.confirm_at_counter(ledger, actor, back.id, RESPONSIBLE_CODE)
    assert world.medium_state("税-USB-001") is MediumState.WIPE_PENDING
    assert lending.show_loan(ledger, loan.id).state is LoanState.BACK
    back = slips.mark_stamped(
        ledger, actor, slips.mark_printed(ledger, actor, back.id, "p", "p-18").id
    )
    assert back.state is SlipState.STAMPED

    moves = [
        json.loads(e.details)["state"]
        for e in _trail(ledger)
        if e.action == "medium.state" and e.subject == "medium:税-USB-001"
    ]
    assert moves[-3:] == ["lent", "returned", "wipe_pending"]
    assert [s.number for s in slips_of_loan(ledger, loan.id)] == ["SLIP-R7-0001", "SLIP-R7-0002"]

    closed = _wipe(world, "税-USB-001")
    assert closed is not None and lending.show_loan(ledger, loan.id).state is LoanState.CLOSED
    again = world.loan()  # the wiped stick can start a new cycle
    assert again.id != loan.id
    assert verify_trail(ledger).ok


def test_trail_records_every_step_without_free_text(world: World) -> None:
    loan, out = world.lend()
    slips.mark_stamped(
        world.ledger,
        world.actor,
        slips.mark_printed(world.ledger, world.actor, out.id, "p", "1").id,
    )
    back = world.take_back(loan.id, record_count=498, mismatch_explanation="2件は転居先不明で破棄")
    slips.cancel_slip(world.ledger, world.actor, back.id, "件数の記入誤り（山田様）")
    actions = [e.action for e in _trail(world.ledger)]
    for step in (
        "loan.created",
        "slip.drafted",
        "slip.confirmed",
        "slip.printed",
        "slip.stamped",
        "slip.cancelled",
    ):
        assert step in actions
    everything = " ".join(e.details + e.subject for e in _trail(world.ledger))
    for personal in ("転出者リスト", "封筒", "転居先不明", "山田", "記入誤り"):
        assert personal not in everything
    assert "住所" in everything  # item names are fine
    assert verify_trail(world.ledger).ok


def test_a_stamped_slip_never_changes(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    _, out = world.lend()
    out = slips.mark_stamped(ledger, actor, slips.mark_printed(ledger, actor, out.id, "p", "1").id)
    attempts: tuple[Callable[[], object], ...] = (
        lambda: slips.mark_printed(ledger, actor, out.id, "p", "2"),
        lambda: slips.mark_stamped(ledger, actor, out.id),
        lambda: slips.confirm_at_counter(ledger, actor, out.id, RESPONSIBLE_CODE),
    )
    for attempt in attempts:
        with pytest.raises(IllegalTransition) as caught:
            attempt()
        assert caught.value.key == "error.slip.immutable"
        assert "SLIP-R7-0001" in caught.value.message("ja")
        assert "cancelling slip" in caught.value.message("en")
    # Below the services, the ORM refuses an edit of a stamped slip too.
    with ledger.unit_of_work() as uow:
        row = uow.session.get(HandoverSlip, out.id)
        assert row is not None
        row.record_count = 499
        with pytest.raises(IllegalTransition):
            uow.session.flush()
    slips.record_reprint(ledger, actor, out.id, "p", "3")  # a copy: trail only
    assert show_slip(ledger, out.id) == out
    assert verify_trail(ledger).ok


def test_print_and_stamp_come_in_order(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    draft = slips.draft_out_slip(ledger, actor, loan.id, world.out_form())
    with pytest.raises(IllegalTransition) as unprinted:
        slips.mark_printed(ledger, actor, draft.id, "p", "1")
    assert unprinted.value.key == "error.slip.draft_not_printable"
    slips.confirm_at_counter(ledger, actor, draft.id, RESPONSIBLE_CODE)
    with pytest.raises(IllegalTransition) as early:
        slips.mark_stamped(ledger, actor, draft.id)
    assert "印刷されていません" in early.value.message("ja")
    slips.mark_printed(ledger, actor, draft.id, "p", "1")
    again = slips.mark_printed(ledger, actor, draft.id, "p2", "2")  # reprint before stamping
    assert (again.print_count, again.printer) == (2, "p2")
    assert verify_trail(ledger).ok


def test_wrong_handler_codes_are_refused_logged_and_counted(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    slip = slips.draft_out_slip(ledger, actor, world.loan().id, world.out_form())
    for attempt in range(1, MAX_CONFIRM_ATTEMPTS + 1):
        with pytest.raises(AuthError) as wrong:
            slips.confirm_at_counter(ledger, actor, slip.id, "WRONG1")
        assert wrong.value.params["attempts"] == attempt
        assert "一致しません" in wrong.value.message("ja")
    with pytest.raises(AuthError) as locked:
        slips.confirm_at_counter(ledger, actor, slip.id, RESPONSIBLE_CODE)
    assert locked.value.key == "error.slip.too_many_attempts"
    refused = [e for e in _trail(ledger) if e.action == "slip.confirm_refused"]
    assert len(refused) == MAX_CONFIRM_ATTEMPTS and "WRONG1" not in refused[0].details
    assert show_slip(ledger, slip.id).confirm_attempts == MAX_CONFIRM_ATTEMPTS
    assert world.medium_state("税-USB-001") is MediumState.BLANK
    # A designated person of the contract who is not the slip's handler is refused too.
    slip2 = slips.draft_out_slip(ledger, actor, world.loan("税-USB-002").id, world.out_form())
    with pytest.raises(AuthError):
        slips.confirm_at_counter(ledger, actor, slip2.id, "LAW001")
    assert verify_trail(ledger).ok


def test_numbers_restart_on_1_april(ledger: Ledger, admin: Actor, clock: FakeClock) -> None:
    world = build_world(ledger, admin)
    spanning = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title="年度またぎ調査業務委託",
            section_code="TAX",
            contractor_name="弁護士法人みなと",
            period_start=date(2026, 3, 1),
            period_end=date(2026, 6, 30),
            provided_items=["氏名"],
            collected_items=["交渉記録"],
            allowed_media_kinds=["usb", "cdr"],
        ),
    )
    person = organisation.add_handler(
        ledger,
        admin,
        spanning.id,
        "鈴木 一郎",
        "responsible",
        "LAW002",
        date(2026, 3, 1),
        None,
        date(2026, 2, 20),
    ).handler
    form = slips.SlipForm(
        handler_id=person.id,
        record_count=3,
        transfer_method="hand",
        items=("氏名",),
        without_load=True,
    )

    def draft(control_number: str) -> str:
        loan = lending.create_loan(ledger, admin, control_number, spanning.id)
        return slips.draft_out_slip(ledger, admin, loan.id, form).number

    clock.now = tokyo(2026, 3, 31, 23, 58)
    assert [draft("税-USB-001"), draft("税-CD-001")] == ["SLIP-R7-0001", "SLIP-R7-0002"]
    clock.now = tokyo(2026, 4, 1, 0, 1)
    assert [draft("税-USB-002"), draft("税-USB-003")] == ["SLIP-R8-0001", "SLIP-R8-0002"]
    assert find_slip(ledger, "ｒ８－２").number == "SLIP-R8-0002"
    assert world.contract_id  # the world's own contract ended on 3/31
    assert verify_trail(ledger).ok


def test_late_return_after_the_contract_ended_is_still_taken_in(
    world: World, clock: FakeClock
) -> None:
    loan, _ = world.lend()
    loan2, _ = world.lend("税-USB-002")
    clock.now = tokyo(2026, 4, 3, 9, 30)
    back = world.take_back(loan.id)
    assert back.number == "SLIP-R8-0001" and back.state is SlipState.CONFIRMED
    assert world.medium_state("税-USB-001") is MediumState.WIPE_PENDING
    # ... from a person designated on the contract's last day (佐藤's ended 12/31).
    with pytest.raises(InvalidInput) as caught:
        slips.draft_back_slip(
            world.ledger, world.actor, loan2.id, world.back_form(handler_id=world.handler_id)
        )
    assert caught.value.field == "handler_id"
    assert verify_trail(world.ledger).ok


def test_cdr_and_paper_case_go_out_from_draft(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    _, cd = world.lend("税-CD-001")
    assert world.medium_state("税-CD-001") is MediumState.LENT
    case_loan = world.loan("税-CASE-001")
    case = slips.draft_out_slip(
        ledger,
        actor,
        case_loan.id,
        world.out_form(transfer_method="locked_case", transfer_detail="S-0001"),
    )
    case = slips.confirm_at_counter(ledger, actor, case.id, RESPONSIBLE_CODE)
    assert (case.transfer_method, case.transfer_detail) == (TransferMethod.LOCKED_CASE, "S-0001")
    assert world.medium_state("税-CASE-001") is MediumState.LENT
    assert cd.number == "SLIP-R7-0001" and case.number == "SLIP-R7-0002"
    assert verify_trail(ledger).ok


def test_load_hooks(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    with ledger.unit_of_work() as uow:
        lending.mark_loaded(uow, actor, loan.id, archives=["data.zip"], sha256="ab" * 32)
        uow.commit()
    assert lending.show_loan(ledger, loan.id).state is LoanState.LOADED
    assert world.medium_state("税-USB-001") is MediumState.LOADED
    slip = slips.draft_out_slip(ledger, actor, loan.id, world.out_form())
    slips.confirm_at_counter(ledger, actor, slip.id, RESPONSIBLE_CODE)
    assert world.medium_state("税-USB-001") is MediumState.LENT

    # A CD-R is loaded (burned) like a stick; a paper case is not.
    case_loan = world.loan("税-CASE-001")
    with ledger.unit_of_work() as uow, pytest.raises(InvalidInput) as not_loadable:
        lending.mark_loaded(uow, actor, case_loan.id)
    assert "税-CASE-001" in not_loadable.value.message("ja")

    stick = world.loan("税-USB-002")
    with ledger.unit_of_work() as uow:
        lending.mark_loaded(uow, actor, stick.id)
        lending.abandon_load(uow, actor, stick.id, "load_failed")
        uow.commit()
    assert lending.show_loan(ledger, stick.id).state is LoanState.DRAFT
    assert world.medium_state("税-USB-002") is MediumState.WIPE_PENDING
    assert verify_trail(ledger).ok
