"""The slip ledger's one-line filter, as the desk types it:

    SLIP-R7-0042         a slip number (as printed, or slip-r7-42, or r7-42)
    税-USB-001           a medium's control number
    2026-11-01           from that day; a second date: up to that day
    2026-11-01..2026-11-30   a range
    c:3                  contract id 3
    h:12                 the designated handler number 12 (c: checks it is the contract's)
Words combine (AND). The filter is served by the slip indexes (see db/paging.SlipPager).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from ledger_tui.db.paging import SlipFilter
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.services.organisation import find_handler

_NUMBER = re.compile(r"^(?:[A-Z]{2,5}-)?[RHS]\d{1,2}-\d{1,6}$", re.IGNORECASE)
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$")


@dataclass(frozen=True, slots=True)
class SlipQuery:
    needle: str
    slip_filter: SlipFilter


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("error.field.date", field="filter") from None


def parse_slip_query(ledger: Ledger, text: str) -> SlipQuery:
    needle = ""
    found = SlipFilter()
    handler_id: int | None = None
    for word in text.split():
        if _NUMBER.match(word):
            needle = word
        elif (span := _RANGE.match(word)) is not None:
            found = replace(
                found,
                date_from=_day(span[1]) if span[1] else None,
                date_to=_day(span[2]) if span[2] else None,
            )
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
            if found.date_from is None:
                found = replace(found, date_from=_day(word))
            else:
                found = replace(found, date_to=_day(word))
        elif word.lower().startswith("c:") and word[2:].isdigit():
            found = replace(found, contract_id=int(word[2:]))
        elif word.lower().startswith("h:") and word[2:].isdigit():
            handler_id = int(word[2:])
        else:
            found = replace(found, control_number=word)
    if handler_id is not None:
        found = replace(found, handler_id=find_handler(ledger, handler_id, found.contract_id))
    return SlipQuery(needle, found)
