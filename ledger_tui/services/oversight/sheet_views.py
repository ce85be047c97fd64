"""Reading a contract's confirmation record sheet (確認記録票): the sheet as the screen,
the command line and the paper show it, and the unmet items the dashboard and the
close-out list.

An item's current status is its latest check, by (`checked_on`, `id`): a later check
dated earlier (a check written up after the fact) does not override a newer one. An
item never checked is unchecked (status None). Withdrawn items stay readable with their
history but count for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ledger_tui.db.models import AuditEntry, Contract
from ledger_tui.db.models.compliance import SheetCheck, SheetItem
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import CheckStatus
from ledger_tui.domain.errors import NotFound
from ledger_tui.i18n import Lang
from ledger_tui.services.oversight import facts
from ledger_tui.services.oversight.facts import item_label, ordered_checks

#: Trail actions that record paper, not a change of the sheet: the QR code on the
#: sheet carries the hash of the latest change, so reprints of one state agree.
PAPER_ACTIONS = frozenset({"sheet.printed", "sheet.print_failed"})


@dataclass(frozen=True, slots=True)
class CheckView:
    id: int
    status: CheckStatus
    checked_on: date
    checked_by: str
    note: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One item of the sheet with its current status (None = unchecked) and history."""

    item_id: int
    position: int
    code: str
    label: str
    active: bool
    status: CheckStatus | None
    checked_on: date | None
    checked_by: str
    note: str
    history: tuple[CheckView, ...]

    @property
    def is_open(self) -> bool:
        return self.active and self.status is CheckStatus.NOT_MET


@dataclass(frozen=True, slots=True)
class SheetSummary:
    met: int
    not_met: int
    not_applicable: int
    unchecked: int

    @property
    def total(self) -> int:
        return self.met + self.not_met + self.not_applicable + self.unchecked


@dataclass(frozen=True, slots=True)
class SheetView:
    contract_id: int
    contract_title: str
    contractor_name: str
    section_code: str
    section_name: str
    closed: bool
    rows: tuple[SheetRow, ...]  # active items, by position
    withdrawn: tuple[SheetRow, ...]  # kept for their history
    summary: SheetSummary
    #: Hash of the latest trail entry that changed this sheet ("" before any).
    audit_hash: str

    @property
    def started(self) -> bool:
        return bool(self.rows or self.withdrawn)

    @property
    def open_items(self) -> tuple[SheetRow, ...]:
        return tuple(row for row in self.rows if row.is_open)

    def row_at(self, position: int) -> SheetRow:
        for row in (*self.rows, *self.withdrawn):
            if row.position == position:
                return row
        raise NotFound(
            "sheet.error.position_not_found", position=position, contract=self.contract_id
        )


@dataclass(frozen=True, slots=True)
class UnmetItem:
    """An active item whose current status is "not met", and since when it has been."""

    contract_id: int
    contract_title: str
    item_id: int
    label: str
    since: date


def sheet_subject(contract_id: int) -> str:
    return f"contract:{contract_id}"


def _check_view(check: SheetCheck) -> CheckView:
    return CheckView(
        check.id, check.status, check.checked_on, check.operator.name, check.note, check.recorded_at
    )


def _row(item: SheetItem, lang: Lang | None) -> SheetRow:
    checks = ordered_checks(item)
    latest = checks[-1] if checks else None
    return SheetRow(
        item_id=item.id,
        position=item.position,
        code=item.code,
        label=item_label(item.code, item.label, lang),
        active=item.active,
        status=latest.status if latest else None,
        checked_on=latest.checked_on if latest else None,
        checked_by=latest.operator.name if latest else "",
        note=latest.note if latest else "",
        history=tuple(_check_view(check) for check in checks),
    )


def _summary(rows: tuple[SheetRow, ...]) -> SheetSummary:
    def count(status: CheckStatus | None) -> int:
        return sum(1 for row in rows if row.status is status)

    return SheetSummary(
        count(CheckStatus.MET),
        count(CheckStatus.NOT_MET),
        count(CheckStatus.NOT_APPLICABLE),
        count(None),
    )


def _items(session: Session, contract_ids: list[int] | None, active_only: bool) -> list[SheetItem]:
    query = (
        select(SheetItem)
        .options(selectinload(SheetItem.checks).selectinload(SheetCheck.operator))
        .order_by(SheetItem.contract_id, SheetItem.position, SheetItem.id)
    )
    if contract_ids is not None:
        query = query.where(SheetItem.contract_id.in_(contract_ids))
    if active_only:
        query = query.where(SheetItem.active.is_(True))
    return list(session.scalars(query).all())


def sheet_hash(session: Session, contract_id: int) -> str:
    """The hash of the latest trail entry that changed the contract's sheet."""
    return (
        session.scalar(
            select(AuditEntry.entry_hash)
            .where(
                AuditEntry.subject == sheet_subject(contract_id),
                AuditEntry.action.like("sheet.%"),
                AuditEntry.action.not_in(PAPER_ACTIONS),
            )
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
        or ""
    )


def show_sheet(ledger: Ledger, contract_id: int, lang: Lang | None = None) -> SheetView:
    """The contract's sheet; an empty one (not started) when it has no items yet."""
    with ledger.read_session() as session:
        contract = session.scalars(
            select(Contract)
            .where(Contract.id == contract_id)
            .options(selectinload(Contract.section), selectinload(Contract.contractor))
        ).one_or_none()
        if contract is None:
            raise NotFound("error.contract.not_found", ref=contract_id)
        rows = [_row(item, lang) for item in _items(session, [contract_id], False)]
        active = tuple(row for row in rows if row.active)
        return SheetView(
            contract_id=contract.id,
            contract_title=contract.title,
            contractor_name=contract.contractor.name,
            section_code=contract.section.code,
            section_name=contract.section.name,
            closed=contract.closed_at is not None,
            rows=active,
            withdrawn=tuple(row for row in rows if not row.active),
            summary=_summary(active),
            audit_hash=sheet_hash(session, contract_id),
        )


def unmet_items(ledger: Ledger, contract_id: int | None = None) -> list[UnmetItem]:
    """Active items currently "not met", oldest first. For one contract when given (even
    a closed one), else across every contract not yet closed (the dashboard)."""
    with ledger.read_session() as session:
        contracts = select(Contract.id, Contract.title)
        if contract_id is not None:
            contracts = contracts.where(Contract.id == contract_id)
        else:
            contracts = contracts.where(Contract.closed_at.is_(None))
        titles = {row.id: row.title for row in session.execute(contracts)}
        if not titles:
            return []
        found = [
            UnmetItem(
                fact.contract_id, titles[fact.contract_id], fact.item_id, fact.label, fact.since
            )
            for fact in facts.unmet_items(session, list(titles))
        ]
    return sorted(found, key=lambda unmet: (unmet.since, unmet.contract_id, unmet.item_id))
