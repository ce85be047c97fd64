"""The grammar of the loading commands: load (with its actions password, notice, show,
resolve) and intake. Handlers live in `cli.commands.loading` and load only when they
run; this module stays light so `--help` starts fast."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.grammar.args import Command, SubParsers

_LOADING = "ledger_tui.cli.commands.loading"


def register(commands: SubParsers, command: Command) -> None:
    """Add `load` and `intake` to the command line (called by `cli.parser`)."""
    from ledger_tui.cli.grammar.args import count

    load = command(commands, "load", "cli.cmd.load", f"{_LOADING}:load")
    load.add_argument("files", nargs="+", metavar="FILE", help=t("cli.opt.load_files"))
    load.add_argument("--medium", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    load.add_argument("--transfer", type=count, metavar="LOAN_ID", help=t("cli.opt.transfer"))
    load.add_argument("--outbox", metavar="DIR", help=t("cli.opt.outbox"))
    load.add_argument("--device", metavar="PATH", help=t("cli.opt.device"))
    load.add_argument("--split-column", metavar="NAME", help=t("cli.opt.split_column"))
    load.add_argument("--contract", type=count, metavar="ID", help=t("cli.opt.load_contract"))
    load.add_argument("--expect-count", type=count, metavar="N", help=t("cli.opt.expect_count"))
    load.add_argument("--plan", action="store_true", help=t("cli.opt.load_plan"))
    load.add_argument("--load", dest="load_id", type=count, metavar="ID", help=t("cli.opt.load_id"))
    load.add_argument("--archive", metavar="NAME", help=t("cli.opt.archive"))
    load.add_argument("--pdf", metavar="PATH", help=t("cli.opt.notice_pdf"))

    intake = command(commands, "intake", "cli.cmd.intake", f"{_LOADING}:intake")
    intake.add_argument("--medium", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    intake.add_argument("--device", metavar="PATH", help=t("cli.opt.device"))
    intake.add_argument("--transfer", type=count, metavar="LOAN_ID", help=t("cli.opt.transfer"))
    intake.add_argument("--file", metavar="PATH", help=t("cli.opt.returned_file"))
    intake.add_argument("--dest", metavar="DIR", help=t("cli.opt.intake_dest"))
    intake.add_argument(
        "--contractor-password", action="store_true", help=t("cli.opt.contractor_password")
    )
