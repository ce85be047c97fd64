"""Domain errors: every refusal carries a message fit for the screen, in ja and en."""

from __future__ import annotations

from ledger_tui.i18n import Lang, t


class DomainError(Exception):
    """A rule refused the user's request. `key` names a catalogue text; `params` fill it."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: Lang | None = None) -> str:
        return t(self.key, lang, **self.params)

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
