"""Fixtures of the compliance tests: `compliance_world` on the parametrized ledger (SQLite
and PostgreSQL), `sqlite_world` for tests whose subject is not the database (paper, CLI,
screens), and the printing fixtures (PDF tools, the CUPS test printer)."""

from __future__ import annotations

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services import auth
from tests.compliance.world import World, build_world
from tests.conftest import ADMIN_PASSWORD
from tests.printing.conftest import pdf_tools, save_pdf, test_printer  # noqa: F401


@pytest.fixture
def compliance_world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


@pytest.fixture
def sqlite_world(sqlite_ledger: Ledger) -> World:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    return build_world(sqlite_ledger, admin)
