"""The trail scan checks an intact trail the quick way (payload, link and hash per row,
the numbers counted once) and runs the full, naming check only when something is wrong."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from ledger_tui.db import trail_scan
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.register import media


class _Recording:
    """A DB-API connection that remembers the statements its cursors run."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.statements: list[str] = []

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        cursor = self.connection.cursor(*args, **kwargs)
        statements = self.statements

        class Cursor:
            def execute(self, sql: str, *params: Any) -> Any:
                statements.append(sql)
                return cursor.execute(sql, *params)

            def __getattr__(self, name: str) -> Any:
                return getattr(cursor, name)

        return Cursor()


def _scan(ledger: Ledger) -> tuple[trail_scan.RangeResult, list[str]]:
    raw = ledger.engine.raw_connection()
    try:
        recording = _Recording(raw.driver_connection)
        result = trail_scan.check_with_connection(recording, ledger.dialect)
        raw.rollback()
        return result, recording.statements
    finally:
        raw.close()


def _fill(ledger: Ledger, admin: Actor) -> None:
    for i in range(5):
        media.register_medium(ledger, admin, media.MediumForm(f"税-USB-{i:03d}", serial=f"S{i}"))


def test_an_intact_trail_is_checked_without_the_full_scan(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    result, statements = _scan(ledger)
    assert result.bad_seq is None and result.count == 7 and result.first_seq == 1
    assert trail_scan.scan_sql(ledger.dialect, False) not in statements


def test_a_changed_entry_sends_the_scan_to_the_full_check(ledger: Ledger, admin: Actor) -> None:
    _fill(ledger, admin)
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET subject = 'medium:FORGED' WHERE seq = 5"))
    result, statements = _scan(ledger)
    assert (result.bad_seq, result.reason) == (5, "audit.bad.hash")
    assert trail_scan.scan_sql(ledger.dialect, False) in statements
