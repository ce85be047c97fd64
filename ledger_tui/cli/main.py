"""`ledger-tui`: the desk application (no command) and the scriptable command line.

Exit codes: 0 done; 1 the audit trail is damaged; 2 usage error (a bad --db address
too); 3 refused by a rule (DomainError); 4 authentication or permission refused; 10-16
the ledger's database failed in a known way (`domain.errors.EXIT_CODES`: unreachable, login
refused, TLS refused, connection closed, another desk's lock, schema newer, schema
older); 70 unexpected error (logged with its traceback to the log file, one line on
stderr; users never see a traceback).
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_tui.cli.parser import parse_command_line
from ledger_tui.config import Settings, SettingsError, log_path, start
from ledger_tui.i18n import LANGS, current_language, set_language, t

if TYPE_CHECKING:
    from ledger_tui.cli.context import Context
    from ledger_tui.domain.errors import LedgerUnavailable

EXIT_TRAIL_BROKEN = 1
EXIT_USAGE = 2
EXIT_REFUSED = 3
EXIT_AUTH = 4
EXIT_SOFTWARE = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

log = logging.getLogger("ledger_tui.cli")
#: Loggers whose INFO records belong in the log file; SQLAlchemy stays at WARNING, since
#: at INFO it would log every statement.
_INFO_LOGGERS = ("ledger_tui", "alembic")


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    previous = current_language()
    try:
        set_language(_language(args_list))
        try:
            args = parse_command_line(args_list)
        except SystemExit as stop:  # --help, or a usage error argparse already printed
            return stop.code if isinstance(stop.code, int) else EXIT_USAGE
        try:
            settings = Settings.resolve(
                db=getattr(args, "db", None),
                demo=getattr(args, "demo", False),
                lang=current_language(),
            )
        except SettingsError as bad:  # e.g. a malformed LEDGER_TUI_IDLE_LOCK
            sys.stderr.write(f"{bad.message()}\n")
            return EXIT_USAGE
        restore = _log_to_file(log_path())
        try:
            with start(settings):
                return _run(args, settings)
        finally:
            restore()
    finally:
        set_language(previous)


def _language(argv: list[str]) -> str:
    """The language is needed before the parser exists (its help is translated)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _ = early.parse_known_args(argv)
    for candidate in (known.lang, os.environ.get("LEDGER_TUI_LANG")):
        if candidate in LANGS:
            return str(candidate)
    return "ja"


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from ledger_tui.cli.context import Context, UsageError
    from ledger_tui.domain.errors import AuthError, DomainError, LedgerUnavailable, TrailBroken

    ctx = Context(settings, args)
    json_errors = ctx.json
    told: list[bool] = []

    def waiting() -> None:  # once per command, on stderr (stdout may be JSON)
        if not told:
            told.append(True)
            sys.stderr.write(t("db.waiting") + "\n")
            sys.stderr.flush()

    from ledger_tui.services.ledger.waiting import on_lock_wait

    stop_listening = on_lock_wait(waiting)
    try:
        if args.run is None:
            return _run_tui(ctx)
        module, _, name = str(args.run).partition(":")
        handler = getattr(importlib.import_module(module), name)
        code: int = handler(ctx)
        return code
    except UsageError as usage:
        _error(json_errors, usage.key, usage.message(), EXIT_USAGE)
        return EXIT_USAGE
    except TrailBroken as broken:
        log.error("audit trail broken: %s (%s)", broken.key, broken.message("en"))
        _error(json_errors, broken.key, broken.message(), EXIT_TRAIL_BROKEN)
        return EXIT_TRAIL_BROKEN
    except LedgerUnavailable as unavailable:
        return _ledger_error(json_errors, unavailable)
    except AuthError as refused:
        log.warning("authentication refused: %s (%s)", refused.key, refused.message("en"))
        _error(json_errors, refused.key, refused.message(), EXIT_AUTH)
        return EXIT_AUTH
    except DomainError as refused:
        log.warning("refused: %s (%s)", refused.key, refused.message("en"))
        _error(json_errors, refused.key, refused.message(), EXIT_REFUSED)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        _error(json_errors, "cli.error.interrupted", t("cli.error.interrupted"), EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as Unix tools do.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as crash:
        from ledger_tui.services.ledger.bootstrap import explain_failure

        known = explain_failure(crash)
        if known is not None:
            return _ledger_error(json_errors, known)
        log.exception("unexpected error in command %s", getattr(args, "run", None))
        message = t("cli.error.unexpected", kind=type(crash).__name__, log=log_path())
        _error(json_errors, "cli.error.unexpected", message, EXIT_SOFTWARE)
        return EXIT_SOFTWARE
    finally:
        stop_listening()
        ctx.close()


def _ledger_error(as_json: bool, error: LedgerUnavailable) -> int:
    """The ledger's database failed in a known way: its own message and exit code; the
    driver's text only in the log."""
    log.warning("ledger unavailable: %s (%s) %s", error.key, error.message("en"), error.detail)
    _error(as_json, error.key, error.message(), error.exit_code)
    return error.exit_code


def _run_tui(ctx: Context) -> int:
    if ctx.settings.demo:
        _ = ctx.ledger  # creates and fills the demo ledger the first time
        ctx.close()
    from ledger_tui.ui.app import run_tui  # here, not at the top: the CLI starts fast

    return run_tui(ctx.settings)


def _error(as_json: bool, key: str, message: str, code: int) -> None:
    from ledger_tui.cli.output import escape_controls

    if as_json:
        line = json.dumps({"error": key, "message": message, "exit": code}, ensure_ascii=False)
    else:
        line = message
    sys.stderr.write(escape_controls(line) + "\n")


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (tests capture it)
        pass
    finally:
        os.close(devnull)


def _log_to_file(path: Path) -> Callable[[], None]:
    """Send log records to the log file (owner-only); returns a function that undoes it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
    except OSError as failure:
        # Work on without a log rather than refuse to start; say so once.
        sys.stderr.write(t("cli.error.no_log", path=path, reason=failure.strerror) + "\n")
        return lambda: None
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    root = logging.getLogger()
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in _INFO_LOGGERS}
    for name in _INFO_LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)

    def restore() -> None:
        root.removeHandler(handler)
        handler.close()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)

    return restore
