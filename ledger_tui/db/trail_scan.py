"""Fast scan of the audit trail for verification.

The database builds each entry's canonical payload (the exact text `domain.audit`
hashes) and hands it over as bytes, so Python does one SHA-256 and two comparisons per
entry. Ranges of the trail can be checked in separate processes: each entry's hash
depends only on its own stored fields and stored `prev_hash`, and the links between
ranges are stitched afterwards.
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


def scan_sql(dialect: str, bounded: bool) -> str:
    where = " WHERE seq >= %(lo)s AND seq <= %(hi)s" if bounded else ""
    if dialect == "sqlite":
        where = where.replace("%(lo)s", ":lo").replace("%(hi)s", ":hi")
    return (
        f"SELECT seq, {_PAYLOAD[dialect]}, prev_hash, entry_hash FROM audit_entries"
        f"{where} ORDER BY seq"
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
        cursor = connection.execute(scan_sql("sqlite", True), {"lo": lo, "hi": hi})
        return check_rows(fetch_batches(cursor))
    finally:
        connection.close()


def check_with_connection(
    raw_connection: Any, dialect: str, lo: int | None = None, hi: int | None = None
) -> RangeResult:
    # A named (server-side) cursor on PostgreSQL streams instead of loading everything.
    cursor = (
        raw_connection.cursor(name="ledger_trail_scan")
        if dialect == "postgresql"
        else raw_connection.cursor()
    )
    try:
        if lo is None or hi is None:
            cursor.execute(scan_sql(dialect, False))
        else:
            cursor.execute(scan_sql(dialect, True), {"lo": lo, "hi": hi})
        return check_rows(fetch_batches(cursor))
    finally:
        cursor.close()
