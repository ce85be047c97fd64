"""What a command runs with: settings, the open ledger, the acting operator, stdout.

The ledger is opened on first use (so `--help` and usage errors never touch the
database) and the acting operator is authenticated only by commands that need one.
Passwords come from standard input, one per line, in the order the command asks for
them: the acting operator's first, then any new password.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO, cast

from ledger_tui.cli.output import SafeWriter, Table, dumps, escape_controls, width
from ledger_tui.config import Settings
from ledger_tui.i18n import t

if TYPE_CHECKING:  # the database layer loads when a command needs the ledger, so the
    # TUI's login screen (which starts through here) is not kept waiting for SQLAlchemy
    from ledger_tui.db.uow import Ledger
    from ledger_tui.domain.operators import Actor


#: The commands (module:function tails) `open_to_anyone` lets in without an operator.
_OPEN_TO_ANYONE = (":audit_verify", ":init", ":counter")


class UsageError(Exception):
    """The command line is incomplete in a way argparse cannot see (exit 2)."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def message(self) -> str:
        return t(self.key, **self.params)


def display_url(url: str) -> str:
    """The ledger URL with any password masked, fit to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def option(args: argparse.Namespace, name: str, default: Any = None) -> Any:
    """Global options are suppressed unless given (they may sit on either side of the
    command), so read them with a default."""
    return getattr(args, name, default)


@dataclass
class Context:
    settings: Settings
    args: argparse.Namespace
    out: TextIO = field(default_factory=lambda: cast("TextIO", SafeWriter(sys.stdout)))
    _ledger: Ledger | None = None
    _actor: Actor | None = None

    @property
    def json(self) -> bool:
        return bool(option(self.args, "json", False))

    @property
    def shown_url(self) -> str:
        return display_url(self.settings.db_url)

    # --- the ledger --------------------------------------------------------------------

    @property
    def trail_tool(self) -> bool:
        """`audit verify` and `audit recover` open a ledger whose head does not hold, to
        report it and to repair it; every other command is refused on it."""
        return str(getattr(self.args, "run", "")).endswith((":audit_verify", ":audit_recover"))

    @property
    def open_to_anyone(self) -> bool:
        """Commands that open the ledger without an operator: `audit verify` (anyone may
        check the trail), setting a ledger up (`init` before its first administrator),
        the counter terminal (the contractor confirms with their code) and the TUI (it
        has its own login). A backup copies every record: it needs an administrator
        (unattended, the password comes from a root-only file on `--password-stdin`)."""
        run = getattr(self.args, "run", None)
        return run is None or str(run).endswith(_OPEN_TO_ANYONE)

    @property
    def ledger(self) -> Ledger:
        if self._ledger is None:
            from ledger_tui.services.ledger.bootstrap import open_ledger

            ledger = open_ledger(
                self.settings.db_url,
                self.settings.key_dir,
                settings=self.settings,
                check_head=not self.trail_tool,
            )
            self._ledger = ledger
            if not self.trail_tool:
                self._check_trail(ledger)
            if self.settings.demo:
                # Only a demo ledger pays for the demo builder's imports.
                from ledger_tui.services.demo.ledger import build_demo, is_empty

                if is_empty(ledger):
                    build_demo(ledger)
            if not option(self.args, "operator") and not self.open_to_anyone:
                # Reading the ledger needs an operator, as on the desk (a ledger that
                # cannot be reached, or a broken trail, says so first).
                raise UsageError("cli.error.operator_to_read")
            if option(self.args, "operator") and not self.trail_tool:
                # A password given is always checked, by reads too (a wrong one counts
                # towards the lockout), not only by the commands that write.
                self.actor()
        return self._ledger

    def _check_trail(self, ledger: Ledger) -> None:
        """Verify the whole trail before the command: on a broken trail writes are refused
        (as on the desk) and reads go on with a warning on stderr."""
        import os

        from ledger_tui.services.trail.guard import guard_writes
        from ledger_tui.services.trail.verify import verify_trail

        report = verify_trail(ledger, workers=len(os.sched_getaffinity(0)))
        warning = guard_writes(ledger, report)
        if warning:
            sys.stderr.write(escape_controls(t("trail.warning", message=warning)) + "\n")

    def close(self) -> None:
        if self._ledger is not None:
            self._ledger.close()
            self._ledger = None

    # --- who is acting -------------------------------------------------------------------

    def actor(self) -> Actor:
        """The authenticated `--operator` (a wrong password counts towards the lockout)."""
        if self._actor is None:
            login = option(self.args, "operator")
            if not login:
                raise UsageError("cli.error.operator_required")
            ledger = self.ledger  # opening it checks a given password (the call below)
            if self._actor is not None:
                return self._actor
            password = self.secret(t("cli.password.operator", login=login))
            from ledger_tui.services import auth

            if ledger.trail_fault is not None:  # reads go on; no login can be recorded
                self._actor = auth.login_unrecorded(ledger, login, password)
            else:
                self._actor = auth.login(ledger, login, password)
        return self._actor

    def secret(self, which: str) -> str:
        """The next password from standard input (not echoed when it is a terminal)."""
        if not option(self.args, "password_stdin", False):
            raise UsageError("cli.error.password_stdin_required")
        stdin = sys.stdin
        if stdin.isatty():
            return getpass.getpass(f"{which}: ")
        line = stdin.readline()
        if not line:
            raise UsageError("cli.error.no_password", which=which)
        return line.rstrip("\r\n")

    # --- output ------------------------------------------------------------------------

    def say(self, key: str, **params: object) -> None:
        self.out.write(t(key, **params) + "\n")

    def emit(self, value: Any) -> None:
        self.out.write(dumps(value) + "\n")

    def listing(self, rows: Sequence[object], headers: list[str], cells: list[list[str]]) -> None:
        """A list: JSON of `rows` with --json, else a table of `cells` (one per row) under
        `headers`, or the catalogue's "nothing to list"."""
        if self.json:
            self.emit(list(rows))
        elif not rows:
            self.say("cli.list.empty")
        else:
            widths = [max(width(c[i]) for c in cells) for i in range(len(headers))]
            table = Table(self.out, headers, widths)
            for line in cells:
                table.row(line)

    def result(self, value: Any, key: str, **params: object) -> None:
        """JSON of `value` with --json, else the catalogue text `key`."""
        if self.json:
            self.emit(value)
        else:
            self.say(key, **params)
