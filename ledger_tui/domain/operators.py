"""Operator roles, login lockout and password rules."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from ledger_tui.domain.errors import InvalidInput

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 12


class Role(enum.StrEnum):
    ADMIN = "admin"
    OPERATOR = "operator"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does an action: a logged-in operator, or the system (init, migrations)."""

    login: str
    operator_id: int | None = None
    role: Role = Role.OPERATOR
    name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


SYSTEM = Actor(login="system", role=Role.ADMIN)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "error.operator.password_short", field="password", minimum=MIN_PASSWORD_LENGTH
        )


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and locked_until > now


def after_failed_attempt(failed_attempts: int, now: datetime) -> tuple[int, datetime | None]:
    """Count a wrong password; the fifth in a row locks the account for five minutes."""
    count = failed_attempts + 1
    if count >= MAX_FAILED_ATTEMPTS:
        return 0, now + LOCKOUT
    return count, None


def normalise_login(raw: str) -> str:
    value = raw.strip().lower()
    if not value or not all(ch.isalnum() or ch in "._-" for ch in value) or len(value) > 40:
        raise InvalidInput("error.operator.login_format", field="login")
    return value
