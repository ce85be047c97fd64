"""The desk witness at open: a ledger behind what this desk has seen signed was rolled
back (an older copy put back, or its tail cut and an older head row replayed).

The alarm names both: what the desk saw and what the ledger now holds. It is silenced
only by an administrator's recorded recovery (`audit recover`, the deliberate act after a
restore from backup) whose entry records the gap below what this desk saw.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import DomainError, TrailBroken
from ledger_tui.services.trail.guard import RECOVERED
from ledger_tui.system.secrets.witness import Witness, WitnessDamaged


def attach_witness(ledger: Ledger, head: tuple[int, str] | None, *, check: bool) -> None:
    """Check the ledger's head against this desk's witness (when `check`), then let the
    witness follow every committed entry."""
    assert ledger.key_dir is not None
    witness = Witness(ledger.key_dir, ledger.ledger_id, ledger.audit_key)
    try:
        seen = witness.read()
    except WitnessDamaged as damaged:
        if check:
            raise DomainError("error.trail.witness_damaged", path=str(damaged.path)) from None
        seen = None
    if check and seen is not None and head is not None:
        stored = _hash_at(ledger, seen.seq)
        if stored != seen.entry_hash and not _recovered_below(ledger, seen.seq):
            key = "error.trail.rolled_back" if seen.seq > head[0] else "error.trail.witness_other"
            raise TrailBroken(
                key,
                path=str(witness.path),
                seen_seq=seen.seq,
                seen_hash=seen.entry_hash[:16],
                seen_at=seen.seen_at,
                head_seq=head[0],
                head_hash=head[1][:16],
                stored_hash=(stored or "-")[:16],
            )
        if stored != seen.entry_hash:  # a recorded recovery cut the trail below it
            witness.saw(head[0], head[1], force=True)
    ledger.witness = witness
    if check and head is not None and head[0] > 0:
        witness.saw(*head)


def _hash_at(ledger: Ledger, seq: int) -> str | None:
    with ledger.read_session() as session:
        return session.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == seq))


def _recovered_below(ledger: Ledger, seq: int) -> bool:
    """Has an administrator's recovery continued the trail from an entry before `seq`?"""
    with ledger.read_session() as session:
        rows = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == RECOVERED)
        ).all()
    return any(int(json.loads(row).get("last_seq") or 0) < seq for row in rows)
