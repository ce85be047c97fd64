"""Read-only facts the close-out and the dashboard's obligations are built from: sheet
items not met, audited fiscal years, open incidents and the fiscal years a contract ran.

Written against the compliance models directly (their docstrings give the semantics),
so the close-out does not depend on the sheet, audit or incident services; the rules
they share with those services live here once (an item's wording, its current status and
since when it is not met, when a notification is late, when an audit is due). All
queries take the caller's session: the close-out runs them inside its unit of work.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from ledger_tui.db.models import Contract, HandlerDesignation
from ledger_tui.db.models.compliance import ContractAudit, Incident, SheetCheck, SheetItem
from ledger_tui.domain.compliance import CUSTOM_MEASURE, CheckStatus, IncidentState
from ledger_tui.domain.contracts import HandlerRole
from ledger_tui.domain.wareki import fiscal_year, fiscal_year_bounds
from ledger_tui.i18n import Lang, t

#: Clause 19 asks the contractor to tell the ward at once; later than this is late.
NOTIFICATION_LIMIT = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class UnmetFact:
    contract_id: int
    item_id: int
    position: int
    code: str
    label: str
    since: date  # the first day of the trailing run of "not met" checks


@dataclass(frozen=True, slots=True)
class IncidentFact:
    id: int
    number: str
    kind: str
    contract_id: int
    contract_title: str
    discovered_at: datetime
    notified_at: datetime | None
    report_missing: bool
    control_number: str


def item_label(code: str, label: str, lang: Lang | None = None) -> str:
    """The wording of an item: its own when reworded (or custom), else the catalogue's."""
    if label or code == CUSTOM_MEASURE:
        return label
    return t(f"measure.{code}", lang)


def ordered_checks(item: SheetItem) -> list[SheetCheck]:
    """An item's checks oldest first; the last is its current status."""
    return sorted(item.checks, key=lambda check: (check.checked_on, check.id))


def unmet_since(checks: list[SheetCheck]) -> date:
    """The first day of the trailing run of "not met" checks (re-checking an item still
    not met does not make it look newer on the dashboard)."""
    since = checks[-1].checked_on
    for check in reversed(checks):
        if check.status is not CheckStatus.NOT_MET:
            break
        since = check.checked_on
    return since


def notification_late(discovered_at: datetime, notified_at: datetime | None, now: datetime) -> bool:
    """Clause 19: notified more than NOTIFICATION_LIMIT after the discovery, or not yet
    notified that long after it."""
    return (notified_at or now) - discovered_at > NOTIFICATION_LIMIT


def unmet_items(session: Session, contract_ids: Collection[int] | None = None) -> list[UnmetFact]:
    """Active sheet items whose latest check (by checked_on, then id) is "not met"."""
    stmt = (
        select(SheetItem)
        .where(SheetItem.active.is_(True))
        .options(selectinload(SheetItem.checks))
        .order_by(SheetItem.contract_id, SheetItem.position, SheetItem.id)
    )
    if contract_ids is not None:
        stmt = stmt.where(SheetItem.contract_id.in_(list(contract_ids)))
    facts = []
    for item in session.scalars(stmt):
        checks = ordered_checks(item)
        if checks and checks[-1].status is CheckStatus.NOT_MET:
            facts.append(
                UnmetFact(
                    item.contract_id,
                    item.id,
                    item.position,
                    item.code,
                    item_label(item.code, item.label),
                    unmet_since(checks),
                )
            )
    return facts


@dataclass(frozen=True, slots=True)
class UncheckedFact:
    item_id: int
    position: int
    label: str


def sheet_started(session: Session, contract_id: int) -> bool:
    """Whether the contract has a confirmation record sheet (any item, even withdrawn)."""
    return (
        session.scalar(select(SheetItem.id).where(SheetItem.contract_id == contract_id).limit(1))
        is not None
    )


def unchecked_items(session: Session, contract_id: int) -> list[UncheckedFact]:
    """Active sheet items never checked: unchecked is not met."""
    stmt = (
        select(SheetItem)
        .where(
            SheetItem.contract_id == contract_id,
            SheetItem.active.is_(True),
            ~SheetItem.checks.any(),
        )
        .order_by(SheetItem.position, SheetItem.id)
    )
    return [
        UncheckedFact(item.id, item.position, item_label(item.code, item.label))
        for item in session.scalars(stmt)
    ]


def audited_years(session: Session, contract_ids: Collection[int]) -> dict[int, set[int]]:
    """Per contract, the fiscal years in which an audit of it was done (one query)."""
    found: dict[int, set[int]] = {contract_id: set() for contract_id in contract_ids}
    rows = session.execute(
        select(ContractAudit.contract_id, ContractAudit.fiscal_year).where(
            ContractAudit.contract_id.in_(list(found)), ContractAudit.done_on.is_not(None)
        )
    )
    for contract_id, year in rows:
        found[contract_id].add(year)
    return found


def planned_audits(session: Session, contract_ids: Collection[int]) -> dict[tuple[int, int], date]:
    """Per (contract, fiscal year), the earliest planned audit not yet done (one query)."""
    rows = session.execute(
        select(ContractAudit.contract_id, ContractAudit.fiscal_year, ContractAudit.planned_on)
        .where(ContractAudit.contract_id.in_(list(contract_ids)), ContractAudit.done_on.is_(None))
        .order_by(ContractAudit.planned_on.desc())
    )
    # Latest first, so the earliest of each (contract, year) is written last and kept.
    return {(contract_id, year): planned for contract_id, year, planned in rows if planned}


def years_run(contract: Contract, today: date) -> list[int]:
    """Fiscal years (April-March) the contract's period overlapped, up to today."""
    if contract.period_start > today:
        return []
    last = min(contract.period_end, today)
    return list(range(fiscal_year(contract.period_start), fiscal_year(last) + 1))


def audit_due_on(contract: Contract, year: int) -> date:
    """The last day an audit of fiscal year `year` can count: the year's or the
    contract's end, whichever comes first."""
    return min(fiscal_year_bounds(date(year, 4, 1))[1], contract.period_end)


def open_incidents(
    session: Session, contract_ids: Collection[int] | None = None
) -> list[IncidentFact]:
    stmt = (
        select(Incident)
        .where(Incident.state == IncidentState.OPEN)
        .options(joinedload(Incident.contract), joinedload(Incident.medium))
        .order_by(Incident.discovered_at, Incident.id)
    )
    if contract_ids is not None:
        stmt = stmt.where(Incident.contract_id.in_(list(contract_ids)))
    facts = []
    for row in session.scalars(stmt):
        facts.append(
            IncidentFact(
                id=row.id,
                number=row.number,
                kind=row.kind.value,
                contract_id=row.contract_id,
                contract_title=row.contract.title,
                discovered_at=row.discovered_at,
                notified_at=row.notified_at,
                report_missing=row.written_report_on is None,
                control_number=row.medium.control_number if row.medium else "",
            )
        )
    return facts


def with_responsible_handler(session: Session, contract_ids: Collection[int]) -> set[int]:
    """Clause 13: the contracts (of those given) for which a responsible person
    (取扱責任者) was ever designated and reported (one query)."""
    return set(
        session.scalars(
            select(HandlerDesignation.contract_id)
            .where(
                HandlerDesignation.contract_id.in_(list(contract_ids)),
                HandlerDesignation.role == HandlerRole.RESPONSIBLE,
            )
            .distinct()
        )
    )


def sheet_statuses(
    session: Session, contract_ids: Collection[int]
) -> dict[int, dict[str, CheckStatus | None]]:
    """Per contract with a sheet: each active item's code and current status (None when
    never checked). Contracts without a sheet are absent."""
    found: dict[int, dict[str, CheckStatus | None]] = {}
    items = session.scalars(
        select(SheetItem)
        .where(SheetItem.active.is_(True), SheetItem.contract_id.in_(list(contract_ids)))
        .options(selectinload(SheetItem.checks))
    )
    for item in items:
        checks = ordered_checks(item)
        found.setdefault(item.contract_id, {})[item.code] = checks[-1].status if checks else None
    return found
