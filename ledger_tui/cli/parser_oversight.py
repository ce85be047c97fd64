"""The grammar of the oversight commands (filled in by the compliance work; see issue #7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ledger_tui.cli.parser import Command, Family, SubParsers


def register(commands: SubParsers, command: Command, family: Family) -> None:
    """Top-level commands of this area."""


def register_contract(contract: SubParsers, command: Command) -> None:
    """Actions added to the `contract` family."""


def register_audit(audit: SubParsers, command: Command) -> None:
    """Actions added to the `audit` family."""
