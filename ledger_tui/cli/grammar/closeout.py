"""The grammar of the close-out commands: contract blockers|close, obligations, and
report contract|year. Handlers live in `cli.cmd_closeout` and load only when they run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.grammar.args import Command, Family, SubParsers

_CLOSEOUT = "ledger_tui.cli.commands.closeout"
CHOICES_FORMAT = ("csv", "pdf")


def register(commands: SubParsers, command: Command, family: Family) -> None:
    """Top-level commands of this area."""
    from ledger_tui.cli.grammar.args import count

    command(commands, "obligations", "cli.cmd.obligations", f"{_CLOSEOUT}:obligations")
    report = family("report", "cli.cmd.report")
    contract = command(
        report, "contract", "cli.cmd.report_contract", f"{_CLOSEOUT}:report_contract"
    )
    contract.add_argument(
        "contract_id", metavar="CONTRACT_ID", type=count, help=t("cli.opt.contract_id")
    )
    year = command(report, "year", "cli.cmd.report_year", f"{_CLOSEOUT}:report_year")
    year.add_argument("fiscal_year", metavar="FY", help=t("cli.opt.fiscal_year"))
    for sub in (contract, year):
        sub.add_argument(
            "--format", required=True, choices=CHOICES_FORMAT, help=t("cli.opt.report_format")
        )
        sub.add_argument("--output", required=True, metavar="PATH", help=t("cli.opt.output"))
        sub.add_argument("--bom", action="store_true", help=t("cli.opt.bom"))


def register_contract(contract: SubParsers, command: Command) -> None:
    """Actions added to the `contract` family."""
    from ledger_tui.cli.grammar.args import count

    blockers = command(
        contract, "blockers", "cli.cmd.contract_blockers", f"{_CLOSEOUT}:contract_blockers"
    )
    blockers.add_argument(
        "contract_id", metavar="CONTRACT_ID", type=count, help=t("cli.opt.contract_id")
    )
    close = command(contract, "close", "cli.cmd.contract_close", f"{_CLOSEOUT}:contract_close")
    close.add_argument(
        "contract_id", metavar="CONTRACT_ID", type=count, help=t("cli.opt.contract_id")
    )
    paper = close.add_mutually_exclusive_group()
    paper.add_argument(
        "--print", dest="print_summary", action="store_true", help=t("cli.opt.closeout_print")
    )
    paper.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    close.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))


def register_audit(audit: SubParsers, command: Command) -> None:
    """Actions added to the `audit` family (none from the close-out)."""
