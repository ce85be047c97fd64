"""The audit trail: one entry per action in the same transaction, and every kind of
tampering detected by `verify_trail` (edit, deletion, insertion, reordering, truncation)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import Conflict
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail


def _fill(ledger: Ledger, admin: Actor, n: int = 6) -> None:
    for i in range(n):
        media.register_medium(ledger, admin, media.MediumForm(f"税-USB-{i:03d}", serial=f"S{i}"))


def _exec(ledger: Ledger, sql: str, **params: object) -> None:
    with ledger.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_intact_chain_verifies(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    report = verify_trail(ledger)
    assert report.ok, report
    # ledger.created, first admin, 6 registrations
    assert report.entries == 8


def test_failed_action_leaves_no_entry(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin, 1)
    before = verify_trail(ledger).entries
    with pytest.raises(Conflict):
        media.register_medium(ledger, admin, media.MediumForm("税-USB-000"))
    assert verify_trail(ledger).entries == before


def test_edited_entry_is_named(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(ledger, "UPDATE audit_entries SET subject = 'medium:FORGED' WHERE seq = 5")
    report = verify_trail(ledger)
    assert not report.ok and report.first_bad_seq == 5 and report.reason == "audit.bad.hash"


def test_edited_details_are_detected(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(ledger, "UPDATE audit_entries SET details = '{}' WHERE seq = 4")
    assert verify_trail(ledger).first_bad_seq == 4


def test_deleted_entry_in_the_middle(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(ledger, "DELETE FROM audit_entries WHERE seq = 4")
    report = verify_trail(ledger)
    assert not report.ok and report.first_bad_seq == 4


def test_inserted_entry(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    # Make room and insert a forged entry with a plausible hash link.
    _exec(ledger, "UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 4")
    _exec(ledger, "UPDATE audit_entries SET seq = seq - 999 WHERE seq >= 1004")
    _exec(
        ledger,
        "INSERT INTO audit_entries (seq, recorded_at, actor, action, subject, details, "
        "prev_hash, entry_hash) SELECT 4, recorded_at, actor, action, 'medium:X', details, "
        "entry_hash, entry_hash FROM audit_entries WHERE seq = 3",
    )
    report = verify_trail(ledger)
    assert not report.ok and report.first_bad_seq == 4


def test_reordered_entries(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(ledger, "UPDATE audit_entries SET seq = 100 WHERE seq = 4")
    _exec(ledger, "UPDATE audit_entries SET seq = 4 WHERE seq = 5")
    _exec(ledger, "UPDATE audit_entries SET seq = 5 WHERE seq = 100")
    report = verify_trail(ledger)
    assert not report.ok and report.first_bad_seq == 4 and report.reason == "audit.bad.link"


def test_truncated_tail_is_detected_by_the_signed_head(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(ledger, "DELETE FROM audit_entries WHERE seq >= 7")
    report = verify_trail(ledger)
    assert not report.ok and report.reason == "audit.bad.head" and report.first_bad_seq == 7


def test_truncation_with_a_forged_head_fails_on_the_signature(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(ledger, "DELETE FROM audit_entries WHERE seq >= 7")
    _exec(
        ledger,
        "UPDATE audit_head SET seq = 6, entry_hash = "
        "(SELECT entry_hash FROM audit_entries WHERE seq = 6)",
    )
    report = verify_trail(ledger)
    assert not report.ok and report.reason == "audit.bad.signature"


def test_rewritten_chain_with_recomputed_hashes_fails_on_the_head(
    ledger: Ledger, admin: Actor
) -> None:
    """Someone with database access recomputes every hash after an edit: the head's
    HMAC (key outside the database) no longer matches."""
    from sqlalchemy import select

    from ledger_tui.db.models import AuditEntry
    from ledger_tui.domain import audit as chain

    _fill(ledger, admin)
    _exec(ledger, "UPDATE audit_entries SET subject = 'medium:FORGED' WHERE seq = 3")
    prev = chain.GENESIS_HASH
    with ledger.read_session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
    for e in entries:
        seq = e.seq
        digest = chain.entry_hash(
            seq,
            chain.canonical_time(e.recorded_at),
            e.actor,
            e.action,
            e.subject,
            e.details,
            prev,
            e.desk,
        )
        _exec(
            ledger,
            "UPDATE audit_entries SET prev_hash = :p, entry_hash = :h WHERE seq = :s",
            p=prev,
            h=digest,
            s=seq,
        )
        prev = digest
    _exec(ledger, "UPDATE audit_head SET entry_hash = :h", h=prev)
    report = verify_trail(ledger)
    assert not report.ok and report.reason == "audit.bad.signature"


def test_parallel_verification_agrees(ledger: Ledger, admin: Actor, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Ranges checked in separate processes find the same first fault as one pass."""
    import ledger_tui.services.trail.verify as audit_service

    monkeypatch.setattr(audit_service, "PARALLEL_MIN_ENTRIES", 1)
    _fill(ledger, admin, 10)
    assert verify_trail(ledger, workers=3).ok
    _exec(ledger, "UPDATE audit_entries SET action = 'x' WHERE seq = 9")
    for workers in (1, 3):
        report = verify_trail(ledger, workers=workers)
        assert (report.ok, report.first_bad_seq, report.reason) == (False, 9, "audit.bad.hash")
    _exec(ledger, "DELETE FROM audit_entries WHERE seq = 5")
    assert verify_trail(ledger, workers=3).first_bad_seq == 5


def test_appended_entry_without_head(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    _exec(
        ledger,
        "INSERT INTO audit_entries (seq, recorded_at, actor, action, subject, details, "
        "prev_hash, entry_hash) SELECT 9, recorded_at, actor, action, subject, details, "
        "entry_hash, entry_hash FROM audit_entries WHERE seq = 8",
    )
    report = verify_trail(ledger)
    assert not report.ok and report.first_bad_seq == 9
