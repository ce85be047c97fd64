"""The security tier: each test performs one attack by someone holding the database but
not the desk's key (SQL on the tables, an old copy put back) and shows it refused or
reported, on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.integration.test_cli import admin_cli, cli  # noqa: F401  (fixtures)
