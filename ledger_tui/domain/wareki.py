"""Japanese era dates (和暦), fiscal years (年度) and per-fiscal-year form numbers.

令和 from 2019-05-01, 平成 1989-01-08 to 2019-04-30; the first year prints as 元年.
The fiscal year runs 1 April - 31 March and is named by the calendar year it starts in:
令和7年度 = 2025-04-01 ... 2026-03-31. Form numbers restart each fiscal year: R7-0042.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class Era:
    name_ja: str
    name_en: str
    letter: str
    start: date


ERAS: tuple[Era, ...] = (
    Era("令和", "Reiwa", "R", date(2019, 5, 1)),
    Era("平成", "Heisei", "H", date(1989, 1, 8)),
    Era("昭和", "Showa", "S", date(1926, 12, 25)),
)


def era_of(day: date) -> tuple[Era, int]:
    """The era and the year within it (1 = the first year, 元年)."""
    for era in ERAS:
        if day >= era.start:
            return era, day.year - era.start.year + 1
    raise ValueError(f"date before the Showa era: {day}")


def era_year_text(era: Era, year: int) -> str:
    return f"{era.name_ja}{'元' if year == 1 else year}年"


def wareki_date(day: date) -> str:
    """令和7年6月1日"""
    era, year = era_of(day)
    return f"{era_year_text(era, year)}{day.month}月{day.day}日"


def wareki_date_with_western(day: date) -> str:
    """令和7年6月1日（2025-06-01）, the form used on every printed form."""
    return f"{wareki_date(day)}（{day.isoformat()}）"


def wareki_time(moment: datetime) -> str:
    """14時05分"""
    return f"{moment.hour}時{moment.minute:02d}分"


def wareki_datetime(moment: datetime) -> str:
    """令和7年6月1日 14時05分 (moment already in local time)."""
    return f"{wareki_date(moment.date())} {wareki_time(moment)}"


def fiscal_year(day: date) -> int:
    """Western calendar year in which the fiscal year of `day` starts."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_text(day: date) -> str:
    """令和7年度 (named by the era of the fiscal year's first day, 1 April)."""
    start = date(fiscal_year(day), 4, 1)
    era, year = era_of(start)
    return f"{era.name_ja}{'元' if year == 1 else year}年度"


def fiscal_year_prefix(day: date) -> str:
    """R7 for fiscal year 2025; the prefix of form numbers such as R7-0042."""
    start = date(fiscal_year(day), 4, 1)
    era, year = era_of(start)
    if era.letter == "H" and start.year == 2019:  # FY2019 started in Heisei 31
        return "H31"
    return f"{era.letter}{year}"


def form_number(day: date, sequence: int) -> str:
    """R7-0042: fiscal-year prefix and a sequence that restarts every 1 April."""
    if sequence < 1:
        raise ValueError("form sequence starts at 1")
    return f"{fiscal_year_prefix(day)}-{sequence:04d}"


def fiscal_year_bounds(day: date) -> tuple[date, date]:
    start_year = fiscal_year(day)
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)
