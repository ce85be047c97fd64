"""The grammar of the confirmation record sheet (確認記録票) and special terms (特記事項):
`sheet start|show|check|item-add|item-reword|item-withdraw|print`, `contract terms` and
`contract print --paper terms|handlers`.
Handlers live in `cli.cmd_sheet` and load only when they run."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.grammar.args import Command, Family, SubParsers

_SHEET = "ledger_tui.cli.commands.sheet"
#: Values of `domain.compliance.SheetTemplate` and `CheckStatus` (literal here so the
#: grammar stays light).
CHOICES_TEMPLATE = ("servicer", "law_firm")
CHOICES_STATUS = ("met", "not_met", "not_applicable")


def clause_list(value: str) -> list[int]:
    """`1-10,13,15-19` as the clause numbers it names (checked against the 21)."""
    from ledger_tui.domain.compliance import parse_clauses
    from ledger_tui.domain.errors import InvalidInput

    try:
        return parse_clauses(value)
    except InvalidInput as refused:
        raise argparse.ArgumentTypeError(refused.message()) from None


def _contract_arg(parser: argparse.ArgumentParser) -> None:
    from ledger_tui.cli.grammar.args import count

    parser.add_argument(
        "contract", metavar="CONTRACT_ID", type=count, help=t("cli.opt.contract_id")
    )


def _position_arg(parser: argparse.ArgumentParser) -> None:
    from ledger_tui.cli.grammar.args import count

    parser.add_argument(
        "position", metavar="ITEM_POSITION", type=count, help=t("cli.opt.sheet_position")
    )


def register(commands: SubParsers, command: Command, family: Family) -> None:
    """Top-level commands of this area."""
    from ledger_tui.cli.grammar.args import iso_date

    sheet = family("sheet", "cli.cmd.sheet")
    start = command(sheet, "start", "cli.cmd.sheet_start", f"{_SHEET}:start")
    _contract_arg(start)
    start.add_argument(
        "--template", required=True, choices=CHOICES_TEMPLATE, help=t("cli.opt.sheet_template")
    )

    _contract_arg(command(sheet, "show", "cli.cmd.sheet_show", f"{_SHEET}:show"))

    check = command(sheet, "check", "cli.cmd.sheet_check", f"{_SHEET}:check")
    _contract_arg(check)
    _position_arg(check)
    check.add_argument(
        "--status", required=True, choices=CHOICES_STATUS, help=t("cli.opt.sheet_status")
    )
    check.add_argument(
        "--on", dest="day", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.sheet_on")
    )
    check.add_argument("--note", default="", metavar="TEXT", help=t("cli.opt.sheet_note"))

    add = command(sheet, "item-add", "cli.cmd.sheet_item_add", f"{_SHEET}:item_add")
    _contract_arg(add)
    add.add_argument("label", metavar="LABEL", help=t("cli.opt.sheet_label"))

    reword = command(sheet, "item-reword", "cli.cmd.sheet_item_reword", f"{_SHEET}:item_reword")
    _contract_arg(reword)
    _position_arg(reword)
    reword.add_argument("label", metavar="LABEL", help=t("cli.opt.sheet_label"))

    withdraw = command(
        sheet, "item-withdraw", "cli.cmd.sheet_item_withdraw", f"{_SHEET}:item_withdraw"
    )
    _contract_arg(withdraw)
    _position_arg(withdraw)
    withdraw.add_argument("--reason", required=True, metavar="TEXT", help=t("cli.opt.sheet_reason"))

    printing = command(sheet, "print", "cli.cmd.sheet_print", f"{_SHEET}:print_sheet")
    _contract_arg(printing)
    where = printing.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))


def register_contract(contract: SubParsers, command: Command) -> None:
    """Actions added to the `contract` family."""
    terms = command(contract, "terms", "cli.cmd.contract_terms", f"{_SHEET}:terms")
    _contract_arg(terms)
    terms.add_argument(
        "--set",
        dest="clauses",
        type=clause_list,
        metavar="1-10,13,...",
        help=t("cli.opt.terms_set"),
    )
    paper = command(contract, "print", "cli.cmd.contract_print", f"{_SHEET}:contract_print")
    _contract_arg(paper)
    paper.add_argument(
        "--paper", required=True, choices=("terms", "handlers"), help=t("cli.opt.contract_paper")
    )
    where = paper.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))


def register_audit(audit: SubParsers, command: Command) -> None:
    """Actions added to the `audit` family (none from this area)."""
