"""The media register (USBメモリ管理台帳): register, edit, move through the lifecycle."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ledger_tui.db.models import Medium, MediumStateCount, Operator, Section
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.errors import Conflict, InvalidInput, NotFound
from ledger_tui.domain.media import (
    LockKind,
    MediumKind,
    MediumState,
    check_manual_move,
    check_transition,
    initial_state,
    normalise_control_number,
    normalise_usb_id,
)
from ledger_tui.domain.numbers import BIGINT_MAX, check_whole
from ledger_tui.domain.text import clean_text
from ledger_tui.i18n import t


@dataclass(frozen=True, slots=True)
class MediumForm:
    """What the operator types (or the device panel pre-fills) to register or edit."""

    control_number: str
    kind: MediumKind = MediumKind.USB
    vendor: str = ""
    model: str = ""
    serial: str = ""
    usb_id: str = ""
    capacity_bytes: int | None = None
    hardware_lock: bool = False
    seal_number: str = ""
    location: str = ""
    notes: str = ""
    #: none / keypad / software; "" derives it from `hardware_lock` (keypad or none).
    lock_kind: str = ""
    #: The owning section's code (保有課). "" at registration: the operator's section,
    #: else the ledger's only section; "" in an edit keeps the medium's section.
    section_code: str = ""


@dataclass(frozen=True, slots=True)
class MediumView:
    id: int
    control_number: str
    kind: MediumKind
    vendor: str
    model: str
    serial: str
    usb_id: str
    capacity_bytes: int | None
    hardware_lock: bool
    seal_number: str
    location: str
    state: MediumState
    notes: str
    registered_at: datetime
    updated_at: datetime
    version: int
    extra: dict[str, str] = field(default_factory=dict)
    weak_identity: bool = False
    lock_kind: LockKind = LockKind.NONE
    #: why it may never be lent or loaded again ("" = in service; see domain.media)
    out_of_service: str = ""
    #: The owning section (保有課); "" while unset (media registered before 0018).
    section_code: str = ""
    section_name: str = ""


NOTES_LIMIT = 4000
_LIMITS = {"vendor": 100, "model": 100, "serial": 200, "seal_number": 60, "location": 200}


def _clean(form: MediumForm) -> MediumForm:
    try:
        kind = MediumKind(form.kind)
    except ValueError:
        raise InvalidInput("error.medium.kind", field="kind") from None
    values: dict[str, Any] = {
        name: clean_text(getattr(form, name), name, limit) for name, limit in _LIMITS.items()
    }
    if form.capacity_bytes is not None:
        check_whole(form.capacity_bytes, "capacity_bytes", BIGINT_MAX)
    if kind is MediumKind.PAPER_CASE and not values["seal_number"]:
        raise InvalidInput("error.medium.seal_required", field="seal_number")
    lock = _lock_kind(form)
    return replace(
        form,
        lock_kind=lock.value,
        hardware_lock=lock is not LockKind.NONE if kind is MediumKind.USB else form.hardware_lock,
        control_number=normalise_control_number(form.control_number),
        kind=kind,
        usb_id=normalise_usb_id(form.usb_id),
        notes=clean_text(form.notes, "notes", NOTES_LIMIT),
        **values,
    )


def _lock_kind(form: MediumForm) -> LockKind:
    """The stick's lock: as given, or keypad when only "hardware lock" was ticked. Only a
    USB stick has one."""
    try:
        given = LockKind(form.lock_kind) if form.lock_kind else None
    except ValueError:
        raise InvalidInput("error.medium.lock_kind", field="lock_kind") from None
    if MediumKind(form.kind) is not MediumKind.USB:
        if given not in (None, LockKind.NONE):
            raise InvalidInput("error.medium.lock_kind", field="lock_kind")
        return LockKind.NONE
    if given is None:
        return LockKind.KEYPAD if form.hardware_lock else LockKind.NONE
    return given


def view(medium: Medium) -> MediumView:
    return MediumView(
        id=medium.id,
        control_number=medium.control_number,
        kind=medium.kind,
        vendor=medium.vendor,
        model=medium.model,
        serial=medium.serial,
        usb_id=medium.usb_id,
        capacity_bytes=medium.capacity_bytes,
        hardware_lock=medium.hardware_lock,
        seal_number=medium.seal_number,
        location=medium.location,
        state=medium.state,
        notes=medium.notes,
        registered_at=medium.registered_at,
        updated_at=medium.updated_at,
        version=medium.version,
        weak_identity=medium.weak_identity,
        lock_kind=medium.lock_kind,
        out_of_service=medium.out_of_service,
        section_code=medium.section.code if medium.section else "",
        section_name=medium.section.name if medium.section else "",
    )


def out_of_service_rows(m: MediumView) -> list[tuple[str, str]]:
    """The register's "out of service" row (label, reason), when the medium is marked."""
    if not m.out_of_service:
        return []
    return [(t("medium.field.out_of_service"), t(f"medium.out_of_service.{m.out_of_service}"))]


def _section(uow: UnitOfWork, actor: Actor, code: str) -> Section | None:
    """The section named by `code`; with no code, the operator's own section, else the
    ledger's only section (None when there is none or several to choose from)."""
    if code.strip():
        section = uow.session.scalars(
            select(Section).where(Section.code == code.strip())
        ).one_or_none()
        if section is None:
            raise NotFound("error.section.not_found", code=code.strip())
        return section
    operator = uow.session.get(Operator, actor.operator_id) if actor.operator_id else None
    if operator is not None and operator.section is not None:
        return operator.section
    only = uow.session.scalars(select(Section).limit(2)).all()
    return only[0] if len(only) == 1 else None


def medium_by_number(session: Session, control_number: str) -> Medium:
    """The medium with this control number (as typed or scanned), or NotFound."""
    number = normalise_control_number(control_number)
    medium = session.scalars(select(Medium).where(Medium.control_number == number)).one_or_none()
    if medium is None:
        raise NotFound("error.medium.not_found", control_number=number)
    return medium


def get_medium(uow: UnitOfWork, control_number: str) -> Medium:
    return medium_by_number(uow.session, control_number)


def _check_unique(
    uow: UnitOfWork, form: MediumForm, own_id: int | None, serial_unique: bool = True
) -> None:
    clash = uow.session.scalars(
        select(Medium).where(Medium.control_number == form.control_number)
    ).first()
    if clash is not None and clash.id != own_id:
        raise Conflict("error.medium.duplicate", control_number=form.control_number)
    if form.serial and serial_unique:  # a generic serial is shared by design
        taken = uow.session.scalars(select(Medium).where(Medium.serial == form.serial)).first()
        if taken is not None and taken.id != own_id:
            raise Conflict(
                "error.medium.serial_taken",
                serial=form.serial,
                control_number=taken.control_number,
            )


def register_medium(
    ledger: Ledger, actor: Actor, form: MediumForm, *, weak_identity: bool = False
) -> MediumView:
    """`weak_identity`: the stick's serial cannot identify it (services.weak_identity
    decides, and demands a note); its serial is then not required to be unique."""
    form = _clean(form)
    with ledger.unit_of_work() as uow:
        _check_unique(uow, form, None, serial_unique=not weak_identity)
        now = uow.now()
        medium = Medium(
            control_number=form.control_number,
            kind=form.kind,
            vendor=form.vendor,
            model=form.model,
            serial=form.serial,
            usb_id=form.usb_id,
            capacity_bytes=form.capacity_bytes,
            hardware_lock=form.hardware_lock,
            lock_kind=LockKind(form.lock_kind),
            seal_number=form.seal_number,
            location=form.location,
            notes=form.notes,
            weak_identity=weak_identity,
            section=_section(uow, actor, form.section_code),
            state=initial_state(form.kind),
            registered_at=now,
            updated_at=now,
        )
        uow.session.add(medium)
        uow.session.flush()
        uow.record(
            actor,
            "medium.registered",
            f"medium:{medium.control_number}",
            kind=medium.kind.value,
            state=medium.state.value,
            lock_kind=medium.lock_kind.value,
            section=medium.section.code if medium.section else None,
            **({"weak_identity": True} if weak_identity else {}),
        )
        uow.commit()
        return view(medium)


def edit_medium(
    ledger: Ledger, actor: Actor, control_number: str, form: MediumForm, expected_version: int
) -> MediumView:
    """Change the register entry; `expected_version` refuses an edit over another desk's."""
    given_lock = form.lock_kind
    form = _clean(form)
    with ledger.unit_of_work() as uow:
        medium = get_medium(uow, control_number)
        if medium.version != expected_version:
            raise Conflict("error.medium.concurrent_edit", control_number=medium.control_number)
        if form.kind != medium.kind:
            raise InvalidInput("error.medium.kind", field="kind")
        if not given_lock and form.hardware_lock == medium.hardware_lock:
            form = replace(form, lock_kind=medium.lock_kind.value)  # a form without the kind
        _check_unique(uow, form, medium.id, serial_unique=not medium.weak_identity)
        if medium.weak_identity and not form.notes:  # the note is what identifies it
            raise InvalidInput("error.medium.weak_identity_note", field="notes")
        changed = [
            name
            for name in (
                "control_number",
                "vendor",
                "model",
                "serial",
                "usb_id",
                "capacity_bytes",
                "hardware_lock",
                "lock_kind",
                "seal_number",
                "location",
                "notes",
            )
            if getattr(medium, name) != getattr(form, name)
        ]
        for name in changed:
            value = getattr(form, name)
            setattr(medium, name, LockKind(value) if name == "lock_kind" else value)
        if form.section_code.strip():
            section = _section(uow, actor, form.section_code)
            if section is not medium.section:
                medium.section = section
                changed.append("section")
        if not changed:
            return view(medium)
        medium.updated_at = uow.now()
        try:
            uow.session.flush()
        except StaleDataError:
            raise Conflict(
                "error.medium.concurrent_edit", control_number=medium.control_number
            ) from None
        uow.record(
            actor,
            "medium.edited",
            f"medium:{medium.control_number}",
            fields=sorted(changed),
            previous_control_number=control_number,
        )
        uow.commit()
        return view(medium)


def move_medium(
    uow: UnitOfWork,
    actor: Actor,
    medium: Medium,
    target: MediumState,
    reason: str,
    **details: object,
) -> None:
    """The one way a medium changes state: checked against the table, and in the trail."""
    check_transition(medium.state, target, medium.control_number)
    previous = medium.state
    medium.state = target
    medium.updated_at = uow.now()
    uow.record(
        actor,
        "medium.state",
        f"medium:{medium.control_number}",
        previous=previous.value,
        state=target.value,
        reason=reason,
        **details,
    )


def change_state(
    ledger: Ledger, actor: Actor, control_number: str, target: MediumState, reason: str
) -> MediumView:
    """Manual moves from the register (e.g. retire a stick, send one to wipe, report lost)."""
    if not reason.strip():
        raise InvalidInput("error.field.required", field="reason")
    with ledger.unit_of_work() as uow:
        medium = get_medium(uow, control_number)
        check_manual_move(medium.kind, MediumState(target), medium.control_number)
        move_medium(uow, actor, medium, MediumState(target), reason.strip())
        uow.commit()
        return view(medium)


def show_medium(ledger: Ledger, control_number: str) -> MediumView:
    with ledger.unit_of_work() as uow:
        return view(get_medium(uow, control_number))


def find_by_serial(ledger: Ledger, serial: str) -> MediumView | None:
    if not serial:
        return None
    with ledger.read_session() as session:
        medium = session.scalars(select(Medium).where(Medium.serial == serial)).first()
        return view(medium) if medium else None


def count_by_state(ledger: Ledger) -> dict[MediumState, int]:
    """Media per state, from the counters the database keeps (nine rows, not a count of
    the register)."""
    with ledger.read_session() as session:
        return counts_by_state(session)


def counts_by_state(session: Session) -> dict[MediumState, int]:
    counts = {state: 0 for state in MediumState}
    for state, count in session.execute(select(MediumStateCount.state, MediumStateCount.count)):
        counts[MediumState(state)] = int(count)
    return counts
