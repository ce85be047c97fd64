"""Audits of the contractor (監査・立入り調査, special terms 15-17): at least one per fiscal
year (April-March) per contract while it runs.

An audit is planned on a date, then recorded done with its auditor, findings and
follow-ups; or recorded done straight away when it was not planned. It counts for the
fiscal year of its done date (of its planned date while only planned). Follow-ups are
confirmed closed on a date. `audit_status` lists the contracts that still owe this
fiscal year's audit, with the days left; the dashboard and the close-out call it.
Each action is one unit of work with its trail entry (dates and ids, never names).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ledger_tui.db.models import Contract
from ledger_tui.db.models.compliance import ContractAudit
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import AuditKind, Duty, check_not_future, duties_of
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.text import clean_text
from ledger_tui.domain.wareki import fiscal_year, fiscal_year_bounds
from ledger_tui.services.organisation import open_contract
from ledger_tui.services.oversight.facts import audit_due_on

NAME_LIMIT = 200
TEXT_LIMIT = 4000


class AuditStatus(enum.StrEnum):
    PLANNED = "planned"
    FOLLOW_UPS_OPEN = "follow_ups_open"  # done, but its follow-ups are not closed yet
    DONE = "done"


@dataclass(frozen=True, slots=True)
class AuditView:
    id: int
    contract_id: int
    contract_title: str
    contractor_name: str
    fiscal_year: int
    kind: AuditKind
    status: AuditStatus
    planned_on: date | None
    done_on: date | None
    auditor: str
    findings: str
    follow_ups: str
    follow_ups_closed_on: date | None


@dataclass(frozen=True, slots=True)
class AuditDue:
    """A running contract that owes this fiscal year's audit."""

    contract_id: int
    contract_title: str
    contractor_name: str
    fiscal_year: int
    planned_on: date | None
    due_on: date
    days_left: int  # negative: overdue


def _status(audit: ContractAudit) -> AuditStatus:
    if audit.done_on is None:
        return AuditStatus.PLANNED
    if audit.follow_ups and audit.follow_ups_closed_on is None:
        return AuditStatus.FOLLOW_UPS_OPEN
    return AuditStatus.DONE


def audit_view(audit: ContractAudit) -> AuditView:
    contract = audit.contract
    return AuditView(
        id=audit.id,
        contract_id=audit.contract_id,
        contract_title=contract.title,
        contractor_name=contract.contractor.name,
        fiscal_year=audit.fiscal_year,
        kind=audit.kind,
        status=_status(audit),
        planned_on=audit.planned_on,
        done_on=audit.done_on,
        auditor=audit.auditor,
        findings=audit.findings,
        follow_ups=audit.follow_ups,
        follow_ups_closed_on=audit.follow_ups_closed_on,
    )


def _kind(kind: AuditKind | str) -> AuditKind:
    try:
        return AuditKind(kind)
    except ValueError:
        raise InvalidInput("audit.error.kind", field="kind") from None


def _locked_audit(uow: UnitOfWork, audit_id: int) -> ContractAudit:
    audit = uow.session.scalars(
        select(ContractAudit)
        .where(ContractAudit.id == audit_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if audit is None:
        raise NotFound("audit.error.not_found", ref=audit_id)
    return audit


def _today(uow: UnitOfWork) -> date:
    return local_date(uow.now())


def _subject(contract_id: int) -> str:
    return f"contract:{contract_id}"


def _show(ledger: Ledger, audit_id: int) -> AuditView:
    with ledger.read_session() as session:
        audit = session.get(ContractAudit, audit_id)
        assert audit is not None
        return audit_view(audit)


# --- actions ------------------------------------------------------------------------


def plan_audit(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    planned_on: date,
    kind: AuditKind | str = AuditKind.ON_SITE,
    auditor: str = "",
) -> AuditView:
    """Plan an audit of a running contract on a date from today on."""
    audit_kind = _kind(kind)
    auditor = clean_text(auditor, "auditor", NAME_LIMIT)
    with ledger.unit_of_work() as uow:
        open_contract(uow, contract_id)
        today = _today(uow)
        if planned_on < today:
            raise InvalidInput(
                "audit.error.planned_past", field="planned_on", day=planned_on.isoformat()
            )
        now = uow.now()
        audit = ContractAudit(
            contract_id=contract_id,
            fiscal_year=fiscal_year(planned_on),
            kind=audit_kind,
            planned_on=planned_on,
            auditor=auditor,
            recorded_by=actor.operator_id,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(audit)
        uow.session.flush()
        uow.record(
            actor,
            "audit.planned",
            _subject(contract_id),
            audit_id=audit.id,
            kind=audit_kind.value,
            planned_on=planned_on.isoformat(),
            fiscal_year=audit.fiscal_year,
        )
        uow.commit()
        audit_id = audit.id
    return _show(ledger, audit_id)


def record_audit(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    done_on: date,
    auditor: str,
    findings: str,
    follow_ups: str = "",
    kind: AuditKind | str | None = None,
    audit_id: int | None = None,
) -> AuditView:
    """Record an audit done: completes the planned audit `audit_id`, or records one that
    was not planned. It counts for the fiscal year of `done_on`."""
    auditor = clean_text(auditor, "auditor", NAME_LIMIT, required=True)
    findings = clean_text(findings, "findings", TEXT_LIMIT, required=True)
    follow_ups = clean_text(follow_ups, "follow_ups", TEXT_LIMIT)
    audit_kind = None if kind is None else _kind(kind)
    with ledger.unit_of_work() as uow:
        open_contract(uow, contract_id)
        check_not_future(done_on, _today(uow), "done_on")
        now = uow.now()
        if audit_id is None:
            audit = ContractAudit(
                contract_id=contract_id,
                kind=audit_kind or AuditKind.ON_SITE,
                recorded_by=actor.operator_id,
                created_at=now,
            )
            uow.session.add(audit)
            planned = False
        else:
            audit = _locked_audit(uow, audit_id)
            if audit.contract_id != contract_id:
                raise InvalidInput(
                    "audit.error.other_contract", field="audit", ref=audit_id, contract=contract_id
                )
            if audit.done_on is not None:
                raise Conflict(
                    "audit.error.already_done", ref=audit_id, day=audit.done_on.isoformat()
                )
            if audit_kind is not None:
                audit.kind = audit_kind
            planned = True
        audit.done_on, audit.fiscal_year = done_on, fiscal_year(done_on)
        audit.auditor, audit.findings, audit.follow_ups = auditor, findings, follow_ups
        audit.updated_at = now
        uow.session.flush()
        uow.record(
            actor,
            "audit.done",
            _subject(contract_id),
            audit_id=audit.id,
            kind=audit.kind.value,
            done_on=done_on.isoformat(),
            fiscal_year=audit.fiscal_year,
            planned=planned,
            follow_ups=bool(follow_ups),
        )
        uow.commit()
        done_id = audit.id
    return _show(ledger, done_id)


def complete_audit(
    ledger: Ledger,
    actor: Actor,
    audit_id: int,
    done_on: date,
    auditor: str,
    findings: str,
    follow_ups: str = "",
) -> AuditView:
    """Record a planned audit done (its contract looked up from the audit)."""
    with ledger.read_session() as session:
        audit = session.get(ContractAudit, audit_id)
        if audit is None:
            raise NotFound("audit.error.not_found", ref=audit_id)
        contract_id = audit.contract_id
    return record_audit(
        ledger, actor, contract_id, done_on, auditor, findings, follow_ups, audit_id=audit_id
    )


def close_follow_ups(
    ledger: Ledger, actor: Actor, audit_id: int, on: date, note: str = ""
) -> AuditView:
    """Confirm the audit's follow-ups done on `on` (a note is appended to them)."""
    note = clean_text(note, "note", TEXT_LIMIT)
    with ledger.unit_of_work() as uow:
        audit = _locked_audit(uow, audit_id)
        if audit.done_on is None:
            raise IllegalTransition("audit.error.not_done", ref=audit_id)
        if not audit.follow_ups:
            raise IllegalTransition("audit.error.no_follow_ups", ref=audit_id)
        if audit.follow_ups_closed_on is not None:
            raise Conflict(
                "audit.error.follow_ups_closed",
                ref=audit_id,
                day=audit.follow_ups_closed_on.isoformat(),
            )
        check_not_future(on, _today(uow), "on")
        if on < audit.done_on:
            raise InvalidInput(
                "audit.error.closed_before_done", field="on", day=audit.done_on.isoformat()
            )
        audit.follow_ups_closed_on = on
        if note:
            audit.follow_ups = f"{audit.follow_ups}\n{note}"
        audit.updated_at = uow.now()
        uow.record(
            actor,
            "audit.follow_ups_closed",
            _subject(audit.contract_id),
            audit_id=audit.id,
            closed_on=on.isoformat(),
        )
        uow.commit()
    return _show(ledger, audit_id)


# --- queries -------------------------------------------------------------------------


def _sort_key(view: AuditView) -> tuple[int, date, int]:
    day = view.done_on or view.planned_on
    assert day is not None  # the table's check: planned or done
    return view.fiscal_year, day, view.id


def list_audits(ledger: Ledger, contract_id: int | None = None) -> list[AuditView]:
    """Audits by fiscal year, then date (of a contract, or all)."""
    stmt = select(ContractAudit).options(
        selectinload(ContractAudit.contract).selectinload(Contract.contractor)
    )
    if contract_id is not None:
        stmt = stmt.where(ContractAudit.contract_id == contract_id)
    with ledger.read_session() as session:
        return sorted((audit_view(a) for a in session.scalars(stmt).all()), key=_sort_key)


def audit_status(ledger: Ledger, today: date) -> list[AuditDue]:
    """Contracts that run in the current fiscal year, carry the annual-audit duty and
    have no audit done this fiscal year, soonest due first. Due by 31 March, or by the
    contract's end when it ends earlier."""
    year = fiscal_year(today)
    start, end = fiscal_year_bounds(today)
    with ledger.read_session() as session:
        contracts = session.scalars(
            select(Contract)
            .options(selectinload(Contract.contractor))
            .where(
                Contract.period_start <= end,
                Contract.period_end >= start,
                Contract.closed_at.is_(None),
            )
        ).all()
        audits = session.scalars(
            select(ContractAudit).where(ContractAudit.fiscal_year == year)
        ).all()
    done = {a.contract_id for a in audits if a.done_on is not None}
    planned: dict[int, date] = {}
    for a in audits:
        if a.done_on is None and a.planned_on is not None:
            planned[a.contract_id] = min(a.planned_on, planned.get(a.contract_id, a.planned_on))
    rows = []
    for c in contracts:
        if c.id in done or Duty.ANNUAL_AUDIT not in duties_of(list(c.special_terms)):
            continue
        due_on = audit_due_on(c, year)
        rows.append(
            AuditDue(
                c.id,
                c.title,
                c.contractor.name,
                year,
                planned.get(c.id),
                due_on,
                (due_on - today).days,
            )
        )
    return sorted(rows, key=lambda row: (row.days_left, row.contract_id))


def open_follow_ups(ledger: Ledger) -> list[AuditView]:
    """Audits done whose follow-ups are not confirmed closed yet."""
    return [v for v in list_audits(ledger) if v.status is AuditStatus.FOLLOW_UPS_OPEN]


def show_audit(ledger: Ledger, audit_id: int) -> AuditView:
    with ledger.read_session() as session:
        audit = session.get(ContractAudit, audit_id)
        if audit is None:
            raise NotFound("audit.error.not_found", ref=audit_id)
        return audit_view(audit)
