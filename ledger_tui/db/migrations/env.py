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


def run_migrations_online() -> None:
    engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
