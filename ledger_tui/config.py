"""Where things live and what the desk has configured (typed settings).

Resolution order for the ledger URL: `--db URL`, then `LEDGER_TUI_DB`, then the embedded
SQLite file in the platformdirs data folder. Keys live in `<data>/keys` unless
`LEDGER_TUI_KEY_DIR` says otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "ledger-tui"
DEFAULT_IDLE_LOCK_SECONDS = 300


def data_dir() -> Path:
    override = os.environ.get("LEDGER_TUI_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_url(demo: bool = False) -> str:
    name = "demo.sqlite3" if demo else "ledger.sqlite3"
    return f"sqlite:///{data_dir() / name}"


def key_dir() -> Path:
    override = os.environ.get("LEDGER_TUI_KEY_DIR")
    return Path(override) if override else data_dir() / "keys"


def log_path() -> Path:
    return data_dir() / "ledger-tui.log"


@dataclass(frozen=True)
class DatabaseTimeouts:
    """How long a desk waits on a shared (PostgreSQL) ledger, in seconds:
    `LEDGER_TUI_PG_CONNECT_TIMEOUT` (connecting), `LEDGER_TUI_PG_LOCK_TIMEOUT` (a row
    another desk holds), `LEDGER_TUI_PG_STATEMENT_TIMEOUT` (any one statement),
    `LEDGER_TUI_PG_KEEPALIVE` (TCP keepalive idle time: a dead server or desk is noticed),
    `LEDGER_TUI_PG_POOL` (connections a desk keeps; a TUI needs two or three)."""

    connect: int = 5
    lock: int = 10
    statement: int = 60
    keepalive: int = 30
    pool: int = 3

    @classmethod
    def from_env(cls) -> DatabaseTimeouts:
        def read(name: str, default: int) -> int:
            raw = os.environ.get(f"LEDGER_TUI_PG_{name}", "").strip()
            if not raw:
                return default
            if not raw.isdigit() or not 0 < int(raw) <= 86_400:
                raise ValueError(f"LEDGER_TUI_PG_{name} must be a whole number of 1-86400")
            return int(raw)

        return cls(
            connect=read("CONNECT_TIMEOUT", cls.connect),
            lock=read("LOCK_TIMEOUT", cls.lock),
            statement=read("STATEMENT_TIMEOUT", cls.statement),
            keepalive=read("KEEPALIVE", cls.keepalive),
            pool=read("POOL", cls.pool),
        )


@dataclass(frozen=True)
class Settings:
    db_url: str
    key_dir: Path
    lang: str = "ja"
    idle_lock_seconds: int = DEFAULT_IDLE_LOCK_SECONDS
    demo: bool = False

    @classmethod
    def resolve(
        cls,
        db: str | None = None,
        demo: bool = False,
        lang: str | None = None,
        idle_lock_seconds: int | None = None,
    ) -> Settings:
        url = db or (None if demo else os.environ.get("LEDGER_TUI_DB")) or default_db_url(demo)
        idle = idle_lock_seconds
        if idle is None:
            idle = int(os.environ.get("LEDGER_TUI_IDLE_LOCK", DEFAULT_IDLE_LOCK_SECONDS))
        return cls(
            db_url=url,
            key_dir=key_dir(),
            lang=lang or os.environ.get("LEDGER_TUI_LANG", "ja"),
            idle_lock_seconds=idle,
            demo=demo,
        )
