"""The medium lifecycle table: every allowed move passes, every other is refused."""

from __future__ import annotations

import itertools

import pytest

from ledger_tui.domain.errors import IllegalTransition, InvalidInput
from ledger_tui.domain.media import (
    MANUAL_TARGETS,
    TERMINAL,
    TRANSITIONS,
    MediumKind,
    MediumState,
    check_manual_move,
    check_transition,
    initial_state,
    manual_targets,
    normalise_control_number,
    normalise_usb_id,
)

S = MediumState


def test_the_documented_cycle_is_allowed() -> None:
    cycle = [
        S.REGISTERED,
        S.WIPE_PENDING,
        S.BLANK,
        S.LOADED,
        S.LENT,
        S.RETURNED,
        S.WIPE_PENDING,
        S.BLANK,
    ]
    for current, target in itertools.pairwise(cycle):
        check_transition(current, target, "税-USB-001")


@pytest.mark.parametrize(
    "current,target", [(c, t) for c in S for t in S if t not in TRANSITIONS[c]]
)
def test_every_move_outside_the_table_is_refused(current: S, target: S) -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition(current, target, "税-USB-001")
    assert "税-USB-001" in caught.value.message("ja")
    assert "cannot move" in caught.value.message("en")


def test_a_registered_stick_cannot_be_lent_before_it_is_verified_blank() -> None:
    for state in (S.REGISTERED, S.WIPE_PENDING, S.RETURNED):
        with pytest.raises(IllegalTransition):
            check_transition(state, S.LENT, "X")


def test_terminal_states_have_no_way_out() -> None:
    assert TERMINAL == {S.DESTROYED, S.RETIRED}


def test_new_sticks_need_verification_but_cdr_and_cases_start_blank() -> None:
    assert initial_state(MediumKind.USB) is S.REGISTERED
    assert initial_state(MediumKind.CDR) is S.BLANK
    assert initial_state(MediumKind.PAPER_CASE) is S.BLANK


def test_control_numbers_are_trimmed_and_fullwidth_ascii_folded() -> None:
    assert normalise_control_number("  税-ＵＳＢ-００３ ") == "税-USB-003"
    with pytest.raises(InvalidInput):
        normalise_control_number("   ")
    with pytest.raises(InvalidInput):
        normalise_control_number("税 USB")


def test_usb_ids_are_checked() -> None:
    assert normalise_usb_id("0781:5583") == "0781:5583"
    assert normalise_usb_id("0781:55AB") == "0781:55ab"
    with pytest.raises(InvalidInput):
        normalise_usb_id("781:5583")


def test_manual_moves_are_one_rule_for_the_register_screen_and_the_service() -> None:
    # a blank stick: never loaded or lent by hand, never made blank by hand
    stick = manual_targets(MediumKind.USB, MediumState.BLANK)
    assert stick == [
        MediumState.WIPE_PENDING,
        MediumState.DESTROYED,
        MediumState.LOST,
        MediumState.RETIRED,
    ]
    # a CD-R waiting for its check may be declared blank by hand
    assert MediumState.BLANK in manual_targets(MediumKind.CDR, MediumState.WIPE_PENDING)
    assert manual_targets(MediumKind.USB, MediumState.LENT) == [MediumState.LOST]
    for kind in MediumKind:
        for current in MediumState:
            for target in MediumState:
                offered = target in manual_targets(kind, current)
                try:
                    check_manual_move(kind, target, "X-1")
                    accepted = target in TRANSITIONS[current]
                except IllegalTransition:
                    accepted = False
                assert offered == accepted, (kind, current, target)
                assert not offered or target in MANUAL_TARGETS
