"""Engine creation: SQLite (embedded default, file mode 0600, WAL) or PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ledger_tui.db.errors import bad_address

SQLITE_BUSY_TIMEOUT_MS = 15_000
#: The drivers a ledger runs on (postgresql:// is taken as psycopg 3).
_DRIVERS = frozenset({"sqlite", "sqlite+pysqlite", "postgresql+psycopg"})


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and pick the psycopg 3 driver for it."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def prepare_sqlite_file(path: Path) -> None:
    """Create the ledger file owner-only (0600) before SQLite touches it."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def check_address(url: str) -> str:
    """The `--db` address, normalised, if it can name a ledger: SQLite (a file, not a
    folder) or PostgreSQL; `LedgerUnavailable('db.error.bad_address')` otherwise."""
    try:
        parsed = make_url(normalise_url(url))
    except ArgumentError:
        raise bad_address(url, "db.reason.unparsable") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql") or parsed.drivername not in _DRIVERS:
        raise bad_address(url, "db.reason.scheme")
    path = sqlite_path(url)
    if path is not None and path.is_dir():
        raise bad_address(url, "db.reason.directory")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, **kwargs: Any) -> Engine:
    url = check_address(url)
    path = sqlite_path(url)
    if path is not None:
        try:
            prepare_sqlite_file(path)
        except OSError:
            raise bad_address(url, "db.reason.not_writable") from None
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, and explicit BEGINs so writers can take the lock up front."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock at BEGIN (IMMEDIATE) so that reading the audit
        # head and appending to it cannot interleave with another writer.
        if connection.get_execution_options().get("ledger_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")
