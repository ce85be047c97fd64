"""The custody cycle of one medium, and the next step the desk takes with it.

register → first wipe → encrypted load → lend → counter confirmation → print → stamp
→ return (counter, print, stamp) → intake → wipe (certificate) → load again ...

`next_step` reads where a medium is in that cycle (its state, its open loan, the slip
waiting for the next hand, whether its data were loaded and read back) and names the one
action that moves it on. The register, the device strip and the command palette all
offer that action from here, so the order of the cycle lives in one table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from ledger_tui.domain.errors import IllegalTransition
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import SlipState


class Step(enum.StrEnum):
    FIRST_WIPE = "first_wipe"  # a new stick: verify it empty
    LOAD = "load"  # a blank stick: the contract's data, encrypted
    LEND = "lend"  # loaded (or a blank CD-R / paper case): the out-slip
    CONFIRM = "confirm"  # a draft slip waits for the contractor at the counter
    PRINT = "print"  # confirmed: the two copies
    STAMP = "stamp"  # printed: both sides stamp, the desk records it
    RETURN = "take_return"  # out with the contractor: the back-slip
    INTAKE = "intake"  # back: open, verify and count the returned archives
    WIPE = "wipe"  # back and read: wipe, with its erasure certificate
    DESTROY = "destroy"  # a returned CD-R or paper case: shred or return to file
    NONE = "none"  # lost, destroyed or retired: nothing more


@dataclass(frozen=True, slots=True)
class Situation:
    """Where one medium stands, as the services read it in one session."""

    kind: MediumKind
    state: MediumState
    loan_state: LoanState | None = None
    #: The open loan's newest live slip, unless it is stamped (then nothing waits).
    slip_state: SlipState | None = None
    #: The open loan's data were written and read back (a verified load).
    loaded: bool = False
    #: The returned stick's archives were read back (a verified intake after the return).
    intake_done: bool = False
    #: The open loan's contract hands data out (its provided items); None without a loan
    #: (the contract is not chosen yet). A stick for a contract that only collects goes
    #: out empty: its next step is the lend, not a load.
    provides_data: bool | None = None


#: The slip steps: a slip waiting for the next hand comes first, whatever else is due.
_SLIP_STEP: dict[SlipState, Step] = {
    SlipState.DRAFT: Step.CONFIRM,
    SlipState.CONFIRMED: Step.PRINT,
    SlipState.PRINTED: Step.STAMP,
}


def next_step(s: Situation) -> Step:
    """The one action that moves the medium on in its custody cycle."""
    if s.slip_state in _SLIP_STEP:
        return _SLIP_STEP[s.slip_state]
    usb = s.kind is MediumKind.USB
    match s.state:
        case MediumState.REGISTERED:
            return Step.FIRST_WIPE
        case MediumState.BLANK:
            # CD-Rs and paper cases are filled at lending (`check_loaded_before_lending`)
            return Step.LOAD if usb and s.provides_data is not False else Step.LEND
        case MediumState.LOADED:
            return Step.LEND
        case MediumState.LENT:
            return Step.RETURN
        case MediumState.WIPE_PENDING | MediumState.RETURNED:
            if not usb:
                return Step.DESTROY
            came_back = s.loan_state is LoanState.BACK
            if came_back and s.loaded and not s.intake_done:
                return Step.INTAKE
            return Step.WIPE
    return Step.NONE


def check_loaded_before_lending(
    kind: MediumKind,
    medium_state: MediumState,
    contract_provides_data: bool,
    without_load: bool,
    control_number: str,
) -> None:
    """A stick whose contract hands data out goes out loaded with them. Blank, it goes
    out only when the operator says so (an empty stick for collection, the data on
    paper); CD-Rs and paper cases are filled at lending."""
    if (
        kind is MediumKind.USB
        and medium_state is MediumState.BLANK
        and contract_provides_data
        and not without_load
    ):
        raise IllegalTransition("error.lending.not_loaded", control_number=control_number)
