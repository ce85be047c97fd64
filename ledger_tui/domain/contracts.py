"""Contracts, designated handlers and transfer methods."""

from __future__ import annotations

import enum
import re
import secrets
from datetime import date

from ledger_tui.domain.errors import InvalidInput


class HandlerRole(enum.StrEnum):
    RESPONSIBLE = "responsible"  # 取扱責任者
    HANDLER = "handler"  # 取扱者


class TransferMethod(enum.StrEnum):
    HAND = "hand"  # 手渡し
    REGISTERED_MAIL = "registered_mail"  # 書留郵便
    LOCKED_CASE = "locked_case"  # 鍵付きケース
    EMAIL = "email"  # メール (password-protected file)


class ContractPhase(enum.StrEnum):
    """Where a contract stands on a day (the values are the screen's text keys)."""

    NOT_STARTED = "not_started"
    RUNNING = "running"
    ENDED = "ended"  # the period is over; media may still be out
    CLOSED = "closed"  # closed out: nothing more happens under it


def contract_phase(
    period_start: date, period_end: date, closed: bool, today: date
) -> ContractPhase:
    if closed:
        return ContractPhase.CLOSED
    if today > period_end:
        return ContractPhase.ENDED
    if today < period_start:
        return ContractPhase.NOT_STARTED
    return ContractPhase.RUNNING


def lends_today(phase: ContractPhase, medium_kind: str, allowed_media_kinds: list[str]) -> bool:
    """Can a medium of this kind be handed out under the contract today? The lend
    service's own checks refuse the rest: a closed contract (`open_contract`), an ended
    one and a kind it does not allow (`create_loan`), a slip dated before the period
    (`check_slip_date`)."""
    return phase is ContractPhase.RUNNING and medium_kind in allowed_media_kinds


#: A handler code typed by the contractor's officer (letters and digits, any case).
_HANDLER_CODE = re.compile(r"^[A-Z0-9]{4,20}$")
#: A new code: 8 characters without the ones read alike (0/O, 1/I/L).
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
NEW_CODE_LENGTH = 8


def normalise_handler_code(raw: str) -> str:
    """A code as typed (spaces around, lower case) in the form it is hashed and checked."""
    return raw.strip().upper()


def check_handler_code(raw: str) -> str:
    code = normalise_handler_code(raw)
    if not _HANDLER_CODE.match(code):
        raise InvalidInput("error.handler.code_format", field="code")
    return code


def new_handler_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(NEW_CODE_LENGTH))


def check_period(start: date, end: date, field: str = "period_end") -> None:
    if end < start:
        raise InvalidInput("error.period.end_before_start", field=field)


def designation_valid_on(valid_from: date, valid_to: date | None, day: date) -> bool:
    return valid_from <= day and (valid_to is None or day <= valid_to)


def clean_items(items: list[str]) -> list[str]:
    """Item names (e.g. 郵便番号, 住所): trimmed, de-duplicated, order kept."""
    seen: dict[str, None] = {}
    for item in items:
        name = item.strip()
        if name:
            seen.setdefault(name, None)
    return list(seen)
