"""Audit trail verification and reading.

`verify_trail` walks the whole chain in sequence order and reports the first entry that
does not hold: a changed entry (its hash), a deleted, inserted or reordered one (the
link to its predecessor, or a gap in the sequence), or a truncated tail or rewritten
chain (the signed head).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, AuditHead
from ledger_tui.db.uow import Ledger
from ledger_tui.domain import audit as chain
from ledger_tui.domain.audit import ChainReport

_BATCH = 20_000


def _canonical_time(value: object) -> str:
    """The stored time in the canonical form the hash covers, for either dialect."""
    if isinstance(value, datetime):
        return chain.canonical_time(
            value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        )
    # SQLite hands back its stored text, 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC.
    text = str(value)
    if len(text) == 26 and text[10] == " ":
        return f"{text[:10]}T{text[11:]}+00:00"
    return chain.canonical_time(datetime.fromisoformat(text).replace(tzinfo=timezone.utc))


def _raw_rows(ledger: Ledger) -> Iterator[tuple[object, ...]]:
    """Stream (seq, recorded_at, actor, action, subject, details, prev_hash, entry_hash)
    through the DBAPI cursor: verification must reach 300k entries/s."""
    raw = ledger.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(
            "SELECT seq, recorded_at, actor, action, subject, details, prev_hash, entry_hash "
            "FROM audit_entries ORDER BY seq"
        )
        while True:
            rows = cursor.fetchmany(_BATCH)
            if not rows:
                break
            yield from rows
        cursor.close()
    finally:
        raw.close()


def verify_trail(ledger: Ledger) -> ChainReport:
    expected_prev = chain.GENESIS_HASH
    expected_seq = 1
    count = 0
    entry_hash = chain.entry_hash
    for seq, recorded_at, actor, action, subject, details, prev_hash, stored in _raw_rows(ledger):
        if seq != expected_seq:
            bad = expected_seq if seq > expected_seq else seq
            return ChainReport(count, False, int(bad), "audit.bad.gap")  # type: ignore[arg-type]
        if prev_hash != expected_prev:
            return ChainReport(count, False, int(seq), "audit.bad.link")  # type: ignore[arg-type]
        computed = entry_hash(int(seq), _canonical_time(recorded_at), str(actor), str(action),  # type: ignore[call-overload]
                              str(subject), str(details), str(prev_hash))
        if computed != stored:
            return ChainReport(count, False, int(seq), "audit.bad.hash")  # type: ignore[arg-type]
        expected_prev = computed
        expected_seq += 1
        count += 1
    return _check_head(ledger, count, expected_prev)


def _check_head(ledger: Ledger, count: int, last_hash: str) -> ChainReport:
    with ledger.read_session() as session:
        head = session.get(AuditHead, 1)
    if head is None:
        if count == 0:
            return ChainReport(0, True)
        return ChainReport(count, False, count, "audit.bad.no_head")
    if not chain.head_signature_ok(
        ledger.audit_key, ledger.ledger_id, head.seq, head.entry_hash, head.signature
    ):
        return ChainReport(count, False, head.seq, "audit.bad.signature")
    if head.seq != count or head.entry_hash != last_hash:
        # The signed head names the entry the trail must end with.
        first_bad = min(head.seq, count) + 1 if head.seq != count else head.seq
        return ChainReport(count, False, first_bad, "audit.bad.head")
    return ChainReport(count, True)


def report_message(report: ChainReport) -> tuple[str, dict[str, object]]:
    """Catalogue key and parameters describing a verification result."""
    if report.ok:
        return "audit.ok", {"entries": report.entries}
    return report.reason, {"seq": report.first_bad_seq}


@dataclass(frozen=True, slots=True)
class TrailEntry:
    seq: int
    recorded_at: datetime
    actor: str
    action: str
    subject: str
    details: str
    entry_hash: str


def entry_by_seq(ledger: Ledger, seq: int) -> TrailEntry | None:
    with ledger.read_session() as session:
        entry = session.get(AuditEntry, seq)
        return _row(entry) if entry else None


def latest_entry_for(ledger: Ledger, subject: str) -> TrailEntry | None:
    with ledger.read_session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.subject == subject)
            .order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        return _row(entry) if entry else None


def _row(entry: AuditEntry) -> TrailEntry:
    return TrailEntry(entry.seq, entry.recorded_at, entry.actor, entry.action, entry.subject,
                    entry.details, entry.entry_hash)
