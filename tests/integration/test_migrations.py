"""Alembic is the only way the schema changes: upgrade on an empty database reaches
head, and the models and the migrations agree (no pending autogenerate diff)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from ledger_tui.db.base import Base
from ledger_tui.db.engine import make_engine
from ledger_tui.db.migrate import (
    HEADS,
    alembic_config,
    current_revisions,
    head_revisions,
    is_current,
    upgrade_to_head,
)
from ledger_tui.db.search import is_search_object
from tests.conftest import drop_pg_database, new_pg_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield engine
        engine.dispose()
        return
    url = new_pg_database(from_template=False)
    engine = make_engine(url)
    yield engine
    engine.dispose()
    drop_pg_database(url)


def _include(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not is_search_object(type_, name)


def test_upgrade_head_on_empty_database_and_models_agree(empty_engine: Engine) -> None:
    assert current_revisions(empty_engine) == frozenset()
    upgrade_to_head(empty_engine)
    assert current_revisions(empty_engine) == head_revisions(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"media", "audit_entries", "audit_head", "contracts", "operators"} <= tables
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": _include}
        )
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_heads_named_in_the_code_are_alembics_heads(empty_engine: Engine) -> None:
    """`HEADS` lets a desk skip loading Alembic on a current ledger; a migration added
    without naming it there would otherwise go unapplied."""
    assert head_revisions(empty_engine) == HEADS


def test_a_ledger_behind_the_code_is_upgraded(empty_engine: Engine) -> None:
    from alembic import command

    command.upgrade(alembic_config(empty_engine), "0006")
    assert not is_current(empty_engine)
    upgrade_to_head(empty_engine)
    assert is_current(empty_engine) and current_revisions(empty_engine) == HEADS
    assert "contract_audits" in set(inspect(empty_engine).get_table_names())


def test_upgrade_is_idempotent(empty_engine: Engine) -> None:
    upgrade_to_head(empty_engine)
    upgrade_to_head(empty_engine)
    assert current_revisions(empty_engine) == head_revisions(empty_engine)


def test_search_index_still_follows_the_tables_after_every_migration(
    empty_engine: Engine,
) -> None:
    """A later migration that rebuilds `media` (SQLite batch mode) would silently drop the
    FTS triggers; rows added afterwards would then never be found by the filter."""
    from datetime import UTC, datetime

    from sqlalchemy import insert, text

    from ledger_tui.db.models import Medium
    from ledger_tui.db.paging import MediaPager

    upgrade_to_head(empty_engine)
    now = datetime.now(UTC)
    with empty_engine.begin() as conn:
        conn.execute(
            insert(Medium).values(
                control_number="税-USB-901",
                kind="usb",
                vendor="BUFFALO",
                model="",
                serial="",
                usb_id="",
                hardware_lock=False,
                seal_number="",
                location="",
                state="blank",
                notes="",
                registered_at=now,
                updated_at=now,
                version=1,
            )
        )
    assert [r.control_number for r in MediaPager(empty_engine, "buffalo").page_after(None, 5)] == [
        "税-USB-901"
    ]
    if empty_engine.dialect.name == "sqlite":
        with empty_engine.connect() as conn:
            triggers = {
                row[0]
                for row in conn.execute(
                    text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
                )
            }
        assert {"media_fts_ai", "media_fts_ad", "media_fts_au", "audit_fts_ai"} <= triggers
