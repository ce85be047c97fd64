"""Hole 12: trail entries named the operator but not the desk, and failed logins did not
say where they were typed. Each entry now records the desk (host and configured desk
name, in its hash), and on PostgreSQL the desk is the connection's application_name."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ledger_tui.config import Settings
from ledger_tui.db.models import AuditEntry
from ledger_tui.domain.errors import AuthError
from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import ADMIN_PASSWORD, FakeClock
from tests.security.forgery import execute


def test_each_entry_names_its_desk(db_url: str, key_dir: Path, clock: FakeClock) -> None:
    environ = {"LEDGER_TUI_DESK": " 窓口1 ", "LEDGER_TUI_KEY_DIR": str(key_dir)}
    settings = Settings.resolve(db=db_url, environ=environ)
    ledger = open_ledger(db_url, key_dir, settings=settings, clock=clock)
    try:
        auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
        with pytest.raises(AuthError):
            auth.login(ledger, "admin", "wrong-password-000")
        with ledger.read_session() as session:
            desks = {a: d for a, d in session.execute(select(AuditEntry.action, AuditEntry.desk))}
        desk = f"{socket.gethostname()}/窓口1"
        assert desks["auth.failed"] == desk and desks["ledger.created"] == desk
        assert verify_trail(ledger).ok
        execute(ledger, "UPDATE audit_entries SET desk = 'elsewhere' WHERE action = 'auth.failed'")
        assert verify_trail(ledger).reason == "audit.bad.hash"  # the desk is in the hash
        if ledger.dialect == "postgresql":
            with ledger.engine.connect() as conn:
                name = conn.execute(text("SELECT current_setting('application_name')")).scalar()
            assert name == f"ledger-tui {socket.gethostname()}/\\u7a93\\u53e31"
    finally:
        ledger.engine.dispose()
