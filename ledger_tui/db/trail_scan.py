"""Fast scan of the audit trail for verification.

The database builds each entry's canonical payload (the exact text `domain.audit`
hashes) and hands it over as bytes, so Python does one SHA-256 and two comparisons per
entry. Ranges of the trail can be checked in separate processes: each entry's hash
depends only on its own stored fields and stored `prev_hash`, and the links between
ranges are stitched afterwards.

A range is first checked the quick way: the sequence numbers are counted once (no gap:
as many entries as the span of their numbers) and each row brings only its payload, its
`prev_hash` and its hash. Anything that does not hold there (or an entry written between
the count and the scan) sends the range to the full check, which names the first bad
entry and why.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The canonical time is 'YYYY-MM-DDTHH:MM:SS.ffffff+00:00' (UTC, microseconds).
_PAYLOAD = {
    # SQLAlchemy stores SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC here).
    "sqlite": (
        "CAST(seq || char(30) || substr(recorded_at, 1, 10) || 'T' || "
        "substr(recorded_at, 12) || '+00:00' || char(30) || actor || char(30) || action || "
        "char(30) || subject || char(30) || details || char(30) || prev_hash || "
        "CASE WHEN desk = '' THEN '' ELSE char(30) || desk END AS BLOB)"
    ),
    "postgresql": (
        "convert_to(seq::text || chr(30) || to_char(recorded_at AT TIME ZONE 'UTC', "
        '\'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"\') || chr(30) || actor || chr(30) || '
        "action || chr(30) || subject || chr(30) || details || chr(30) || prev_hash || "
        "CASE WHEN desk = '' THEN '' ELSE chr(30) || desk END, 'UTF8')"
    ),
}

BATCH = 20_000


def _where(dialect: str, bounded: bool) -> str:
    where = " WHERE seq >= %(lo)s AND seq <= %(hi)s" if bounded else ""
    if dialect == "sqlite":
        where = where.replace("%(lo)s", ":lo").replace("%(hi)s", ":hi")
    return where


def scan_sql(dialect: str, bounded: bool) -> str:
    return (
        f"SELECT seq, {_PAYLOAD[dialect]}, prev_hash, entry_hash FROM audit_entries"
        f"{_where(dialect, bounded)} ORDER BY seq"
    )


def _quick_sql(dialect: str, bounded: bool) -> str:
    return (
        f"SELECT {_PAYLOAD[dialect]}, prev_hash, entry_hash FROM audit_entries"
        f"{_where(dialect, bounded)} ORDER BY seq"
    )


def _span_sql(dialect: str, bounded: bool) -> str:
    return f"SELECT min(seq), max(seq), count(*) FROM audit_entries{_where(dialect, bounded)}"


def _first_prev_sql(dialect: str) -> str:
    return "SELECT prev_hash FROM audit_entries WHERE seq = " + (
        ":lo" if dialect == "sqlite" else "%(lo)s"
    )


@dataclass(frozen=True, slots=True)
class RangeResult:
    """What one scanned range says: its first and last entries, and the first fault."""

    count: int
    first_seq: int | None
    first_prev: str | None
    last_seq: int | None
    last_hash: str | None
    bad_seq: int | None = None
    reason: str = ""


def check_rows(rows: Iterator[tuple[Any, ...]]) -> RangeResult:
    """Check hashes, sequence and links inside one range of rows (ordered by seq)."""
    sha = hashlib.sha256
    count = 0
    first_seq = first_prev = None
    expected_seq: int | None = None
    prev_hash: str | None = None
    for seq, payload, stored_prev, stored in rows:
        if expected_seq is None:
            first_seq, first_prev = seq, stored_prev
        else:
            if seq != expected_seq:
                bad = expected_seq if seq > expected_seq else seq
                return RangeResult(
                    count, first_seq, first_prev, expected_seq - 1, prev_hash, bad, "audit.bad.gap"
                )
            if stored_prev != prev_hash:
                return RangeResult(
                    count, first_seq, first_prev, expected_seq - 1, prev_hash, seq, "audit.bad.link"
                )
        if sha(bytes(payload)).hexdigest() != stored:
            return RangeResult(
                count, first_seq, first_prev, seq - 1, prev_hash, seq, "audit.bad.hash"
            )
        prev_hash = stored
        expected_seq = seq + 1
        count += 1
    last_seq = None if expected_seq is None else expected_seq - 1
    return RangeResult(count, first_seq, first_prev, last_seq, prev_hash)


def check_quick(
    span: tuple[Any, ...], batches: Iterator[list[tuple[Any, ...]]]
) -> RangeResult | None:
    """The range's result if every entry holds, else None (then run `check_rows`).
    `span`: the range's (first seq, last seq, count, first entry's prev_hash)."""
    first_seq, last_seq, total, first_prev = span
    if not total:
        return RangeResult(0, None, None, None, None)
    if last_seq - first_seq + 1 != total:
        return None  # a gap
    sha = hashlib.sha256
    prev_hash = first_prev
    count = 0
    for rows in batches:
        for payload, stored_prev, stored in rows:
            if stored_prev != prev_hash or sha(payload).hexdigest() != stored:
                return None
            prev_hash = stored
        count += len(rows)
    if count != total:
        return None  # written to between the count and the scan
    return RangeResult(count, first_seq, first_prev, last_seq, prev_hash)


def _batches(cursor: Any) -> Iterator[list[tuple[Any, ...]]]:
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return
        yield rows


def fetch_batches(cursor: Any) -> Iterator[tuple[Any, ...]]:
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return
        yield from rows


def check_range_sqlite(path: str, lo: int, hi: int) -> RangeResult:
    """Process-pool entry point for SQLite: open the file read-only and check a range."""
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return check_with_connection(connection, "sqlite", lo, hi)
    finally:
        connection.close()


def check_with_connection(
    raw_connection: Any, dialect: str, lo: int | None = None, hi: int | None = None
) -> RangeResult:
    """Check the range (the whole trail when no bounds are given): quickly, and in full
    when the quick check finds anything wrong."""
    bounded = lo is not None and hi is not None
    params = {"lo": lo, "hi": hi} if bounded else None
    cursor = raw_connection.cursor()
    try:
        _execute(cursor, _span_sql(dialect, bounded), params)
        first_seq, last_seq, total = cursor.fetchone()
        first_prev = None
        if total:
            cursor.execute(_first_prev_sql(dialect), {"lo": first_seq})
            (first_prev,) = cursor.fetchone()
    finally:
        cursor.close()
    span = (first_seq, last_seq, total, first_prev)
    quick = _scan(raw_connection, dialect, _quick_sql(dialect, bounded), params, span)
    if quick is None:
        quick = _scan(raw_connection, dialect, scan_sql(dialect, bounded), params, None)
    assert quick is not None
    return quick


def _execute(cursor: Any, sql: str, params: dict[str, Any] | None) -> None:
    if params is None:
        cursor.execute(sql)
    else:
        cursor.execute(sql, params)


def _scan(
    raw_connection: Any,
    dialect: str,
    sql: str,
    params: dict[str, Any] | None,
    span: tuple[Any, ...] | None,
) -> RangeResult | None:
    # A named (server-side) cursor on PostgreSQL streams instead of loading everything;
    # binary results hand the payload over as bytes, not as hex text to decode.
    cursor = (
        raw_connection.cursor(name="ledger_trail_scan", binary=True)
        if dialect == "postgresql"
        else raw_connection.cursor()
    )
    try:
        _execute(cursor, sql, params)
        if span is None:
            return check_rows(fetch_batches(cursor))
        return check_quick(span, _batches(cursor))
    finally:
        cursor.close()
