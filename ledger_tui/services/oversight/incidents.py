"""Incidents (事故報告, special-terms clause 19): a loss, theft, leak or breach, or a
suspected one, reported at once and in writing.

`report_incident` numbers it per fiscal year of its discovery (INC-R7-0001) and ties it to
the contract and, when a medium is named, to the medium's loan; a loss or theft moves
the medium to lost in the same unit of work (the loan keeps its state: close-out treats
an open loan whose medium is lost as covered by its incident). `update_incident`
records the first notification, the written report, the instructions, measures and the
count of records possibly affected. `medium_found` takes a lost medium back in (lost ->
returned, its out loan -> back) so it goes to the wipe. `close_incident` needs the
written report and the instructions first. Views and lists are in
`services.incident_views`; every action is one unit of work with its trail entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from ledger_tui.db.models import HandlerDesignation, Loan, Medium
from ledger_tui.db.models.compliance import Incident
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date, local_zone
from ledger_tui.domain.compliance import (
    MEDIUM_GONE,
    IncidentKind,
    IncidentState,
    check_not_future,
)
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.form_series import INCIDENT
from ledger_tui.domain.loans import OPEN_STATES, LoanState, check_loan_transition
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.numbers import check_whole
from ledger_tui.domain.text import clean_text
from ledger_tui.services.form_numbers import next_form_number
from ledger_tui.services.lending.loans import loan_label
from ledger_tui.services.organisation import get_contract
from ledger_tui.services.oversight.facts import notification_late
from ledger_tui.services.oversight.incident_views import (
    NOTIFICATION_LIMIT,
    IncidentView,
    list_incidents,
    open_incidents,
    show_incident,
)
from ledger_tui.services.register.media import get_medium, move_medium

__all__ = [
    "NOTIFICATION_LIMIT",
    "IncidentForm",
    "IncidentView",
    "close_incident",
    "list_incidents",
    "medium_found",
    "open_incidents",
    "report_incident",
    "show_incident",
    "update_incident",
]

NAME_LIMIT = 200
TEXT_LIMIT = 4000


@dataclass(frozen=True, slots=True)
class IncidentForm:
    contract_id: int
    kind: IncidentKind | str
    discovered_at: datetime
    description: str
    suspected: bool = False
    control_number: str = ""
    loan_id: int | None = None
    handler_ids: tuple[int, ...] = field(default_factory=tuple)
    occurred_at: datetime | None = None
    notified_at: datetime | None = None
    notified_by: str = ""
    records_affected: int | None = None
    measures_taken: str = ""


def aware(moment: datetime) -> datetime:
    """Moments typed at the desk are local time (Tokyo) unless they say otherwise."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=local_zone())


def _count(value: int | None) -> int | None:
    return None if value is None else check_whole(value, "records_affected")


def _not_future(moment: datetime, now: datetime, name: str) -> datetime:
    moment = aware(moment)
    if moment > now:
        raise InvalidInput("incident.error.future", field=name)
    return moment


def _kind(kind: IncidentKind | str) -> IncidentKind:
    try:
        return IncidentKind(kind)
    except ValueError:
        raise InvalidInput("incident.error.kind", field="kind") from None


def _subject(incident: Incident) -> str:
    return f"incident:{incident.number}"


def _check_notification(discovered: datetime, notified: datetime | None, by: str) -> None:
    if notified is None:
        if by:
            raise InvalidInput("incident.error.notified_at_required", field="notified_at")
        return
    if not by:
        raise InvalidInput("incident.error.notified_by_required", field="notified_by")
    if notified < discovered:
        raise InvalidInput("incident.error.notified_before_discovery", field="notified_at")


def _loan_and_medium(uow: UnitOfWork, form: IncidentForm) -> tuple[Loan | None, Medium | None]:
    """The loan and medium involved: a loan named must be the contract's; a medium named
    brings its open loan, which must be under the same contract."""
    loan: Loan | None = None
    medium: Medium | None = None
    if form.control_number.strip():
        medium = get_medium(uow, form.control_number)
    if form.loan_id is not None:
        loan = uow.session.get(Loan, form.loan_id)
        if loan is None:
            raise NotFound("error.loan.not_found", ref=form.loan_id)
        if medium is not None and loan.medium_id != medium.id:
            raise InvalidInput(
                "incident.error.loan_medium",
                field="medium",
                control_number=medium.control_number,
                medium=loan_label(loan),
            )
        medium = medium or loan.medium
    elif medium is not None:
        loan = uow.session.scalars(
            select(Loan).where(Loan.medium_id == medium.id, Loan.state.in_(OPEN_STATES))
        ).one_or_none()
    if loan is not None and loan.contract_id != form.contract_id:
        raise InvalidInput(
            "incident.error.loan_contract",
            field="medium",
            control_number=loan_label(loan),
            contract=loan.contract.title,
        )
    return loan, medium


def _handlers(uow: UnitOfWork, contract_id: int, ids: tuple[int, ...]) -> list[int]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = set(
        uow.session.scalars(
            select(HandlerDesignation.id).where(
                HandlerDesignation.id.in_(wanted), HandlerDesignation.contract_id == contract_id
            )
        )
    )
    for handler_id in wanted:
        if handler_id not in found:
            raise InvalidInput(
                "incident.error.handler", field="handlers", ref=handler_id, contract=contract_id
            )
    return wanted


# --- report -----------------------------------------------------------------------------


def report_incident(ledger: Ledger, actor: Actor, form: IncidentForm) -> IncidentView:
    """Record an incident (or a suspected one); a loss or theft of a medium moves the
    medium to lost in the same transaction."""
    kind = _kind(form.kind)
    description = clean_text(form.description, "description", TEXT_LIMIT, required=True)
    notified_by = clean_text(form.notified_by, "notified_by", NAME_LIMIT)
    measures = clean_text(form.measures_taken, "measures_taken", TEXT_LIMIT)
    records = _count(form.records_affected)
    with ledger.unit_of_work() as uow:
        now = uow.now()
        discovered = _not_future(form.discovered_at, now, "discovered_at")
        occurred = None
        if form.occurred_at is not None:
            occurred = _not_future(form.occurred_at, now, "occurred_at")
            if occurred > discovered:
                raise InvalidInput("incident.error.occurred_after_discovery", field="occurred_at")
        notified = (
            None if form.notified_at is None else _not_future(form.notified_at, now, "notified_at")
        )
        _check_notification(discovered, notified, notified_by)
        contract = get_contract(uow, form.contract_id)
        loan, medium = _loan_and_medium(uow, form)
        handlers = _handlers(uow, contract.id, form.handler_ids)
        number, year, sequence = next_form_number(uow, INCIDENT, local_date(discovered))
        incident = Incident(
            number=number,
            fiscal_year=year,
            sequence=sequence,
            kind=kind,
            suspected=form.suspected,
            state=IncidentState.OPEN,
            contract_id=contract.id,
            loan_id=loan.id if loan else None,
            medium_id=medium.id if medium else None,
            handler_ids=handlers,
            occurred_at=occurred,
            discovered_at=discovered,
            notified_at=notified,
            notified_by=notified_by,
            description=description,
            records_affected=records,
            measures_taken=measures,
            recorded_by=actor.operator_id,
            recorded_at=now,
            updated_at=now,
        )
        uow.session.add(incident)
        uow.session.flush()
        if medium is not None and kind in MEDIUM_GONE:
            move_medium(uow, actor, medium, MediumState.LOST, "incident.reported", incident=number)
        entry = uow.record(
            actor,
            "incident.reported",
            _subject(incident),
            number=number,
            kind=kind.value,
            suspected=form.suspected,
            contract=contract.id,
            loan=incident.loan_id,
            medium=medium.control_number if medium else "",
            handlers=len(handlers),
            notified=notified is not None,
        )
        incident.report_seq = entry.seq
        uow.commit()
        incident_id = incident.id
    return show_incident(ledger, incident_id)


# --- later steps ------------------------------------------------------------------------


def _locked(uow: UnitOfWork, incident_id: int) -> Incident:
    incident = uow.session.scalars(
        select(Incident)
        .where(Incident.id == incident_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if incident is None:
        raise NotFound("incident.error.not_found", ref=incident_id)
    return incident


def _open(uow: UnitOfWork, incident_id: int) -> Incident:
    incident = _locked(uow, incident_id)
    if incident.state is IncidentState.CLOSED:
        raise IllegalTransition("incident.error.closed", number=incident.number)
    return incident


def update_incident(
    ledger: Ledger,
    actor: Actor,
    incident_id: int,
    *,
    notified_at: datetime | None = None,
    notified_by: str | None = None,
    written_report_on: date | None = None,
    instructions: str | None = None,
    measures_taken: str | None = None,
    records_affected: int | None = None,
) -> IncidentView:
    """Record what came later; None leaves a field as it is. Each change is its own
    trail entry. The first notification and the written report are recorded once."""
    changes = (
        notified_at,
        notified_by,
        written_report_on,
        instructions,
        measures_taken,
        records_affected,
    )
    if all(value is None for value in changes):
        raise InvalidInput("incident.error.nothing_to_update", field="")
    with ledger.unit_of_work() as uow:
        incident = _open(uow, incident_id)
        now = uow.now()
        subject = _subject(incident)
        if notified_at is not None or notified_by is not None:
            if incident.notified_at is not None:
                raise Conflict("incident.error.already_notified", number=incident.number)
            moment = None if notified_at is None else _not_future(notified_at, now, "notified_at")
            by = clean_text(notified_by or "", "notified_by", NAME_LIMIT)
            if moment is None:
                raise InvalidInput("incident.error.notified_at_required", field="notified_at")
            _check_notification(incident.discovered_at, moment, by)
            incident.notified_at, incident.notified_by = moment, by
            hours = (moment - incident.discovered_at).total_seconds() / 3600
            uow.record(
                actor,
                "incident.notified",
                subject,
                hours=round(hours, 2),
                late=notification_late(incident.discovered_at, moment, moment),
            )
        if written_report_on is not None:
            if incident.written_report_on is not None:
                raise Conflict(
                    "incident.error.report_recorded",
                    number=incident.number,
                    day=incident.written_report_on.isoformat(),
                )
            check_not_future(written_report_on, local_date(now), "written_report_on")
            if written_report_on < local_date(incident.discovered_at):
                raise InvalidInput(
                    "incident.error.report_before_discovery", field="written_report_on"
                )
            incident.written_report_on = written_report_on
            uow.record(
                actor, "incident.written_report", subject, received_on=written_report_on.isoformat()
            )
        if instructions is not None:
            incident.instructions = clean_text(
                instructions, "instructions", TEXT_LIMIT, required=True
            )
            uow.record(actor, "incident.instructions", subject, length=len(incident.instructions))
        if measures_taken is not None:
            incident.measures_taken = clean_text(
                measures_taken, "measures_taken", TEXT_LIMIT, required=True
            )
            uow.record(actor, "incident.measures", subject, length=len(incident.measures_taken))
        if records_affected is not None:
            previous = incident.records_affected
            incident.records_affected = _count(records_affected)
            uow.record(
                actor,
                "incident.records_affected",
                subject,
                previous=previous,
                records=records_affected,
            )
        incident.updated_at = now
        uow.commit()
    return show_incident(ledger, incident_id)


def medium_found(ledger: Ledger, actor: Actor, incident_id: int, note: str = "") -> IncidentView:
    """The lost medium turned up: lost -> returned (its out loan -> back), so that it is
    wiped before any further use. The note is added to the measures taken."""
    note = clean_text(note, "note", TEXT_LIMIT)
    with ledger.unit_of_work() as uow:
        incident = _locked(uow, incident_id)
        medium = incident.medium
        if medium is None:
            raise IllegalTransition("incident.error.no_medium", number=incident.number)
        if medium.state is not MediumState.LOST:
            raise IllegalTransition(
                "incident.error.medium_not_lost", control_number=medium.control_number
            )
        move_medium(
            uow,
            actor,
            medium,
            MediumState.RETURNED,
            "incident.medium_found",
            incident=incident.number,
        )
        loan = (
            incident.loan
            or uow.session.scalars(
                select(Loan).where(Loan.medium_id == medium.id, Loan.state.in_(OPEN_STATES))
            ).one_or_none()
        )
        loan_moved = False
        if loan is not None and loan.state is LoanState.OUT:
            check_loan_transition(loan.state, LoanState.BACK, loan_label(loan))
            loan.state, loan.updated_at = LoanState.BACK, uow.now()
            loan_moved = True
        if note:
            line = f"[{local_date(uow.now()).isoformat()}] {note}"
            incident.measures_taken = "\n".join(filter(None, [incident.measures_taken, line]))
        incident.updated_at = uow.now()
        uow.record(
            actor,
            "incident.medium_found",
            _subject(incident),
            medium=medium.control_number,
            loan=loan.id if loan else None,
            loan_back=loan_moved,
        )
        uow.commit()
    return show_incident(ledger, incident_id)


def close_incident(ledger: Ledger, actor: Actor, incident_id: int, note: str) -> IncidentView:
    """Close an incident once the written report was received and the instructions
    recorded (clause 19: reported in writing)."""
    note = clean_text(note, "note", TEXT_LIMIT, required=True)
    with ledger.unit_of_work() as uow:
        incident = _open(uow, incident_id)
        if incident.written_report_on is None:
            raise IllegalTransition("incident.error.close_no_report", number=incident.number)
        if not incident.instructions:
            raise IllegalTransition("incident.error.close_no_instructions", number=incident.number)
        now = uow.now()
        incident.state, incident.closed_at = IncidentState.CLOSED, now
        incident.closed_by, incident.closure_note = actor.operator_id, note
        incident.updated_at = now
        uow.record(actor, "incident.closed", _subject(incident), number=incident.number)
        uow.commit()
    return show_incident(ledger, incident_id)


def find_incident_id(ledger: Ledger, number: str) -> int:
    """The id of the incident numbered `number` (INC-R7-0001) or with that id."""
    return show_incident(ledger, number).id
