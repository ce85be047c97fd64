"""The loan and slip tables and the content rules of a handover slip (pure domain)."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from ledger_tui.domain import media
from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.errors import IllegalTransition, InvalidInput
from ledger_tui.domain.form_series import HANDOVER_SLIP
from ledger_tui.domain.loans import (
    MEDIUM_UNDO,
    OPEN_STATES,
    TRANSITIONS,
    LoanState,
    check_expected_return,
    check_loan_transition,
    check_medium_can_go_out,
    check_medium_undo,
    overdue_days,
)
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import (
    TRANSITIONS as SLIP_TRANSITIONS,
)
from ledger_tui.domain.slips import (
    SlipState,
    check_handler_designated,
    check_items,
    check_reconciliation,
    check_slip_date,
    check_slip_transition,
    check_transfer,
)

L = LoanState


def test_the_documented_loan_cycles_are_allowed() -> None:
    for cycle in ([L.DRAFT, L.LOADED, L.OUT, L.BACK, L.CLOSED], [L.DRAFT, L.OUT, L.BACK]):
        for current, target in itertools.pairwise(cycle):
            check_loan_transition(current, target, 1)
    assert OPEN_STATES == {L.DRAFT, L.LOADED, L.OUT, L.BACK}


@pytest.mark.parametrize(
    "current,target", [(c, t) for c in L for t in L if t not in TRANSITIONS[c]]
)
def test_every_loan_move_outside_the_table_is_refused(current: L, target: L) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_loan_transition(current, target, 42)
    assert "42" in caught.value.message("ja") and "cannot move" in caught.value.message("en")


def test_a_loan_cannot_be_closed_while_the_medium_is_out() -> None:
    assert L.CLOSED not in TRANSITIONS[L.OUT] and L.CLOSED not in TRANSITIONS[L.LOADED]


@pytest.mark.parametrize(
    "kind,medium_state,loan_state,ok",
    [
        (MediumKind.USB, MediumState.BLANK, L.DRAFT, True),
        (MediumKind.USB, MediumState.LOADED, L.LOADED, True),
        (MediumKind.USB, MediumState.LOADED, L.DRAFT, False),  # loaded, but not for this loan
        (MediumKind.USB, MediumState.WIPE_PENDING, L.DRAFT, False),
        (MediumKind.USB, MediumState.REGISTERED, L.DRAFT, False),
        (MediumKind.CDR, MediumState.BLANK, L.DRAFT, True),
        (MediumKind.CDR, MediumState.LOADED, L.LOADED, True),  # burned for this loan
        (MediumKind.PAPER_CASE, MediumState.BLANK, L.DRAFT, True),
        (MediumKind.PAPER_CASE, MediumState.LENT, L.OUT, False),
    ],
)
def test_what_may_go_out(
    kind: MediumKind, medium_state: MediumState, loan_state: L, ok: bool
) -> None:
    if ok:
        check_medium_can_go_out(kind, medium_state, loan_state, "税-X-1")
        return
    with pytest.raises(IllegalTransition) as caught:
        check_medium_can_go_out(kind, medium_state, loan_state, "税-X-1")
    assert "税-X-1" in caught.value.message("ja")


def test_slip_undo_moves_are_not_register_moves() -> None:
    """Only a cancelled slip may undo its own effect; the register cannot do it."""
    for current, targets in MEDIUM_UNDO.items():
        for target in targets:
            check_medium_undo(current, target, "税-USB-1")
            assert target not in media.TRANSITIONS[current]
    with pytest.raises(IllegalTransition):
        check_medium_undo(MediumState.RETURNED, MediumState.BLANK, "税-USB-1")


def test_frozen_slips_refuse_with_the_immutable_message() -> None:
    for current in (SlipState.STAMPED, SlipState.CANCELLED):
        for target in SlipState:
            if target in SLIP_TRANSITIONS[current]:
                continue
            with pytest.raises(IllegalTransition) as caught:
                check_slip_transition(current, target, "R7-0042")
            assert caught.value.key == "error.slip.immutable"
    with pytest.raises(IllegalTransition) as early:
        check_slip_transition(SlipState.DRAFT, SlipState.STAMPED, "R7-0042")
    assert early.value.key == "error.slip.illegal_transition"
    assert SLIP_TRANSITIONS[SlipState.STAMPED] == {SlipState.CANCELLED}


def test_transfer_rules() -> None:
    allowed = ["hand", "registered_mail", "locked_case"]
    assert check_transfer("hand", " ", allowed) == (TransferMethod.HAND, "")
    assert check_transfer("locked_case", " S-1 ", allowed) == (TransferMethod.LOCKED_CASE, "S-1")
    for method, key in (
        ("email", "error.slip.method_not_allowed"),
        ("pigeon", "error.contract.transfer_method"),
        ("registered_mail", "error.slip.tracking_required"),
        ("locked_case", "error.slip.seal_required"),
    ):
        with pytest.raises(InvalidInput) as caught:
            check_transfer(method, "", allowed)
        assert caught.value.key == key


def test_items_and_counts() -> None:
    allowed = ["郵便番号", "住所", "氏名"]
    assert check_items([" 住所", "氏名", "住所"], allowed, "") == ["住所", "氏名"]
    assert check_items([], allowed, "調査票") == []
    with pytest.raises(InvalidInput) as unknown:
        check_items(["住所", "電話番号"], allowed, "")
    assert "電話番号" in unknown.value.message("ja") and "住所" not in unknown.value.message("en")
    assert check_reconciliation(500, 500, "") is False
    assert check_reconciliation(498, 500, "2件破棄") is True
    with pytest.raises(InvalidInput):
        check_reconciliation(501, 500, " ")


def test_dates() -> None:
    check_slip_date(date(2025, 5, 1), date(2025, 5, 1), date(2026, 3, 31))
    with pytest.raises(InvalidInput):
        check_slip_date(date(2026, 4, 1), date(2025, 5, 1), date(2026, 3, 31))
    check_handler_designated(date(2025, 5, 1), None, date(2030, 1, 1), True)
    for valid_to, same in ((date(2025, 5, 31), True), (None, False)):
        with pytest.raises(InvalidInput):
            check_handler_designated(date(2025, 5, 1), valid_to, date(2025, 6, 1), same)
    check_expected_return(date(2025, 6, 1), date(2025, 6, 1), date(2025, 5, 1), date(2026, 3, 31))
    with pytest.raises(InvalidInput):
        check_expected_return(
            date(2025, 5, 31), date(2025, 6, 1), date(2025, 5, 1), date(2026, 3, 31)
        )
    assert overdue_days(L.OUT, date(2025, 6, 10), date(2025, 6, 25)) == 15
    assert overdue_days(L.OUT, date(2025, 6, 25), date(2025, 6, 25)) == 0
    assert overdue_days(L.BACK, date(2025, 6, 10), date(2025, 6, 25)) == 0


@pytest.mark.parametrize(
    "raw,number",
    [
        ("SLIP-R7-0042", "SLIP-R7-0042"),
        ("slip-r7-42", "SLIP-R7-0042"),
        (" ＳＬＩＰ－Ｒ７－００４２ ", "SLIP-R7-0042"),
        ("r7-42", "SLIP-R7-0042"),  # older paper: numbers before the prefixes
        ("H31-7", "SLIP-H31-0007"),
        ("CERT-R7-1", "CERT-R7-0001"),  # another series' number stays itself
        ("R7-0042-x", "R7-0042-X"),
    ],
)
def test_slip_numbers_as_typed_or_scanned(raw: str, number: str) -> None:
    assert HANDOVER_SLIP.normalise(raw) == number
