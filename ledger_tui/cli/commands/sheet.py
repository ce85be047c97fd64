"""Commands of the confirmation record sheet (確認記録票) and the special terms (特記事項).
Items are named on the command line by their number on the sheet (ITEM_POSITION), as
printed. The grammar is in `cli.parser_sheet`."""

from __future__ import annotations

from datetime import date
from typing import Any

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import CheckStatus, duties_of, format_clauses
from ledger_tui.i18n import t
from ledger_tui.services.organisation import show_contract
from ledger_tui.services.oversight import sheet_paper, sheets
from ledger_tui.services.oversight.sheet_views import SheetRow, SheetView

EXIT_OK = 0
#: The sheet is printed in Japanese, whatever the language of the messages.


def _status(status: CheckStatus | None) -> str:
    return t(f"check_status.{status.value if status else 'unchecked'}")


def _item_id(ctx: Context) -> int:
    return sheets.show_sheet(ctx.ledger, ctx.args.contract).row_at(ctx.args.position).item_id


def _row_line(row: SheetRow) -> str:
    return t("cli.sheet.row", position=row.position, status=_status(row.status), label=row.label)


def _show_text(ctx: Context, view: SheetView) -> None:
    s = view.summary
    output.fields(
        ctx.out,
        [
            (t("cli.field.id"), str(view.contract_id)),
            (t("cli.field.title"), view.contract_title),
            (t("cli.field.contractor"), view.contractor_name),
            (
                t("cli.field.section"),
                t("cli.section_ref", name=view.section_name, code=view.section_code),
            ),
            (
                t("sheet.paper.field.summary"),
                t(
                    "sheet.paper.summary",
                    met=s.met,
                    not_met=s.not_met,
                    not_applicable=s.not_applicable,
                    unchecked=s.unchecked,
                ),
            ),
        ],
    )
    if not view.started:
        ctx.say("cli.sheet.not_started", contract=view.contract_id)
        return
    headers = [
        t(f"sheet.paper.col.{name}")
        for name in ("no", "status", "checked_on", "checked_by", "measure", "note")
    ]
    cells = [
        [
            str(r.position),
            _status(r.status),
            r.checked_on.isoformat() if r.checked_on else "",
            r.checked_by,
            r.label,
            r.note,
        ]
        for r in view.rows
    ]
    widths = [max([output.width(row[i]) for row in cells] or [0]) for i in range(len(headers))]
    table = output.Table(ctx.out, headers, widths)
    for row in cells:
        table.row(row)
    for gone in view.withdrawn:
        ctx.say("cli.sheet.withdrawn_row", position=gone.position, label=gone.label)


def start(ctx: Context) -> int:
    args = ctx.args
    view = sheets.start_sheet(ctx.ledger, ctx.actor(), args.contract, args.template)
    ctx.result(
        view,
        "cli.sheet.started",
        contract=view.contract_title,
        items=len(view.rows),
        template=t(f"sheet_template.{args.template}"),
    )
    return EXIT_OK


def show(ctx: Context) -> int:
    view = sheets.show_sheet(ctx.ledger, ctx.args.contract)
    if ctx.json:
        ctx.emit(view)
    else:
        _show_text(ctx, view)
    return EXIT_OK


def check(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    day: date = args.day or local_date(ctx.ledger.clock())
    row = sheets.check_item(ctx.ledger, actor, _item_id(ctx), args.status, day, args.note)
    ctx.result(row, "cli.sheet.checked", line=_row_line(row), day=day.isoformat())
    return EXIT_OK


def item_add(ctx: Context) -> int:
    row = sheets.add_item(ctx.ledger, ctx.actor(), ctx.args.contract, ctx.args.label)
    ctx.result(row, "cli.sheet.item_added", line=_row_line(row))
    return EXIT_OK


def item_reword(ctx: Context) -> int:
    actor = ctx.actor()
    row = sheets.reword_item(ctx.ledger, actor, _item_id(ctx), ctx.args.label)
    ctx.result(row, "cli.sheet.item_reworded", line=_row_line(row))
    return EXIT_OK


def item_withdraw(ctx: Context) -> int:
    actor = ctx.actor()
    row = sheets.withdraw_item(ctx.ledger, actor, _item_id(ctx), ctx.args.reason)
    ctx.result(row, "cli.sheet.item_withdrawn", position=row.position, label=row.label)
    return EXIT_OK


def print_sheet(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    paper: dict[str, Any]
    if args.pdf:
        written = sheet_paper.save_sheet_pdf(ctx.ledger, actor, args.contract, args.pdf)
        paper = {"pdf": str(written), "printer": f"pdf:{written.name}", "job_id": "file"}
        if not ctx.json:
            ctx.say("cli.sheet.saved", contract=args.contract, path=args.pdf)
    else:
        result = sheet_paper.print_sheet(ctx.ledger, actor, args.contract, printer=args.printer)
        paper = {
            "printer": result.printer,
            "job_id": result.job_id,
            "answer": result.answer,
            "status": result.status_text,
        }
        if not ctx.json:
            ctx.say(
                "cli.sheet.printed",
                contract=args.contract,
                printer=result.printer,
                job=result.job_id,
            )
    if ctx.json:
        ctx.emit(
            {
                "contract_id": args.contract,
                "reference": sheet_paper.sheet_reference(args.contract),
                "print": paper,
            }
        )
    return EXIT_OK


def terms(ctx: Context) -> int:
    args = ctx.args
    if args.clauses is not None:
        clauses = sheets.set_special_terms(ctx.ledger, ctx.actor(), args.contract, args.clauses)
    else:
        clauses = show_contract(ctx.ledger, args.contract).special_terms
    duties = sorted(duties_of(clauses))
    if ctx.json:
        ctx.emit({"contract_id": args.contract, "special_terms": clauses, "duties": duties})
        return EXIT_OK
    ctx.say("cli.sheet.terms", contract=args.contract, clauses=format_clauses(clauses))
    for number in clauses:
        ctx.out.write(f"  {number:>2}. {t(f'clause.{number}')}\n")
    if duties:
        ctx.say(
            "cli.sheet.duties",
            duties=t("cli.list_sep").join(t(f"duty.{duty.value}") for duty in duties),
        )
    return EXIT_OK


def contract_print(ctx: Context) -> int:
    """The contract's 特記事項（別紙） or 取扱責任者・取扱者 指定報告 to CUPS or a PDF file."""
    from ledger_tui.services.oversight import terms_paper

    args = ctx.args
    actor = ctx.actor()
    if args.pdf:
        done = terms_paper.save_contract_paper_pdf(
            ctx.ledger, actor, args.contract, args.paper, args.pdf
        )
    else:
        done = terms_paper.print_contract_paper(
            ctx.ledger, actor, args.contract, args.paper, printer=args.printer
        ).record
    paper = t(f"contract_paper.{done.paper.value}")
    if ctx.json:
        ctx.emit(done)
    elif done.path:
        ctx.say("cli.contract_paper.saved", paper=paper, number=done.number, path=done.path)
    else:
        ctx.say(
            "cli.contract_paper.printed",
            paper=paper,
            number=done.number,
            printer=done.printer,
            job=done.job_id,
        )
    return EXIT_OK
