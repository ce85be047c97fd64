"""Encrypted loads onto sticks and intakes of what comes back: the load's states and
its one table of moves.

A load is recorded in_progress before the stick is touched and ends once: verified,
failed (with the reason) or cancelled. An ended load never moves again; a new attempt
is a new load.
"""

from __future__ import annotations

import enum

from ledger_tui.domain.errors import IllegalTransition


class LoadState(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    VERIFIED = "verified"
    FAILED = "failed"
    CANCELLED = "cancelled"


class LoadTarget(enum.StrEnum):
    """Where a load writes its archives."""

    STICK = "stick"
    DISC = "disc"  # a CD-R on the burner, or its image file
    FOLDER = "folder"  # the outbox of an e-mail transfer


class IntakeOutcome(enum.StrEnum):
    VERIFIED = "verified"
    FAILED = "failed"


#: The one table of allowed load moves. Anything not listed is refused.
TRANSITIONS: dict[LoadState, frozenset[LoadState]] = {
    LoadState.IN_PROGRESS: frozenset({LoadState.VERIFIED, LoadState.FAILED, LoadState.CANCELLED}),
    LoadState.VERIFIED: frozenset(),
    LoadState.FAILED: frozenset(),
    LoadState.CANCELLED: frozenset(),
}


def check_load_transition(current: LoadState, target: LoadState, medium: str) -> None:
    """Raise `IllegalTransition` unless `current -> target` is in the table. `medium`
    names what was loaded (the stick's control number, or the transfer)."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition("load.error.no_longer_running", medium=medium, state=current)
