"""The desk's local time zone (Tokyo by default; `LEDGER_TUI_TZ` overrides)."""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo


def local_zone() -> ZoneInfo:
    return ZoneInfo(os.environ.get("LEDGER_TUI_TZ", "Asia/Tokyo"))


def local(moment: datetime) -> datetime:
    return moment.astimezone(local_zone())


def local_date(moment: datetime) -> date:
    return local(moment).date()


def format_local(moment: datetime | None, with_seconds: bool = False) -> str:
    if moment is None:
        return ""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")
