"""Dates and times as printed: 和暦 with the western date beside it.

Japanese: 令和7年6月1日（2025-06-01） 14時05分. English keeps the era beside the western
date, 2025-06-01 (Reiwa 7) 14:05, so both copies of a form can be compared at a glance.
Aware datetimes are shown in the desk's local time (`domain.clock`).
"""

from __future__ import annotations

from datetime import date, datetime

from ledger_tui.domain.clock import local
from ledger_tui.domain.wareki import (
    era_of,
    fiscal_year,
    fiscal_year_text,
    wareki_date,
    wareki_time,
)
from ledger_tui.i18n import Lang, t


def _era_text(day: date, lang: Lang) -> str:
    if lang == "ja":
        return wareki_date(day)
    era, year = era_of(day)
    return t("form.era_year", lang, era=era.name_en, year=year)


def form_date(day: date | None, lang: Lang) -> str:
    """令和7年6月1日（2025-06-01） / 2025-06-01 (Reiwa 7); empty for no date."""
    if day is None:
        return ""
    return t("form.date", lang, wareki=_era_text(day, lang), iso=day.isoformat())


def form_date_cell(day: date | None, lang: Lang) -> str:
    """The same on two lines, for narrow table cells."""
    if day is None:
        return ""
    return t("form.date_cell", lang, wareki=_era_text(day, lang), iso=day.isoformat())


def form_date_short(day: date | None, lang: Lang) -> str:
    """令和7年6月1日 / 2025-06-01: for cells already crowded (the era date alone)."""
    if day is None:
        return ""
    return wareki_date(day) if lang == "ja" else day.isoformat()


def form_fiscal_year(day: date, lang: Lang) -> str:
    """令和7年度 / FY2025 (Reiwa 7): the fiscal year (1 April - 31 March) holding `day`."""
    if lang == "ja":
        return t("form.fiscal_year", lang, text=fiscal_year_text(day))
    start = date(fiscal_year(day), 4, 1)
    return t("form.fiscal_year", lang, text=f"{start.year} ({_era_text(start, lang)})")


def form_time(moment: datetime, lang: Lang) -> str:
    """14時05分 / 14:05 (in local time)."""
    moment = _local(moment)
    if lang == "ja":
        return wareki_time(moment)
    return t("form.time", lang, hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")


def form_datetime(moment: datetime | None, lang: Lang) -> str:
    """令和7年6月1日（2025-06-01） 14時05分 (in local time); empty for no moment."""
    if moment is None:
        return ""
    moment = _local(moment)
    return t(
        "form.datetime", lang, date=form_date(moment.date(), lang), time=form_time(moment, lang)
    )


def local_day(moment: datetime) -> date:
    """The desk's calendar day of `moment` (the issue date printed top right)."""
    return _local(moment).date()


def _local(moment: datetime) -> datetime:
    # Naive datetimes are taken as already local (e.g. typed in at the desk).
    return local(moment) if moment.tzinfo is not None else moment
