"""Handover slips (個人情報受け渡し票): directions, states and the rules of their content.

A slip is drafted at the desk, confirmed at the counter by the contractor's officer
(who types their handler code), printed, and stamped by both sides. Once stamped it is
immutable; a mistake is corrected by a cancelling slip that references it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from datetime import date

from ledger_tui.domain.contracts import TransferMethod, clean_items, designation_valid_on
from ledger_tui.domain.errors import IllegalTransition, InvalidInput
from ledger_tui.domain.numbers import check_whole

#: Wrong handler codes in a row after which a slip can no longer be confirmed.
MAX_CONFIRM_ATTEMPTS = 5
DETAIL_LIMIT = 200
TEXT_LIMIT = 2000


class SlipDirection(enum.StrEnum):
    OUT = "out"  # 提供: ward -> contractor
    BACK = "back"  # 返却: contractor -> ward


class SlipState(enum.StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"  # the contractor's officer confirmed it at the counter
    PRINTED = "printed"
    STAMPED = "stamped"  # both sides stamped the paper: immutable from now on
    CANCELLED = "cancelled"


S = SlipState

#: The one table of allowed slip moves. printed -> printed is a reprint.
TRANSITIONS: dict[SlipState, frozenset[SlipState]] = {
    S.DRAFT: frozenset({S.CONFIRMED, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.PRINTED, S.CANCELLED}),
    S.PRINTED: frozenset({S.PRINTED, S.STAMPED, S.CANCELLED}),
    S.STAMPED: frozenset({S.CANCELLED}),
    S.CANCELLED: frozenset(),
}

#: States in which nothing on the slip may change any more (a stamped slip may still
#: be marked cancelled by a cancelling slip; its content never changes).
FROZEN: frozenset[SlipState] = frozenset({S.STAMPED, S.CANCELLED})
#: Slip states in which a handover took place (a draft never did; a cancelled slip
#: was undone by its cancelling slip).
TOOK_EFFECT: frozenset[SlipState] = frozenset({S.CONFIRMED, S.PRINTED, S.STAMPED})

#: Transfer methods whose detail (tracking number, seal number, recipient address) must
#: be written down.
DETAIL_REQUIRED: frozenset[TransferMethod] = frozenset(
    {TransferMethod.REGISTERED_MAIL, TransferMethod.LOCKED_CASE, TransferMethod.EMAIL}
)
_DETAIL_KEYS = {
    TransferMethod.REGISTERED_MAIL: "error.slip.tracking_required",
    TransferMethod.LOCKED_CASE: "error.slip.seal_required",
    TransferMethod.EMAIL: "error.slip.recipient_required",
}
_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_FULLWIDTH_TO_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def check_slip_transition(current: SlipState, target: SlipState, number: str) -> None:
    if target not in TRANSITIONS[current]:
        if current in FROZEN:
            raise IllegalTransition("error.slip.immutable", number=number, state=current)
        raise IllegalTransition(
            "error.slip.illegal_transition",
            number=number,
            current=current,
            target=target,
        )


def check_transfer(method: str, detail: str, allowed: Sequence[str]) -> tuple[TransferMethod, str]:
    """The method must be known and allowed by the contract; mail and case need detail."""
    try:
        chosen = TransferMethod(method)
    except ValueError:
        raise InvalidInput(
            "error.contract.transfer_method", field="transfer_method", value=method
        ) from None
    if chosen.value not in allowed:
        raise InvalidInput(
            "error.slip.method_not_allowed", field="transfer_method", method=chosen.value
        )
    detail = detail.strip()
    if chosen in DETAIL_REQUIRED and not detail:
        raise InvalidInput(_DETAIL_KEYS[chosen], field="transfer_detail")
    if len(detail) > DETAIL_LIMIT:
        raise InvalidInput("error.field.too_long", field="transfer_detail", limit=DETAIL_LIMIT)
    if chosen is TransferMethod.EMAIL and not _ADDRESS.match(detail):
        raise InvalidInput("error.slip.recipient_format", field="transfer_detail")
    return chosen, detail


#: Methods by which a slip travels without anyone at the counter: the operator confirms
#: that it was sent (or arrived) instead of the contractor's officer typing a code.
REMOTE: frozenset[TransferMethod] = frozenset(
    {TransferMethod.EMAIL, TransferMethod.REGISTERED_MAIL}
)


def check_carrier(
    method: TransferMethod, has_medium: bool, channel: TransferMethod | None, out: bool
) -> None:
    """An e-mail carries a file, never a medium; a transfer without a medium goes out by
    its own channel and comes back by e-mail or registered mail."""
    if has_medium:
        if method is TransferMethod.EMAIL:
            raise InvalidInput("error.slip.email_carries_no_medium", field="transfer_method")
        return
    if method not in REMOTE:
        raise InvalidInput(
            "error.slip.method_needs_medium", field="transfer_method", method=method.value
        )
    if out and channel is not None and method is not channel:
        raise InvalidInput(
            "error.slip.method_not_channel",
            field="transfer_method",
            method=method.value,
            channel=channel.value,
        )


def normalise_seal(raw: str) -> str:
    return raw.strip().translate(_FULLWIDTH_TO_ASCII).upper()


def check_seal(
    method: TransferMethod, detail: str, registered: str, out: bool, explanation: str
) -> bool:
    """A locked case travels under the seal the register names. Out: another seal is
    refused. Back: a different seal (broken, replaced) is taken in only with a written
    explanation and flagged; returns True then."""
    if method is not TransferMethod.LOCKED_CASE or not registered.strip():
        return False
    if normalise_seal(detail) == normalise_seal(registered):
        return False
    if out:
        raise InvalidInput(
            "error.slip.seal_not_registered",
            field="transfer_detail",
            given=detail,
            registered=registered,
        )
    if not explanation.strip():
        raise InvalidInput(
            "error.slip.seal_mismatch_explanation",
            field="mismatch_explanation",
            given=detail,
            registered=registered,
        )
    return True


def check_remote_confirmation(method: TransferMethod, number: str) -> None:
    """Only a slip sent by e-mail or registered mail is confirmed without the counter."""
    if method not in REMOTE:
        raise IllegalTransition("error.slip.needs_counter", number=number, method=method.value)


def check_items(items: Sequence[str], allowed: Sequence[str], free_text: str) -> list[str]:
    """Item names come from the contract's list; some content must be named."""
    chosen = clean_items(list(items))
    unknown = [item for item in chosen if item not in allowed]
    if unknown:
        raise InvalidInput(
            "error.slip.item_not_in_contract", field="items", items="、".join(unknown)
        )
    if not chosen and not free_text.strip():
        raise InvalidInput("error.slip.content_required", field="items")
    return chosen


def check_count(count: int) -> int:
    return check_whole(count, "record_count")


def check_text(value: str, field: str, limit: int = TEXT_LIMIT) -> str:
    value = value.strip()
    if len(value) > limit:
        raise InvalidInput("error.field.too_long", field=field, limit=limit)
    return value


def check_reconciliation(back_count: int, out_count: int, explanation: str) -> bool:
    """True when the back count differs from the out count; that needs an explanation."""
    mismatch = back_count != out_count
    if mismatch and not explanation.strip():
        raise InvalidInput(
            "error.slip.mismatch_explanation_required",
            field="mismatch_explanation",
            out_count=out_count,
            back_count=back_count,
        )
    return mismatch


def check_slip_date(day: date, period_start: date, period_end: date) -> None:
    if not period_start <= day <= period_end:
        raise InvalidInput(
            "error.slip.date_outside_contract",
            field="handed_at",
            day=day.isoformat(),
            start=period_start.isoformat(),
            end=period_end.isoformat(),
        )


def check_handler_designated(
    valid_from: date, valid_to: date | None, day: date, same_contract: bool
) -> None:
    if not same_contract or not designation_valid_on(valid_from, valid_to, day):
        raise InvalidInput(
            "error.slip.handler_not_designated", field="handler_id", day=day.isoformat()
        )
