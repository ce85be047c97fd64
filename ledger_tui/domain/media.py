"""Media kinds and the medium lifecycle: one table of allowed moves.

registered (new stick, not yet verified empty) -> wipe_pending -> blank (verified empty)
-> loaded -> lent -> returned -> wipe_pending -> blank ...; destroyed for CD-R, paper
and failed sticks; lost and retired as ends of life.
"""

from __future__ import annotations

import enum
import re

from ledger_tui.domain.errors import IllegalTransition, InvalidInput


class MediumKind(enum.StrEnum):
    USB = "usb"
    CDR = "cdr"
    PAPER_CASE = "paper_case"


class LockKind(enum.StrEnum):
    """How a stick is unlocked before the workstation sees its data."""

    NONE = "none"
    KEYPAD = "keypad"  # PIN typed on the stick itself (works on any OS)
    SOFTWARE = "software"  # the vendor's unlock tool on the stick's CD-ROM unit


class MediumState(enum.StrEnum):
    REGISTERED = "registered"
    WIPE_PENDING = "wipe_pending"
    BLANK = "blank"
    LOADED = "loaded"
    LENT = "lent"
    RETURNED = "returned"
    DESTROYED = "destroyed"
    LOST = "lost"
    RETIRED = "retired"


S = MediumState

#: The one table of allowed moves. Anything not listed is refused.
TRANSITIONS: dict[MediumState, frozenset[MediumState]] = {
    S.REGISTERED: frozenset({S.WIPE_PENDING, S.DESTROYED, S.LOST, S.RETIRED}),
    S.WIPE_PENDING: frozenset({S.BLANK, S.DESTROYED, S.LOST, S.RETIRED}),
    # A blank medium may be loaded; a blank CD-R or paper case may be lent directly
    # (it is filled at lending); a stick found dirty at an inspection goes back to wipe.
    S.BLANK: frozenset({S.LOADED, S.LENT, S.WIPE_PENDING, S.DESTROYED, S.LOST, S.RETIRED}),
    # A failed or cancelled load leaves the stick needing a wipe.
    S.LOADED: frozenset({S.LENT, S.WIPE_PENDING, S.DESTROYED, S.LOST}),
    S.LENT: frozenset({S.RETURNED, S.LOST}),
    S.RETURNED: frozenset({S.WIPE_PENDING, S.DESTROYED, S.LOST}),
    S.LOST: frozenset({S.RETURNED}),  # a lost medium that turns up is taken back in
    S.DESTROYED: frozenset(),
    S.RETIRED: frozenset(),
}

#: Terminal states: the medium has left the ward's custody for good.
TERMINAL: frozenset[MediumState] = frozenset(
    state for state, moves in TRANSITIONS.items() if not moves
)


def initial_state(kind: MediumKind) -> MediumState:
    """New sticks must be verified empty before use; new CD-Rs and empty cases are blank."""
    return S.REGISTERED if kind is MediumKind.USB else S.BLANK


def check_transition(current: MediumState, target: MediumState, control_number: str) -> None:
    """Raise `IllegalTransition` unless `current -> target` is in the table."""
    if target not in TRANSITIONS[current]:
        raise IllegalTransition(
            "error.medium.illegal_transition",
            control_number=control_number,
            current=current,
            target=target,
        )


#: Moves an operator may make by hand from the register; the others belong to
#: workflows (lending, loading, wiping) that record their own evidence.
MANUAL_TARGETS: frozenset[MediumState] = frozenset(
    {S.WIPE_PENDING, S.BLANK, S.DESTROYED, S.LOST, S.RETIRED}
)


def _manual_move_refusal(kind: MediumKind, target: MediumState) -> str | None:
    if target not in MANUAL_TARGETS:
        return "error.medium.not_manual"
    if kind is MediumKind.USB and target is S.BLANK:
        # Only a complete, verified wipe may say a stick is empty.
        return "error.wiping.blank_needs_verified_wipe"
    return None


def manual_targets(kind: MediumKind, current: MediumState) -> list[MediumState]:
    """The states an operator may move a medium to by hand from the register: what the
    table allows from `current` and `check_manual_move` accepts."""
    return [
        s
        for s in MediumState
        if s in TRANSITIONS[current] and _manual_move_refusal(kind, s) is None
    ]


def check_manual_move(kind: MediumKind, target: MediumState, control_number: str) -> None:
    """A move an operator makes by hand from the register: only to a manual target (the
    other moves belong to workflows that record their evidence), and a USB stick never
    becomes blank that way. The table itself is checked by the move."""
    refusal = _manual_move_refusal(kind, target)
    if refusal is not None:
        raise IllegalTransition(refusal, control_number=control_number, target=target.value)


#: A medium's out-of-service mark (`Medium.out_of_service`): a wipe found the stick keeps
#: less than it reports (its writes wrap round or are dropped past its real size).
COUNTERFEIT_CAPACITY = "counterfeit_capacity"


def check_in_service(out_of_service: str, control_number: str) -> None:
    """A medium marked out of service is never lent or loaded again (only destroyed)."""
    if out_of_service:
        raise IllegalTransition(
            f"error.medium.out_of_service.{out_of_service}", control_number=control_number
        )


def allowed_targets(current: MediumState) -> frozenset[MediumState]:
    return TRANSITIONS[current]


_USB_ID = re.compile(r"^[0-9a-f]{4}:[0-9a-f]{4}$")
_CONTROL_NUMBER_MAX = 40


def normalise_control_number(raw: str) -> str:
    """Control numbers are labels such as 税-USB-003: trimmed, full-width ASCII folded."""
    value = raw.strip().translate(_FULLWIDTH_TO_ASCII)
    if not value:
        raise InvalidInput("error.field.required", field="control_number")
    if len(value) > _CONTROL_NUMBER_MAX or any(
        ch.isspace() or not ch.isprintable() for ch in value
    ):
        raise InvalidInput("error.medium.control_number_format", field="control_number")
    return value


def normalise_usb_id(raw: str) -> str:
    """USB vendor:product id as four hex digits each, e.g. ``0781:5583``."""
    value = raw.strip().lower()
    if value and not _USB_ID.match(value):
        raise InvalidInput("error.medium.usb_id_format", field="usb_id")
    return value


_FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
