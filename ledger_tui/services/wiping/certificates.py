"""Erasure certificates (データ消去証明書) in the ledger: issuing one inside the unit of
work that ends a medium's cycle, and reading them back (`CertificateView`).

Numbers restart every fiscal year (CERT-R7-0001, ...) under their own counter, so they never
take a handover slip's number; the QR code on the paper says which kind of form it is.
The trail entry `certificate.issued` is the one whose hash the paper carries.

Lock order when issuing, as in the lending services: medium, loan, form counter, trail
head. `draw_number` therefore comes before the first `uow.record` of the unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import AuditEntry, Contract, HandoverSlip, Loan, Medium, Operator
from ledger_tui.db.models.wipes import ErasureCertificate, MediumDisposal, WipeRun
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.form_series import CERTIFICATE
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, normalise_control_number
from ledger_tui.domain.slips import SlipState
from ledger_tui.domain.wipes import CertificateKind, DisposalMethod, ErasureCategory
from ledger_tui.services.form_numbers import next_form_number
from ledger_tui.services.wiping.records import WipeRunView, run_view


@dataclass(frozen=True, slots=True)
class DisposalView:
    id: int
    method: DisposalMethod
    witness: str
    performed_on: date
    notes: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class CertificateView:
    """One certificate with everything its paper prints. `category` is None for a
    return to file (nothing was sanitised); `wipe` or `disposal` says what it certifies."""

    id: int
    number: str
    kind: CertificateKind
    category: ErasureCategory | None
    fiscal_year: int
    issued_at: datetime
    control_number: str
    medium_kind: MediumKind
    medium_vendor: str
    medium_model: str
    medium_serial: str
    capacity_bytes: int | None
    loan_id: int | None
    contract_id: int | None
    contract_title: str
    section_name: str
    contractor_name: str
    loan_slips: tuple[str, ...]
    operator_login: str
    operator_name: str
    operator_section: str
    wipe: WipeRunView | None
    disposal: DisposalView | None
    printed_at: datetime | None
    printer: str
    print_job: str
    print_count: int
    #: Hash of the `certificate.issued` trail entry: printed in the QR code.
    entry_hash: str
    #: The medium's own section (保有課): the 発行課 when no loan names a contract's.
    medium_section: str = ""

    @property
    def witness(self) -> str:
        if self.wipe is not None:
            return self.wipe.witness
        return self.disposal.witness if self.disposal is not None else ""


@dataclass(frozen=True, slots=True)
class DrawnNumber:
    number: str
    fiscal_year: int
    sequence: int


def draw_number(uow: UnitOfWork) -> DrawnNumber:
    """The next certificate number of the fiscal year of today (the desk's day)."""
    number, year, sequence = next_form_number(uow, CERTIFICATE, local_date(uow.now()))
    return DrawnNumber(number, year, sequence)


def lock_returned_loan(uow: UnitOfWork, medium_id: int) -> Loan | None:
    """The medium's returned loan, locked (the loan the certificate ends), if any."""
    return uow.session.scalars(
        select(Loan)
        .where(Loan.medium_id == medium_id, Loan.state == LoanState.BACK)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def issue_certificate(
    uow: UnitOfWork,
    actor: Actor,
    drawn: DrawnNumber,
    *,
    kind: CertificateKind,
    category: ErasureCategory | None,
    medium: Medium,
    loan_id: int | None,
    wipe_run: WipeRun | None = None,
    disposal: MediumDisposal | None = None,
) -> ErasureCertificate:
    """Add the certificate and its `certificate.issued` trail entry; the caller commits."""
    entry = uow.record(
        actor,
        "certificate.issued",
        f"certificate:{drawn.number}",
        kind=kind.value,
        category=category.value if category else None,
        medium=medium.control_number,
        loan=loan_id,
        wipe_run=wipe_run.id if wipe_run else None,
        disposal=disposal.id if disposal else None,
    )
    certificate = ErasureCertificate(
        number=drawn.number,
        fiscal_year=drawn.fiscal_year,
        sequence=drawn.sequence,
        kind=kind,
        category=category,
        medium=medium,
        wipe_run=wipe_run,
        disposal=disposal,
        loan_id=loan_id,
        operator_id=actor.operator_id,
        issued_at=uow.now(),
        issue_seq=entry.seq,
        printer="",
        print_job="",
        print_count=0,
    )
    uow.session.add(certificate)
    uow.session.flush()
    return certificate


# --- reading ----------------------------------------------------------------------------

_PARTS = (
    joinedload(ErasureCertificate.medium),
    joinedload(ErasureCertificate.operator).joinedload(Operator.section),
    joinedload(ErasureCertificate.wipe_run).joinedload(WipeRun.medium),
    joinedload(ErasureCertificate.wipe_run).joinedload(WipeRun.operator),
    joinedload(ErasureCertificate.disposal),
    joinedload(ErasureCertificate.loan).joinedload(Loan.contract).joinedload(Contract.section),
    joinedload(ErasureCertificate.loan).joinedload(Loan.contract).joinedload(Contract.contractor),
)


def _live_slip_numbers(session: Session, loan_id: int) -> tuple[str, ...]:
    """The loan's out- and back-slips (not cancelled ones, not cancelling ones)."""
    return tuple(
        session.scalars(
            select(HandoverSlip.number)
            .where(
                HandoverSlip.loan_id == loan_id,
                HandoverSlip.state != SlipState.CANCELLED,
                HandoverSlip.cancels_slip_id.is_(None),
            )
            .order_by(HandoverSlip.id)
        ).all()
    )


def _disposal_view(disposal: MediumDisposal) -> DisposalView:
    return DisposalView(
        disposal.id,
        disposal.method,
        disposal.witness,
        disposal.performed_on,
        disposal.notes,
        disposal.recorded_at,
    )


def certificate_view(session: Session, cert: ErasureCertificate) -> CertificateView:
    medium, loan, operator = cert.medium, cert.loan, cert.operator
    contract = loan.contract if loan is not None else None
    entry_hash = (
        session.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == cert.issue_seq)) or ""
    )
    return CertificateView(
        id=cert.id,
        number=cert.number,
        kind=cert.kind,
        category=cert.category,
        fiscal_year=cert.fiscal_year,
        issued_at=cert.issued_at,
        control_number=medium.control_number,
        medium_kind=medium.kind,
        medium_vendor=medium.vendor,
        medium_model=medium.model,
        medium_serial=medium.serial,
        capacity_bytes=medium.capacity_bytes,
        loan_id=cert.loan_id,
        contract_id=contract.id if contract else None,
        contract_title=contract.title if contract else "",
        section_name=contract.section.name if contract else "",
        contractor_name=contract.contractor.name if contract else "",
        loan_slips=_live_slip_numbers(session, loan.id) if loan is not None else (),
        operator_login=operator.login if operator else "",
        operator_name=operator.name if operator else "",
        operator_section=operator.section.name if operator and operator.section else "",
        medium_section=medium.section.name if medium.section else "",
        wipe=run_view(cert.wipe_run) if cert.wipe_run is not None else None,
        disposal=_disposal_view(cert.disposal) if cert.disposal is not None else None,
        printed_at=cert.printed_at,
        printer=cert.printer,
        print_job=cert.print_job,
        print_count=cert.print_count,
        entry_hash=entry_hash,
    )


def _one(session: Session, stmt: Select[ErasureCertificate], ref: object) -> CertificateView:
    cert = session.scalars(stmt.options(*_PARTS)).first()
    if cert is None:
        raise NotFound("error.certificate.not_found", ref=ref)
    return certificate_view(session, cert)


def show_certificate(ledger: Ledger, certificate_id: int) -> CertificateView:
    with ledger.read_session() as session:
        return _one(
            session,
            select(ErasureCertificate).where(ErasureCertificate.id == certificate_id),
            certificate_id,
        )


def find_certificate(ledger: Ledger, number: str) -> CertificateView:
    """By number as typed or scanned (`cert-r7-1`, `r7-1` from older paper and
    `CERT-R7-0001` agree)."""
    wanted = CERTIFICATE.normalise(number)
    with ledger.read_session() as session:
        return _one(
            session, select(ErasureCertificate).where(ErasureCertificate.number == wanted), wanted
        )


def certificate_of_run(ledger: Ledger, run_id: int) -> CertificateView:
    with ledger.read_session() as session:
        return _one(
            session,
            select(ErasureCertificate).where(ErasureCertificate.wipe_run_id == run_id),
            run_id,
        )


def list_certificates(
    ledger: Ledger, control_number: str = "", limit: int | None = None
) -> list[CertificateView]:
    """Certificates newest first, optionally of one medium."""
    stmt = select(ErasureCertificate).order_by(ErasureCertificate.id.desc())
    if control_number.strip():
        number = normalise_control_number(control_number)
        stmt = stmt.join(ErasureCertificate.medium).where(Medium.control_number == number)
    if limit is not None:
        stmt = stmt.limit(limit)
    with ledger.read_session() as session:
        certs = session.scalars(stmt.options(*_PARTS)).unique().all()
        return [certificate_view(session, cert) for cert in certs]
