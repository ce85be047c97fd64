"""Alembic, shipped inside the package: upgrade to head and inspect the revision.

Alembic (with mako and pygments, which it loads) costs the desk ~8 MB of memory and a
tenth of a second at every start, though the ledger is almost always current already.
`HEADS` names the newest revisions; `upgrade_to_head` reads the ledger's revision with
one query and loads Alembic only when the two differ. A test holds `HEADS` equal to
Alembic's own heads, so a migration added without updating it fails the suite.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")

#: The newest revision of every branch of `migrations/versions`.
HEADS = frozenset({"0016"})


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


def upgrade_to_head(engine: Engine) -> None:
    if is_current(engine):
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "heads")
