"""Commands for inspections (点検): `inspect start`, `inspect record`, `inspect finish`
and `inspect show`.

`inspect record --inspection ID` records one medium seen: `--medium CONTROL_NO` (typed,
or `--how scanned`; with `--seal N` for a sealed CD-R or paper case), `--serial S` (a
stick by its serial) or `--seal N` alone (a case by its seal number). `inspect finish
--inspection ID` makes the results final and, with `--pdf PATH` or `--print`, puts the
点検記録 on paper. An inspection is named by its id or its number (INSP-R7-0003).

This module's top level imports only argparse and the catalogue: the parser registers
these commands at start-up, the services load when a command runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.context import Context
    from ledger_tui.services.inspection.views import InspectionView, LineView

EXIT_OK = 0
_HERE = "ledger_tui.cli.commands.inspect"
#: Printed records are in Japanese, whatever the language of the messages.

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Command: TypeAlias = Callable[[SubParsers, str, str, str], argparse.ArgumentParser]


def register(commands: SubParsers, command: Command) -> None:
    """Add `inspect start|record|finish|show` (called by `cli.parser`)."""
    family = commands.add_parser(
        "inspect", help=t("cli.cmd.inspect"), description=t("cli.cmd.inspect")
    )
    actions = family.add_subparsers(dest="action", metavar="ACTION", required=True)

    start = command(actions, "start", "cli.cmd.inspect_start", f"{_HERE}:start")
    start.add_argument("--notes", default="", metavar="TEXT", help=t("cli.opt.notes"))

    record = command(actions, "record", "cli.cmd.inspect_record", f"{_HERE}:record")
    _inspection(record)
    seen = record.add_mutually_exclusive_group()
    seen.add_argument("--medium", metavar="CONTROL_NO", help=t("cli.opt.insp_medium"))
    seen.add_argument("--serial", metavar="S", help=t("cli.opt.insp_serial"))
    record.add_argument("--seal", metavar="N", help=t("cli.opt.insp_seal"))
    record.add_argument("--how", choices=("typed", "scanned"), help=t("cli.opt.insp_how"))
    record.add_argument("--note", default="", metavar="TEXT", help=t("cli.opt.notes"))

    finish = command(actions, "finish", "cli.cmd.inspect_finish", f"{_HERE}:finish")
    _inspection(finish)
    finish.add_argument("--notes", metavar="TEXT", help=t("cli.opt.notes"))
    paper = finish.add_mutually_exclusive_group()
    paper.add_argument("--pdf", metavar="PATH", help=t("cli.opt.insp_pdf"))
    paper.add_argument(
        "--print", dest="print_record", action="store_true", help=t("cli.opt.insp_print")
    )
    finish.add_argument("--printer", metavar="NAME", help=t("cli.opt.printer"))

    show = command(actions, "show", "cli.cmd.inspect_show", f"{_HERE}:show")
    show.add_argument("inspection", metavar="ID", help=t("cli.opt.inspection"))


def _inspection(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--inspection", required=True, metavar="ID", help=t("cli.opt.inspection"))


def _id(ctx: Context) -> int:
    from ledger_tui.services.inspection.views import show_inspection

    return show_inspection(ctx.ledger, ctx.args.inspection).id


def _finding(line: LineView) -> str:
    from ledger_tui.services.inspection.views import status_key

    text = t(status_key(line))
    return f"{text}（{t(line.discrepancy)}）" if line.discrepancy else text


# --- start ------------------------------------------------------------------------------


def start(ctx: Context) -> int:
    from ledger_tui.domain.inspections import LineResult
    from ledger_tui.services.inspection.walk import start_inspection

    view = start_inspection(ctx.ledger, ctx.actor(), ctx.args.notes)
    ctx.result(
        view,
        "cli.insp.started",
        number=view.number,
        id=view.id,
        present=view.counts[LineResult.MISSING],
        on_loan=view.counts[LineResult.ON_LOAN],
    )
    return EXIT_OK


# --- record -----------------------------------------------------------------------------


def record(ctx: Context) -> int:
    from ledger_tui.cli.context import UsageError
    from ledger_tui.services.inspection.walk import record_seen

    args = ctx.args
    if not (args.medium or args.serial or args.seal):
        raise UsageError("cli.insp.need_identity")
    if args.serial and args.seal:
        raise UsageError("cli.insp.serial_with_seal")
    if args.how and not args.medium:
        raise UsageError("cli.insp.how_needs_medium")
    actor = ctx.actor()
    line = record_seen(
        ctx.ledger,
        actor,
        _id(ctx),
        control_number=args.medium,
        serial=args.serial,
        seal_number=args.seal,
        how=args.how,
        note=args.note,
    )
    what = line.control_number or line.serial_seen or line.seal_seen
    key = "cli.insp.repeated" if line.repeated else "cli.insp.recorded"
    ctx.result(line, key, what=what, finding=_finding(line))
    return EXIT_OK


# --- finish -----------------------------------------------------------------------------


def finish(ctx: Context) -> int:
    from ledger_tui.domain.errors import DomainError
    from ledger_tui.services.inspection import paper as inspection_paper
    from ledger_tui.services.inspection.walk import finish_inspection

    args = ctx.args
    actor = ctx.actor()
    report = finish_inspection(ctx.ledger, actor, _id(ctx), args.notes)
    number = report.inspection.number
    if not ctx.json:
        ctx.say(
            "cli.insp.finished",
            number=number,
            found=report.found,
            missing=report.missing,
            on_loan=report.on_loan,
            unexpected=report.unexpected,
        )
        if report.missing_media:
            ctx.say("cli.insp.missing_media", media=t("cli.list_sep").join(report.missing_media))
    paper: dict[str, Any] | None = None
    try:
        if args.pdf:
            path = inspection_paper.save_inspection_pdf(
                ctx.ledger, actor, report.inspection.id, Path(args.pdf)
            )
            paper = {"pdf": path}
            if not ctx.json:
                ctx.say("cli.insp.saved", number=number, path=path)
        elif args.print_record:
            done = inspection_paper.print_inspection(
                ctx.ledger, actor, report.inspection.id, printer=args.printer
            )
            paper = {"printer": done.printer, "job_id": done.job_id, "answer": done.answer}
            if not ctx.json:
                ctx.say(
                    "cli.insp.printed",
                    number=number,
                    printer=done.printer,
                    job=done.job_id,
                    answer=done.answer,
                )
    except DomainError:
        if ctx.json:  # the inspection is finished all the same; the refusal follows
            ctx.emit({"report": report, "print": None, "completed": False})
        raise
    if ctx.json:
        ctx.emit({"report": report, "print": paper, "completed": True})
    return EXIT_OK


# --- show -------------------------------------------------------------------------------


def show(ctx: Context) -> int:
    from ledger_tui.services.inspection.views import show_inspection

    view = show_inspection(ctx.ledger, ctx.args.inspection)
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    _show_text(ctx, view)
    return EXIT_OK


def _show_text(ctx: Context, view: InspectionView) -> None:
    from ledger_tui.cli import output
    from ledger_tui.domain.inspections import LineResult
    from ledger_tui.services.inspection.views import counts_text_key

    counts = view.counts
    output.fields(
        ctx.out,
        [
            (t("cli.insp.field.number"), f"{view.number} (id {view.id})"),
            (t("cli.insp.field.state"), t(f"insp.state.{view.state.value}")),
            (t("cli.insp.field.inspector"), view.inspector_name or view.inspector_login),
            (t("cli.insp.field.started_at"), output.moment(view.started_at)),
            (t("cli.insp.field.finished_at"), output.moment(view.finished_at)),
            (
                t("cli.insp.field.counts"),
                t(
                    counts_text_key(view.is_open),
                    found=counts[LineResult.FOUND],
                    missing=counts[LineResult.MISSING],
                    unexpected=counts[LineResult.UNEXPECTED],
                    on_loan=counts[LineResult.ON_LOAN],
                ),
            ),
            (t("cli.field.notes"), view.notes),
        ],
    )
    if not view.lines:
        return
    ctx.out.write("\n")
    headers = [
        t(f"insp.col.{name}")
        for name in ("control_number", "kind", "register_state", "finding", "how", "seen_at")
    ]
    table = output.Table(ctx.out, headers, (14, 10, 12, 16, 10, 0))
    for line in view.lines:
        table.row(
            [
                line.control_number or line.serial_seen or line.seal_seen,
                t(f"kind.{line.medium_kind.value}") if line.medium_kind else "",
                t(f"state.{line.register_state.value}") if line.register_state else "",
                _finding(line),
                t(f"insp.how.{line.how.value}") if line.how else "",
                output.moment(line.seen_at),
            ]
        )
