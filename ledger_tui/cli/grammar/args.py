"""Argument types shared by the command line's grammar: dates, counts, item lists."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TypeAlias

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


def count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(t("error.field.integer"))
    return number


def copies(value: str) -> int:
    number = count(value)
    if number < 1:
        raise argparse.ArgumentTypeError(t("error.field.integer"))
    return number


def item_list(value: str) -> list[str]:
    """Comma-separated items; the Japanese comma 、 separates too."""
    return [item.strip() for item in value.replace("、", ",").split(",") if item.strip()]
