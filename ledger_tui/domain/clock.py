"""The desk's local time zone: Tokyo unless the settings (`LEDGER_TUI_TZ`) name another.

The one process-wide setting: the entry point sets it once at the start of a run
(`config.start`); nothing here reads the environment."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

TOKYO = ZoneInfo("Asia/Tokyo")
_zone: ZoneInfo | None = None


def set_local_zone(zone: ZoneInfo | None) -> None:
    """Install the desk's zone (None: back to Tokyo). Called by `config.start` only."""
    global _zone
    _zone = zone


def configured_zone() -> ZoneInfo | None:
    return _zone


def local_zone() -> ZoneInfo:
    return _zone or TOKYO


def local(moment: datetime) -> datetime:
    return moment.astimezone(local_zone())


def local_date(moment: datetime) -> date:
    return local(moment).date()


def format_local(moment: datetime | None, with_seconds: bool = False) -> str:
    if moment is None:
        return ""
    return local(moment).strftime("%Y-%m-%d %H:%M:%S" if with_seconds else "%Y-%m-%d %H:%M")
