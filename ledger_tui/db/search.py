"""Indexed text filters for the big ledgers: FTS5 trigram on SQLite, pg_trgm on PostgreSQL.

The search objects (FTS tables, trigram indexes) are created by raw SQL in migrations;
Alembic's model comparison skips them (`is_search_object`).
"""

from __future__ import annotations

from sqlalchemy import Column, ColumnElement, Integer, and_, column, literal_column, or_, text
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.selectable import TextualSelect

from ledger_tui.db.models import AuditEntry, Medium

SEARCH_TABLE_PREFIXES = ("media_fts", "audit_fts")
SEARCH_INDEXES = ("ix_media_search_trgm", "ix_audit_search_trgm")
MIN_TRIGRAM = 3
_ROWID = column("rowid", Integer)

MEDIA_TEXT_COLUMNS: tuple[InstrumentedAttribute[str], ...] = (
    Medium.control_number,
    Medium.vendor,
    Medium.model,
    Medium.serial,
    Medium.location,
    Medium.seal_number,
    Medium.notes,
)
AUDIT_TEXT_COLUMNS: tuple[InstrumentedAttribute[str], ...] = (
    AuditEntry.actor,
    AuditEntry.action,
    AuditEntry.subject,
)


def is_search_object(type_: str, name: str | None) -> bool:
    if name is None:
        return False
    if type_ == "table":
        return name.startswith(SEARCH_TABLE_PREFIXES)
    if type_ == "index":
        return name in SEARCH_INDEXES
    return False


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _fts_phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _like_any(columns: tuple[InstrumentedAttribute[str], ...], needle: str) -> ColumnElement[bool]:
    pattern = f"%{_escape_like(needle)}%"
    return or_(*(column.ilike(pattern, escape="\\") for column in columns))


def _qualified_name(attribute: InstrumentedAttribute[str]) -> str:
    column = attribute.expression
    assert isinstance(column, Column)
    return f"{column.table.name}.{column.name}"


def _pg_concat(columns: tuple[InstrumentedAttribute[str], ...]) -> ColumnElement[str]:
    # Must match the indexed expression in the migration exactly.
    names = " || ' ' || ".join(_qualified_name(c) for c in columns)
    return literal_column(f"({names})")


def media_filter(dialect: str, needle: str) -> ColumnElement[bool]:
    needle = needle.strip()
    if dialect == "sqlite" and len(needle) >= MIN_TRIGRAM:
        return Medium.id.in_(
            text("SELECT rowid FROM media_fts WHERE media_fts MATCH :media_q")
            .bindparams(media_q=_fts_phrase(needle))
            .columns(_ROWID)
        )
    if dialect == "postgresql":
        return _pg_concat(MEDIA_TEXT_COLUMNS).ilike(f"%{_escape_like(needle)}%", escape="\\")
    return _like_any(MEDIA_TEXT_COLUMNS, needle)


def audit_matching_seqs(needle: str, below: int | None, limit: int) -> TextualSelect | None:
    """SQLite only: the newest `limit` matching seqs below `below`, straight from FTS5,
    which walks its doclists in rowid order (no materialised match set)."""
    needle = needle.strip()
    if len(needle) < MIN_TRIGRAM:
        return None
    bound = "AND rowid < :below " if below is not None else ""
    clause = text(
        "SELECT rowid FROM audit_fts WHERE audit_fts MATCH :audit_q "
        f"{bound}ORDER BY rowid DESC LIMIT :audit_limit"
    )
    params: dict[str, object] = {"audit_q": _fts_phrase(needle), "audit_limit": limit}
    if below is not None:
        params["below"] = below
    return clause.bindparams(**params).columns(_ROWID)


def audit_filter(dialect: str, needle: str) -> ColumnElement[bool]:
    needle = needle.strip()
    if dialect == "postgresql":
        return _pg_concat(AUDIT_TEXT_COLUMNS).ilike(f"%{_escape_like(needle)}%", escape="\\")
    if dialect == "sqlite" and len(needle) >= MIN_TRIGRAM:
        return AuditEntry.seq.in_(
            text("SELECT rowid FROM audit_fts WHERE audit_fts MATCH :audit_q")
            .bindparams(audit_q=_fts_phrase(needle))
            .columns(_ROWID)
        )
    return and_(_like_any(AUDIT_TEXT_COLUMNS, needle))
