"""Commands for the media register (USBメモリ管理台帳): add, list, show, print."""

from __future__ import annotations

from itertools import islice

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.i18n import t
from ledger_tui.services.register import media, register_paper

EXIT_OK = 0
#: A listing reads the register this many rows at a time (keyset pages, never all at once).
LIST_PAGE = 500
#: Widths of the free-text columns (control number, vendor, model, serial, location):
#: fixed, so rows stream without a first pass over the register.
TEXT_WIDTHS = (12, 10, 12, 14, 0)


def add(ctx: Context) -> int:
    args = ctx.args
    form = media.MediumForm(
        args.control_number,
        kind=MediumKind(args.kind),
        vendor=args.vendor,
        model=args.model,
        serial=args.serial,
        usb_id=args.usb_id,
        capacity_bytes=args.capacity,
        hardware_lock=args.hardware_lock,
        lock_kind=args.lock_kind or "",
        seal_number=args.seal,
        location=args.location,
        notes=args.notes,
        section_code=args.section,
    )
    view = media.register_medium(ctx.ledger, ctx.actor(), form)
    ctx.result(
        view,
        "cli.medium.added",
        control_number=view.control_number,
        state=t(f"state.{view.state.value}"),
    )
    return EXIT_OK


def listing(ctx: Context) -> int:
    from ledger_tui.services.ledger.export import (
        MEDIA_COLUMNS,
        ExportFormat,
        media_rows,
        write_rows,
    )

    limit: int | None = ctx.args.limit
    rows = media_rows(ctx.ledger, LIST_PAGE, ctx.args.filter)
    if ctx.json:
        write_rows(ctx.out, ExportFormat.JSON, MEDIA_COLUMNS, islice(rows, limit))
        return EXIT_OK
    # One row past the limit tells whether to say there is more.
    wanted = islice(rows, None if limit is None else limit + 1)
    table: output.Table | None = None
    for shown, row in enumerate(wanted):
        if shown == limit:
            ctx.say("cli.list.more", limit=limit)
            break
        if table is None:
            headers = [t(f"cli.field.{name}") for name in MEDIA_COLUMNS]
            table = output.Table(ctx.out, headers, _widths())
        table.row(
            [
                row["control_number"],
                t(f"kind.{row['kind']}"),
                t(f"state.{row['state']}"),
                row["vendor"],
                row["model"],
                row["serial"],
                row["location"],
            ]
        )
    if table is None:
        ctx.say("cli.list.empty")
    return EXIT_OK


def _widths() -> list[int]:
    number, vendor, model, serial, location = TEXT_WIDTHS
    kind = max(output.width(t(f"kind.{k.value}")) for k in MediumKind)
    state = max(output.width(t(f"state.{s.value}")) for s in MediumState)
    return [number, kind, state, vendor, model, serial, location]


def show(ctx: Context) -> int:
    view = media.show_medium(ctx.ledger, ctx.args.control_number)
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    output.fields(
        ctx.out,
        [
            (t("cli.field.control_number"), view.control_number),
            (t("cli.field.kind"), t(f"kind.{view.kind.value}")),
            (t("cli.field.state"), t(f"state.{view.state.value}")),
            (t("cli.field.vendor"), view.vendor),
            (t("cli.field.model"), view.model),
            (t("cli.field.serial"), view.serial),
            (t("cli.field.usb_id"), view.usb_id),
            (t("cli.field.capacity"), output.capacity(view.capacity_bytes)),
            (t("cli.field.hardware_lock"), output.yes_no(view.hardware_lock)),
            (t("cli.field.lock_kind"), t(f"lock_kind.{view.lock_kind.value}")),
            *media.out_of_service_rows(view),
            (t("cli.field.seal_number"), view.seal_number),
            (t("cli.field.location"), view.location),
            (t("cli.field.section"), _section(view)),
            (t("cli.field.notes"), view.notes),
            (t("cli.field.registered_at"), output.moment(view.registered_at)),
            (t("cli.field.updated_at"), output.moment(view.updated_at)),
        ],
    )
    return EXIT_OK


def print_register(ctx: Context) -> int:
    """The USBメモリ管理台帳 (the ward's, or one section's) to CUPS or to a PDF file."""
    args = ctx.args
    actor = ctx.actor()
    section = args.section or None
    if args.pdf:
        done = register_paper.save_register_pdf(ctx.ledger, actor, args.pdf, section)
    else:
        done = register_paper.print_register(
            ctx.ledger, actor, section, printer=args.printer
        ).record
    if ctx.json:
        ctx.emit(done)
    elif done.path:
        ctx.say("cli.register.saved", number=done.number, media=done.media, path=done.path)
    else:
        ctx.say(
            "cli.register.printed",
            number=done.number,
            media=done.media,
            printer=done.printer,
            job=done.job_id,
        )
    return EXIT_OK


def _section(view: media.MediumView) -> str:
    if not view.section_code:
        return t("medium.section_unset")
    return f"{view.section_name} ({view.section_code})"


def edit(ctx: Context) -> int:
    """Change a medium's owning section (and location) from the command line."""
    args = ctx.args
    view = media.show_medium(ctx.ledger, args.control_number)
    form = media.MediumForm(
        view.control_number,
        kind=view.kind,
        vendor=view.vendor,
        model=view.model,
        serial=view.serial,
        usb_id=view.usb_id,
        capacity_bytes=view.capacity_bytes,
        hardware_lock=view.hardware_lock,
        lock_kind=view.lock_kind.value,
        seal_number=view.seal_number,
        location=view.location if args.location is None else args.location,
        notes=view.notes,
        section_code=args.section,
    )
    edited = media.edit_medium(ctx.ledger, ctx.actor(), view.control_number, form, view.version)
    ctx.result(edited, "cli.medium.edited", control_number=edited.control_number)
    return EXIT_OK
