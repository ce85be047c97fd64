"""The first-run probe: an embedded ledger without an administrator is known before
SQLAlchemy loads (no login screen flashes before the set-up)."""

from __future__ import annotations

from pathlib import Path

from ledger_tui.db.uow import Ledger
from ledger_tui.services import auth
from ledger_tui.system.first_run import embedded_ledger_without_admin
from tests.conftest import ADMIN_PASSWORD


def test_probe(sqlite_ledger: Ledger, tmp_path: Path) -> None:
    url = str(sqlite_ledger.engine.url)
    assert embedded_ledger_without_admin(f"sqlite:///{tmp_path / 'none.sqlite3'}")
    assert embedded_ledger_without_admin(url)  # created, no administrator yet
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    assert not embedded_ledger_without_admin(url)
    assert not embedded_ledger_without_admin("postgresql://desk@localhost/ledger")
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database at all" * 100)
    assert not embedded_ledger_without_admin(f"sqlite:///{broken}")
