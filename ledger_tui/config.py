"""The desk's settings: one typed object, read from the environment once at start,
validated with a message in both languages, and passed down.

Resolution order for the ledger URL: `--db URL`, then `LEDGER_TUI_DB`, then the embedded
SQLite file in the platformdirs data folder. Keys live in `<data>/keys` unless
`LEDGER_TUI_KEY_DIR` says otherwise. Every variable is listed in README.md ("Settings").

`Settings.resolve` is the one reader of the environment. The entry points decide the
settings of a run (`cli.main` for the desk and every command, the test fixtures) and
hand them down: the app and every command hold them (`LedgerApp.settings`,
`Context.settings`); the open ledger carries the settings it was opened with
(`Ledger.settings`: the printer, the slip copies, the paper's language, the loop-device
switch and the desk's name, read by the services from there); the system adapters take
the value as a parameter (`system.printing`, the stick and device adapters' `allow_loop`).
The clock's time zone is the one process-wide value: `start(settings)` sets it once at
the entry point (`domain.clock`). A `Settings` built in code without `resolve` has the
built-in defaults, never the environment's.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from platformdirs import user_config_dir, user_data_dir

from ledger_tui.domain import clock
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.i18n import LANGS, Lang

APP_NAME = "ledger-tui"
DEFAULT_IDLE_LOCK_SECONDS = 300
DEFAULT_TIME_ZONE = "Asia/Tokyo"
DEFAULT_SLIP_COPIES = 2
#: The most copies one print job may ask for (a typo must not print a ream).
MAX_COPIES = 20

DB_ENV = "LEDGER_TUI_DB"
DATA_DIR_ENV = "LEDGER_TUI_DATA_DIR"
KEY_DIR_ENV = "LEDGER_TUI_KEY_DIR"
LANG_ENV = "LEDGER_TUI_LANG"
PAPER_LANG_ENV = "LEDGER_TUI_PAPER_LANG"
IDLE_LOCK_ENV = "LEDGER_TUI_IDLE_LOCK"
TZ_ENV = "LEDGER_TUI_TZ"
PRINTER_ENV = "LEDGER_TUI_PRINTER"
SLIP_COPIES_ENV = "LEDGER_TUI_SLIP_COPIES"
LOOP_DEVICES_ENV = "LEDGER_TUI_ALLOW_LOOP_DEVICES"
DESK_ENV = "LEDGER_TUI_DESK"
BURNER_ENV = "LEDGER_TUI_BURNER"
#: The CD-R burner: a drive, or xorriso's `stdio:PATH` pseudo drive (see system/stick/disc).
DEFAULT_BURNER = "/dev/sr0"


class SettingsError(InvalidInput):
    """A setting in the environment is malformed; the message names it and its value."""


def data_dir(environ: Mapping[str, str] = os.environ) -> Path:
    override = environ.get(DATA_DIR_ENV)
    return Path(override) if override else Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_url(demo: bool = False, environ: Mapping[str, str] = os.environ) -> str:
    name = "demo.sqlite3" if demo else "ledger.sqlite3"
    return f"sqlite:///{data_dir(environ) / name}"


def key_dir(environ: Mapping[str, str] = os.environ) -> Path:
    override = environ.get(KEY_DIR_ENV)
    return Path(override) if override else data_dir(environ) / "keys"


def desk_identity(name: str) -> str:
    """Who records, from where: "host/desk name" (the settings' `desk_name`, from
    `LEDGER_TUI_DESK`, e.g. 窓口1; the host alone when empty). On every trail entry and as
    PostgreSQL's application_name."""
    import socket

    host = socket.gethostname()[:60]
    text = f"{host}/{name}" if name else host
    return "".join(ch for ch in text if ch.isprintable())


def config_dir() -> Path:
    override = os.environ.get("LEDGER_TUI_CONFIG_DIR")
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def keys_path() -> Path:
    """The operator's key settings (`[keys]` binding id = "key,key"; see the README)."""
    return config_dir() / "keys.toml"


def log_path() -> Path:
    return data_dir() / "ledger-tui.log"


def _integer(environ: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise SettingsError("error.settings.integer", env=name, value=raw, low=low, high=high)
    return value


def _time_zone(environ: Mapping[str, str]) -> str:
    name = environ.get(TZ_ENV, "").strip() or DEFAULT_TIME_ZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError("error.settings.time_zone", env=TZ_ENV, value=name) from None
    return name


def _paper_lang(environ: Mapping[str, str]) -> Lang:
    """The language of paper: `LEDGER_TUI_PAPER_LANG` (ja or en), Japanese by default;
    never the screen's (`--lang en` still prints Japanese paper unless this says en)."""
    raw = environ.get(PAPER_LANG_ENV, "").strip()
    if not raw:
        return "ja"
    for lang in LANGS:
        if raw == lang:
            return lang
    raise SettingsError("error.settings.paper_lang", env=PAPER_LANG_ENV, value=raw)


def _desk_name(environ: Mapping[str, str]) -> str:
    return " ".join(environ.get(DESK_ENV, "").split())[:50]


def _burner(environ: Mapping[str, str]) -> str:
    return environ.get(BURNER_ENV, "").strip() or DEFAULT_BURNER


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
    #: The desk's time zone (dates on screen and paper, fiscal years).
    time_zone: str = DEFAULT_TIME_ZONE
    #: The language of every printed form (ja or en), independent of the screens'.
    paper_lang: Lang = "ja"
    #: The CUPS queue for paper; "" means the CUPS default destination.
    printer: str = ""
    #: Copies of a handover slip (one for each party).
    slip_copies: int = DEFAULT_SLIP_COPIES
    #: Tests and demos only: loop devices stand in for USB sticks (a loud banner shows).
    allow_loop_devices: bool = False
    #: This desk's name, recorded with the host on each trail entry (e.g. 窓口1).
    desk_name: str = ""
    #: The CD-R burner CD-Rs are loaded on (`LEDGER_TUI_BURNER`, default /dev/sr0; a
    #: `stdio:PATH` pseudo drive burns onto a file or block device the same way).
    burner: str = DEFAULT_BURNER
    #: The key settings file; None (tests, snapshots) keeps the default keys.
    keys_file: Path | None = None

    @classmethod
    def resolve(
        cls,
        db: str | None = None,
        demo: bool = False,
        lang: str | None = None,
        idle_lock_seconds: int | None = None,
        environ: Mapping[str, str] = os.environ,
    ) -> Settings:
        """Read every setting from the environment once; raise `SettingsError` with a
        message in both languages for a malformed value."""
        url = db or (None if demo else environ.get(DB_ENV)) or default_db_url(demo, environ)
        idle = idle_lock_seconds
        if idle is None:
            idle = _integer(environ, IDLE_LOCK_ENV, DEFAULT_IDLE_LOCK_SECONDS, 0, 86_400)
        return cls(
            db_url=url,
            key_dir=key_dir(environ),
            lang=lang or environ.get(LANG_ENV, "ja"),
            idle_lock_seconds=idle,
            demo=demo,
            time_zone=_time_zone(environ),
            paper_lang=_paper_lang(environ),
            printer=environ.get(PRINTER_ENV, "").strip(),
            slip_copies=_integer(environ, SLIP_COPIES_ENV, DEFAULT_SLIP_COPIES, 1, MAX_COPIES),
            allow_loop_devices=environ.get(LOOP_DEVICES_ENV, "") == "1",
            desk_name=_desk_name(environ),
            burner=_burner(environ),
            keys_file=keys_path(),
        )


@contextmanager
def start(settings: Settings) -> Iterator[Settings]:
    """The entry point's start of a run with `settings`: sets the clock's time zone (the
    one process-wide setting) while the block runs; everything else travels with the
    settings themselves (the app, the command's context, the open ledger)."""
    previous = clock.configured_zone()
    clock.set_local_zone(ZoneInfo(settings.time_zone))
    try:
        yield settings
    finally:
        clock.set_local_zone(previous)
