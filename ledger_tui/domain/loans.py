"""Loans (貸出) and their lifecycle: one table of allowed moves, like the medium's.

A loan ties one medium to one contract for one hand-over cycle:
draft (medium chosen) -> loaded (encrypted data written; USB sticks) -> out (the
out-slip was confirmed at the counter) -> back (the back-slip was confirmed; the medium
waits in wipe_pending) -> closed (the medium was wiped or destroyed). A CD-R or paper
case is filled at lending, so its loan goes out straight from draft.

The backward moves exist only to undo a cancelled handover slip (out -> draft/loaded,
back -> out) or an abandoned load (loaded -> draft); a draft loan opened by mistake is
closed directly.
"""

from __future__ import annotations

import enum
from datetime import date

from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.errors import IllegalTransition, InvalidInput
from ledger_tui.domain.media import MediumKind, MediumState


class LoanState(enum.StrEnum):
    DRAFT = "draft"
    LOADED = "loaded"
    OUT = "out"
    BACK = "back"
    CLOSED = "closed"


L = LoanState

#: The one table of allowed loan moves. Anything not listed is refused.
TRANSITIONS: dict[LoanState, frozenset[LoanState]] = {
    # draft -> out: a CD-R, a paper case or a blank stick for collection goes out
    # without a load; draft -> closed: a loan opened by mistake.
    L.DRAFT: frozenset({L.LOADED, L.OUT, L.CLOSED}),
    # loaded -> draft: the load failed or was abandoned (the stick must be wiped).
    L.LOADED: frozenset({L.OUT, L.DRAFT}),
    # out -> draft/loaded: the out-slip was cancelled before anything else happened.
    L.OUT: frozenset({L.BACK, L.DRAFT, L.LOADED}),
    # back -> out: the back-slip was cancelled before the medium was wiped.
    L.BACK: frozenset({L.CLOSED, L.OUT}),
    L.CLOSED: frozenset(),
}

#: Loans in these states hold their medium: at most one per medium (a DB index, too).
OPEN_STATES: frozenset[LoanState] = frozenset(s for s in L if s is not L.CLOSED)


def check_loan_transition(current: LoanState, target: LoanState, medium: str) -> None:
    """Raise `IllegalTransition` unless `current -> target` is in the table. `medium`
    names the loan as the desk knows it (its medium's control number, or the transfer)."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(
            "error.loan.illegal_transition",
            medium=medium,
            current=current,
            target=target,
        )


#: Medium states from which a loan's medium may go out, by kind. A stick may go out
#: blank (for the contractor to collect data on) or loaded for this very loan.
OUT_FROM: dict[MediumKind, frozenset[MediumState]] = {
    MediumKind.USB: frozenset({MediumState.BLANK, MediumState.LOADED}),
    MediumKind.CDR: frozenset({MediumState.BLANK, MediumState.LOADED}),
    MediumKind.PAPER_CASE: frozenset({MediumState.BLANK}),
}


def check_medium_can_go_out(
    kind: MediumKind,
    medium_state: MediumState,
    loan_state: LoanState,
    control_number: str,
    unfinished_load: int | None = None,
) -> None:
    """Blank, or (a stick) loaded for this loan; anything else stays at the desk. A stick
    whose load has not finished (`unfinished_load`, running or killed) never goes out:
    it may carry an archive whose password was never stored. Each refusal names what
    resolves it."""
    if unfinished_load is not None:
        raise IllegalTransition(
            "error.lending.load_unfinished", control_number=control_number, load=unfinished_load
        )
    if medium_state is MediumState.WIPE_PENDING:
        raise IllegalTransition("error.lending.needs_wipe", control_number=control_number)
    allowed = OUT_FROM[kind]
    loaded_here = medium_state is MediumState.LOADED and loan_state is L.LOADED
    blank_here = medium_state is MediumState.BLANK and loan_state is L.DRAFT
    if medium_state not in allowed or not (loaded_here or blank_here):
        raise IllegalTransition(
            "error.lending.medium_not_ready",
            control_number=control_number,
            state=medium_state,
        )


#: Undoing the medium moves a cancelled slip made, and nothing else. These moves are
#: deliberately NOT in the medium table: an operator must never be able to turn a lent
#: stick blank from the register; only a cancelled slip whose effect is still the
#: medium's latest change may. Out-slip: blank/loaded -> lent. Back-slip: lent ->
#: returned -> wipe_pending.
MEDIUM_UNDO: dict[MediumState, frozenset[MediumState]] = {
    MediumState.LENT: frozenset({MediumState.BLANK, MediumState.LOADED}),
    MediumState.WIPE_PENDING: frozenset({MediumState.LENT}),
}


def check_medium_undo(current: MediumState, target: MediumState, control_number: str) -> None:
    if target not in MEDIUM_UNDO.get(current, frozenset()):
        raise IllegalTransition(
            "error.medium.illegal_transition",
            control_number=control_number,
            current=current,
            target=target,
        )


def default_expected_return(period_end: date) -> date:
    """The special terms require everything back by the end of the contract."""
    return period_end


def check_expected_return(
    expected: date, today: date, period_start: date, period_end: date
) -> None:
    if expected < max(today, period_start) or expected > period_end:
        raise InvalidInput(
            "error.loan.expected_return_range",
            field="expected_return",
            start=max(today, period_start).isoformat(),
            end=period_end.isoformat(),
        )


#: How a transfer without a medium travels. Hand-over and a locked case carry a medium
#: (a stick, a CD-R, the case itself); an e-mail carries a password-protected file and
#: registered mail an envelope of papers, neither of which comes back.
CHANNELS: frozenset[TransferMethod] = frozenset(
    {TransferMethod.EMAIL, TransferMethod.REGISTERED_MAIL}
)


def check_channel(channel: str, allowed: list[str]) -> TransferMethod:
    """A transfer without a medium goes by e-mail or registered mail, as the contract allows."""
    try:
        method = TransferMethod(channel)
    except ValueError:
        raise InvalidInput(
            "error.contract.transfer_method", field="channel", value=channel
        ) from None
    if method not in CHANNELS:
        raise InvalidInput("error.loan.channel_needs_medium", field="channel", method=method.value)
    if method.value not in allowed:
        raise InvalidInput("error.slip.method_not_allowed", field="channel", method=method.value)
    return method


def overdue_days(state: LoanState, expected_return: date | None, today: date) -> int:
    """Days past the expected return of a medium still with the contractor (a transfer
    without a medium is never overdue: nothing is due back)."""
    if state is not L.OUT or expected_return is None or expected_return >= today:
        return 0
    return (today - expected_return).days
