"""Domain errors: every refusal carries a message fit for the screen, in ja and en."""

from __future__ import annotations

from enum import Enum

from ledger_tui.i18n import Lang, t

#: Enum parameters of a message are shown by their label, never as the stored code
#: ("lent", "registered"): the catalogue prefix of each enum's labels, by class name.
LABELS = {
    "MediumState": "state.",
    "LoanState": "state.loan.",
    "SlipState": "state.slip.",
    "MediumKind": "kind.",
    "TransferMethod": "transfer.",
    "HandlerRole": "handler_role.",
    "SlipDirection": "direction.",
    "LoadState": "load.state.",
    "WipeState": "wipe_state.",
}


def shown(value: object, lang: Lang | None = None) -> object:
    """A message parameter as the operator reads it."""
    if isinstance(value, Enum) and type(value).__name__ in LABELS:
        return t(LABELS[type(value).__name__] + str(value.value), lang)
    return value


class DomainError(Exception):
    """A rule refused the user's request. `key` names a catalogue text; `params` fill it."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang | None = None) -> str:
        return t(self.key, lang, **{name: shown(v, lang) for name, v in self.params.items()})

    def __str__(self) -> str:
        return self.message()


class NotFound(DomainError):
    """The named thing is not in the ledger."""


class Conflict(DomainError):
    """The request clashes with what is already in the ledger (duplicate, concurrent change)."""


class InvalidInput(DomainError):
    """A field is missing or malformed. `field` names the form field for inline display."""

    def __init__(self, key: str, /, field: str = "", **params: object) -> None:
        self.field = field
        super().__init__(key, **params)


class AuthError(DomainError):
    """Login refused, account locked, or the action needs another role."""


class IllegalTransition(DomainError):
    """A medium (or later a loan) was asked to make a move its state table does not allow."""


class TrailBroken(DomainError):
    """The audit trail does not hold (its signed head, or its chain): nothing is appended
    until an administrator's recorded recovery (`ledger-tui audit recover`)."""


class SessionEnded(AuthError):
    """The acting operator was disabled or locked meanwhile (on any desk): the session
    ends here, and the desk goes back to its login screen."""


#: The command line's exit code per ledger error (README, "Exit codes").
EXIT_CODES: dict[str, int] = {
    "db.error.bad_address": 2,
    "db.error.unreachable": 10,
    "db.error.auth": 11,
    "db.error.tls": 12,
    "db.error.closed": 13,
    "db.error.lock_timeout": 14,
    "db.error.statement_timeout": 14,
    "db.error.schema_newer": 15,
    "db.error.schema_older": 16,
}


_REASON = "db.reason."


class LedgerUnavailable(DomainError):
    """The ledger's database cannot be used (now, or with this address or desk).
    `detail` is the driver's text, for the log only; `db.errors.classify` reads a
    driver's error as one of these."""

    def __init__(self, key: str, /, detail: str = "", **params: object) -> None:
        self.detail = detail
        super().__init__(key, **params)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES.get(self.key, 70)

    def message(self, lang: Lang | None = None) -> str:
        params = {
            name: t(value, lang) if isinstance(value, str) and value.startswith(_REASON) else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)
