"""Forgeries of the audit trail by SQL, as an attacker with database access but no key."""

from __future__ import annotations

from sqlalchemy import select, text

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain import audit as chain
from ledger_tui.services.register import media


def fill(ledger: Ledger, actor: Actor, n: int) -> None:
    for i in range(n):
        media.register_medium(ledger, actor, media.MediumForm(f"税-USB-{i:03d}", serial=f"S{i}"))


def execute(ledger: Ledger, sql: str, **params: object) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(text(sql), params)


def rechain(ledger: Ledger) -> tuple[int, str]:
    """Recompute every entry's link and hash in seq order; returns the new last entry."""
    prev = chain.GENESIS_HASH
    with ledger.read_session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    last = 0
    for e in entries:
        digest = chain.entry_hash(
            e.seq,
            chain.canonical_time(e.recorded_at),
            e.actor,
            e.action,
            e.subject,
            e.details,
            prev,
        )
        execute(
            ledger,
            "UPDATE audit_entries SET prev_hash = :p, entry_hash = :h WHERE seq = :s",
            p=prev,
            h=digest,
            s=e.seq,
        )
        prev, last = digest, e.seq
    return last, prev


def delete_and_renumber(ledger: Ledger, first: int, last: int) -> None:
    """Delete entries first..last and close the gap (the later entries move down)."""
    gone = last - first + 1
    execute(ledger, "DELETE FROM audit_entries WHERE seq BETWEEN :a AND :b", a=first, b=last)
    # Two steps so the primary key never collides.
    execute(ledger, "UPDATE audit_entries SET seq = seq + 1000000 WHERE seq > :b", b=last)
    execute(
        ledger,
        "UPDATE audit_entries SET seq = seq - 1000000 - :n WHERE seq > 1000000",
        n=gone,
    )


def launder(ledger: Ledger) -> None:
    """Delete entries 60-69, renumber, recompute every hash, point the head row at the
    new last entry (its signature cannot be recomputed without the key)."""
    delete_and_renumber(ledger, 60, 69)
    seq, digest = rechain(ledger)
    execute(ledger, "UPDATE audit_head SET seq = :s, entry_hash = :h", s=seq, h=digest)


def rechain_keeping_head(ledger: Ledger) -> None:
    """Delete 60-69, renumber and recompute, but leave the (validly signed) head alone."""
    delete_and_renumber(ledger, 60, 69)
    rechain(ledger)


def truncate_tail(ledger: Ledger) -> None:
    execute(ledger, "DELETE FROM audit_entries WHERE seq > 65")


def append_forged(ledger: Ledger) -> None:
    """A forged entry after the last one, correctly chained, head not updated."""
    with ledger.read_session() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
        seq, prev, moment = last.seq + 1, last.entry_hash, last.recorded_at
    digest = chain.entry_hash(
        seq, chain.canonical_time(moment), "admin", "medium.registered", "medium:X", "{}", prev
    )
    execute(
        ledger,
        "INSERT INTO audit_entries (seq, recorded_at, actor, action, subject, details, "
        "prev_hash, entry_hash) SELECT :s, recorded_at, 'admin', 'medium.registered', "
        "'medium:X', '{}', :p, :h FROM audit_entries WHERE seq = :last",
        s=seq,
        p=prev,
        h=digest,
        last=seq - 1,
    )


def delete_head(ledger: Ledger) -> None:
    execute(ledger, "DELETE FROM audit_head")


FORGERIES = {
    "launder": launder,
    "rechain_keeping_head": rechain_keeping_head,
    "truncate_tail": truncate_tail,
    "append_forged": append_forged,
    "delete_head": delete_head,
}
