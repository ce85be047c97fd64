"""A cheap change mark of the whole ledger: the sequence of the trail's head. Every
committed action appends to the trail in its own transaction, so the mark moves exactly
when something was committed, by this desk or another; a desk polls it every few seconds
and refreshes what it shows when it moved."""

from __future__ import annotations

from sqlalchemy import select

from ledger_tui.db.models import AuditHead
from ledger_tui.db.uow import Ledger


def change_mark(ledger: Ledger) -> int:
    """The trail head's sequence (0 on an empty trail): one row, one index lookup."""
    with ledger.read_session() as session:
        return session.scalar(select(AuditHead.seq).limit(1)) or 0
