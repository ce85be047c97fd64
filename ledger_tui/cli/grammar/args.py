"""Argument types shared by the command line's grammar: dates, counts, item lists."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TypeAlias

from ledger_tui.config import MAX_COPIES
from ledger_tui.domain.numbers import BIGINT_MAX, INT_MAX
from ledger_tui.i18n import t

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Command: TypeAlias = Callable[[SubParsers, str, str, str], argparse.ArgumentParser]
Family: TypeAlias = Callable[[str, str], SubParsers]


def iso_date(value: str) -> date:
    try:
        if len(value) != 10:
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("error.field.date")) from None


def count(value: str, limit: int = INT_MAX) -> int:
    """A whole number from 0 to `limit` (an id, a count), bounded before it goes near
    the database."""
    text = value.strip()
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 20 else -1
    if not 0 <= number <= limit:
        raise argparse.ArgumentTypeError(t("error.field.integer", limit=limit))
    return number


def byte_count(value: str) -> int:
    """A size in bytes (a stick's capacity)."""
    return count(value, BIGINT_MAX)


def copies(value: str) -> int:
    number = count(value, MAX_COPIES)
    if number < 1:
        raise argparse.ArgumentTypeError(t("error.field.integer", limit=MAX_COPIES))
    return number


def item_list(value: str) -> list[str]:
    """Comma-separated items; the Japanese comma 、 separates too."""
    return [item.strip() for item in value.replace("、", ",").split(",") if item.strip()]
