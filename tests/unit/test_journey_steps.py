"""The next step of a medium in its custody cycle: one table, walked in order."""

from __future__ import annotations

import pytest

from ledger_tui.domain.errors import IllegalTransition
from ledger_tui.domain.journey import Situation, Step, check_loaded_before_lending, next_step
from ledger_tui.domain.loans import LoanState as L
from ledger_tui.domain.media import MediumKind as K
from ledger_tui.domain.media import MediumState as M
from ledger_tui.domain.slips import SlipState as S

USB = K.USB


def test_a_stick_walks_the_whole_cycle_in_order() -> None:
    walk = [
        (Situation(USB, M.REGISTERED), Step.FIRST_WIPE),
        (Situation(USB, M.BLANK), Step.LOAD),
        (Situation(USB, M.BLANK, L.DRAFT), Step.LOAD),  # a draft loan, not yet loaded
        (Situation(USB, M.LOADED, L.LOADED, loaded=True), Step.LEND),
        (Situation(USB, M.LOADED, L.LOADED, S.DRAFT, loaded=True), Step.CONFIRM),
        (Situation(USB, M.LENT, L.OUT, S.CONFIRMED, loaded=True), Step.PRINT),
        (Situation(USB, M.LENT, L.OUT, S.PRINTED, loaded=True), Step.STAMP),
        (Situation(USB, M.LENT, L.OUT, None, loaded=True), Step.RETURN),
        (Situation(USB, M.LENT, L.OUT, S.DRAFT, loaded=True), Step.CONFIRM),  # back-slip
        (Situation(USB, M.WIPE_PENDING, L.BACK, S.CONFIRMED, loaded=True), Step.PRINT),
        (Situation(USB, M.WIPE_PENDING, L.BACK, S.PRINTED, loaded=True), Step.STAMP),
        (Situation(USB, M.WIPE_PENDING, L.BACK, None, loaded=True), Step.INTAKE),
        (Situation(USB, M.WIPE_PENDING, L.BACK, None, True, intake_done=True), Step.WIPE),
    ]
    assert [next_step(s) for s, _ in walk] == [step for _, step in walk]


def test_other_kinds_and_ends() -> None:
    assert next_step(Situation(K.CDR, M.BLANK)) is Step.LEND
    assert next_step(Situation(K.PAPER_CASE, M.WIPE_PENDING, L.BACK)) is Step.DESTROY
    # a stick lent without a load comes back: no archives to read, straight to the wipe
    assert next_step(Situation(USB, M.WIPE_PENDING, L.BACK)) is Step.WIPE
    assert next_step(Situation(USB, M.WIPE_PENDING)) is Step.WIPE  # a failed load
    assert next_step(Situation(USB, M.RETURNED)) is Step.WIPE  # a lost stick turned up
    for end in (M.LOST, M.DESTROYED, M.RETIRED):
        assert next_step(Situation(USB, end)) is Step.NONE


def test_a_blank_stick_goes_out_only_loaded_or_when_said() -> None:
    with pytest.raises(IllegalTransition) as refused:
        check_loaded_before_lending(USB, M.BLANK, True, False, "税-USB-001")
    assert refused.value.key == "error.lending.not_loaded"
    check_loaded_before_lending(USB, M.BLANK, True, True, "税-USB-001")  # said so
    check_loaded_before_lending(USB, M.BLANK, False, False, "税-USB-001")  # collection only
    check_loaded_before_lending(USB, M.LOADED, True, False, "税-USB-001")
    check_loaded_before_lending(K.CDR, M.BLANK, True, False, "税-CD-001")  # filled at lending


#: Without an open loan: the step of every kind in every state (the table, checked whole).
_NO_LOAN: dict[K, dict[M, Step]] = {
    K.USB: {
        M.REGISTERED: Step.FIRST_WIPE,
        M.WIPE_PENDING: Step.WIPE,
        M.BLANK: Step.LOAD,
        M.LOADED: Step.LEND,
        M.LENT: Step.RETURN,
        M.RETURNED: Step.WIPE,
        M.DESTROYED: Step.NONE,
        M.LOST: Step.NONE,
        M.RETIRED: Step.NONE,
    },
    # CD-Rs and paper cases are filled at lending; what comes back is destroyed or (a
    # paper case's papers) returned to file, never wiped.
    K.CDR: {
        M.REGISTERED: Step.FIRST_WIPE,
        M.WIPE_PENDING: Step.DESTROY,
        M.BLANK: Step.LEND,
        M.LOADED: Step.LEND,
        M.LENT: Step.RETURN,
        M.RETURNED: Step.DESTROY,
        M.DESTROYED: Step.NONE,
        M.LOST: Step.NONE,
        M.RETIRED: Step.NONE,
    },
    K.PAPER_CASE: {
        M.REGISTERED: Step.FIRST_WIPE,
        M.WIPE_PENDING: Step.DESTROY,
        M.BLANK: Step.LEND,
        M.LOADED: Step.LEND,
        M.LENT: Step.RETURN,
        M.RETURNED: Step.DESTROY,
        M.DESTROYED: Step.NONE,
        M.LOST: Step.NONE,
        M.RETIRED: Step.NONE,
    },
}


@pytest.mark.parametrize("kind", list(K))
@pytest.mark.parametrize("state", list(M))
def test_every_kind_in_every_state(kind: K, state: M) -> None:
    assert next_step(Situation(kind, state)) is _NO_LOAN[kind][state]


@pytest.mark.parametrize("kind", list(K))
def test_a_blank_medium_on_a_draft_loan_is_loaded_or_lent_as_its_contract_says(kind: K) -> None:
    """A blank medium drafted for a contract: a stick is loaded when the contract hands
    data out, lent empty when it only collects; a CD-R or a paper case is lent (filled at
    lending) either way. Never a counter confirmation while no slip waits."""
    hands_out = next_step(Situation(kind, M.BLANK, L.DRAFT, provides_data=True))
    collects = next_step(Situation(kind, M.BLANK, L.DRAFT, provides_data=False))
    assert hands_out is (Step.LOAD if kind is USB else Step.LEND)
    assert collects is Step.LEND


@pytest.mark.parametrize("kind", list(K))
@pytest.mark.parametrize("slip", [S.DRAFT, S.CONFIRMED, S.PRINTED, S.STAMPED, S.CANCELLED])
def test_a_waiting_slip_comes_first_only_while_it_waits(kind: K, slip: S) -> None:
    step = next_step(Situation(kind, M.BLANK, L.DRAFT, slip, provides_data=False))
    waiting = {S.DRAFT: Step.CONFIRM, S.CONFIRMED: Step.PRINT, S.PRINTED: Step.STAMP}
    assert step is waiting.get(slip, Step.LEND)
