"""和暦 dates, fiscal years and form numbers as printed on the forms."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from ledger_tui.domain.wareki import (
    fiscal_year,
    fiscal_year_bounds,
    fiscal_year_text,
    form_number,
    wareki_date,
    wareki_date_with_western,
    wareki_datetime,
)


@pytest.mark.parametrize(
    "day,text",
    [
        (date(2025, 6, 1), "令和7年6月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(2020, 6, 1), "令和2年6月1日"),
    ],
)
def test_era_dates(day: date, text: str) -> None:
    assert wareki_date(day) == text


def test_printed_forms() -> None:
    assert wareki_date_with_western(date(2025, 6, 1)) == "令和7年6月1日（2025-06-01）"
    assert wareki_datetime(datetime(2025, 6, 1, 14, 5)) == "令和7年6月1日 14時05分"


def test_fiscal_years() -> None:
    assert fiscal_year(date(2026, 3, 31)) == 2025
    assert fiscal_year(date(2026, 4, 1)) == 2026
    assert fiscal_year_text(date(2026, 3, 31)) == "令和7年度"
    assert fiscal_year_text(date(2019, 6, 1)) == "平成31年度"
    assert fiscal_year_bounds(date(2025, 12, 1)) == (date(2025, 4, 1), date(2026, 3, 31))


def test_form_numbers_restart_each_fiscal_year() -> None:
    assert form_number(date(2025, 6, 1), 42) == "R7-0042"
    assert form_number(date(2026, 3, 31), 1) == "R7-0001"
    assert form_number(date(2026, 4, 1), 1) == "R8-0001"
    with pytest.raises(ValueError):
        form_number(date(2026, 4, 1), 0)
