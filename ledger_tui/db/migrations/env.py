"""Alembic environment: runs on the engine handed over by `ledger_tui.db.migrate`."""

from __future__ import annotations

from typing import Any

from alembic import context

from ledger_tui.db import models  # noqa: F401  (registers the tables)
from ledger_tui.db.base import Base
from ledger_tui.db.search import is_search_object

target_metadata = Base.metadata


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    # Full-text search objects are dialect-specific and made by raw SQL in migrations.
    return not is_search_object(type_, name)


def _sqlite_foreign_keys(connection: Any, on: bool) -> None:
    """Outside any transaction (SQLite ignores the pragma inside one), on the driver's
    connection: SQLAlchemy would open a transaction first."""
    connection.connection.driver_connection.execute(
        f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}"
    )


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        # SQLite's batch mode rebuilds a table by copy, drop and rename; a table other
        # tables point at (handler_designations, 0016) cannot be dropped while foreign
        # keys are enforced. They are off for the migration (SQLite's documented
        # procedure for schema changes) and checked in full before it commits.
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                include_object=include_object,
                compare_type=True,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"foreign keys broken by the migration: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _sqlite_foreign_keys(connection, on=True)


run_migrations_online()
