"""Keyset paging over the ledgers that grow to a million rows.

Screens never load a whole ledger: they ask for the rows after (or before) the key of
the last (first) row they show, with an optional text filter served by the search
index. Each pager knows its order and its key; nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Generic, TypeAlias, TypeVar

from sqlalchemy import Engine, Row, Select, func, literal, select, tuple_
from sqlalchemy.orm import Session

from ledger_tui.db import search
from ledger_tui.db.base import UTCDateTime
from ledger_tui.db.models import AuditEntry, Contract, HandlerDesignation, HandoverSlip, Medium
from ledger_tui.domain.clock import local_zone
from ledger_tui.domain.form_series import HANDOVER_SLIP
from ledger_tui.domain.media import normalise_control_number
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.i18n import t

K = TypeVar("K")
#: SQLAlchemy 2.1 types a select by its column types; pagers mix any columns.
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"
AnyRow: TypeAlias = "Row[*tuple[Any, ...]]"


@dataclass(frozen=True, slots=True)
class MediaRow:
    key: str
    control_number: str
    kind: str
    state: str
    vendor: str
    model: str
    serial: str
    location: str


@dataclass(frozen=True, slots=True)
class TrailRow:
    key: int
    seq: int
    recorded_at: Any
    actor: str
    action: str
    subject: str
    details: str


@dataclass(frozen=True, slots=True)
class SlipRow:
    key: tuple[datetime, int]
    id: int
    number: str
    direction: str
    state: str
    handed_at: datetime
    control_number: str
    contract_title: str
    handler_name: str
    record_count: int
    count_mismatch: bool
    cancels_slip_id: int | None


R = TypeVar("R", MediaRow, TrailRow, SlipRow)


class KeysetPager(Generic[R]):
    """Rows in a fixed order, fetched a page at a time by key, optionally filtered."""

    def __init__(self, engine: Engine, needle: str = "") -> None:
        self.engine = engine
        self.needle = needle.strip()

    # subclasses define the query, the order and the row conversion
    def _base(self) -> AnySelect:
        raise NotImplementedError

    def _after(self, stmt: AnySelect, key: Any | None, forward: bool) -> AnySelect:
        raise NotImplementedError

    def _row(self, row: AnyRow) -> R:
        raise NotImplementedError

    def _filtered(self, stmt: AnySelect) -> AnySelect:
        raise NotImplementedError

    def page_after(self, key: Any | None, limit: int) -> list[R]:
        """The first `limit` rows after `key` (from the start when `key` is None)."""
        return self._fetch(key, limit, forward=True)

    def page_before(self, key: Any | None, limit: int) -> list[R]:
        """The `limit` rows just before `key` (the last rows when `key` is None), in order."""
        return list(reversed(self._fetch(key, limit, forward=False)))

    def count(self, cap: int | None = None) -> int:
        """The number of rows matching the filter; with `cap`, counting stops after
        `cap + 1` rows (a result above `cap` means "more than `cap`"), so a count of a
        common needle costs no more than a page or so of index reads."""
        rows = self._filtered(self._base())
        if cap is not None:
            rows = rows.limit(cap + 1)
        stmt = select(func.count()).select_from(rows.subquery())
        with Session(self.engine) as session:
            return int(session.scalar(stmt) or 0)

    def _fetch(self, key: Any | None, limit: int, forward: bool) -> list[R]:
        stmt = self._after(self._filtered(self._base()), key, forward).limit(limit)
        with Session(self.engine) as session:
            return [self._row(row) for row in session.execute(stmt)]


class MediaPager(KeysetPager[MediaRow]):
    """The media register in control-number order."""

    def _base(self) -> AnySelect:
        return select(
            Medium.control_number,
            Medium.kind,
            Medium.state,
            Medium.vendor,
            Medium.model,
            Medium.serial,
            Medium.location,
        )

    def _filtered(self, stmt: AnySelect) -> AnySelect:
        if not self.needle:
            return stmt
        return stmt.where(search.media_filter(self.engine.dialect.name, self.needle))

    def _after(self, stmt: AnySelect, key: Any | None, forward: bool) -> AnySelect:
        column = Medium.control_number
        if key is not None:
            stmt = stmt.where(column > key if forward else column < key)
        return stmt.order_by(column.asc() if forward else column.desc())

    def _row(self, row: AnyRow) -> MediaRow:
        return MediaRow(
            row[0], row[0], str(row[1].value), str(row[2].value), row[3], row[4], row[5], row[6]
        )


class TrailPager(KeysetPager[TrailRow]):
    """The audit trail, newest first ("after" means older)."""

    def _base(self) -> AnySelect:
        return select(
            AuditEntry.seq,
            AuditEntry.recorded_at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.subject,
            AuditEntry.details,
        )

    def _filtered(self, stmt: AnySelect) -> AnySelect:
        if not self.needle:
            return stmt
        return stmt.where(search.audit_filter(self.engine.dialect.name, self.needle))

    def _after(self, stmt: AnySelect, key: Any | None, forward: bool) -> AnySelect:
        column = AuditEntry.seq
        if key is not None:
            stmt = stmt.where(column < key if forward else column > key)
        return stmt.order_by(column.desc() if forward else column.asc())

    def _fetch(self, key: Any | None, limit: int, forward: bool) -> list[TrailRow]:
        if forward and self.needle and self.engine.dialect.name == "sqlite":
            # Walk the FTS index newest-first instead of materialising every match.
            seqs = search.audit_matching_seqs(self.needle, key, limit)
            if seqs is not None:
                stmt = self._base().where(AuditEntry.seq.in_(seqs)).order_by(AuditEntry.seq.desc())
                with Session(self.engine) as session:
                    return [self._row(row) for row in session.execute(stmt)]
        return super()._fetch(key, limit, forward)

    def _row(self, row: AnyRow) -> TrailRow:
        return TrailRow(row[0], row[0], row[1], row[2], row[3], row[4], row[5])


@dataclass(frozen=True, slots=True)
class SlipFilter:
    """The slip ledger's filters; each is served by an index on handover_slips.
    Dates are local (Tokyo) calendar days, both ends included."""

    control_number: str = ""
    contract_id: int | None = None
    handler_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    number: str = ""
    direction: SlipDirection | None = None
    state: SlipState | None = None


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=local_zone()).astimezone(UTC)


def _transfer_label(method: Any, loan_id: int) -> str:
    """What names a slip without a medium in the ledger (メール送付 No.12)."""
    return t(f"transfer.channel.{method.value}", number=loan_id)


class SlipPager(KeysetPager[SlipRow]):
    """The slip ledger, newest hand-over first ("after" means older), keyed by
    (handed_at, id). `needle` is a slip number as typed or scanned."""

    def __init__(
        self, engine: Engine, needle: str = "", slip_filter: SlipFilter | None = None
    ) -> None:
        super().__init__(engine, needle)
        self.slip_filter = slip_filter or SlipFilter()

    def _base(self) -> AnySelect:
        return (
            select(
                HandoverSlip.handed_at,
                HandoverSlip.id,
                HandoverSlip.number,
                HandoverSlip.direction,
                HandoverSlip.state,
                Medium.control_number,
                Contract.title,
                HandlerDesignation.person_name,
                HandoverSlip.record_count,
                HandoverSlip.count_mismatch,
                HandoverSlip.cancels_slip_id,
                HandoverSlip.transfer_method,
                HandoverSlip.loan_id,
            )
            # A transfer without a medium has a slip too (e-mail, registered mail).
            .outerjoin(Medium, Medium.id == HandoverSlip.medium_id)
            .join(Contract, Contract.id == HandoverSlip.contract_id)
            .join(HandlerDesignation, HandlerDesignation.id == HandoverSlip.handler_id)
        )

    def _filtered(self, stmt: AnySelect) -> AnySelect:
        f = self.slip_filter
        number = self.needle or f.number
        if number:
            stmt = stmt.where(HandoverSlip.number == HANDOVER_SLIP.normalise(number))
        if f.control_number.strip():
            medium_id = (
                select(Medium.id)
                .where(Medium.control_number == normalise_control_number(f.control_number))
                .scalar_subquery()
            )
            stmt = stmt.where(HandoverSlip.medium_id == medium_id)
        if f.contract_id is not None:
            stmt = stmt.where(HandoverSlip.contract_id == f.contract_id)
        if f.handler_id is not None:
            stmt = stmt.where(HandoverSlip.handler_id == f.handler_id)
        if f.date_from is not None:
            stmt = stmt.where(HandoverSlip.handed_at >= _local_midnight_utc(f.date_from))
        if f.date_to is not None:
            stmt = stmt.where(
                HandoverSlip.handed_at < _local_midnight_utc(f.date_to + timedelta(days=1))
            )
        if f.direction is not None:
            stmt = stmt.where(HandoverSlip.direction == f.direction)
        if f.state is not None:
            stmt = stmt.where(HandoverSlip.state == f.state)
        return stmt

    def _after(self, stmt: AnySelect, key: Any | None, forward: bool) -> AnySelect:
        columns = tuple_(HandoverSlip.handed_at, HandoverSlip.id)
        if key is not None:
            bound = tuple_(literal(key[0], UTCDateTime()), literal(key[1]))
            stmt = stmt.where(columns < bound if forward else columns > bound)
        if forward:
            return stmt.order_by(HandoverSlip.handed_at.desc(), HandoverSlip.id.desc())
        return stmt.order_by(HandoverSlip.handed_at.asc(), HandoverSlip.id.asc())

    def _row(self, row: AnyRow) -> SlipRow:
        return SlipRow(
            (row[0], row[1]),
            row[1],
            row[2],
            str(row[3].value),
            str(row[4].value),
            row[0],
            row[5] if row[5] is not None else _transfer_label(row[11], row[12]),
            row[6],
            row[7],
            row[8],
            bool(row[9]),
            row[10],
        )
