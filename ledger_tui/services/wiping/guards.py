"""The checks before a wipe, all of them, so the wipe screen can show every one.

The register's: the medium is in the register, is a USB stick, is in a state a wipe may
start from (returned, wipe pending, or a new stick not yet verified empty), no loan of
it is still out, and no other wipe of it is running. The device's (`system.blockdev`):
a USB mass-storage disk (a loop device only with LEDGER_TUI_ALLOW_LOOP_DEVICES=1, its
backing file standing in as the serial), the whole disk, not holding the running system,
nothing mounted or stacked on it, and the serial the register has for the medium.

Each refusal is a `DomainError` with a desk-ready message; the key names the guard. When
the operator actually attempts the wipe, refusals go on the trail as `wipe.refused`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ledger_tui.db.models import Loan, Medium
from ledger_tui.db.models.wipes import WipeRun
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import Conflict, DomainError, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState, normalise_control_number
from ledger_tui.domain.wipes import WipeState
from ledger_tui.system.stick.blockdev import (
    DeviceFacts,
    DeviceMissing,
    NotABlockDevice,
    SerialMismatch,
    WipeRefused,
    describe_device,
    wipe_target_refusals,
)

#: States a wipe may start from. A returned stick passes through "returned" to "wipe
#: pending" when its back-slip is confirmed; a new stick starts "registered".
WIPE_FROM = frozenset({MediumState.RETURNED, MediumState.WIPE_PENDING, MediumState.REGISTERED})


class RegisterRefusal(WipeRefused):
    """A register check refused the wipe (not a stick, wrong state, loan still out)."""


@dataclass(frozen=True, slots=True)
class WipeTarget:
    """What the wipe screen shows before the confirmation: the medium as registered,
    the device as found, and every refusal (empty: the wipe may start)."""

    control_number: str
    medium_id: int | None
    medium_state: MediumState | None
    registered_serial: str
    loan_id: int | None  # the returned loan the wipe will close
    facts: DeviceFacts | None
    refusals: tuple[DomainError, ...]
    #: a hardware-lock stick: the screen asks whether the vendor's key reset was done
    hardware_lock: bool = False

    @property
    def allowed(self) -> bool:
        return not self.refusals


def register_refusals(
    number: str, medium: Medium | None, loan: Loan | None, running: WipeRun | None
) -> list[DomainError]:
    """The register's reasons not to wipe `medium` (None: not in the register)."""
    if medium is None:
        return [NotFound("error.wiping.not_in_register", control_number=number)]
    if medium.kind is not MediumKind.USB:  # its state and loans are beside the point
        return [
            RegisterRefusal("error.wiping.not_a_stick", control_number=number, kind=medium.kind)
        ]
    found: list[DomainError] = []
    if loan is not None and loan.state is LoanState.OUT:
        found.append(RegisterRefusal("error.wiping.loan_out", control_number=number))
    elif medium.state not in WIPE_FROM:
        found.append(
            RegisterRefusal("error.wiping.state", control_number=number, state=medium.state)
        )
    if running is not None:
        found.append(Conflict("error.wiping.already_running", control_number=number))
    return found


def device_refusals(
    device_path: str, registered_serial: str | None, *, allow_loop: bool
) -> tuple[DeviceFacts | None, list[DomainError]]:
    """The device's facts and its reasons not to be wiped. Without a register entry
    (`registered_serial` None) the serial is not compared: there is nothing to match.
    A loop device is refused unless `allow_loop` (the settings' switch)."""
    try:
        facts = describe_device(device_path)
    except (DeviceMissing, NotABlockDevice) as missing:
        return None, [missing]
    found: list[DomainError] = list(
        wipe_target_refusals(facts, registered_serial, allow_loop=allow_loop)
    )
    if registered_serial is None:
        found = [refusal for refusal in found if not isinstance(refusal, SerialMismatch)]
    return facts, found


def running_wipe(session: Session, medium_id: int) -> WipeRun | None:
    return session.scalars(
        select(WipeRun).where(
            WipeRun.medium_id == medium_id, WipeRun.state == WipeState.IN_PROGRESS
        )
    ).first()


def find_medium(session: Session, number: str, lock: bool = False) -> Medium | None:
    stmt = select(Medium).where(Medium.control_number == number)
    if lock:  # the lending services' lock order: medium first
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return session.scalars(stmt).one_or_none()


def open_loan(session: Session, medium_id: int) -> Loan | None:
    return session.scalars(
        select(Loan).where(Loan.medium_id == medium_id, Loan.state != LoanState.CLOSED)
    ).one_or_none()


def check_target(
    session: Session, number: str, device_path: str, allow_loop: bool, lock: bool = False
) -> tuple[WipeTarget, Medium | None, Loan | None]:
    """Every guard, in the caller's session (a unit of work holding the medium's lock
    when the wipe is about to start); `allow_loop` is the settings' loop-device switch."""
    medium = find_medium(session, number, lock)
    loan = open_loan(session, medium.id) if medium is not None else None
    running = running_wipe(session, medium.id) if medium is not None else None
    refusals = register_refusals(number, medium, loan, running)
    facts, on_device = device_refusals(
        device_path,
        medium.serial if medium is not None else None,
        allow_loop=allow_loop,
    )
    back = loan if loan is not None and loan.state is LoanState.BACK else None
    target = WipeTarget(
        control_number=number,
        medium_id=medium.id if medium is not None else None,
        medium_state=medium.state if medium is not None else None,
        registered_serial=medium.serial if medium is not None else "",
        loan_id=back.id if back is not None else None,
        facts=facts,
        refusals=tuple(refusals + on_device),
        hardware_lock=medium is not None and medium.hardware_lock,
    )
    return target, medium, loan


def wipe_target(ledger: Ledger, control_number: str, device_path: str) -> WipeTarget:
    """Every check for wiping `control_number` on `device_path`, for the screen."""
    number = normalise_control_number(control_number)
    with ledger.read_session() as session:
        allow_loop = ledger.settings.allow_loop_devices
        return check_target(session, number, device_path, allow_loop)[0]


def wipe_guards(ledger: Ledger, control_number: str, device_path: str) -> list[DomainError]:
    """Every refusal (empty: the wipe may start), worst register check first."""
    return list(wipe_target(ledger, control_number, device_path).refusals)


def record_refusal(
    ledger: Ledger, actor: Actor, number: str, device_path: str, refusals: tuple[DomainError, ...]
) -> None:
    """Keep the refused attempt on the trail (its own unit of work: nothing else
    changes). Reason keys only: a device path and text keys are no personal data."""
    with ledger.unit_of_work() as uow:
        uow.record(
            actor,
            "wipe.refused",
            f"medium:{number}",
            device=device_path,
            reason=refusals[0].key,
            reasons=[refusal.key for refusal in refusals],
        )
        uow.commit()
