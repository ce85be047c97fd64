"""Keyset paging over the ledgers that grow to a million rows.

Screens never load a whole ledger: they ask for the rows after (or before) the key of
the last (first) row they show, with an optional text filter served by the search
index. Each pager knows its order and its key; nothing here imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Engine, Row, Select, func, select
from sqlalchemy.orm import Session

from ledger_tui.db import search
from ledger_tui.db.models import AuditEntry, Medium

K = TypeVar("K")


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


R = TypeVar("R", MediaRow, TrailRow)


class KeysetPager(Generic[R]):
    """Rows in a fixed order, fetched a page at a time by key, optionally filtered."""

    def __init__(self, engine: Engine, needle: str = "") -> None:
        self.engine = engine
        self.needle = needle.strip()

    # subclasses define the query, the order and the row conversion
    def _base(self) -> Select[Any]:
        raise NotImplementedError

    def _after(self, stmt: Select[Any], key: Any | None, forward: bool) -> Select[Any]:
        raise NotImplementedError

    def _row(self, row: Row[Any]) -> R:
        raise NotImplementedError

    def _filtered(self, stmt: Select[Any]) -> Select[Any]:
        raise NotImplementedError

    def page_after(self, key: Any | None, limit: int) -> list[R]:
        """The first `limit` rows after `key` (from the start when `key` is None)."""
        return self._fetch(key, limit, forward=True)

    def page_before(self, key: Any | None, limit: int) -> list[R]:
        """The `limit` rows just before `key` (the last rows when `key` is None), in order."""
        return list(reversed(self._fetch(key, limit, forward=False)))

    def count(self) -> int:
        stmt = select(func.count()).select_from(self._filtered(self._base()).subquery())
        with Session(self.engine) as session:
            return int(session.scalar(stmt) or 0)

    def _fetch(self, key: Any | None, limit: int, forward: bool) -> list[R]:
        stmt = self._after(self._filtered(self._base()), key, forward).limit(limit)
        with Session(self.engine) as session:
            return [self._row(row) for row in session.execute(stmt)]


class MediaPager(KeysetPager[MediaRow]):
    """The media register in control-number order."""

    def _base(self) -> Select[Any]:
        return select(
            Medium.control_number, Medium.kind, Medium.state, Medium.vendor, Medium.model,
            Medium.serial, Medium.location,
        )

    def _filtered(self, stmt: Select[Any]) -> Select[Any]:
        if not self.needle:
            return stmt
        return stmt.where(search.media_filter(self.engine.dialect.name, self.needle))

    def _after(self, stmt: Select[Any], key: Any | None, forward: bool) -> Select[Any]:
        column = Medium.control_number
        if key is not None:
            stmt = stmt.where(column > key if forward else column < key)
        return stmt.order_by(column.asc() if forward else column.desc())

    def _row(self, row: Row[Any]) -> MediaRow:
        return MediaRow(row[0], row[0], str(row[1].value), str(row[2].value), row[3], row[4],
                        row[5], row[6])


class TrailPager(KeysetPager[TrailRow]):
    """The audit trail, newest first ("after" means older)."""

    def _base(self) -> Select[Any]:
        return select(AuditEntry.seq, AuditEntry.recorded_at, AuditEntry.actor,
                      AuditEntry.action, AuditEntry.subject, AuditEntry.details)

    def _filtered(self, stmt: Select[Any]) -> Select[Any]:
        if not self.needle:
            return stmt
        return stmt.where(search.audit_filter(self.engine.dialect.name, self.needle))

    def _after(self, stmt: Select[Any], key: Any | None, forward: bool) -> Select[Any]:
        column = AuditEntry.seq
        if key is not None:
            stmt = stmt.where(column < key if forward else column > key)
        return stmt.order_by(column.desc() if forward else column.asc())

    def _fetch(self, key: Any | None, limit: int, forward: bool) -> list[TrailRow]:
        if forward and self.needle and self.engine.dialect.name == "sqlite":
            # Walk the FTS index newest-first instead of materialising every match.
            seqs = search.audit_matching_seqs(self.needle, key, limit)
            if seqs is not None:
                stmt = self._base().where(AuditEntry.seq.in_(seqs)).order_by(
                    AuditEntry.seq.desc()
                )
                with Session(self.engine) as session:
                    return [self._row(row) for row in session.execute(stmt)]
        return super()._fetch(key, limit, forward)

    def _row(self, row: Row[Any]) -> TrailRow:
        return TrailRow(row[0], row[0], row[1], row[2], row[3], row[4], row[5])

