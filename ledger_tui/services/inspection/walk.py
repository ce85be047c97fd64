"""Inspections (点検): walk the register and check that every medium is where it says.

`start_inspection` snapshots the register: every medium in the ward's custody (not
destroyed, retired or lost) becomes a line, expected present in the ward, or absent
when it is out on loan. `record_seen` records one medium seen: a control number typed
or barcode-scanned, a stick recognised by its serial when inserted, a CD-R or paper case
by its seal number (a wrong seal number is kept as a discrepancy; a sealed case needs
its seal checked). Whatever the snapshot did not expect becomes an "unexpected" line.
`finish_inspection` makes the results final: unseen media expected present are missing.
Each step is one unit of work with its trail entry. Finding a medium missing does not
change its state: the desk investigates and reports first (an incident).

Views and queries are in `services.inspection_views`, the printed record in
`services.inspection_paper`.
"""

from __future__ import annotations

from sqlalchemy import insert, select

from ledger_tui.db.models import Medium
from ledger_tui.db.models.inspections import Inspection, InspectionLine
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import (
    AuthError,
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
)
from ledger_tui.domain.form_series import INSPECTION
from ledger_tui.domain.inspections import (
    Expectation,
    InspectionState,
    LineResult,
    SeenHow,
    check_inspection_transition,
)
from ledger_tui.domain.media import MediumKind, MediumState, normalise_control_number
from ledger_tui.services.form_numbers import next_form_number
from ledger_tui.services.inspection.views import (
    InspectionReport,
    InspectionView,
    LineView,
    inspection_view,
    line_view,
    report_of,
    show_inspection,
)
from ledger_tui.system.devices.model import is_weak_serial

#: Media that have left the ward's custody for good, or are known lost: not expected.
NOT_EXPECTED = frozenset({MediumState.DESTROYED, MediumState.RETIRED, MediumState.LOST})
SEALED_KINDS = frozenset({MediumKind.CDR, MediumKind.PAPER_CASE})
SEAL_MISMATCH = "insp.discrepancy.seal_mismatch"
EXPECTED_ON_LOAN = "insp.discrepancy.expected_on_loan"
NOT_IN_CUSTODY = "insp.discrepancy.not_in_custody"
NOTE_LIMIT = 500


def _inspector(actor: Actor) -> int:
    if actor.operator_id is None:
        raise AuthError("insp.error.operator_required")
    return actor.operator_id


def _expectation(state: MediumState) -> Expectation:
    return Expectation.ON_LOAN if state is MediumState.LENT else Expectation.PRESENT


def _subject(inspection: Inspection) -> str:
    return f"inspection:{inspection.number}"


def _lock(uow: UnitOfWork, inspection_id: int) -> Inspection:
    """The inspection under lock: two desks recording at once are serialised."""
    inspection = uow.session.scalars(
        select(Inspection)
        .where(Inspection.id == inspection_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if inspection is None:
        raise NotFound("insp.error.not_found", ref=inspection_id)
    if inspection.state is not InspectionState.OPEN:
        raise IllegalTransition("insp.error.finished", number=inspection.number)
    return inspection


# --- start ----------------------------------------------------------------------------


def start_inspection(ledger: Ledger, actor: Actor, notes: str = "") -> InspectionView:
    """Open a new inspection with the snapshot of the register (one open at a time)."""
    inspector = _inspector(actor)
    notes = _checked_note(notes, "notes")
    with ledger.unit_of_work() as uow:
        running = uow.session.scalar(
            select(Inspection.number).where(Inspection.state == InspectionState.OPEN)
        )
        if running is not None:
            raise Conflict("insp.error.already_open", number=running)
        now = uow.now()
        number, year, sequence = next_form_number(uow, INSPECTION, local_date(now))
        inspection = Inspection(
            number=number,
            fiscal_year=year,
            sequence=sequence,
            state=InspectionState.OPEN,
            inspector_id=inspector,
            started_at=now,
            notes=notes,
        )
        # Another desk may have opened one at the same moment.
        uow.add_unique(inspection, Conflict("insp.error.already_open", number="?"))
        media = uow.session.execute(
            select(Medium.id, Medium.control_number, Medium.kind, Medium.state)
            .where(Medium.state.not_in(NOT_EXPECTED))
            .order_by(Medium.control_number)
        ).all()
        if media:
            uow.session.execute(
                insert(InspectionLine),
                [
                    {
                        "inspection_id": inspection.id,
                        "medium_id": row.id,
                        "control_number": row.control_number,
                        "medium_kind": row.kind,
                        "register_state": row.state,
                        "expected": _expectation(row.state),
                        "serial_seen": "",
                        "seal_seen": "",
                        "discrepancy": "",
                        "note": "",
                    }
                    for row in media
                ],
            )
        on_loan = sum(1 for row in media if row.state is MediumState.LENT)
        uow.record(
            actor,
            "inspection.started",
            _subject(inspection),
            expected_present=len(media) - on_loan,
            expected_on_loan=on_loan,
        )
        uow.commit()
    return show_inspection(ledger, inspection.id)


def _checked_note(note: str, field: str) -> str:
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise InvalidInput("error.field.too_long", field=field, limit=NOTE_LIMIT)
    return note


# --- record what was seen -------------------------------------------------------------


def _how(how: SeenHow | str | None, control_number: str | None, serial: str | None) -> SeenHow:
    if how is not None:
        try:
            return SeenHow(how)
        except ValueError:
            raise InvalidInput("insp.error.how", field="how") from None
    if control_number:
        return SeenHow.TYPED
    return SeenHow.INSERTED if serial else SeenHow.SEAL


def _find(uow: UnitOfWork, control_number: str, serial: str, seal: str) -> Medium | None:
    if control_number:
        stmt = select(Medium).where(Medium.control_number == control_number)
    elif serial:
        # A weakly identified stick's serial names no one stick.
        stmt = select(Medium).where(Medium.serial == serial, Medium.weak_identity.is_(False))
    else:
        stmt = (
            select(Medium)
            .where(Medium.seal_number == seal, Medium.kind.in_(SEALED_KINDS))
            .order_by(Medium.state.in_(NOT_EXPECTED), Medium.id)
        )
    return uow.session.scalars(stmt.limit(1)).first()


def record_seen(
    ledger: Ledger,
    actor: Actor,
    inspection_id: int,
    *,
    control_number: str | None = None,
    serial: str | None = None,
    seal_number: str | None = None,
    how: SeenHow | str | None = None,
    note: str = "",
) -> LineView:
    """Record one medium seen, by control number (with the seal number for a sealed
    CD-R or paper case), by a stick's serial, or by a seal number alone. Seeing a line
    again changes nothing (`repeated`), except a seal re-checked right after a wrong
    one. Unknown numbers, serials and seals become "unexpected" lines."""
    number = normalise_control_number(control_number) if control_number else ""
    serial = (serial or "").strip()
    seal = (seal_number or "").strip()
    if not (number or serial or seal):
        raise InvalidInput("insp.error.nothing_seen", field="control_number")
    if serial and (number or seal):
        raise InvalidInput("insp.error.serial_alone", field="serial")
    if serial and is_weak_serial(serial):
        raise InvalidInput("insp.error.weak_serial", field="serial", serial=serial)
    seen_how = _how(how, number, serial)
    note = _checked_note(note, "note")
    seen_by = _inspector(actor)
    with ledger.unit_of_work() as uow:
        inspection = _lock(uow, inspection_id)
        medium = _find(uow, number, serial, seal)
        if medium is not None and seal and medium.kind not in SEALED_KINDS:
            raise InvalidInput(
                "insp.error.not_sealed", field="seal_number", control_number=medium.control_number
            )
        if (
            medium is not None
            and number
            and not seal
            and medium.kind in SEALED_KINDS
            and medium.seal_number
        ):
            raise InvalidInput(
                "insp.error.seal_required",
                field="seal_number",
                control_number=medium.control_number,
            )
        line, changed = _mark(uow, inspection, medium, number, serial, seal)
        if changed:
            line.how, line.serial_seen, line.seal_seen = seen_how, serial, seal
            line.seen_at, line.seen_by = uow.now(), seen_by
            if note:
                line.note = note
            uow.session.flush()
            assert line.result is not None
            uow.record(
                actor,
                "inspection.seen",
                _subject(inspection),
                medium=line.control_number,
                result=line.result.value,
                how=seen_how.value,
                serial=serial,
                seal=seal,
                discrepancy=line.discrepancy,
            )
        view = line_view(line, repeated=not changed)
        uow.commit()
    return view


def _mark(
    uow: UnitOfWork,
    inspection: Inspection,
    medium: Medium | None,
    number: str,
    serial: str,
    seal: str,
) -> tuple[InspectionLine, bool]:
    """The line this sighting concerns, and whether it changed (False: seen before)."""
    session = uow.session
    if medium is None:  # not in the register at all
        existing = session.scalars(
            select(InspectionLine).where(
                InspectionLine.inspection_id == inspection.id,
                InspectionLine.medium_id.is_(None),
                InspectionLine.control_number == number,
                InspectionLine.serial_seen == serial,
                InspectionLine.seal_seen == seal,
            )
        ).first()
        if existing is not None:
            return existing, False
        line = InspectionLine(
            inspection_id=inspection.id,
            control_number=number,
            result=LineResult.UNEXPECTED,
            discrepancy="",
            note="",
        )
        session.add(line)
        return line, True
    found = session.scalars(
        select(InspectionLine).where(
            InspectionLine.inspection_id == inspection.id, InspectionLine.medium_id == medium.id
        )
    ).one_or_none()
    wrong_seal = bool(seal) and seal != medium.seal_number
    if found is not None and found.result is not None:
        if found.discrepancy == SEAL_MISMATCH and seal and not wrong_seal:
            found.discrepancy = ""  # the seal re-checked: a typo, not a finding
            return found, True
        return found, False
    if found is not None:
        line = found
    else:
        # Not in the snapshot: in custody no more (it turned up although lost, destroyed
        # or retired: unexpected), or registered after the start (a normal line).
        line = InspectionLine(
            inspection_id=inspection.id,
            medium_id=medium.id,
            control_number=medium.control_number,
            medium_kind=medium.kind,
            register_state=medium.state,
            discrepancy="",
            note="",
            expected=None if medium.state in NOT_EXPECTED else _expectation(medium.state),
        )
        session.add(line)
    if line.expected is None:
        line.result, line.discrepancy = LineResult.UNEXPECTED, NOT_IN_CUSTODY
    else:
        line.result = LineResult.FOUND
        line.discrepancy = (
            SEAL_MISMATCH
            if wrong_seal
            else EXPECTED_ON_LOAN
            if line.expected is Expectation.ON_LOAN
            else ""
        )
    return line, True


# --- finish ---------------------------------------------------------------------------


def finish_inspection(
    ledger: Ledger, actor: Actor, inspection_id: int, notes: str | None = None
) -> InspectionReport:
    """Close the inspection: unseen media expected present are missing, unseen media
    out on loan are on loan. The trail entry's hash goes on the printed record."""
    _inspector(actor)
    with ledger.unit_of_work() as uow:
        inspection = _lock(uow, inspection_id)
        for line in inspection.lines:
            if line.result is None:
                line.result = (
                    LineResult.ON_LOAN
                    if line.expected is Expectation.ON_LOAN
                    else LineResult.MISSING
                )
        if notes is not None:
            inspection.notes = _checked_note(notes, "notes")
        check_inspection_transition(inspection.state, InspectionState.FINISHED, inspection.number)
        inspection.state = InspectionState.FINISHED
        inspection.finished_at = uow.now()
        uow.session.flush()
        report = report_of(inspection_view(uow.session, inspection))
        entry = uow.record(
            actor,
            "inspection.finished",
            _subject(inspection),
            found=report.found,
            missing=report.missing,
            on_loan=report.on_loan,
            unexpected=report.unexpected,
            discrepancies=len(report.discrepancies),
            missing_media=list(report.missing_media),
        )
        inspection.finish_seq = entry.seq
        uow.commit()
    return report_of(show_inspection(ledger, inspection_id))
