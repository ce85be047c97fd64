"""The administrator's recovery of a broken trail: a deliberate act, recorded in it.

When the head does not hold (its signature, or the entry it names), no write appends to
the trail. An administrator who has looked at `audit verify` records the recovery: the
trail continues from the last stored entry, and the first entry after it,
`audit.recovered`, says who, why, the old head, the last entry and what verification
found. A fault inside the chain stays where it is: `audit verify` keeps naming it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, AuditHead
from ledger_tui.db.uow import Ledger
from ledger_tui.domain import audit as chain
from ledger_tui.domain.errors import Conflict, InvalidInput
from ledger_tui.services import auth
from ledger_tui.services.trail.guard import RECOVERED
from ledger_tui.services.trail.verify import verify_trail


@dataclass(frozen=True, slots=True)
class Recovery:
    seq: int
    old_head_seq: int | None
    last_seq: int
    fault: str
    fault_seq: int | None


def recover_trail(ledger: Ledger, login: str, password: str, reason: str) -> Recovery:
    """Continue a broken trail from its last stored entry (an administrator, by name and
    password; a wrong password counts towards the lockout but cannot be recorded)."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("error.trail.reason_required", field="reason")
    report = verify_trail(ledger)
    with ledger.unit_of_work(recovery=True) as uow:
        actor = auth.authenticate_unrecorded(uow, login, password)
        auth.require_admin(actor)
        head = uow.session.get(AuditHead, 1, with_for_update=True)
        last = uow.last_entry() or (0, chain.GENESIS_HASH)
        head_ok = head is not None and chain.head_signature_ok(
            ledger.audit_key, ledger.ledger_id, head.seq, head.entry_hash, head.signature
        )
        old = (head.seq, head.entry_hash) if head is not None else None
        # What this desk had seen signed: after a restore from backup, the gap.
        seen = ledger.witness.seen() if ledger.witness is not None else None
        behind = (
            seen is not None
            and uow.session.scalar(select(AuditEntry.entry_hash).where(AuditEntry.seq == seen[0]))
            != seen[1]
        )
        if report.ok and head_ok and old == last and not behind:
            raise Conflict("error.trail.nothing_to_recover")
        uow.rebase_head(*last)
        entry = uow.record(
            actor,
            RECOVERED,
            f"ledger:{ledger.ledger_id}",
            reason=reason,
            old_head_seq=old[0] if old else None,
            old_head_hash=old[1] if old else None,
            old_head_signature_ok=head_ok,
            last_seq=last[0],
            last_hash=last[1],
            fault=report.reason or None,
            fault_seq=report.first_bad_seq,
            checked_entries=report.entries,
            witness_seq=seen[0] if seen else None,
            witness_hash=seen[1] if seen else None,
            lost_entries=max(0, seen[0] - last[0]) if seen else None,
        )
        uow.commit()
    ledger.trail_fault = None
    return Recovery(
        entry.seq, old[0] if old else None, last[0], report.reason, report.first_bad_seq
    )
