"""Reading handover slips: the `SlipView` the counter view, the slip ledger and the slip
PDF show, and the lookups by id, number and loan, and the dashboard's count mismatches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ledger_tui.db.models import AuditEntry, HandoverSlip
from ledger_tui.db.uow import Ledger, UnitOfWork
from ledger_tui.domain.clock import local
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.form_series import HANDOVER_SLIP
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.services.lending.loans import loan_label


@dataclass(frozen=True, slots=True)
class SlipFile:
    """A password-protected file an e-mail carries: name, size and SHA-256."""

    name: str
    size: int
    sha256: str
    records: int


@dataclass(frozen=True, slots=True)
class SlipView:
    """Everything one slip shows, on the counter view and on paper. Times are UTC;
    `handed_at_local` is the same moment in the desk's zone (Tokyo)."""

    id: int
    number: str
    direction: SlipDirection
    state: SlipState
    fiscal_year: int
    loan_id: int
    loan_state: LoanState
    contract_id: int
    contract_title: str
    section_name: str
    contractor_name: str
    ward_handler_name: str
    ward_handler_login: str
    contractor_handler_id: int
    contractor_handler_name: str
    contractor_handler_role: HandlerRole
    #: The medium's control number, or (no medium) what names the transfer.
    control_number: str
    medium_kind: MediumKind | None
    medium_serial: str
    items: tuple[str, ...]
    free_text: str
    record_count: int
    transfer_method: TransferMethod
    transfer_detail: str
    expected_return: date | None
    out_slip_number: str | None
    out_record_count: int | None
    count_mismatch: bool
    seal_mismatch: bool
    mismatch_explanation: str
    notes: str
    handed_at: datetime
    handed_at_local: datetime
    confirmed_at: datetime | None
    printed_at: datetime | None
    printer: str
    print_job: str
    print_count: int
    stamped_at: datetime | None
    cancelled_at: datetime | None
    confirm_attempts: int
    cancels_number: str | None
    cancelled_by_number: str | None
    cancel_reason: str
    #: Hash of the trail entry that confirmed the slip (or made the cancelling slip):
    #: printed in the QR code with the number. None while the slip is a draft.
    entry_hash: str | None
    #: The files an e-mail carried (out-slip of an e-mail transfer); the password went
    #: separately by another channel.
    files: tuple[SlipFile, ...] = ()

    @property
    def has_medium(self) -> bool:
        return self.medium_kind is not None

    @property
    def is_cancelling(self) -> bool:
        return self.cancels_number is not None


def get_slip(uow: UnitOfWork, slip_id: int, lock: bool = False) -> HandoverSlip:
    stmt = select(HandoverSlip).where(HandoverSlip.id == slip_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    slip = uow.session.scalars(stmt).one_or_none()
    if slip is None:
        raise NotFound("error.slip.not_found", ref=slip_id)
    return slip


def _email_files(session: Session, slip: HandoverSlip) -> tuple[SlipFile, ...]:
    """The archives of the transfer's verified load: what the e-mail carried."""
    if slip.transfer_method is not TransferMethod.EMAIL or slip.direction is SlipDirection.BACK:
        return ()
    from ledger_tui.db.models.loads import Load, LoadArchive, LoadState

    load_id = session.scalar(
        select(Load.id)
        .where(Load.loan_id == slip.loan_id, Load.state == LoadState.VERIFIED)
        .order_by(Load.id.desc())
        .limit(1)
    )
    if load_id is None:
        return ()
    rows = session.scalars(
        select(LoadArchive).where(LoadArchive.load_id == load_id).order_by(LoadArchive.id)
    ).all()
    return tuple(SlipFile(r.name, r.size, r.sha256, r.record_count) for r in rows)


def build_view(session: Session, slip: HandoverSlip) -> SlipView:
    contract, handler, medium = slip.contract, slip.handler, slip.medium
    out_slip, cancels = slip.out_slip, slip.cancels
    cancelled_by = session.scalar(
        select(HandoverSlip.number).where(HandoverSlip.cancels_slip_id == slip.id)
    )
    entry_hash = None
    if slip.confirm_seq is not None:
        entry_hash = session.scalar(
            select(AuditEntry.entry_hash).where(AuditEntry.seq == slip.confirm_seq)
        )
    return SlipView(
        id=slip.id,
        number=slip.number,
        direction=slip.direction,
        state=slip.state,
        fiscal_year=slip.fiscal_year,
        loan_id=slip.loan_id,
        loan_state=slip.loan.state,
        contract_id=contract.id,
        contract_title=contract.title,
        section_name=contract.section.name,
        contractor_name=contract.contractor.name,
        ward_handler_name=slip.ward_operator.name,
        ward_handler_login=slip.ward_operator.login,
        contractor_handler_id=handler.id,
        contractor_handler_name=handler.person_name,
        contractor_handler_role=handler.role,
        control_number=medium.control_number if medium else loan_label(slip.loan),
        medium_kind=medium.kind if medium else None,
        medium_serial=medium.serial if medium else "",
        items=tuple(slip.items),
        free_text=slip.free_text,
        record_count=slip.record_count,
        transfer_method=slip.transfer_method,
        transfer_detail=slip.transfer_detail,
        expected_return=slip.expected_return,
        out_slip_number=out_slip.number if out_slip else None,
        out_record_count=out_slip.record_count if out_slip else None,
        count_mismatch=slip.count_mismatch,
        seal_mismatch=slip.seal_mismatch,
        mismatch_explanation=slip.mismatch_explanation,
        notes=slip.notes,
        handed_at=slip.handed_at,
        handed_at_local=local(slip.handed_at),
        confirmed_at=slip.confirmed_at,
        printed_at=slip.printed_at,
        printer=slip.printer,
        print_job=slip.print_job,
        print_count=slip.print_count,
        stamped_at=slip.stamped_at,
        cancelled_at=slip.cancelled_at,
        confirm_attempts=slip.confirm_attempts,
        cancels_number=cancels.number if cancels else None,
        cancelled_by_number=cancelled_by,
        cancel_reason=slip.cancel_reason,
        entry_hash=entry_hash,
        files=_email_files(session, slip),
    )


def show_slip(ledger: Ledger, slip_id: int) -> SlipView:
    with ledger.read_session() as session:
        slip = session.get(HandoverSlip, slip_id)
        if slip is None:
            raise NotFound("error.slip.not_found", ref=slip_id)
        return build_view(session, slip)


def find_slip(ledger: Ledger, number: str) -> SlipView:
    """By number as typed or scanned (`slip-r7-42`, `r7-42` from older paper and
    `SLIP-R7-0042` agree)."""
    wanted = HANDOVER_SLIP.normalise(number)
    with ledger.read_session() as session:
        slip = session.scalars(
            select(HandoverSlip).where(HandoverSlip.number == wanted)
        ).one_or_none()
        if slip is None:
            raise NotFound("error.slip.not_found", ref=wanted)
        return build_view(session, slip)


def slips_of_loan(ledger: Ledger, loan_id: int) -> list[SlipView]:
    """All slips of a loan in the order they were made, cancelled ones included."""
    with ledger.read_session() as session:
        slips = session.scalars(
            select(HandoverSlip).where(HandoverSlip.loan_id == loan_id).order_by(HandoverSlip.id)
        ).all()
        return [build_view(session, slip) for slip in slips]


def count_mismatches(ledger: Ledger) -> list[SlipView]:
    """Live back-slips whose count differs from their out-slip's, newest first (the
    dashboard flags them)."""
    with ledger.read_session() as session:
        slips = session.scalars(
            select(HandoverSlip)
            .where(
                HandoverSlip.count_mismatch.is_(True),
                HandoverSlip.state != SlipState.CANCELLED,
                HandoverSlip.cancels_slip_id.is_(None),
            )
            .order_by(HandoverSlip.handed_at.desc(), HandoverSlip.id.desc())
        ).all()
        return [build_view(session, slip) for slip in slips]


def count_slips_in(ledger: Ledger, states: tuple[SlipState, ...]) -> int:
    """How many slips are in one of `states` (e.g. confirmed or printed: to print or stamp)."""
    with ledger.read_session() as session:
        stmt = select(func.count()).select_from(HandoverSlip).where(HandoverSlip.state.in_(states))
        return int(session.scalar(stmt) or 0)
