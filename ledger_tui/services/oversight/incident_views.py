"""What the desk sees of incidents (事故報告): the view of one incident with the flags of
clause 19 (notified at once, reported in writing), and the queries that list them.

`open_incidents` feeds the dashboard (open incidents in red) and the close-out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from ledger_tui.db.models import AuditEntry, Contract, HandlerDesignation
from ledger_tui.db.models.compliance import Incident
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import IncidentKind, IncidentState
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.form_series import INCIDENT
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending.loans import loan_label
from ledger_tui.services.oversight.facts import NOTIFICATION_LIMIT, notification_late

__all__ = [
    "NOTIFICATION_LIMIT",
    "IncidentView",
    "incident_view",
    "list_incidents",
    "open_incidents",
    "show_incident",
]


@dataclass(frozen=True, slots=True)
class IncidentView:
    id: int
    number: str
    kind: IncidentKind
    suspected: bool
    state: IncidentState
    contract_id: int
    contract_title: str
    section_name: str
    contractor_name: str
    loan_id: int | None
    loan_state: LoanState | None
    #: What names the loan at the desk (its medium, or the transfer); "" without one.
    loan_name: str
    control_number: str
    medium_state: MediumState | None
    handler_ids: tuple[int, ...]
    handler_names: tuple[str, ...]
    occurred_at: datetime | None
    discovered_at: datetime
    notified_at: datetime | None
    notified_by: str
    description: str
    records_affected: int | None
    measures_taken: str
    instructions: str
    written_report_on: date | None
    closed_at: datetime | None
    closure_note: str
    recorded_at: datetime
    updated_at: datetime
    #: Hours from discovery to the first notification; None while not notified.
    notification_hours: float | None
    late_notification: bool
    report_missing: bool
    #: The hash of the trail entry that recorded it (printed on the report's QR code).
    entry_hash: str

    @property
    def is_open(self) -> bool:
        return self.state is IncidentState.OPEN


def incident_view(session: Session, incident: Incident, now: datetime) -> IncidentView:
    contract = incident.contract
    handlers = {
        h.id: h.person_name
        for h in session.scalars(
            select(HandlerDesignation).where(HandlerDesignation.id.in_(incident.handler_ids or []))
        )
    }
    hours = None
    if incident.notified_at is not None:
        hours = (incident.notified_at - incident.discovered_at).total_seconds() / 3600
    entry_hash = ""
    if incident.report_seq is not None:
        entry_hash = (
            session.scalar(
                select(AuditEntry.entry_hash).where(AuditEntry.seq == incident.report_seq)
            )
            or ""
        )
    return IncidentView(
        id=incident.id,
        number=incident.number,
        kind=incident.kind,
        suspected=incident.suspected,
        state=incident.state,
        contract_id=contract.id,
        contract_title=contract.title,
        section_name=contract.section.name,
        contractor_name=contract.contractor.name,
        loan_id=incident.loan_id,
        loan_state=incident.loan.state if incident.loan else None,
        loan_name=loan_label(incident.loan) if incident.loan else "",
        control_number=incident.medium.control_number if incident.medium else "",
        medium_state=incident.medium.state if incident.medium else None,
        handler_ids=tuple(incident.handler_ids or ()),
        handler_names=tuple(handlers[i] for i in incident.handler_ids or () if i in handlers),
        occurred_at=incident.occurred_at,
        discovered_at=incident.discovered_at,
        notified_at=incident.notified_at,
        notified_by=incident.notified_by,
        description=incident.description,
        records_affected=incident.records_affected,
        measures_taken=incident.measures_taken,
        instructions=incident.instructions,
        written_report_on=incident.written_report_on,
        closed_at=incident.closed_at,
        closure_note=incident.closure_note,
        recorded_at=incident.recorded_at,
        updated_at=incident.updated_at,
        notification_hours=hours,
        late_notification=notification_late(incident.discovered_at, incident.notified_at, now),
        report_missing=incident.written_report_on is None,
        entry_hash=entry_hash,
    )


def _loaded() -> list[LoaderOption]:
    return [
        selectinload(Incident.contract).selectinload(Contract.contractor),
        selectinload(Incident.contract).selectinload(Contract.section),
        selectinload(Incident.loan),
        selectinload(Incident.medium),
    ]


def show_incident(ledger: Ledger, number_or_id: str | int) -> IncidentView:
    """One incident by its number (INC-R7-0001, or R7-0001 from older paper) or its id."""
    stmt = select(Incident).options(*_loaded())
    if isinstance(number_or_id, int) or str(number_or_id).isdigit():
        stmt = stmt.where(Incident.id == int(number_or_id))
    else:
        stmt = stmt.where(Incident.number == INCIDENT.normalise(str(number_or_id)))
    with ledger.read_session() as session:
        incident = session.scalars(stmt).one_or_none()
        if incident is None:
            raise NotFound("incident.error.not_found", ref=number_or_id)
        return incident_view(session, incident, ledger.clock())


def list_incidents(
    ledger: Ledger, open_only: bool = False, contract_id: int | None = None
) -> list[IncidentView]:
    """Open incidents first, each group newest discovery first."""
    stmt = select(Incident).options(*_loaded())
    if open_only:
        stmt = stmt.where(Incident.state == IncidentState.OPEN)
    if contract_id is not None:
        stmt = stmt.where(Incident.contract_id == contract_id)
    now = ledger.clock()
    with ledger.read_session() as session:
        rows = [incident_view(session, i, now) for i in session.scalars(stmt).all()]
    rows.sort(key=lambda v: (v.discovered_at, v.id), reverse=True)
    rows.sort(key=lambda v: not v.is_open)
    return rows


def open_incidents(ledger: Ledger) -> list[IncidentView]:
    """Incidents not closed yet (the dashboard shows them in red)."""
    return list_incidents(ledger, open_only=True)
