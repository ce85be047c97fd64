"""Alembic, shipped inside the package: upgrade to head and inspect the revision.

Alembic (with mako and pygments, which it loads) costs the desk ~8 MB of memory and a
tenth of a second at every start, though the ledger is almost always current already.
`HEADS` names the newest revisions; `upgrade_to_head` reads the ledger's revision with
one query and loads Alembic only when the two differ. A test holds `HEADS` equal to
Alembic's own heads, so a migration added without updating it fails the suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest revision of every branch of `migrations/versions`.
HEADS = frozenset({"0018"})
#: The PostgreSQL advisory lock key desks take to migrate a shared ledger ("ledg").
MIGRATION_LOCK = 0x6C656467


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revisions(engine: Engine) -> frozenset[str]:
    """The newest revision of every branch, as Alembic reads the scripts (capabilities
    may add theirs in parallel branches off a common base; a merge revision joins them)."""
    from alembic.script import ScriptDirectory

    return frozenset(ScriptDirectory.from_config(alembic_config(engine)).get_heads())


def current_revisions(engine: Engine) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return frozenset(MigrationContext.configure(connection).get_current_heads())


def is_current(engine: Engine) -> bool:
    """True when the ledger's schema is at `HEADS` (no Alembic needed to tell)."""
    with engine.connect() as connection:
        try:
            found = connection.execute(text("SELECT version_num FROM alembic_version"))
            return frozenset(found.scalars()) == HEADS
        except DBAPIError:  # no version table yet: a new ledger
            return False


def known_revisions(engine: Engine) -> frozenset[str]:
    """Every revision this desk's migrations know (a ledger at another is newer)."""
    from alembic.script import ScriptDirectory

    return frozenset(
        r.revision for r in ScriptDirectory.from_config(alembic_config(engine)).walk_revisions()
    )


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, one desk migrates at a time: a session advisory lock, held on its
    own connection while the migration runs (the others wait, then find it done)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as holder:
        holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        holder.commit()
        try:
            yield
        finally:
            holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            holder.commit()


def _versions(revisions: frozenset[str]) -> str:
    return ", ".join(sorted(revisions)) or "-"


def prepare_schema(engine: Engine, *, upgrade: bool) -> frozenset[str]:
    """Make the ledger's schema usable by this desk, or refuse naming both versions.

    A new (empty) ledger is created; a current one is left alone (without loading
    Alembic). A ledger at a revision this desk does not know is newer: refused
    (`db.error.schema_newer`). An older one is upgraded only when `upgrade` (the
    embedded SQLite ledger of one desk, or `ledger-tui upgrade`); a shared ledger is
    never upgraded silently at a desk's start (`db.error.schema_older`). Returns the
    revisions of an existing ledger this call upgraded (empty otherwise).
    """
    if is_current(engine):
        return frozenset()
    from alembic import command

    from ledger_tui.db.errors import LedgerUnavailable

    with migration_lock(engine):
        found = current_revisions(engine)
        if found == HEADS:
            return frozenset()  # another desk made it current while this one waited
        if found - known_revisions(engine):
            raise LedgerUnavailable(
                "db.error.schema_newer", found=_versions(found), expected=_versions(HEADS)
            )
        if found and not upgrade:
            raise LedgerUnavailable(
                "db.error.schema_older", found=_versions(found), expected=_versions(HEADS)
            )
        command.upgrade(alembic_config(engine), "heads")
        return found


def upgrade_to_head(engine: Engine) -> None:
    """Create or upgrade the schema to this desk's heads (under the migration lock)."""
    prepare_schema(engine, upgrade=True)
