"""Commands of oversight: audits of contractors (`audit add|done|follow-up-closed|list|
print`) and incidents (`incident add|update|found|close|show|list|print`). The grammar
is in `cli.parser_oversight`; every command answers `--json` with the service's view."""

from __future__ import annotations

from typing import Any

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.domain.clock import local_date
from ledger_tui.i18n import t
from ledger_tui.services import organisation
from ledger_tui.services.oversight import audits, incidents
from ledger_tui.services.oversight import paper as oversight_paper
from ledger_tui.services.oversight.audits import AuditView
from ledger_tui.services.oversight.incidents import IncidentForm, IncidentView

EXIT_OK = 0
#: Forms are printed in Japanese, whatever the language of the messages.


# --- audits ---------------------------------------------------------------------------


def audit_add(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    if args.planned is not None:
        view = audits.plan_audit(
            ctx.ledger, actor, args.contract, args.planned, kind=args.kind, auditor=args.auditor
        )
        ctx.result(
            view,
            "cli.audit.planned",
            id=view.id,
            day=args.planned.isoformat(),
            contract=view.contract_id,
        )
        return EXIT_OK
    view = audits.record_audit(
        ctx.ledger,
        actor,
        args.contract,
        args.done,
        args.auditor,
        args.findings,
        args.follow_ups,
        kind=args.kind,
    )
    _say_done(ctx, view)
    return EXIT_OK


def _say_done(ctx: Context, view: AuditView) -> None:
    assert view.done_on is not None
    ctx.result(
        view, "cli.audit.done", id=view.id, day=view.done_on.isoformat(), year=view.fiscal_year
    )


def audit_done(ctx: Context) -> int:
    args = ctx.args
    view = audits.complete_audit(
        ctx.ledger,
        ctx.actor(),
        args.audit_id,
        args.on,
        args.auditor,
        args.findings,
        args.follow_ups,
    )
    _say_done(ctx, view)
    return EXIT_OK


def audit_follow_up_closed(ctx: Context) -> int:
    args = ctx.args
    view = audits.close_follow_ups(ctx.ledger, ctx.actor(), args.audit_id, args.on, args.note)
    ctx.result(view, "cli.audit.follow_ups_closed", id=view.id, day=args.on.isoformat())
    return EXIT_OK


def _table(ctx: Context, names: tuple[str, ...], cells: list[list[str]]) -> None:
    headers = [t(f"cli.audit.col.{name}") for name in names]
    widths = [max([output.width(row[i]) for row in cells], default=0) for i in range(len(headers))]
    table = output.Table(ctx.out, headers, widths)
    for row in cells:
        table.row(row)


def audit_list(ctx: Context) -> int:
    args = ctx.args
    if args.due:
        today = local_date(ctx.ledger.clock())
        due = [
            row
            for row in audits.audit_status(ctx.ledger, today)
            if args.contract is None or row.contract_id == args.contract
        ]
        if ctx.json:
            ctx.emit(due)
        elif not due:
            ctx.say("cli.list.empty")
        else:
            _table(
                ctx,
                ("contract", "title", "due", "days_left", "planned"),
                [
                    [
                        str(r.contract_id),
                        r.contract_title,
                        r.due_on.isoformat(),
                        str(r.days_left),
                        r.planned_on.isoformat() if r.planned_on else "",
                    ]
                    for r in due
                ],
            )
        return EXIT_OK
    rows = audits.list_audits(ctx.ledger, args.contract)
    if ctx.json:
        ctx.emit(rows)
    elif not rows:
        ctx.say("cli.list.empty")
    else:
        _table(
            ctx,
            ("id", "contract", "year", "kind", "status", "planned", "done", "auditor"),
            [
                [
                    str(a.id),
                    str(a.contract_id),
                    str(a.fiscal_year),
                    t(f"audit_kind.{a.kind.value}"),
                    t(f"audit.status.{a.status.value}"),
                    a.planned_on.isoformat() if a.planned_on else "",
                    a.done_on.isoformat() if a.done_on else "",
                    a.auditor,
                ]
                for a in rows
            ],
        )
    return EXIT_OK


def _paper(
    ctx: Context, result: oversight_paper.PaperResult, saved: str, printed: str, **params: object
) -> None:
    if ctx.json:
        ctx.emit(result)
    elif result.path:
        ctx.say(saved, path=result.path, **params)
    else:
        ctx.say(printed, printer=result.printer, job=result.job_id, **params)


def audit_print(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    if args.pdf:
        result = oversight_paper.save_audit_history_pdf(ctx.ledger, actor, args.contract, args.pdf)
    else:
        result = oversight_paper.print_audit_history(
            ctx.ledger, actor, args.contract, printer=args.printer
        )
    _paper(ctx, result, "cli.audit.saved", "cli.audit.printed", contract=args.contract)
    return EXIT_OK


# --- incidents ------------------------------------------------------------------------


def incident_add(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    handlers = tuple(
        organisation.handler_of_contract(ctx.ledger, args.contract, number)
        for number in args.handler
    )
    view = incidents.report_incident(
        ctx.ledger,
        actor,
        IncidentForm(
            contract_id=args.contract,
            kind=args.kind,
            discovered_at=args.discovered,
            description=args.what,
            suspected=args.suspected,
            control_number=args.medium,
            handler_ids=handlers,
            occurred_at=args.occurred,
            notified_at=args.notified,
            notified_by=args.notified_by,
            records_affected=args.records,
            measures_taken=args.measures,
        ),
    )
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    ctx.say("cli.incident.reported", number=view.number)
    if view.medium_state is not None and view.medium_state.value == "lost":
        ctx.say("cli.incident.medium_lost", control_number=view.control_number)
    return EXIT_OK


def incident_update(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    incident_id = incidents.find_incident_id(ctx.ledger, args.number)
    view = incidents.update_incident(
        ctx.ledger,
        actor,
        incident_id,
        notified_at=args.notified,
        notified_by=args.notified_by,
        written_report_on=args.report_received,
        instructions=args.instructions,
        measures_taken=args.measures,
        records_affected=args.records,
    )
    ctx.result(view, "cli.incident.updated", number=view.number)
    return EXIT_OK


def incident_found(ctx: Context) -> int:
    actor = ctx.actor()
    incident_id = incidents.find_incident_id(ctx.ledger, ctx.args.number)
    view = incidents.medium_found(ctx.ledger, actor, incident_id, ctx.args.note)
    ctx.result(view, "cli.incident.found", control_number=view.control_number)
    return EXIT_OK


def incident_close(ctx: Context) -> int:
    actor = ctx.actor()
    incident_id = incidents.find_incident_id(ctx.ledger, ctx.args.number)
    view = incidents.close_incident(ctx.ledger, actor, incident_id, ctx.args.note)
    ctx.result(view, "cli.incident.closed", number=view.number)
    return EXIT_OK


def incident_fields(v: IncidentView) -> list[tuple[str, str]]:
    def label(name: str) -> str:
        return t(f"incident.field.{name}")

    kind = t(f"incident_kind.{v.kind.value}") + (t("incident.suspected") if v.suspected else "")
    flags = [
        t(key)
        for key, on in (
            ("incident.flag.late", v.late_notification),
            ("incident.flag.report_missing", v.report_missing),
        )
        if on
    ]
    notified = (
        t("incident.value.not_notified")
        if v.notified_at is None
        else (
            f"{output.moment(v.notified_at)} {v.notified_by}"
            f"（{t('incident.hours', hours=f'{v.notification_hours or 0:.1f}')}）"
        )
    )
    return [
        (label("number"), v.number),
        (label("kind"), kind),
        (label("state"), t(f"incident_state.{v.state.value}")),
        (label("contract"), f"{v.contract_id} {v.contract_title}"),
        (label("contractor"), v.contractor_name),
        (label("loan"), str(v.loan_id or "")),
        (label("medium"), v.control_number),
        (label("handlers"), t("cli.list_sep").join(v.handler_names)),
        (label("occurred"), output.moment(v.occurred_at)),
        (label("discovered"), output.moment(v.discovered_at)),
        (label("notified"), notified),
        (label("what"), v.description),
        (label("records"), "" if v.records_affected is None else str(v.records_affected)),
        (label("measures"), v.measures_taken),
        (label("instructions"), v.instructions),
        (label("report"), v.written_report_on.isoformat() if v.written_report_on else ""),
        (label("closed"), f"{output.moment(v.closed_at)} {v.closure_note}".strip()),
        (label("flags"), t("cli.list_sep").join(flags)),
    ]


def incident_show(ctx: Context) -> int:
    view = incidents.show_incident(ctx.ledger, ctx.args.number)
    if ctx.json:
        ctx.emit(view)
    else:
        output.fields(ctx.out, incident_fields(view))
    return EXIT_OK


def incident_list(ctx: Context) -> int:
    rows = incidents.list_incidents(
        ctx.ledger, open_only=ctx.args.open_only, contract_id=ctx.args.contract
    )
    names = ("number", "kind", "state", "contract", "medium", "discovered", "flags")
    headers = [t(f"incident.field.{name}") for name in names]
    cells: list[list[str]] = []
    for v in rows:
        flags = [
            t(key)
            for key, on in (
                ("incident.flag.late", v.late_notification),
                ("incident.flag.report_missing", v.report_missing),
            )
            if on and v.is_open
        ]
        cells.append(
            [
                v.number,
                t(f"incident_kind.{v.kind.value}"),
                t(f"incident_state.{v.state.value}"),
                str(v.contract_id),
                v.control_number,
                output.moment(v.discovered_at),
                t("cli.list_sep").join(flags),
            ]
        )
    ctx.listing(rows, headers, cells)
    return EXIT_OK


def incident_print(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    result: Any
    if args.pdf:
        result = oversight_paper.save_incident_pdf(ctx.ledger, actor, args.number, args.pdf)
    else:
        result = oversight_paper.print_incident(
            ctx.ledger, actor, args.number, printer=args.printer
        )
    _paper(ctx, result, "cli.incident.saved", "cli.incident.printed", number=result.number)
    return EXIT_OK
