"""Where things live and what the desk has configured (typed settings).

Resolution order for the ledger URL: `--db URL`, then `LEDGER_TUI_DB`, then the embedded
SQLite file in the platformdirs data folder. Keys live in `<data>/keys` unless
`LEDGER_TUI_KEY_DIR` says otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

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


def config_dir() -> Path:
    override = os.environ.get("LEDGER_TUI_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def keys_path() -> Path:
    """The operator's key settings (`[keys]` binding id = "key,key"; see the README)."""
    return config_dir() / "keys.toml"


def log_path() -> Path:
    return data_dir() / "ledger-tui.log"


@dataclass(frozen=True)
class Settings:
    db_url: str
    key_dir: Path
    lang: str = "ja"
    idle_lock_seconds: int = DEFAULT_IDLE_LOCK_SECONDS
    demo: bool = False
    #: The key settings file; None (tests, snapshots) keeps the default keys.
    keys_file: Path | None = None

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
            keys_file=keys_path(),
        )
