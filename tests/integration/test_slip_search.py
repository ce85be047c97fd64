"""The slip ledger's one-line filter over the demo ledger's slips."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_tui.db.paging import SlipPager
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.services.demo.ledger import build_demo
from ledger_tui.services.lending.slip_search import parse_slip_query


def _numbers(ledger: Ledger, text: str) -> list[str]:
    query = parse_slip_query(ledger, text)
    return [
        row.number
        for row in SlipPager(ledger.engine, query.needle, query.slip_filter).page_after(None, 50)
    ]


def test_filter_words_combine(ledger: Ledger) -> None:
    build_demo(ledger)
    everything = _numbers(ledger, "")
    assert len(everything) >= 10
    first = everything[-1]
    assert _numbers(ledger, first.lower()) == [first]
    by_medium = _numbers(ledger, "税-USB-002")
    assert by_medium and set(by_medium) < set(everything)
    query = parse_slip_query(ledger, "2026-04-01..2027-03-31 c:1 h:1")
    assert query.slip_filter.date_from == date(2026, 4, 1)
    assert query.slip_filter.contract_id == 1 and query.slip_filter.handler_id is not None
    with_handler = _numbers(ledger, "c:1 h:1")
    assert with_handler and set(with_handler) < set(everything)
    with pytest.raises(InvalidInput):
        parse_slip_query(ledger, "h:999")
    with pytest.raises(InvalidInput):
        parse_slip_query(ledger, "2026-13-45")
