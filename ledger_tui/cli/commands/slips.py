"""Commands that read the slip ledger and the loans: slip show, slips list, loans list."""

from __future__ import annotations

from itertools import islice

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.i18n import t
from ledger_tui.services import organisation
from ledger_tui.services.ledger.export import SLIP_COLUMNS, ExportFormat, slip_rows, write_rows
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.loans import due_text
from ledger_tui.services.lending.slip_views import SlipView, find_slip
from ledger_tui.services.pagers import SlipFilter

EXIT_OK = 0
#: A listing reads the slip ledger this many rows at a time (keyset pages).
LIST_PAGE = 500
#: Fixed widths (number, handed at, control number, count, handler) so rows stream.
NUMBER_WIDTH, MOMENT_WIDTH, CONTROL_WIDTH, COUNT_WIDTH, HANDLER_WIDTH = 8, 16, 12, 6, 12


def slip_show(ctx: Context) -> int:
    view = find_slip(ctx.ledger, ctx.args.number)
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    # The reason is written on the cancelling slip; show it with the cancelled one too.
    reason = (
        find_slip(ctx.ledger, view.cancelled_by_number).cancel_reason
        if view.cancelled_by_number
        else ""
    )
    output.fields(ctx.out, _slip_fields(view, reason))
    return EXIT_OK


def _slip_fields(v: SlipView, cancel_reason: str) -> list[tuple[str, str]]:
    def label(name: str) -> str:
        return t(f"cli.slip_field.{name}")

    method = t(f"transfer.{v.transfer_method.value}")
    pairs = [
        (label("number"), v.number),
        (label("direction"), t(f"slip_direction.{v.direction.value}")),
        (label("state"), t(f"slip_state.{v.state.value}")),
        (label("handed_at"), output.moment(v.handed_at)),
        (label("loan"), f"{v.loan_id}（{t(f'loan_state.{v.loan_state.value}')}）"),
        (
            label("contract"),
            t(
                "cli.slip.value.contract",
                id=v.contract_id,
                title=v.contract_title,
                section=v.section_name,
            ),
        ),
        (label("contractor"), v.contractor_name),
        (label("ward_handler"), f"{v.ward_handler_name}（{v.ward_handler_login}）"),
        (
            label("handler"),
            t(
                "cli.slip.value.handler",
                name=v.contractor_handler_name,
                role=t(f"handler_role.{v.contractor_handler_role.value}"),
            ),
        ),
        (
            label("medium"),
            t(
                "cli.slip.value.medium",
                control_number=v.control_number,
                kind=t(f"kind.{v.medium_kind.value}") if v.medium_kind else t("transfer.no_medium"),
                serial=v.medium_serial,
            ),
        ),
        (
            label("content"),
            t("cli.list_sep").join([*v.items, v.free_text] if v.free_text else v.items),
        ),
        (label("count"), t("cli.slip.value.count", count=f"{v.record_count:,}")),
        (label("method"), f"{method} {v.transfer_detail}".strip()),
    ]
    if v.expected_return is not None:
        pairs.append((label("expected_return"), v.expected_return.isoformat()))
    if v.out_slip_number is not None:
        pairs.append(
            (
                label("out_slip"),
                t(
                    "cli.slip.value.out_slip",
                    number=v.out_slip_number,
                    count=f"{v.out_record_count or 0:,}",
                ),
            )
        )
    if v.count_mismatch:
        pairs.append(
            (
                label("mismatch"),
                t(
                    "cli.slip.value.mismatch",
                    difference=v.record_count - (v.out_record_count or 0),
                    explanation=v.mismatch_explanation,
                ),
            )
        )
    pairs.append((label("notes"), v.notes))
    pairs.append((label("confirmed_at"), output.moment(v.confirmed_at)))
    if v.printed_at is not None:
        pairs.append(
            (
                label("printed"),
                t(
                    "cli.slip.value.printed",
                    moment=output.moment(v.printed_at),
                    printer=v.printer,
                    job=v.print_job,
                    count=v.print_count,
                ),
            )
        )
    pairs.append((label("stamped_at"), output.moment(v.stamped_at)))
    if v.cancels_number is not None:
        pairs.append((label("cancels"), f"{v.cancels_number}: {v.cancel_reason}"))
    if v.cancelled_by_number is not None:
        pairs.append(
            (
                label("cancelled"),
                t(
                    "cli.slip.value.cancelled",
                    moment=output.moment(v.cancelled_at),
                    number=v.cancelled_by_number,
                    reason=cancel_reason,
                ),
            )
        )
    pairs.append((label("entry_hash"), v.entry_hash or ""))
    return pairs


# --- the slip ledger ------------------------------------------------------------------


def slips_list(ctx: Context) -> int:
    args, ledger = ctx.args, ctx.ledger
    limit: int | None = args.limit
    slip_filter = SlipFilter(
        control_number=args.medium,
        contract_id=args.contract,
        handler_id=organisation.find_handler(ledger, args.handler, args.contract),
        date_from=args.date_from,
        date_to=args.date_to,
    )
    rows = slip_rows(ledger, LIST_PAGE, slip_filter, newest_first=True)
    if ctx.json:
        write_rows(ctx.out, ExportFormat.JSON, SLIP_COLUMNS, islice(rows, limit))
        return EXIT_OK
    table: output.Table | None = None
    for shown, row in enumerate(islice(rows, None if limit is None else limit + 1)):
        if shown == limit:
            ctx.say("cli.list.more", limit=limit)
            break
        if table is None:
            table = output.Table(ctx.out, _slip_headers(), _slip_widths())
        mark = t("cli.slip.flag.mismatch") if row["count_mismatch"] else ""
        table.row(
            [
                row["number"],
                t(f"slip_direction.{row['direction']}"),
                t(f"slip_state.{row['state']}"),
                row["handed_at"][:16].replace("T", " "),
                row["control_number"],
                f"{row['record_count']:,}",
                mark,
                row["handler_name"],
                row["cancels"],
                row["contract_title"],
            ]
        )
    if table is None:
        ctx.say("cli.list.empty")
    return EXIT_OK


def _slip_headers() -> list[str]:
    names = (
        "number",
        "direction",
        "state",
        "handed_at",
        "medium",
        "count",
        "mismatch",
        "handler",
        "cancels",
        "contract",
    )
    return [t(f"cli.slip_field.{name}") for name in names]


def _slip_widths() -> list[int]:
    direction = max(output.width(t(f"slip_direction.{d.value}")) for d in SlipDirection)
    state = max(output.width(t(f"slip_state.{s.value}")) for s in SlipState)
    mark = output.width(t("cli.slip.flag.mismatch"))
    return [
        NUMBER_WIDTH,
        direction,
        state,
        MOMENT_WIDTH,
        CONTROL_WIDTH,
        COUNT_WIDTH,
        mark,
        HANDLER_WIDTH,
        NUMBER_WIDTH,
        0,
    ]


# --- loans ------------------------------------------------------------------------------


def loans_list(ctx: Context) -> int:
    rows = lending.open_loans(ctx.ledger, overdue_only=ctx.args.overdue)
    if ctx.json:
        ctx.emit(rows)
        return EXIT_OK
    if not rows:
        ctx.say("cli.list.empty")
        return EXIT_OK
    headers = [
        t(f"cli.slip_field.{name}")
        for name in ("loan", "state", "medium", "due", "overdue", "contractor", "contract")
    ]
    cells = [
        [
            str(r.id),
            r.state_label(),
            r.label(),
            due_text(r.expected_return),
            str(r.overdue_days) if r.overdue_days else "",
            r.contractor_name,
            r.contract_title,
        ]
        for r in rows
    ]
    widths = [max(output.width(c[i]) for c in cells) for i in range(len(headers))]
    widths[-1] = 0  # the title runs to the end of the line
    state_width = max(
        output.width(t(f"{prefix}.{s.value}"))
        for s in LoanState
        for prefix in ("state.loan", "state.transfer")
    )
    widths[1] = max(widths[1], state_width)
    table = output.Table(ctx.out, headers, widths)
    for line in cells:
        table.row(line)
    return EXIT_OK
