"""The grammar of the oversight commands: `audit add|done|follow-up-closed|list|print`
(the `audit` family also holds `verify`) and `incident add|update|found|close|show|list|
print`. Handlers live in `cli.cmd_oversight` and load only when they run."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.grammar.args import Command, Family, SubParsers

_CMD = "ledger_tui.cli.commands.oversight"
#: Values of `domain.compliance.AuditKind` / `IncidentKind` (literal: the grammar stays
#: light and does not import the domain layer).
CHOICES_AUDIT_KIND = ("on_site", "document")
CHOICES_INCIDENT_KIND = ("loss", "theft", "leak", "misdelivery", "violation", "other")


def local_datetime(value: str) -> datetime:
    """YYYY-MM-DDTHH:MM (or with a space), Tokyo local time unless an offset is given."""
    try:
        if len(value) < 16:
            raise ValueError(value)
        return datetime.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.error.datetime")) from None


def _printing(sub: argparse.ArgumentParser) -> None:
    where = sub.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))


def register(commands: SubParsers, command: Command, family: Family) -> None:
    """Top-level commands of this area: the `incident` family."""
    from ledger_tui.cli.grammar.args import count

    incident = family("incident", "cli.cmd.incident")
    add = command(incident, "add", "cli.cmd.incident_add", f"{_CMD}:incident_add")
    add.add_argument(
        "--contract", required=True, type=count, metavar="ID", help=t("cli.opt.contract_id")
    )
    add.add_argument(
        "--kind", required=True, choices=CHOICES_INCIDENT_KIND, help=t("cli.opt.incident_kind")
    )
    add.add_argument("--suspected", action="store_true", help=t("cli.opt.suspected"))
    add.add_argument("--medium", default="", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    add.add_argument(
        "--handler",
        action="append",
        default=[],
        type=count,
        metavar="NO",
        help=t("cli.opt.incident_handler"),
    )
    add.add_argument(
        "--discovered",
        required=True,
        type=local_datetime,
        metavar="DATETIME",
        help=t("cli.opt.discovered"),
    )
    add.add_argument(
        "--occurred", type=local_datetime, metavar="DATETIME", help=t("cli.opt.occurred")
    )
    add.add_argument(
        "--notified", type=local_datetime, metavar="DATETIME", help=t("cli.opt.notified")
    )
    add.add_argument("--notified-by", default="", metavar="NAME", help=t("cli.opt.notified_by"))
    add.add_argument("--what", required=True, metavar="TEXT", help=t("cli.opt.what"))
    add.add_argument("--records", type=count, metavar="N", help=t("cli.opt.records"))
    add.add_argument("--measures", default="", metavar="TEXT", help=t("cli.opt.measures"))

    update = command(incident, "update", "cli.cmd.incident_update", f"{_CMD}:incident_update")
    update.add_argument("number", metavar="NUMBER", help=t("cli.opt.incident_number"))
    update.add_argument(
        "--notified", type=local_datetime, metavar="DATETIME", help=t("cli.opt.notified")
    )
    update.add_argument("--notified-by", metavar="NAME", help=t("cli.opt.notified_by"))
    update.add_argument(
        "--report-received", type=_iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.report_received")
    )
    update.add_argument("--instructions", metavar="TEXT", help=t("cli.opt.instructions"))
    update.add_argument("--measures", metavar="TEXT", help=t("cli.opt.measures"))
    update.add_argument("--records", type=count, metavar="N", help=t("cli.opt.records"))

    found = command(incident, "found", "cli.cmd.incident_found", f"{_CMD}:incident_found")
    found.add_argument("number", metavar="NUMBER", help=t("cli.opt.incident_number"))
    found.add_argument("--note", default="", metavar="TEXT", help=t("cli.opt.incident_note"))

    close = command(incident, "close", "cli.cmd.incident_close", f"{_CMD}:incident_close")
    close.add_argument("number", metavar="NUMBER", help=t("cli.opt.incident_number"))
    close.add_argument("--note", required=True, metavar="TEXT", help=t("cli.opt.incident_note"))

    show = command(incident, "show", "cli.cmd.incident_show", f"{_CMD}:incident_show")
    show.add_argument("number", metavar="NUMBER", help=t("cli.opt.incident_number"))

    listing = command(incident, "list", "cli.cmd.incident_list", f"{_CMD}:incident_list")
    listing.add_argument(
        "--open", dest="open_only", action="store_true", help=t("cli.opt.open_only")
    )
    listing.add_argument("--contract", type=count, metavar="ID", help=t("cli.opt.contract_id"))

    printing = command(incident, "print", "cli.cmd.incident_print", f"{_CMD}:incident_print")
    printing.add_argument("number", metavar="NUMBER", help=t("cli.opt.incident_number"))
    _printing(printing)


def _iso_date(value: str) -> object:
    from ledger_tui.cli.grammar.args import iso_date

    return iso_date(value)


def register_contract(contract: SubParsers, command: Command) -> None:
    """Actions added to the `contract` family (none: audits have their own family)."""


def register_audit(audit: SubParsers, command: Command) -> None:
    """Actions added to the `audit` family: audits of contractors (監査)."""
    from ledger_tui.cli.grammar.args import count, iso_date

    add = command(audit, "add", "cli.cmd.audit_add", f"{_CMD}:audit_add")
    add.add_argument("contract", metavar="CONTRACT_ID", type=count, help=t("cli.opt.contract_id"))
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument(
        "--planned", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.audit_planned")
    )
    when.add_argument("--done", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.audit_done"))
    add.add_argument("--auditor", default="", metavar="NAME", help=t("cli.opt.auditor"))
    add.add_argument("--findings", default="", metavar="TEXT", help=t("cli.opt.findings"))
    add.add_argument("--follow-ups", default="", metavar="TEXT", help=t("cli.opt.follow_ups"))
    add.add_argument(
        "--kind", choices=CHOICES_AUDIT_KIND, default="on_site", help=t("cli.opt.audit_kind")
    )

    done = command(audit, "done", "cli.cmd.audit_done", f"{_CMD}:audit_done")
    done.add_argument("audit_id", metavar="AUDIT_ID", type=count, help=t("cli.opt.audit_id"))
    done.add_argument(
        "--on", required=True, type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.audit_done")
    )
    done.add_argument("--auditor", required=True, metavar="NAME", help=t("cli.opt.auditor"))
    done.add_argument("--findings", required=True, metavar="TEXT", help=t("cli.opt.findings"))
    done.add_argument("--follow-ups", default="", metavar="TEXT", help=t("cli.opt.follow_ups"))

    closed = command(
        audit,
        "follow-up-closed",
        "cli.cmd.audit_follow_up_closed",
        f"{_CMD}:audit_follow_up_closed",
    )
    closed.add_argument("audit_id", metavar="AUDIT_ID", type=count, help=t("cli.opt.audit_id"))
    closed.add_argument(
        "--on", required=True, type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.closed_on")
    )
    closed.add_argument("--note", default="", metavar="TEXT", help=t("cli.opt.incident_note"))

    listing = command(audit, "list", "cli.cmd.audit_list", f"{_CMD}:audit_list")
    listing.add_argument("--contract", type=count, metavar="ID", help=t("cli.opt.contract_id"))
    listing.add_argument("--due", action="store_true", help=t("cli.opt.audit_due"))

    printing = command(audit, "print", "cli.cmd.audit_print", f"{_CMD}:audit_print")
    printing.add_argument(
        "contract", metavar="CONTRACT_ID", type=count, help=t("cli.opt.contract_id")
    )
    _printing(printing)
