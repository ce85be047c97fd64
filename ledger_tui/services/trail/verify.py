"""Audit trail verification and reading.

`verify_trail` walks the whole chain in sequence order and reports the first entry that
does not hold: a changed entry (its hash), a deleted, inserted or reordered one (the
link to its predecessor, or a gap in the sequence), or a truncated tail or rewritten
chain (the signed head).
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ledger_tui.db import trail_scan
from ledger_tui.db.engine import sqlite_path
from ledger_tui.db.models import AuditEntry, AuditHead
from ledger_tui.db.trail_scan import RangeResult
from ledger_tui.db.uow import Ledger
from ledger_tui.domain import audit as chain
from ledger_tui.domain.audit import ChainReport

PARALLEL_MIN_ENTRIES = 200_000


def verify_trail(ledger: Ledger, workers: int = 1) -> ChainReport:
    """Check every entry and the signed head. `workers` > 1 checks ranges of a large
    SQLite trail in separate processes (the CLI uses all cores).

    The entries and the head are read one after the other: a write landing in between
    (another desk, or this desk's own login) would look like a head that does not match
    the last entry. A failed check is therefore repeated when the head moved meanwhile."""
    report = _verify_once(ledger, workers)
    for _ in range(3):
        if report.ok:
            break
        before = _head_seq(ledger)
        report = _verify_once(ledger, workers)
        if _head_seq(ledger) == before:
            break
    return report


def _head_seq(ledger: Ledger) -> int | None:
    with ledger.read_session() as session:
        head = session.get(AuditHead, 1)
        return None if head is None else head.seq


def _verify_once(ledger: Ledger, workers: int) -> ChainReport:
    with ledger.engine.connect() as connection:
        lo, hi, total = connection.execute(
            select(func.min(AuditEntry.seq), func.max(AuditEntry.seq), func.count())
        ).one()
    if not total:
        return _check_head(ledger, 0, chain.GENESIS_HASH)
    path = sqlite_path(str(ledger.engine.url)) if ledger.dialect == "sqlite" else None
    if workers > 1 and path is not None and total >= PARALLEL_MIN_ENTRIES:
        results = _check_parallel(str(path), int(lo), int(hi), workers)
    else:
        raw = ledger.engine.raw_connection()
        try:
            results = [trail_scan.check_with_connection(raw.driver_connection, ledger.dialect)]
        finally:
            raw.close()
    return _stitch(ledger, results)


def _check_parallel(path: str, lo: int, hi: int, workers: int) -> list[RangeResult]:
    step = (hi - lo + workers) // workers
    bounds = [(start, min(hi, start + step - 1)) for start in range(lo, hi + 1, step)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=len(bounds), mp_context=context) as pool:
        futures = [pool.submit(trail_scan.check_range_sqlite, path, a, b) for a, b in bounds]
        return [future.result() for future in futures]


def _stitch(ledger: Ledger, results: list[RangeResult]) -> ChainReport:
    """Join range results in order: each range must start where the previous ended."""
    expected_seq, expected_prev, count = 1, chain.GENESIS_HASH, 0
    for result in results:
        if result.count == 0 and result.bad_seq is None:
            continue
        if result.first_seq != expected_seq:
            bad = min(expected_seq, result.first_seq or expected_seq)
            return ChainReport(count, False, bad, "audit.bad.gap")
        if result.first_prev != expected_prev:
            return ChainReport(count, False, expected_seq, "audit.bad.link")
        if result.bad_seq is not None:
            return ChainReport(count + result.count, False, result.bad_seq, result.reason)
        assert result.last_seq is not None and result.last_hash is not None
        expected_seq, expected_prev = result.last_seq + 1, result.last_hash
        count += result.count
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
            select(AuditEntry)
            .where(AuditEntry.subject == subject)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
        return _row(entry) if entry else None


def _row(entry: AuditEntry) -> TrailEntry:
    return TrailEntry(
        entry.seq,
        entry.recorded_at,
        entry.actor,
        entry.action,
        entry.subject,
        entry.details,
        entry.entry_hash,
    )
