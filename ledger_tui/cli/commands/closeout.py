"""Commands of contract close-out, the obligations list and the compliance reports.
The grammar is in `cli.parser_closeout`.

`contract close` refused by blockers exits 3 (refused by a rule) after listing every
blocker (with --json: {"closed": false, "blockers": [...]} on stdout).
"""

from __future__ import annotations

import sys

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.i18n import t
from ledger_tui.services.oversight import closeout, closeout_paper
from ledger_tui.services.oversight import reports as compliance_export
from ledger_tui.services.oversight.obligations import obligations as gather

EXIT_OK = 0
EXIT_REFUSED = 3
#: The summary is printed in Japanese, whatever the language of the messages.


def _blocker_json(b: closeout.Blocker) -> dict[str, object]:
    return {
        "kind": b.kind.value,
        "key": b.key,
        "params": output.jsonable(b.params),
        "message": b.message(),
        "target": output.jsonable(b.target),
    }


def contract_blockers(ctx: Context) -> int:
    found = closeout.closeout_blockers(ctx.ledger, ctx.args.contract_id)
    if ctx.json:
        ctx.emit([_blocker_json(b) for b in found])
    elif not found:
        ctx.say("cli.closeout.none", id=ctx.args.contract_id)
    else:
        for b in found:
            ctx.out.write(f"- {b.message()}\n")
    return EXIT_OK


def contract_close(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    try:
        summary = closeout.close_contract(ctx.ledger, actor, args.contract_id)
    except closeout.CloseOutBlocked as refused:
        if ctx.json:
            ctx.emit({"closed": False, "blockers": [_blocker_json(b) for b in refused.blockers]})
        else:
            sys.stderr.write(
                t("cli.closeout.refused", id=args.contract_id, count=len(refused.blockers)) + "\n"
            )
            for b in refused.blockers:
                sys.stderr.write(f"- {b.message()}\n")
        return EXIT_REFUSED
    paper: dict[str, object] = {}
    if args.pdf:
        saved = closeout_paper.save_summary_pdf(ctx.ledger, actor, args.contract_id, args.pdf)
        paper = {"pdf": args.pdf, "printer": saved.printer}
    elif args.print_summary:
        printed = closeout_paper.print_summary(
            ctx.ledger, actor, args.contract_id, printer=args.printer
        )
        paper = {"printer": printed.printer, "job_id": printed.job_id}
    if ctx.json:
        ctx.emit({"closed": True, "summary": summary, "print": paper})
        return EXIT_OK
    ctx.say(
        "cli.closeout.closed", id=summary.contract_id, title=summary.title, seq=summary.close_seq
    )
    if args.pdf:
        ctx.say("closeout.screen.saved", path=args.pdf)
    elif args.print_summary:
        ctx.say("closeout.screen.printed", printer=paper["printer"])
    return EXIT_OK


def obligations(ctx: Context) -> int:
    found = gather(ctx.ledger)
    if ctx.json:
        ctx.emit(
            [
                {
                    "kind": o.kind.value,
                    "severity": o.severity.value,
                    "due": o.due,
                    "days": o.days,
                    "key": o.key,
                    "params": o.params,
                    "message": o.message(),
                    "target": o.target,
                }
                for o in found
            ]
        )
        return EXIT_OK
    if not found:
        ctx.say("obligation.none")
        return EXIT_OK
    for o in found:
        when = (
            ""
            if o.due is None
            else t("obligation.days_overdue", days=o.days)
            if o.days > 0
            else t("obligation.days_left", days=-o.days)
        )
        mark = "!!" if o.severity.value == "red" else " !"
        ctx.out.write(f"{mark} {output.pad(when, 12)} {o.message()}\n")
    return EXIT_OK


def _report(ctx: Context, scope: str, rows: int) -> int:
    args = ctx.args
    if ctx.json:
        ctx.emit({"scope": scope, "format": args.format, "output": args.output, "rows": rows})
    else:
        ctx.say("cli.report.written", path=args.output, rows=rows)
    return EXIT_OK


def report_contract(ctx: Context) -> int:
    args = ctx.args
    rows = compliance_export.export_contract(
        ctx.ledger,
        ctx.actor(),
        args.contract_id,
        args.format,
        args.output,
        bom=args.bom,
    )
    return _report(ctx, f"contract:{args.contract_id}", rows)


def report_year(ctx: Context) -> int:
    args = ctx.args
    year = compliance_export.parse_fiscal_year(args.fiscal_year)
    rows = compliance_export.export_year(
        ctx.ledger, ctx.actor(), year, args.format, args.output, bom=args.bom
    )
    return _report(ctx, f"fiscal_year:{year}", rows)
