"""The confirmation record sheet (確認記録票) and the special terms (特記事項) of a contract.

A contract's sheet starts from a template (servicer or law firm) and is then edited for
that contract by an administrator: items added (last), reworded, withdrawn (never
deleted: their checks stay). Any operator checks an item: a status on a date with a
note, appended; nothing is overwritten. Each action is one unit of work with its trail
entry under the contract's subject (`sheet.*`), whose latest hash the printed sheet
carries. A closed contract's sheet and terms are frozen.

Reading is in `services.sheet_views`; paper in `services.sheet_paper`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from ledger_tui.db.models import Contract
from ledger_tui.db.models.compliance import SheetCheck, SheetItem
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import (
    CUSTOM_MEASURE,
    TEMPLATES,
    CheckStatus,
    Duty,
    SheetTemplate,
    check_not_future,
    clean_clauses,
    duties_of,
)
from ledger_tui.domain.errors import AuthError, Conflict, InvalidInput, NotFound
from ledger_tui.domain.text import clean_text
from ledger_tui.services.auth import require_admin
from ledger_tui.services.organisation import open_contract
from ledger_tui.services.oversight.sheet_views import (
    SheetRow,
    SheetView,
    UnmetItem,
    sheet_subject,
    show_sheet,
    unmet_items,
)

__all__ = [
    "SheetRow",
    "SheetView",
    "UnmetItem",
    "add_item",
    "check_item",
    "contract_duties",
    "reword_item",
    "set_special_terms",
    "show_sheet",
    "start_sheet",
    "unmet_items",
    "withdraw_item",
]

LABEL_LIMIT = 400  # the column's width
NOTE_LIMIT = 1000
REASON_LIMIT = 200
#: Statuses that must say why (what is missing; why the measure does not apply).
NEEDS_NOTE = frozenset({CheckStatus.NOT_MET, CheckStatus.NOT_APPLICABLE})


def _operator(actor: Actor) -> int:
    if actor.operator_id is None:
        raise AuthError("sheet.error.operator_required")
    return actor.operator_id


def _item(uow: UnitOfWork, item_id: int) -> tuple[SheetItem, Contract]:
    contract_id = uow.session.scalar(select(SheetItem.contract_id).where(SheetItem.id == item_id))
    if contract_id is None:
        raise NotFound("sheet.error.item_not_found", ref=item_id)
    contract = open_contract(uow, contract_id, lock=True)
    item = uow.session.get(SheetItem, item_id, populate_existing=True)
    assert item is not None
    return item, contract


def _active(item: SheetItem) -> None:
    if not item.active:
        raise Conflict("sheet.error.withdrawn", position=item.position)


def _next_position(uow: UnitOfWork, contract_id: int) -> int:
    highest = uow.session.scalar(
        select(func.max(SheetItem.position)).where(SheetItem.contract_id == contract_id)
    )
    return (highest or 0) + 1


def _row(ledger: Ledger, contract_id: int, item_id: int) -> SheetRow:
    sheet = show_sheet(ledger, contract_id)
    return next(row for row in (*sheet.rows, *sheet.withdrawn) if row.item_id == item_id)


# --- editing the sheet (administrators) -------------------------------------------------


def start_sheet(
    ledger: Ledger, actor: Actor, contract_id: int, template: SheetTemplate | str
) -> SheetView:
    """Give the contract its sheet from a template (once: later changes are edits)."""
    require_admin(actor)
    try:
        chosen = SheetTemplate(template)
    except ValueError:
        raise InvalidInput("sheet.error.template", field="template") from None
    with ledger.unit_of_work() as uow:
        contract = open_contract(uow, contract_id, lock=True)
        existing = uow.session.scalar(
            select(func.count()).select_from(SheetItem).where(SheetItem.contract_id == contract.id)
        )
        if existing:
            raise Conflict("sheet.error.already_started", contract=contract.title)
        now = uow.now()
        for position, code in enumerate(TEMPLATES[chosen], start=1):
            uow.session.add(
                SheetItem(
                    contract_id=contract.id,
                    position=position,
                    code=code,
                    label="",
                    active=True,
                    created_at=now,
                )
            )
        uow.record(
            actor,
            "sheet.started",
            sheet_subject(contract.id),
            template=chosen.value,
            items=len(TEMPLATES[chosen]),
        )
        uow.commit()
    return show_sheet(ledger, contract_id)


def add_item(ledger: Ledger, actor: Actor, contract_id: int, label: str) -> SheetRow:
    """A measure the desk writes for this contract; it goes last."""
    require_admin(actor)
    label = clean_text(label, "label", LABEL_LIMIT, required=True)
    with ledger.unit_of_work() as uow:
        contract = open_contract(uow, contract_id, lock=True)
        item = SheetItem(
            contract_id=contract.id,
            position=_next_position(uow, contract.id),
            code=CUSTOM_MEASURE,
            label=label,
            active=True,
            created_at=uow.now(),
        )
        uow.session.add(item)
        uow.session.flush()
        uow.record(
            actor,
            "sheet.item_added",
            sheet_subject(contract.id),
            item_id=item.id,
            position=item.position,
        )
        uow.commit()
        item_id = item.id
    return _row(ledger, contract_id, item_id)


def reword_item(ledger: Ledger, actor: Actor, item_id: int, label: str) -> SheetRow:
    """New wording for an item of this contract's sheet (its checks keep their meaning)."""
    require_admin(actor)
    label = clean_text(label, "label", LABEL_LIMIT, required=True)
    with ledger.unit_of_work() as uow:
        item, contract = _item(uow, item_id)
        _active(item)
        item.label = label
        uow.record(
            actor,
            "sheet.item_reworded",
            sheet_subject(contract.id),
            item_id=item.id,
            code=item.code,
        )
        uow.commit()
        contract_id = contract.id
    return _row(ledger, contract_id, item_id)


def withdraw_item(ledger: Ledger, actor: Actor, item_id: int, reason: str) -> SheetRow:
    """Take an item off the contract's sheet; it and its history stay in the ledger."""
    require_admin(actor)
    reason = clean_text(reason, "reason", REASON_LIMIT, required=True)
    with ledger.unit_of_work() as uow:
        item, contract = _item(uow, item_id)
        _active(item)
        item.active = False
        uow.record(
            actor,
            "sheet.item_withdrawn",
            sheet_subject(contract.id),
            item_id=item.id,
            code=item.code,
            reason=reason,
        )
        uow.commit()
        contract_id = contract.id
    return _row(ledger, contract_id, item_id)


# --- checking (any operator) ------------------------------------------------------------


def check_item(
    ledger: Ledger,
    actor: Actor,
    item_id: int,
    status: CheckStatus | str,
    checked_on: date,
    note: str = "",
) -> SheetRow:
    """Record that the item was found met / not met / not applicable on `checked_on`."""
    operator_id = _operator(actor)
    try:
        chosen = CheckStatus(status)
    except ValueError:
        raise InvalidInput("sheet.error.status", field="status") from None
    note = clean_text(note, "note", NOTE_LIMIT)
    if chosen in NEEDS_NOTE and not note:
        raise InvalidInput(f"sheet.error.note_required.{chosen.value}", field="note")
    with ledger.unit_of_work() as uow:
        check_not_future(checked_on, local_date(uow.now()), "checked_on")
        item, contract = _item(uow, item_id)
        _active(item)
        check = SheetCheck(
            item_id=item.id,
            status=chosen,
            checked_on=checked_on,
            operator_id=operator_id,
            note=note,
            recorded_at=uow.now(),
        )
        uow.session.add(check)
        uow.session.flush()
        uow.record(
            actor,
            "sheet.checked",
            sheet_subject(contract.id),
            item_id=item.id,
            code=item.code,
            status=chosen.value,
            checked_on=checked_on.isoformat(),
        )
        uow.commit()
        contract_id = contract.id
    return _row(ledger, contract_id, item_id)


# --- special terms ------------------------------------------------------------------------


def set_special_terms(
    ledger: Ledger, actor: Actor, contract_id: int, clauses: list[int]
) -> list[int]:
    """Record which special-terms clauses apply to the contract; returns them cleaned."""
    require_admin(actor)
    chosen = clean_clauses(list(clauses))
    with ledger.unit_of_work() as uow:
        contract = open_contract(uow, contract_id, lock=True)
        previous = list(contract.special_terms)
        contract.special_terms = chosen
        uow.record(
            actor,
            "contract.terms_set",
            f"contract:{contract.id}",
            clauses=chosen,
            previous=previous,
        )
        uow.commit()
    return chosen


def special_terms(ledger: Ledger, contract_id: int) -> list[int]:
    with ledger.read_session() as session:
        terms = session.scalar(select(Contract.special_terms).where(Contract.id == contract_id))
        if terms is None:
            raise NotFound("error.contract.not_found", ref=contract_id)
        return sorted(terms)


def contract_duties(ledger: Ledger, contract_id: int) -> frozenset[Duty]:
    """The trackable duties the contract's special terms carry (reminders follow them)."""
    return duties_of(special_terms(ledger, contract_id))
