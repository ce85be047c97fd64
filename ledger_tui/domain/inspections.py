"""Inspections (点検): the walk's states and its one table of moves, and what a line
of the walk expects and finds.

An inspection is open until it is finished; a finished inspection never changes.
"""

from __future__ import annotations

import enum

from ledger_tui.domain.errors import IllegalTransition


class InspectionState(enum.StrEnum):
    OPEN = "open"
    FINISHED = "finished"


class Expectation(enum.StrEnum):
    """Where the register said the medium was when the inspection started."""

    PRESENT = "present"  # in the ward: must be seen
    ON_LOAN = "on_loan"  # lent to a contractor: expected absent


class LineResult(enum.StrEnum):
    """The same values as the printed form's findings (system.pdf.inspection_record)."""

    FOUND = "found"
    MISSING = "missing"
    UNEXPECTED = "unexpected"
    ON_LOAN = "on_loan"


class SeenHow(enum.StrEnum):
    INSERTED = "inserted"  # a stick recognised by its serial when inserted
    TYPED = "typed"  # control number typed
    SCANNED = "scanned"  # control number read by a barcode scanner
    SEAL = "seal"  # a CD-R or paper case checked by its seal number


#: The one table of allowed inspection moves. Anything not listed is refused.
TRANSITIONS: dict[InspectionState, frozenset[InspectionState]] = {
    InspectionState.OPEN: frozenset({InspectionState.FINISHED}),
    InspectionState.FINISHED: frozenset(),
}


def check_inspection_transition(
    current: InspectionState, target: InspectionState, number: str
) -> None:
    """Raise `IllegalTransition` unless `current -> target` is in the table."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition("insp.error.finished", number=number)
