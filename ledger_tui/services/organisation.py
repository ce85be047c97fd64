"""Sections, contractors, contracts and designated handlers (admin actions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ledger_tui.db.models import Contract, Contractor, HandlerDesignation, Section
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.compliance import DEFAULT_CLAUSES, clean_clauses
from ledger_tui.domain.contracts import (
    ContractPhase,
    HandlerRole,
    TransferMethod,
    check_handler_code,
    check_period,
    clean_items,
    contract_phase,
    designation_valid_on,
    new_handler_code,
)
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.hashing import hash_secret
from ledger_tui.domain.media import MediumKind
from ledger_tui.domain.numbers import check_whole
from ledger_tui.domain.text import clean_text
from ledger_tui.services.auth import require_admin


def _required(value: str, name: str, limit: int = 200) -> str:
    return clean_text(value, name, limit, required=True)


# --- sections -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionView:
    id: int
    code: str
    name: str


def add_section(ledger: Ledger, actor: Actor, code: str, name: str) -> SectionView:
    require_admin(actor)
    code = _required(code, "code", 40)
    name = _required(name, "name")
    with ledger.unit_of_work() as uow:
        if uow.session.scalar(select(Section.id).where(Section.code == code)) is not None:
            raise Conflict("error.section.duplicate", code=code)
        section = Section(code=code, name=name, created_at=uow.now())
        uow.session.add(section)
        uow.session.flush()
        uow.record(actor, "section.added", f"section:{code}")
        uow.commit()
        return SectionView(section.id, section.code, section.name)


def list_sections(ledger: Ledger) -> list[SectionView]:
    with ledger.read_session() as session:
        rows = session.scalars(select(Section).order_by(Section.code)).all()
        return [SectionView(s.id, s.code, s.name) for s in rows]


# --- contractors ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContractorView:
    id: int
    name: str
    address: str
    phone: str


def add_contractor(
    ledger: Ledger,
    actor: Actor,
    name: str,
    address: str = "",
    phone: str = "",
    notes: str = "",
) -> ContractorView:
    require_admin(actor)
    name = _required(name, "name")
    with ledger.unit_of_work() as uow:
        if uow.session.scalar(select(Contractor.id).where(Contractor.name == name)) is not None:
            raise Conflict("error.contractor.duplicate", name=name)
        contractor = Contractor(
            name=name,
            address=clean_text(address, "address", 400),
            phone=clean_text(phone, "phone", 40),
            notes=clean_text(notes, "notes", 2000),
            created_at=uow.now(),
        )
        uow.session.add(contractor)
        uow.session.flush()
        uow.record(actor, "contractor.added", f"contractor:{contractor.id}")
        uow.commit()
        return ContractorView(contractor.id, contractor.name, contractor.address, contractor.phone)


def list_contractors(ledger: Ledger) -> list[ContractorView]:
    with ledger.read_session() as session:
        rows = session.scalars(select(Contractor).order_by(Contractor.name)).all()
        return [ContractorView(c.id, c.name, c.address, c.phone) for c in rows]


# --- contracts ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContractForm:
    title: str
    section_code: str
    contractor_name: str
    period_start: date
    period_end: date
    purpose: str = ""
    provided_items: list[str] = field(default_factory=list)
    collected_items: list[str] = field(default_factory=list)
    allowed_media_kinds: list[str] = field(default_factory=lambda: [MediumKind.USB.value])
    allowed_transfer_methods: list[str] = field(default_factory=lambda: [TransferMethod.HAND.value])
    planned_record_count: int = 0
    #: The special-terms clauses (特記事項) that apply; all 21 unless told otherwise.
    special_terms: list[int] = field(default_factory=lambda: list(DEFAULT_CLAUSES))


@dataclass(frozen=True, slots=True)
class HandlerView:
    """A designated handler, named by its number (`id`). Its counter code is a secret
    kept as a hash: no view carries it."""

    id: int
    person_name: str
    role: HandlerRole
    valid_from: date
    valid_to: date | None
    reported_on: date


@dataclass(frozen=True, slots=True)
class HandlerCode:
    """The answer to setting a handler's code, the only time the code is seen: shown
    once to be handed to the contractor's officer (sealed, or typed by them)."""

    handler: HandlerView
    code: str
    #: True when the code was made here (to be shown once); False when the person
    #: typed their own (nobody needs to see it again).
    made: bool


@dataclass(frozen=True, slots=True)
class ContractView:
    id: int
    title: str
    section_code: str
    section_name: str
    contractor_name: str
    purpose: str
    period_start: date
    period_end: date
    provided_items: list[str]
    collected_items: list[str]
    allowed_media_kinds: list[str]
    allowed_transfer_methods: list[str]
    planned_record_count: int
    handlers: list[HandlerView]
    special_terms: list[int] = field(default_factory=lambda: list(DEFAULT_CLAUSES))
    closed_at: datetime | None = None

    def phase_on(self, today: date) -> ContractPhase:
        return contract_phase(self.period_start, self.period_end, self.closed_at is not None, today)


def _checked_values(
    values: list[str], enum_type: type[MediumKind] | type[TransferMethod], key: str, field_name: str
) -> list[str]:
    cleaned = clean_items(values)
    for value in cleaned:
        try:
            enum_type(value)
        except ValueError:
            raise InvalidInput(key, field=field_name, value=value) from None
    if not cleaned:
        raise InvalidInput("error.field.required", field=field_name)
    return cleaned


def add_contract(ledger: Ledger, actor: Actor, form: ContractForm) -> ContractView:
    require_admin(actor)
    title = _required(form.title, "title", 300)
    check_period(form.period_start, form.period_end)
    check_whole(form.planned_record_count, "planned_record_count")
    kinds = _checked_values(
        form.allowed_media_kinds, MediumKind, "error.contract.media_kind", "allowed_media_kinds"
    )
    methods = _checked_values(
        form.allowed_transfer_methods,
        TransferMethod,
        "error.contract.transfer_method",
        "allowed_transfer_methods",
    )
    special_terms = clean_clauses(list(form.special_terms))
    with ledger.unit_of_work() as uow:
        section = uow.session.scalars(
            select(Section).where(Section.code == form.section_code.strip())
        ).one_or_none()
        if section is None:
            raise NotFound("error.section.not_found", code=form.section_code)
        contractor = uow.session.scalars(
            select(Contractor).where(Contractor.name == form.contractor_name.strip())
        ).one_or_none()
        if contractor is None:
            raise NotFound("error.contractor.not_found", name=form.contractor_name)
        contract = Contract(
            title=title,
            section=section,
            contractor=contractor,
            purpose=clean_text(form.purpose, "purpose", 2000),
            period_start=form.period_start,
            period_end=form.period_end,
            provided_items=clean_items(form.provided_items),
            collected_items=clean_items(form.collected_items),
            allowed_media_kinds=kinds,
            allowed_transfer_methods=methods,
            planned_record_count=form.planned_record_count,
            special_terms=special_terms,
            created_at=uow.now(),
        )
        uow.session.add(contract)
        uow.session.flush()
        uow.record(
            actor,
            "contract.added",
            f"contract:{contract.id}",
            period=[form.period_start.isoformat(), form.period_end.isoformat()],
        )
        uow.commit()
        return _contract_view(contract)


def get_contract(uow: UnitOfWork, contract_id: int, *, lock: bool = False) -> Contract:
    """The contract; `lock` holds its row to the end of the unit of work, so two desks
    changing what hangs off one contract (its sheet, its close-out) take turns."""
    if lock:
        contract = uow.session.scalars(
            select(Contract)
            .where(Contract.id == contract_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one_or_none()
    else:
        contract = uow.session.get(Contract, contract_id)
    if contract is None:
        raise NotFound("error.contract.not_found", ref=contract_id)
    return contract


def open_contract(uow: UnitOfWork, contract_id: int, *, lock: bool = False) -> Contract:
    """The contract, refused once it is closed: nothing more is lent, checked, audited or
    edited under a closed contract."""
    contract = get_contract(uow, contract_id, lock=lock)
    if contract.closed_at is not None:
        raise IllegalTransition("error.contract.closed", title=contract.title)
    return contract


def show_contract(ledger: Ledger, contract_id: int) -> ContractView:
    with ledger.unit_of_work() as uow:
        return _contract_view(get_contract(uow, contract_id))


def list_contracts(ledger: Ledger) -> list[ContractView]:
    with ledger.read_session() as session:
        rows = session.scalars(
            select(Contract)
            .options(
                selectinload(Contract.designations),
                selectinload(Contract.section),
                selectinload(Contract.contractor),
            )
            .order_by(Contract.period_start.desc(), Contract.id)
        ).all()
        return [_contract_view(c) for c in rows]


def _contract_view(c: Contract) -> ContractView:
    return ContractView(
        id=c.id,
        title=c.title,
        section_code=c.section.code,
        section_name=c.section.name,
        contractor_name=c.contractor.name,
        purpose=c.purpose,
        period_start=c.period_start,
        period_end=c.period_end,
        provided_items=list(c.provided_items),
        collected_items=list(c.collected_items),
        allowed_media_kinds=list(c.allowed_media_kinds),
        allowed_transfer_methods=list(c.allowed_transfer_methods),
        planned_record_count=c.planned_record_count,
        handlers=[_handler_view(h) for h in c.designations],
        special_terms=list(c.special_terms),
        closed_at=c.closed_at,
    )


# --- handler designations -------------------------------------------------------------


def _handler_view(h: HandlerDesignation) -> HandlerView:
    return HandlerView(h.id, h.person_name, h.role, h.valid_from, h.valid_to, h.reported_on)


def _code_to_set(code: str) -> tuple[str, bool]:
    """The code given (checked), or a new random one when none is given (and True)."""
    return (check_handler_code(code), False) if code.strip() else (new_handler_code(), True)


def add_handler(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    person_name: str,
    role: str,
    code: str,
    valid_from: date,
    valid_to: date | None,
    reported_on: date,
) -> HandlerCode:
    """Designate a handler. `code` is the counter code the contractor's officer chose
    (typed by them), or empty for a new random one; only its hash is stored."""
    require_admin(actor)
    person_name = _required(person_name, "person_name")
    try:
        handler_role = HandlerRole(role)
    except ValueError:
        raise InvalidInput("error.handler.role", field="role") from None
    code, made = _code_to_set(code)
    if valid_to is not None:
        check_period(valid_from, valid_to, field="valid_to")
    code_hash = hash_secret(code)  # before the transaction: it takes a moment
    with ledger.unit_of_work() as uow:
        contract = open_contract(uow, contract_id)
        handler = HandlerDesignation(
            contract=contract,
            person_name=person_name,
            role=handler_role,
            code_hash=code_hash,
            valid_from=valid_from,
            valid_to=valid_to,
            reported_on=reported_on,
            created_at=uow.now(),
        )
        uow.session.add(handler)
        uow.session.flush()
        uow.record(
            actor,
            "handler.designated",
            f"contract:{contract.id}",
            handler_id=handler.id,
            role=handler_role.value,
        )
        uow.commit()
        return HandlerCode(_handler_view(handler), code, made)


def reset_handler_code(
    ledger: Ledger, actor: Actor, handler_id: int, code: str = ""
) -> HandlerCode:
    """A new counter code for a handler (forgotten, or seen by someone else): the one
    given, or a new random one. The old code stops working at once."""
    require_admin(actor)
    code, made = _code_to_set(code)
    code_hash = hash_secret(code)
    with ledger.unit_of_work() as uow:
        handler = uow.session.get(HandlerDesignation, handler_id, with_for_update=True)
        if handler is None:
            raise NotFound("error.handler.not_found", handler=handler_id)
        handler.code_hash = code_hash
        uow.record(
            actor,
            "handler.code_reset",
            f"contract:{handler.contract_id}",
            handler_id=handler.id,
        )
        uow.commit()
        return HandlerCode(_handler_view(handler), code, made)


def handlers_valid_on(ledger: Ledger, contract_id: int, day: date) -> list[HandlerView]:
    with ledger.unit_of_work() as uow:
        contract = get_contract(uow, contract_id)
        return [
            _handler_view(h)
            for h in contract.designations
            if designation_valid_on(h.valid_from, h.valid_to, day)
        ]


def count_running_contracts(ledger: Ledger, day: date) -> int:
    from sqlalchemy import func

    with ledger.read_session() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(Contract)
                .where(Contract.period_start <= day, Contract.period_end >= day)
            )
            or 0
        )


def handler_of_contract(ledger: Ledger, contract_id: int, handler_id: int) -> int:
    """The designated handler with this number, checked to be the contract's."""
    if any(h.id == handler_id for h in show_contract(ledger, contract_id).handlers):
        return handler_id
    raise InvalidInput(
        "cli.error.handler_number", field="handler", contract=contract_id, handler=handler_id
    )


def find_handler(
    ledger: Ledger, handler_id: int | None, contract_id: int | None = None
) -> int | None:
    """A handler named by number (within `contract_id` when given); None for none."""
    if handler_id is None:
        return None
    if contract_id is not None:
        return handler_of_contract(ledger, contract_id, handler_id)
    with ledger.read_session() as session:
        if session.get(HandlerDesignation, handler_id) is None:
            raise InvalidInput("cli.error.handler_number_any", field="handler", handler=handler_id)
    return handler_id
