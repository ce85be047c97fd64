"""Is this an embedded ledger without an administrator yet? Read with the standard
library's sqlite3 before SQLAlchemy loads, so that a new desk shows its first-run
set-up at once instead of a login screen that turns into it a moment later."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

_PREFIX = "sqlite:///"


def embedded_ledger_without_admin(db_url: str) -> bool:
    """True when `db_url` names an embedded SQLite ledger that does not exist yet, or
    has no administrator. False when it has one, for other databases, and whenever the
    file cannot be read (the ledger opening then says what is wrong)."""
    if not db_url.startswith(_PREFIX):
        return False
    path = Path(db_url[len(_PREFIX) :])
    if not path.exists():
        return True
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)) as db:
            tables = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'operators'"
            ).fetchone()
            if tables is None:
                return True
            admin = db.execute("SELECT 1 FROM operators WHERE role = 'admin' LIMIT 1").fetchone()
    except sqlite3.Error:
        return False
    return admin is None
