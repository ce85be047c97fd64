"""What screens, the command line and the printed record read of an inspection (点検):
`InspectionView` with its `LineView`s and tallies, the finish `InspectionReport`, the
queries (the open inspection, one by id or number) and the dashboard's summary of the
last finished inspection.

While an inspection is open, a line not yet seen counts as *missing so far* if the
register expected the medium in the ward, and as *on loan* if it expected it out; the
finish makes those results final.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session, selectinload

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.models.inspections import Inspection, InspectionLine
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.form_series import INSPECTION
from ledger_tui.domain.inspections import Expectation, InspectionState, LineResult, SeenHow
from ledger_tui.domain.media import MediumKind, MediumState


@dataclass(frozen=True, slots=True)
class LineView:
    id: int
    medium_id: int | None
    #: "" for a stick or seal number the register does not know (see serial/seal_seen).
    control_number: str
    medium_kind: MediumKind | None
    register_state: MediumState | None
    expected: Expectation | None
    #: None while not yet seen in an open inspection.
    result: LineResult | None
    how: SeenHow | None
    serial_seen: str
    seal_seen: str
    seen_at: datetime | None
    discrepancy: str  # catalogue key, "" when none
    note: str
    #: Set by `record_seen` when the line had been seen already and nothing changed.
    repeated: bool = False

    @property
    def status(self) -> LineResult:
        """The result, or what an unseen line counts as while the inspection is open."""
        if self.result is not None:
            return self.result
        return LineResult.ON_LOAN if self.expected is Expectation.ON_LOAN else LineResult.MISSING

    @property
    def seen(self) -> bool:
        return self.seen_at is not None


def status_key(line: LineView) -> str:
    """Catalogue key of the line's status: an unseen line of an open inspection is
    "not yet seen", which the finish turns into "missing"."""
    if line.result is None and line.expected is not Expectation.ON_LOAN:
        return "insp.status.pending"
    return f"insp.status.{line.status.value}"


def counts_text_key(view_is_open: bool) -> str:
    return "insp.counts_open" if view_is_open else "insp.counts"


def tally(lines: tuple[LineView, ...]) -> dict[LineResult, int]:
    counts = {result: 0 for result in LineResult}
    for line in lines:
        counts[line.status] += 1
    return counts


@dataclass(frozen=True, slots=True)
class InspectionView:
    id: int
    number: str
    state: InspectionState
    inspector_login: str
    inspector_name: str
    inspector_section: str
    started_at: datetime
    finished_at: datetime | None
    notes: str
    lines: tuple[LineView, ...]
    counts: dict[LineResult, int] = field(default_factory=dict)
    #: Hash of the trail entry that finished it (printed in the QR code); "" while open.
    audit_hash: str = ""

    @property
    def is_open(self) -> bool:
        return self.state is InspectionState.OPEN

    def with_status(self, status: LineResult) -> list[LineView]:
        return [line for line in self.lines if line.status is status]

    @property
    def discrepancies(self) -> list[LineView]:
        return [line for line in self.lines if line.discrepancy]


@dataclass(frozen=True, slots=True)
class InspectionReport:
    """The finished inspection and what it found."""

    inspection: InspectionView
    found: int
    missing: int
    on_loan: int
    unexpected: int
    missing_media: tuple[str, ...]
    discrepancies: tuple[LineView, ...]


@dataclass(frozen=True, slots=True)
class LastInspection:
    """For the dashboard: when the last inspection finished and what it did not see."""

    number: str
    finished_on: date  # local date
    not_seen: tuple[str, ...]  # control numbers found missing


def line_view(line: InspectionLine, repeated: bool = False) -> LineView:
    return LineView(
        id=line.id,
        medium_id=line.medium_id,
        control_number=line.control_number,
        medium_kind=line.medium_kind,
        register_state=line.register_state,
        expected=line.expected,
        result=line.result,
        how=line.how,
        serial_seen=line.serial_seen,
        seal_seen=line.seal_seen,
        seen_at=line.seen_at,
        discrepancy=line.discrepancy,
        note=line.note,
        repeated=repeated,
    )


def _order(line: LineView) -> tuple[int, str, int]:
    # Problems first: unexpected, discrepancies, not seen; then on loan; then found.
    rank = {
        LineResult.UNEXPECTED: 0,
        LineResult.MISSING: 2,
        LineResult.ON_LOAN: 3,
        LineResult.FOUND: 4,
    }[line.status]
    if line.discrepancy and rank > 1:
        rank = 1
    return rank, line.control_number or line.serial_seen or line.seal_seen, line.id


def inspection_view(session: Session, inspection: Inspection) -> InspectionView:
    lines = tuple(sorted((line_view(line) for line in inspection.lines), key=_order))
    audit_hash = ""
    if inspection.finish_seq is not None:
        audit_hash = (
            session.scalar(
                select(AuditEntry.entry_hash).where(AuditEntry.seq == inspection.finish_seq)
            )
            or ""
        )
    inspector = inspection.inspector
    return InspectionView(
        id=inspection.id,
        number=inspection.number,
        state=inspection.state,
        inspector_login=inspector.login,
        inspector_name=inspector.name,
        inspector_section=inspector.section.name if inspector.section else "",
        started_at=inspection.started_at,
        finished_at=inspection.finished_at,
        notes=inspection.notes,
        lines=lines,
        counts=tally(lines),
        audit_hash=audit_hash,
    )


def report_of(view: InspectionView) -> InspectionReport:
    counts = view.counts
    missing = tuple(sorted(line.control_number for line in view.with_status(LineResult.MISSING)))
    return InspectionReport(
        inspection=view,
        found=counts[LineResult.FOUND],
        missing=counts[LineResult.MISSING],
        on_loan=counts[LineResult.ON_LOAN],
        unexpected=counts[LineResult.UNEXPECTED],
        missing_media=missing,
        discrepancies=tuple(view.discrepancies),
    )


def _load(session: Session, where: ColumnElement[bool]) -> Inspection | None:
    stmt = (
        select(Inspection)
        .where(where)
        .options(selectinload(Inspection.lines), selectinload(Inspection.inspector))
    )
    return session.scalars(stmt).one_or_none()


def show_inspection(ledger: Ledger, ref: int | str) -> InspectionView:
    """One inspection by id (an int, or digits) or by number (INSP-R7-0003, or R7-0003
    from older paper)."""
    text = str(ref).strip()
    where = (
        (Inspection.id == int(text))
        if text.isdigit()
        else (Inspection.number == INSPECTION.normalise(text))
    )
    with ledger.read_session() as session:
        inspection = _load(session, where)
        if inspection is None:
            raise NotFound("insp.error.not_found", ref=text)
        return inspection_view(session, inspection)


def open_inspection(ledger: Ledger) -> InspectionView | None:
    """The inspection in progress, for "continue"; None when there is none."""
    with ledger.read_session() as session:
        inspection = _load(session, Inspection.state == InspectionState.OPEN)
        return inspection_view(session, inspection) if inspection is not None else None


def last_inspection_summary(ledger: Ledger) -> LastInspection | None:
    """The date of the last finished inspection and the media it found missing."""
    with ledger.read_session() as session:
        last = session.execute(
            select(Inspection.id, Inspection.number, Inspection.finished_at)
            .where(Inspection.state == InspectionState.FINISHED)
            .order_by(Inspection.finished_at.desc(), Inspection.id.desc())
            .limit(1)
        ).first()
        if last is None:
            return None
        missing = session.scalars(
            select(InspectionLine.control_number)
            .where(
                InspectionLine.inspection_id == last.id, InspectionLine.result == LineResult.MISSING
            )
            .order_by(InspectionLine.control_number)
        ).all()
    assert last.finished_at is not None
    return LastInspection(last.number, local_date(last.finished_at), tuple(missing))


def repeated(view: LineView) -> LineView:
    return replace(view, repeated=True)
