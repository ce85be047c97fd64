"""The command line's grammar (argparse), with help texts from the catalogue.

Global options live on a parent parser added to the program and to every command, with
suppressed defaults, so they may be written before or after the command. Each command
names its handler as "module:function" and is imported only when it runs, so `--help`
and the TUI start without loading the database layer.

Given the command line, `build_parser(argv)` builds in full only the parsers on the path
of the command being run; every other command is named (for the help listing and
"invalid choice") but not built: building all ~90 parsers cost more than the rest of a
read command. A command line whose path cannot be told beforehand (an abbreviated global
option, say) falls back to the whole grammar (`Unbuilt`).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ledger_tui.cli.commands import devices as cmd_devices
from ledger_tui.cli.commands import inspect as cmd_inspect
from ledger_tui.cli.grammar import closeout as parser_closeout
from ledger_tui.cli.grammar import loading as parser_loading
from ledger_tui.cli.grammar import oversight as parser_oversight
from ledger_tui.cli.grammar import sheet as parser_sheet
from ledger_tui.cli.grammar import wipe as parser_wipe
from ledger_tui.cli.grammar.args import (
    Command,
    Family,
    SubParsers,
    byte_count,
    copies,
    count,
    iso_date,
    item_list,
)
from ledger_tui.i18n import LANGS, t

CHOICES_ROLE = ("admin", "operator")
CHOICES_HANDLER_ROLE = ("responsible", "handler")
CHOICES_KIND = ("usb", "cdr", "paper_case")
CHOICES_METHOD = ("hand", "registered_mail", "locked_case", "email")

_ORG = "ledger_tui.cli.commands.org"
_MEDIA = "ledger_tui.cli.commands.media"
_LEDGER = "ledger_tui.cli.commands.ledger"
_LENDING = "ledger_tui.cli.commands.lending"
_SLIPS = "ledger_tui.cli.commands.slips"


#: Global options that take a value (the next word is not a command).
_VALUED = frozenset({"--db", "--lang", "--operator"})


class Unbuilt(Exception):
    """The command line chose a command that the lean grammar did not build."""


class _Sink(argparse.ArgumentParser):
    """A command's parser while another command runs: takes its grammar, keeps none of it."""

    def __init__(self, **kwargs: Any) -> None:  # no parser state at all: nothing to build
        pass

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        return self

    def add_mutually_exclusive_group(self, **kwargs: Any) -> Any:
        return self

    def set_defaults(self, **kwargs: Any) -> None:
        pass

    def add_subparsers(self, **kwargs: Any) -> Any:
        commands = _Commands(option_strings=[], prog="", parser_class=_Sink)
        commands.path = ()
        return commands

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        raise Unbuilt


if TYPE_CHECKING:
    _SubParsersBase = argparse._SubParsersAction[argparse.ArgumentParser]
else:  # not subscriptable at run time
    _SubParsersBase = argparse._SubParsersAction


class _Commands(_SubParsersBase):
    """Commands of one level; only the one named by `path` (None: every one) is built."""

    path: tuple[str, ...] | None = None

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        if self.path is None or self.path[:1] == (name,):
            parser = super().add_parser(name, **kwargs)
            if isinstance(parser, _Parser):
                parser.path = None if self.path is None else self.path[1:]
            return parser
        if "help" in kwargs:  # listed in the help as a built command would be
            self._choices_actions.append(self._ChoicesPseudoAction(name, (), kwargs["help"]))
        sink = _Sink()
        self._name_parser_map[name] = sink
        return sink


class _Parser(argparse.ArgumentParser):
    path: tuple[str, ...] | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", _Commands)

    def add_subparsers(self, **kwargs: Any) -> Any:
        commands = super().add_subparsers(**kwargs)
        assert isinstance(commands, _Commands)
        commands.path = self.path
        return commands


def command_path(argv: Sequence[str]) -> tuple[str, ...]:
    """The command words of a command line (e.g. ("media", "show")): at most two words
    that are neither options nor the value of a global option."""
    words: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--" or len(words) == 2:
            break
        if token in _VALUED:
            next(tokens, None)
        elif not token.startswith("-"):
            words.append(token)
    return tuple(words)


def parse_command_line(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line, read with the lean grammar (the whole one if needed)."""
    try:
        return build_parser(argv).parse_args(argv)
    except Unbuilt:  # the path was guessed wrong (an abbreviated option): the whole one
        return build_parser().parse_args(argv)


def _global_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    group = common.add_argument_group(t("cli.group.global"))
    group.add_argument("--db", metavar="URL", help=t("cli.opt.db"))
    group.add_argument("--demo", action="store_true", help=t("cli.opt.demo"))
    group.add_argument("--lang", choices=LANGS, help=t("cli.opt.lang"))
    group.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    group.add_argument("--operator", metavar="LOGIN", help=t("cli.opt.operator"))
    group.add_argument("--password-stdin", action="store_true", help=t("cli.opt.password_stdin"))
    return common


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The grammar; with `argv`, only the command it names is built (see the module)."""
    common = _global_options()
    parser = _Parser(
        prog="ledger-tui",
        parents=[common],
        description=t("cli.description"),
        epilog=t("cli.epilog"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.path = None if argv is None else command_path(argv)
    parser.set_defaults(run=None)
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=t("cli.group.commands")
    )

    def command(
        group: argparse._SubParsersAction[argparse.ArgumentParser], name: str, key: str, run: str
    ) -> argparse.ArgumentParser:
        sub = group.add_parser(name, parents=[common], help=t(key), description=t(key))
        sub.set_defaults(run=run)
        return sub

    def family(name: str, key: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
        sub = commands.add_parser(name, help=t(key), description=t(key))
        actions: SubParsers = sub.add_subparsers(dest="action", metavar="ACTION", required=True)
        return actions

    init = command(commands, "init", "cli.cmd.init", f"{_LEDGER}:init")
    init.add_argument("--admin", metavar="LOGIN", help=t("cli.opt.init_admin"))
    init.add_argument("--name", help=t("cli.opt.init_name"))

    command(commands, "upgrade", "cli.cmd.upgrade", f"{_LEDGER}:upgrade")

    counter = command(commands, "counter", "cli.cmd.counter", f"{_LEDGER}:counter")
    counter.add_argument("--desk", required=True, metavar="NAME", help=t("cli.opt.counter_desk"))

    demo = command(commands, "demo", "cli.cmd.demo", f"{_LEDGER}:demo")
    demo.add_argument("--reset", action="store_true", help=t("cli.opt.demo_reset"))

    operator = family("operator", "cli.cmd.operator")
    add = command(operator, "add", "cli.cmd.operator_add", f"{_ORG}:operator_add")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, help=t("cli.opt.name"))
    add.add_argument("--role", choices=CHOICES_ROLE, default="operator", help=t("cli.opt.role"))
    add.add_argument("--section", metavar="CODE", default="", help=t("cli.opt.section"))
    command(operator, "list", "cli.cmd.operator_list", f"{_ORG}:operator_list")

    section = family("section", "cli.cmd.section")
    add = command(section, "add", "cli.cmd.section_add", f"{_ORG}:section_add")
    add.add_argument("code", metavar="CODE")
    add.add_argument("name", metavar="NAME")
    command(section, "list", "cli.cmd.section_list", f"{_ORG}:section_list")

    contractor = family("contractor", "cli.cmd.contractor")
    add = command(contractor, "add", "cli.cmd.contractor_add", f"{_ORG}:contractor_add")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--address", default="", help=t("cli.opt.address"))
    add.add_argument("--phone", default="", help=t("cli.opt.phone"))
    command(contractor, "list", "cli.cmd.contractor_list", f"{_ORG}:contractor_list")

    contract = family("contract", "cli.cmd.contract")
    _contract_add(command(contract, "add", "cli.cmd.contract_add", f"{_ORG}:contract_add"))
    command(contract, "list", "cli.cmd.contract_list", f"{_ORG}:contract_list")
    show = command(contract, "show", "cli.cmd.contract_show", f"{_ORG}:contract_show")
    show.add_argument("id", metavar="ID", type=count, help=t("cli.opt.contract_id"))

    handler = family("handler", "cli.cmd.handler")
    _handler_add(command(handler, "add", "cli.cmd.handler_add", f"{_ORG}:handler_add"))
    reset = command(
        handler, "reset-code", "cli.cmd.handler_reset_code", f"{_ORG}:handler_reset_code"
    )
    reset.add_argument("number", metavar="NO", type=count, help=t("cli.opt.handler_number"))
    reset.add_argument("--code", default="", help=t("cli.opt.handler_code"))

    medium = family("media", "cli.cmd.media")
    _media_add(command(medium, "add", "cli.cmd.media_add", f"{_MEDIA}:add"))
    listing = command(medium, "list", "cli.cmd.media_list", f"{_MEDIA}:listing")
    listing.add_argument("--filter", default="", metavar="TEXT", help=t("cli.opt.filter"))
    listing.add_argument("--limit", type=count, metavar="N", help=t("cli.opt.limit"))
    show = command(medium, "show", "cli.cmd.media_show", f"{_MEDIA}:show")
    show.add_argument("control_number", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    sheet = command(medium, "print", "cli.cmd.media_print", f"{_MEDIA}:print_register")
    sheet.add_argument("--section", default="", metavar="CODE", help=t("cli.opt.register_section"))
    where = sheet.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    edit = command(medium, "edit", "cli.cmd.media_edit", f"{_MEDIA}:edit")
    edit.add_argument("control_number", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    edit.add_argument("--section", metavar="CODE", default="", help=t("cli.opt.medium_section"))
    edit.add_argument("--location", metavar="L", help=t("cli.opt.location"))

    audit = family("audit", "cli.cmd.audit")
    verify = command(audit, "verify", "cli.cmd.audit_verify", f"{_LEDGER}:audit_verify")
    verify.add_argument(
        "--checkpoint", metavar="FILE", action="append", help=t("cli.opt.checkpoint_file")
    )
    checkpoint = command(
        audit, "checkpoint", "cli.cmd.audit_checkpoint", f"{_LEDGER}:audit_checkpoint"
    )
    checkpoint.add_argument("output", metavar="FILE", help=t("cli.opt.checkpoint_file"))
    checkpoint.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    checkpoint.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    recover = command(audit, "recover", "cli.cmd.audit_recover", f"{_LEDGER}:audit_recover")
    recover.add_argument("--reason", required=True, help=t("cli.opt.recover_reason"))
    for area in (parser_sheet, parser_oversight, parser_closeout):
        area.register_contract(contract, command)
        area.register_audit(audit, command)

    _lending(commands, command, family)
    parser_loading.register(commands, command)
    cmd_devices.register(commands, command)
    cmd_inspect.register(commands, command)
    parser_wipe.register(commands, command, family)
    for area in (parser_sheet, parser_oversight, parser_closeout):
        area.register(commands, command, family)

    export = command(commands, "export", "cli.cmd.export", f"{_LEDGER}:export")
    export.add_argument(
        "target", choices=("media", "audit", "slips"), help=t("cli.opt.export_what")
    )
    export.add_argument(
        "--format", choices=("csv", "json"), default="csv", help=t("cli.opt.format")
    )
    export.add_argument("--output", metavar="PATH", help=t("cli.opt.output"))
    export.add_argument("--bom", action="store_true", help=t("cli.opt.bom"))

    backup = command(commands, "backup", "cli.cmd.backup", f"{_LEDGER}:backup")
    backup.add_argument("dest", metavar="DEST", help=t("cli.opt.backup_dest"))
    return parser


def _contract_add(add: argparse.ArgumentParser) -> None:
    add.add_argument("--title", required=True, help=t("cli.opt.title"))
    add.add_argument("--section", required=True, metavar="CODE", help=t("cli.opt.section"))
    add.add_argument("--contractor", required=True, metavar="NAME", help=t("cli.opt.contractor"))
    add.add_argument(
        "--start", required=True, type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.start")
    )
    add.add_argument(
        "--end", required=True, type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.end")
    )
    add.add_argument("--purpose", default="", help=t("cli.opt.purpose"))
    add.add_argument(
        "--provided", type=item_list, default=[], metavar="ITEM,...", help=t("cli.opt.provided")
    )
    add.add_argument(
        "--collected", type=item_list, default=[], metavar="ITEM,...", help=t("cli.opt.collected")
    )
    add.add_argument(
        "--media", type=item_list, default=["usb"], metavar="KIND,...", help=t("cli.opt.media")
    )
    add.add_argument(
        "--methods",
        type=item_list,
        default=["hand"],
        metavar="METHOD,...",
        help=t("cli.opt.methods"),
    )
    add.add_argument("--planned", type=count, default=0, metavar="N", help=t("cli.opt.planned"))
    add.add_argument(
        "--terms",
        type=parser_sheet.clause_list,
        default=None,
        metavar="1-10,13,...",
        help=t("cli.opt.terms_set"),
    )


def _handler_add(add: argparse.ArgumentParser) -> None:
    add.add_argument(
        "--contract", required=True, type=count, metavar="ID", help=t("cli.opt.contract_id")
    )
    add.add_argument("--name", required=True, help=t("cli.opt.handler_name"))
    add.add_argument(
        "--role", required=True, choices=CHOICES_HANDLER_ROLE, help=t("cli.opt.handler_role")
    )
    add.add_argument("--code", default="", help=t("cli.opt.handler_code"))
    add.add_argument(
        "--from",
        dest="valid_from",
        required=True,
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=t("cli.opt.from"),
    )
    add.add_argument(
        "--to", dest="valid_to", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.to")
    )
    add.add_argument(
        "--reported", required=True, type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.reported")
    )


def _media_add(add: argparse.ArgumentParser) -> None:
    add.add_argument("control_number", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    add.add_argument("--kind", choices=CHOICES_KIND, default="usb", help=t("cli.opt.kind"))
    for name, key in (
        ("vendor", "cli.opt.vendor"),
        ("model", "cli.opt.model"),
        ("serial", "cli.opt.serial"),
        ("usb-id", "cli.opt.usb_id"),
        ("seal", "cli.opt.seal"),
        ("location", "cli.opt.location"),
        ("notes", "cli.opt.notes"),
        ("section", "cli.opt.medium_section"),
    ):
        add.add_argument(f"--{name}", default="", help=t(key))
    add.add_argument("--capacity", type=byte_count, metavar="BYTES", help=t("cli.opt.capacity"))
    add.add_argument("--hardware-lock", action="store_true", help=t("cli.opt.hardware_lock"))
    add.add_argument(
        "--lock-kind", choices=("none", "keypad", "software"), help=t("cli.opt.lock_kind")
    )


# --- lending, returns and handover slips ------------------------------------------------


def _lending(commands: SubParsers, command: Command, family: Family) -> None:
    lend = command(commands, "lend", "cli.cmd.lend", f"{_LENDING}:lend")
    lend.add_argument(
        "--contract", required=True, type=count, metavar="ID", help=t("cli.opt.contract_id")
    )
    lend.add_argument(
        "--expected-return", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.expected_return")
    )
    lend.add_argument("--without-load", action="store_true", help=t("cli.opt.without_load"))
    _slip_form(lend, "cli.opt.items_out")

    back = command(commands, "return", "cli.cmd.return", f"{_LENDING}:take_back")
    back.add_argument("--explain", default="", metavar="TEXT", help=t("cli.opt.explain"))
    _slip_form(back, "cli.opt.items_back")

    slip = family("slip", "cli.cmd.slip")
    show = command(slip, "show", "cli.cmd.slip_show", f"{_SLIPS}:slip_show")
    _number(show)
    confirm = command(slip, "confirm", "cli.cmd.slip_confirm", f"{_LENDING}:slip_confirm")
    _number(confirm)
    confirm.add_argument("--code", required=True, help=t("cli.opt.confirm_code"))
    _number(command(slip, "sent", "cli.cmd.slip_sent", f"{_LENDING}:slip_sent"))

    transfer = family("transfer", "cli.cmd.transfer")
    opening = command(transfer, "open", "cli.cmd.transfer_open", f"{_LENDING}:transfer_open")
    opening.add_argument(
        "--contract", required=True, type=count, metavar="ID", help=t("cli.opt.contract_id")
    )
    opening.add_argument(
        "--channel", required=True, choices=("email", "registered_mail"), help=t("cli.opt.channel")
    )
    printing = command(slip, "print", "cli.cmd.slip_print", f"{_LENDING}:slip_print")
    _number(printing)
    where = printing.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
    where.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    printing.add_argument("--copies", type=copies, metavar="N", help=t("cli.opt.copies"))
    _number(command(slip, "stamp", "cli.cmd.slip_stamp", f"{_LENDING}:slip_stamp"))
    cancel = command(slip, "cancel", "cli.cmd.slip_cancel", f"{_LENDING}:slip_cancel")
    _number(cancel)
    cancel.add_argument("--reason", required=True, help=t("cli.opt.reason"))

    listing = command(
        family("slips", "cli.cmd.slips"), "list", "cli.cmd.slips_list", f"{_SLIPS}:slips_list"
    )
    listing.add_argument(
        "--medium", default="", metavar="CONTROL_NO", help=t("cli.opt.control_number")
    )
    listing.add_argument("--contract", type=count, metavar="ID", help=t("cli.opt.contract_id"))
    listing.add_argument("--handler", type=count, metavar="NO", help=t("cli.opt.handler_filter"))
    listing.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.date_from")
    )
    listing.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD", help=t("cli.opt.date_to")
    )
    listing.add_argument("--limit", type=count, metavar="N", help=t("cli.opt.limit"))

    loans = command(
        family("loans", "cli.cmd.loans"), "list", "cli.cmd.loans_list", f"{_SLIPS}:loans_list"
    )
    loans.add_argument("--overdue", action="store_true", help=t("cli.opt.overdue"))

    ward = command(
        family("ward", "cli.cmd.ward"), "set", "cli.cmd.ward_set", f"{_LENDING}:ward_set"
    )
    ward.add_argument("name", metavar="NAME", help=t("cli.opt.ward_name"))


def _number(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("number", metavar="NUMBER", help=t("cli.opt.slip_number"))


def _slip_form(sub: argparse.ArgumentParser, items_key: str) -> None:
    """What `lend` and `return` share: the slip's content, the counter code, printing."""
    sub.add_argument("--medium", default="", metavar="CONTROL_NO", help=t("cli.opt.control_number"))
    sub.add_argument("--transfer", type=count, metavar="LOAN_ID", help=t("cli.opt.transfer"))
    sub.add_argument(
        "--handler", required=True, type=count, metavar="NO", help=t("cli.opt.handler")
    )
    sub.add_argument(
        "--count", required=True, type=count, metavar="N", help=t("cli.opt.record_count")
    )
    sub.add_argument("--method", required=True, choices=CHOICES_METHOD, help=t("cli.opt.method"))
    sub.add_argument("--detail", default="", metavar="TRACKING_OR_SEAL", help=t("cli.opt.detail"))
    sub.add_argument("--items", type=item_list, default=[], metavar="ITEM,...", help=t(items_key))
    sub.add_argument("--text", default="", metavar="FREE", help=t("cli.opt.free_text"))
    sub.add_argument("--notes", default="", metavar="TEXT", help=t("cli.opt.notes"))
    sub.add_argument("--confirm-code", metavar="CODE", help=t("cli.opt.counter_code"))
    sub.add_argument("--sent", action="store_true", help=t("cli.opt.sent"))
    paper = sub.add_mutually_exclusive_group()
    paper.add_argument("--print", dest="print_slip", action="store_true", help=t("cli.opt.print"))
    paper.add_argument("--pdf", metavar="PATH", help=t("cli.opt.pdf"))
    sub.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))
