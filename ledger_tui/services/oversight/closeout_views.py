"""The close-out summary (契約完了報告): one contract's whole story in one read.

Contract, contractor, period and special terms; each loan with its medium, live out-
and back-slips (numbers, counts, mismatch) and the certificate that ended it; the
contractor's own erasures; audits; incidents; and who closed it when, with the hash of
the `contract.closed` trail entry the paper's QR code carries. Also the per-fiscal-year
roll-up of every contract that the compliance report and export print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import AuditEntry, Contract, HandoverSlip, Loan, Operator
from ledger_tui.db.models.compliance import ContractAudit, Incident
from ledger_tui.db.models.wipes import ContractorErasure, ErasureCertificate
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import AuditKind, IncidentState
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import TOOK_EFFECT, SlipDirection, SlipState
from ledger_tui.services.lending.loans import loan_label
from ledger_tui.services.oversight.facts import unmet_items


@dataclass(frozen=True, slots=True)
class LoanLine:
    loan_id: int
    control_number: str
    medium_kind: MediumKind | None
    medium_state: MediumState | None
    state: LoanState
    out_slip: str
    back_slip: str
    out_count: int | None
    back_count: int | None
    mismatch: bool
    out_at: datetime | None
    back_at: datetime | None
    certificates: tuple[str, ...]
    slips_unstamped: int
    #: A transfer without a medium: its channel (email, registered_mail), for paper to
    #: name it in its own language.
    channel: str = ""


@dataclass(frozen=True, slots=True)
class CertificateLine:
    number: str
    kind: str
    control_number: str
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class ErasureLine:
    certificate_number: str
    erased_on: date
    devices: str
    witness_name: str


@dataclass(frozen=True, slots=True)
class AuditLine:
    fiscal_year: int
    kind: AuditKind
    planned_on: date | None
    done_on: date | None
    auditor: str
    follow_ups_closed_on: date | None


@dataclass(frozen=True, slots=True)
class IncidentLine:
    number: str
    kind: str
    state: IncidentState
    discovered_at: datetime
    closed_at: datetime | None


@dataclass(frozen=True, slots=True)
class CloseOutSummary:
    contract_id: int
    title: str
    section_name: str
    contractor_name: str
    purpose: str
    period_start: date
    period_end: date
    special_terms: tuple[int, ...]
    loans: tuple[LoanLine, ...]
    certificates: tuple[CertificateLine, ...]
    contractor_erasures: tuple[ErasureLine, ...]
    audits: tuple[AuditLine, ...]
    incidents: tuple[IncidentLine, ...]
    #: Labels of the sheet items currently not met.
    sheet_unmet: tuple[str, ...]
    closed_at: datetime | None
    closed_by: str
    close_seq: int | None
    close_hash: str

    @property
    def records_out(self) -> int:
        return sum(line.out_count or 0 for line in self.loans)

    @property
    def records_back(self) -> int:
        return sum(line.back_count or 0 for line in self.loans)

    @property
    def slip_count(self) -> int:
        return sum(bool(line.out_slip) + bool(line.back_slip) for line in self.loans)

    @property
    def mismatches(self) -> int:
        return sum(line.mismatch for line in self.loans)


def _loan_line(loan: Loan, slips: Sequence[HandoverSlip], certs: tuple[str, ...]) -> LoanLine:
    # Only slips that took effect count: confirmed at the counter (or printed, stamped);
    # a draft never handed over and a cancelled slip or its cancelling slip do not.
    live = {s.direction: s for s in slips if s.state in TOOK_EFFECT and s.cancels_slip_id is None}
    out, back = live.get(SlipDirection.OUT), live.get(SlipDirection.BACK)
    unstamped = sum(
        s.state in (SlipState.DRAFT, SlipState.CONFIRMED, SlipState.PRINTED) for s in slips
    )
    return LoanLine(
        loan_id=loan.id,
        control_number=loan_label(loan),
        medium_kind=loan.medium.kind if loan.medium else None,
        medium_state=loan.medium.state if loan.medium else None,
        state=loan.state,
        out_slip=out.number if out else "",
        back_slip=back.number if back else "",
        out_count=out.record_count if out else None,
        back_count=back.record_count if back else None,
        mismatch=bool(back and back.count_mismatch),
        out_at=out.handed_at if out else None,
        back_at=back.handed_at if back else None,
        certificates=certs,
        slips_unstamped=unstamped,
        channel=loan.channel.value if loan.medium is None and loan.channel else "",
    )


def _loans(
    session: Session, contract_id: int
) -> tuple[tuple[LoanLine, ...], tuple[CertificateLine, ...]]:
    loans = session.scalars(
        select(Loan)
        .where(Loan.contract_id == contract_id)
        .options(joinedload(Loan.medium))
        .order_by(Loan.id)
    ).all()
    ids = [loan.id for loan in loans]
    slips: dict[int, list[HandoverSlip]] = {}
    for slip in session.scalars(
        select(HandoverSlip).where(HandoverSlip.loan_id.in_(ids)).order_by(HandoverSlip.id)
    ):
        slips.setdefault(slip.loan_id, []).append(slip)
    certs = session.scalars(
        select(ErasureCertificate)
        .where(ErasureCertificate.loan_id.in_(ids))
        .options(joinedload(ErasureCertificate.medium))
        .order_by(ErasureCertificate.id)
    ).all()
    by_loan: dict[int, list[str]] = {}
    for cert in certs:
        by_loan.setdefault(cert.loan_id or 0, []).append(cert.number)
    lines = tuple(
        _loan_line(loan, slips.get(loan.id, []), tuple(by_loan.get(loan.id, []))) for loan in loans
    )
    cert_lines = tuple(
        CertificateLine(c.number, c.kind.value, c.medium.control_number, c.issued_at) for c in certs
    )
    return lines, cert_lines


def summary_of(session: Session, contract: Contract) -> CloseOutSummary:
    loans, certs = _loans(session, contract.id)
    erasures = session.scalars(
        select(ContractorErasure)
        .where(ContractorErasure.contract_id == contract.id)
        .options(joinedload(ContractorErasure.witness_operator))
        .order_by(ContractorErasure.erased_on, ContractorErasure.id)
    ).all()
    audits = session.scalars(
        select(ContractAudit)
        .where(ContractAudit.contract_id == contract.id)
        .order_by(ContractAudit.fiscal_year, ContractAudit.id)
    ).all()
    incidents = session.scalars(
        select(Incident)
        .where(Incident.contract_id == contract.id)
        .order_by(Incident.discovered_at, Incident.id)
    ).all()
    closer = session.get(Operator, contract.closed_by) if contract.closed_by else None
    close_hash = ""
    if contract.close_seq is not None:
        close_hash = (
            session.scalar(
                select(AuditEntry.entry_hash).where(AuditEntry.seq == contract.close_seq)
            )
            or ""
        )
    return CloseOutSummary(
        contract_id=contract.id,
        title=contract.title,
        section_name=contract.section.name,
        contractor_name=contract.contractor.name,
        purpose=contract.purpose,
        period_start=contract.period_start,
        period_end=contract.period_end,
        special_terms=tuple(contract.special_terms),
        loans=loans,
        certificates=certs,
        contractor_erasures=tuple(
            ErasureLine(e.certificate_number, e.erased_on, e.devices, e.witness_operator.name)
            for e in erasures
        ),
        audits=tuple(
            AuditLine(
                a.fiscal_year, a.kind, a.planned_on, a.done_on, a.auditor, a.follow_ups_closed_on
            )
            for a in audits
        ),
        incidents=tuple(
            IncidentLine(i.number, i.kind.value, i.state, i.discovered_at, i.closed_at)
            for i in incidents
        ),
        sheet_unmet=tuple(f.label for f in unmet_items(session, [contract.id])),
        closed_at=contract.closed_at,
        closed_by=closer.name if closer else "",
        close_seq=contract.close_seq,
        close_hash=close_hash,
    )


_CONTRACT_PARTS = (joinedload(Contract.section), joinedload(Contract.contractor))


def closeout_summary(ledger: Ledger, contract_id: int) -> CloseOutSummary:
    with ledger.read_session() as session:
        contract = session.scalars(
            select(Contract).where(Contract.id == contract_id).options(*_CONTRACT_PARTS)
        ).one_or_none()
        if contract is None:
            raise NotFound("error.contract.not_found", ref=contract_id)
        return summary_of(session, contract)


def contracts_of_year(ledger: Ledger, year: int) -> list[CloseOutSummary]:
    """Every contract whose period overlaps fiscal year `year` (April-March), by id."""
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    with ledger.read_session() as session:
        contracts = session.scalars(
            select(Contract)
            .where(Contract.period_start <= end, Contract.period_end >= start)
            .options(*_CONTRACT_PARTS)
            .order_by(Contract.id)
        ).all()
        return [summary_of(session, contract) for contract in contracts]
