"""Helpers of the audit and incident tests: the lending world (a servicer contract with
designated handlers, three blank sticks, a CD-R and a paper case; a law firm's contract
ending in September), plus contracts made to measure and trail look-ups."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select, update

from ledger_tui.db.models import AuditEntry, Contract
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services import organisation
from tests.integration.lending_world import World, build_world, tokyo

__all__ = ["World", "add_contract", "build_world", "set_terms", "tokyo", "trail"]


def add_contract(ledger: Ledger, admin: Actor, title: str, start: date, end: date) -> int:
    """Another contract of the tax section with the servicer (the world's section)."""
    return organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title=title,
            section_code="TAX",
            contractor_name="株式会社東京サービサー",
            period_start=start,
            period_end=end,
        ),
    ).id


def set_terms(ledger: Ledger, contract_id: int, clauses: list[int]) -> None:
    """Give a contract other special terms (the sheet helper owns the service for it)."""
    with ledger.engine.begin() as conn:
        conn.execute(
            update(Contract).where(Contract.id == contract_id).values(special_terms=clauses)
        )


def close_contract(ledger: Ledger, contract_id: int) -> None:
    """Mark a contract closed behind the close-out service's back (tests only)."""
    with ledger.engine.begin() as conn:
        conn.execute(
            update(Contract).where(Contract.id == contract_id).values(closed_at=ledger.clock())
        )


def trail(ledger: Ledger, action: str) -> list[dict[str, Any]]:
    """Details of every trail entry of `action`, oldest first, with subject and hash."""
    with ledger.read_session() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        ).all()
        return [
            {**json.loads(e.details), "_subject": e.subject, "_hash": e.entry_hash, "_seq": e.seq}
            for e in entries
        ]
