"""Every lending rule refuses with a clear message (ja and en), on SQLite and PostgreSQL,
and a refused request leaves the ledger and its trail as they were."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from ledger_tui.db.uow import SYSTEM, Actor, Ledger
from ledger_tui.domain.errors import (
    AuthError,
    Conflict,
    DomainError,
    IllegalTransition,
    InvalidInput,
)
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import count_mismatches
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import FakeClock
from tests.integration.lending_world import World, build_world, tokyo


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def refused(
    kind: type[DomainError], action: Callable[[], object], key: str, ja: str, en: str
) -> DomainError:
    """The action is refused with `key`, and both messages say what went wrong."""
    with pytest.raises(kind) as caught:
        action()
    assert caught.value.key == key
    assert ja in caught.value.message("ja"), caught.value.message("ja")
    assert en in caught.value.message("en"), caught.value.message("en")
    return caught.value


def _draft_out(world: World, loan_id: int, **changes: object) -> Callable[[], object]:
    return lambda: slips.draft_out_slip(
        world.ledger, world.actor, loan_id, world.out_form(**changes)
    )


def test_handler_must_be_designated_for_the_contract_on_the_date(
    world: World, clock: FakeClock
) -> None:
    loan = world.loan()
    # 佐藤 is designated from 2025-07-01; today is 2025-06-01.
    error = refused(
        InvalidInput,
        _draft_out(world, loan.id, handler_id=world.handler_id),
        "error.slip.handler_not_designated",
        "2025-06-01",
        "not a designated",
    )
    assert isinstance(error, InvalidInput) and error.field == "handler_id"
    refused(
        InvalidInput,
        _draft_out(world, loan.id, handler_id=world.other_handler_id),
        "error.slip.handler_not_designated",
        "届け出られていません",
        "designated",
    )
    refused(
        InvalidInput,
        _draft_out(world, loan.id, handler_id=99999),
        "error.slip.handler_not_designated",
        "取扱者",
        "handler",
    )
    clock.now = tokyo(2025, 7, 15)
    slip = _draft_out(world, loan.id, handler_id=world.handler_id)()
    assert slip.contractor_handler_name == "佐藤 花子"  # type: ignore[attr-defined]
    assert verify_trail(world.ledger).ok


def test_slip_date_must_lie_in_the_contract_period(world: World) -> None:
    loan = world.loan()
    refused(
        InvalidInput,
        _draft_out(world, loan.id, handed_at=tokyo(2025, 4, 30, 17)),
        "error.slip.date_outside_contract",
        "2025-05-01〜2026-03-31",
        "outside the contract",
    )
    naive = tokyo(2025, 6, 1).replace(tzinfo=None)
    refused(
        InvalidInput,
        _draft_out(world, loan.id, handed_at=naive),
        "error.field.date",
        "YYYY-MM-DD",
        "YYYY-MM-DD",
    )
    assert _draft_out(world, loan.id, handed_at=tokyo(2025, 5, 1, 0, 0))()
    assert verify_trail(world.ledger).ok


def test_loan_needs_a_blank_medium_of_an_allowed_kind(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    media.register_medium(ledger, actor, media.MediumForm("税-USB-009"))  # not yet verified
    refused(
        IllegalTransition,
        lambda: world.loan("税-USB-009"),
        "error.loan.medium_not_blank",
        "空（確認済）",
        "blank",
    )
    refused(
        InvalidInput,
        lambda: lending.create_loan(ledger, actor, "税-CD-001", world.other_contract_id),
        "error.loan.kind_not_allowed",
        "「CD-R」",  # the kind's label, never its stored code
        "does not allow media",
    )
    refused(
        InvalidInput,
        lambda: world.loan(expected_return=date(2026, 4, 30)),
        "error.loan.expected_return_range",
        "2026-03-31",
        "expected return",
    )
    refused(
        InvalidInput,
        lambda: world.loan(expected_return=date(2025, 5, 31)),
        "error.loan.expected_return_range",
        "2025-06-01",
        "between",
    )
    assert world.loan(expected_return=date(2025, 8, 31)).expected_return == date(2025, 8, 31)
    clock.now = tokyo(2025, 10, 1)
    refused(
        InvalidInput,
        lambda: lending.create_loan(ledger, actor, "税-USB-002", world.other_contract_id),
        "error.loan.contract_ended",
        "2025-09-30",
        "ended",
    )
    assert verify_trail(ledger).ok


def test_medium_must_be_ready_to_go_out(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    # Loaded outside this loan's load (the register refuses that move by hand, so the
    # test makes it directly): it stays at the desk.
    with ledger.unit_of_work() as uow:
        stick = media.get_medium(uow, "税-USB-001")
        media.move_medium(uow, actor, stick, MediumState.LOADED, "test")
        uow.commit()
    refused(
        IllegalTransition,
        lambda: media.change_state(ledger, actor, "税-USB-002", MediumState.LOADED, "by hand"),
        "error.medium.not_manual",
        "手作業",
        "by hand",
    )
    refused(
        IllegalTransition,
        _draft_out(world, loan.id),
        "error.lending.medium_not_ready",
        "格納済",
        "loaded for this loan",
    )
    media.change_state(ledger, actor, "税-USB-001", MediumState.WIPE_PENDING, "test")
    refused(  # the refusal names what resolves it: the wipe
        IllegalTransition,
        _draft_out(world, loan.id),
        "error.lending.needs_wipe",
        "登録簿で w",
        "ledger-tui wipe --medium 税-USB-001",
    )
    # Drafted while blank, made dirty before the counter: the confirmation refuses.
    loan2 = world.loan("税-USB-002")
    slip = _draft_out(world, loan2.id)()
    media.change_state(ledger, actor, "税-USB-002", MediumState.WIPE_PENDING, "found dirty")
    refused(
        IllegalTransition,
        lambda: slips.confirm_at_counter(ledger, actor, slip.id, "RESP01"),  # type: ignore[attr-defined]
        "error.lending.needs_wipe",
        "税-USB-002",
        "Wipe it first",
    )
    assert lending.show_loan(ledger, loan2.id).state is LoanState.DRAFT
    assert verify_trail(ledger).ok


def test_transfer_method_must_be_allowed_and_detailed(world: World) -> None:
    loan = world.loan()
    refused(
        InvalidInput,
        _draft_out(world, loan.id, transfer_method="email"),
        "error.slip.method_not_allowed",
        "email",
        "does not allow the transfer method",
    )
    refused(
        InvalidInput,
        _draft_out(world, loan.id, transfer_method="fax"),
        "error.contract.transfer_method",
        "fax",
        "Unknown transfer method",
    )
    mail = refused(
        InvalidInput,
        _draft_out(world, loan.id, transfer_method="registered_mail"),
        "error.slip.tracking_required",
        "追跡番号",
        "tracking number",
    )
    assert isinstance(mail, InvalidInput) and mail.field == "transfer_detail"
    refused(
        InvalidInput,
        _draft_out(world, loan.id, transfer_method="locked_case", transfer_detail="  "),
        "error.slip.seal_required",
        "封印番号",
        "seal number",
    )
    slip = _draft_out(
        world, loan.id, transfer_method="registered_mail", transfer_detail="1234-5678-9012"
    )()
    assert slip.transfer_detail == "1234-5678-9012"  # type: ignore[attr-defined]
    assert verify_trail(world.ledger).ok


def test_items_come_from_the_contract(world: World) -> None:
    loan, _ = world.lend()
    loan2 = world.loan("税-USB-002")
    refused(
        InvalidInput,
        _draft_out(world, loan2.id, items=("氏名", "生年月日")),
        "error.slip.item_not_in_contract",
        "生年月日",
        "Not among",
    )
    refused(
        InvalidInput,
        _draft_out(world, loan2.id, items=(), free_text=""),
        "error.slip.content_required",
        "情報の内容",
        "information content",
    )
    # Back-slips name the collected items, not the provided ones.
    refused(
        InvalidInput,
        lambda: slips.draft_back_slip(
            world.ledger, world.actor, loan.id, world.back_form(items=("住所",))
        ),
        "error.slip.item_not_in_contract",
        "住所",
        "住所",
    )
    assert _draft_out(world, loan2.id, items=(), free_text="調査票（紙）")()
    refused(
        InvalidInput,
        lambda: slips.draft_back_slip(
            world.ledger, world.actor, loan.id, world.back_form(record_count=-1)
        ),
        "error.field.integer",
        "整数",
        "whole number",
    )
    assert verify_trail(world.ledger).ok


def test_count_mismatch_needs_an_explanation_and_is_flagged(world: World) -> None:
    loan, _ = world.lend()
    refused(
        InvalidInput,
        lambda: slips.draft_back_slip(
            world.ledger, world.actor, loan.id, world.back_form(record_count=498)
        ),
        "error.slip.mismatch_explanation_required",
        "498",
        "500",
    )
    back = slips.draft_back_slip(
        world.ledger,
        world.actor,
        loan.id,
        world.back_form(
            record_count=498, mismatch_explanation="2件は調査対象外として区へ口頭報告済"
        ),
    )
    assert back.count_mismatch and back.out_record_count == 500
    assert back.mismatch_explanation.startswith("2件")
    assert [s.number for s in count_mismatches(world.ledger)] == [back.number]
    matching_loan, _ = world.lend("税-USB-002")
    fine = slips.draft_back_slip(
        world.ledger, world.actor, matching_loan.id, world.back_form(mismatch_explanation="ignored")
    )
    assert not fine.count_mismatch and fine.mismatch_explanation == ""
    assert len(count_mismatches(world.ledger)) == 1
    assert verify_trail(world.ledger).ok


def test_a_medium_cannot_be_lent_twice_at_once(world: World) -> None:
    loan = world.loan()
    refused(
        Conflict,
        lambda: world.loan(),
        "error.loan.medium_busy",
        "税-USB-001",
        "cannot be lent twice",
    )
    refused(
        Conflict,
        lambda: lending.create_loan(
            world.ledger, world.actor, "税-USB-001", world.other_contract_id
        ),
        "error.loan.medium_busy",
        "既に別の貸出",  # named by the medium and the contract, not by the loan's row id
        "already in another loan",
    )
    lending.withdraw_loan(world.ledger, world.actor, loan.id)
    assert world.loan().state is LoanState.DRAFT
    assert verify_trail(world.ledger).ok


def test_slips_follow_the_loan(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    loan = world.loan()
    refused(
        IllegalTransition,
        lambda: slips.draft_back_slip(ledger, actor, loan.id, world.back_form()),
        "error.slip.loan_not_out",
        "税-USB-001 の貸出は「準備中」",
        "needs a loan that is out",
    )
    first = _draft_out(world, loan.id)()
    refused(
        Conflict,
        _draft_out(world, loan.id),
        "error.slip.live_exists",
        first.number,
        "already has a live slip",
    )  # type: ignore[attr-defined]
    refused(
        Conflict,
        lambda: lending.withdraw_loan(ledger, actor, loan.id),
        "error.loan.has_slips",
        "取り消してください",
        "Cancel them first",
    )
    slips.confirm_at_counter(ledger, actor, first.id, "RESP01")  # type: ignore[attr-defined]
    refused(
        IllegalTransition,
        _draft_out(world, loan.id),
        "error.slip.loan_not_ready",
        "「貸出中」",
        "cannot be drafted",
    )
    refused(
        IllegalTransition,
        lambda: lending.withdraw_loan(ledger, actor, loan.id),
        "error.loan.not_draft",
        "「貸出中」",
        "only a draft loan",
    )
    refused(
        InvalidInput,
        lambda: slips.draft_back_slip(
            ledger, actor, loan.id, world.back_form(handed_at=tokyo(2025, 6, 1, 9))
        ),
        "error.slip.back_before_out",
        "SLIP-R7-0001",
        "before the out-slip",
    )
    refused(
        AuthError,
        lambda: slips.draft_back_slip(ledger, SYSTEM, loan.id, world.back_form()),
        "error.lending.operator_required",
        "職員",
        "operator",
    )
    assert verify_trail(ledger).ok
