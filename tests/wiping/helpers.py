"""Small tools of the wipe tests: trail entries, a byte flipped behind the engine's back,
and a stick taken through one lending cycle so that it comes back wipe pending."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Ledger
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.trail.verify import verify_trail
from tests.integration.lending_world import World


def trail(ledger: Ledger, action: str) -> list[dict[str, Any]]:
    """Details of every trail entry of `action`, oldest first, with subject and hash."""
    with ledger.read_session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        ).all()
        return [
            {
                **json.loads(e.details),
                "_subject": e.subject,
                "_hash": e.entry_hash,
                "_actor": e.actor,
            }
            for e in entries
        ]


def assert_trail_ok(ledger: Ledger) -> None:
    report = verify_trail(ledger)
    assert report.ok, report


def flip(backing: Path, offset: int) -> None:
    """Change one byte of the stick through its loop device's backing file."""
    with open(backing, "r+b") as handle:
        handle.seek(offset)
        old = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([old[0] ^ 0x01]))


def lent_and_returned(world: World, control_number: str) -> LoanView:
    """A blank stick lent to the servicer and taken back: loan back, medium wipe pending."""
    loan, _ = world.lend(control_number)
    world.take_back(loan.id)
    return loan
