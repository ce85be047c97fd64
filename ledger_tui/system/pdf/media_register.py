"""USBメモリ管理台帳 (media register sheet): every medium, where it is, and every loan it
served — out date and slip, contract and contractor, the contractor's handler, the count,
the back date and slip, and how the cycle ended (wipe, shredding or return to file, with
its certificate).

A4 landscape. Each page repeats the sheet's scope line and the column header (drawn by
the page itself); each medium is one small table (its first row names the medium, one
row per loan), so the body can be streamed from the ledger a page of media at a time and
a medium never shares a row with another. The sheet is filed by the ward, stamped by
whoever prepared and checked it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date_cell, form_datetime, local_day
from ledger_tui.system.pdf.layout import (
    FormFrame,
    Issuer,
    RunningHead,
    copy_labels,
    render_form,
)
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import LABEL_FILL, RULE, ZEBRA_FILL, FormStyles, para
from ledger_tui.system.pdf.tables import FormTable, StyleCommand, header_style

QR_KIND = "REG"
#: Column widths in mm; they add up to the 257 mm between the margins of a landscape
#: page. The medium's four columns, then the loan's seven.
COLUMNS_MM = (23, 27, 26, 15, 26, 32, 17, 13, 26, 26, 26)
HEADER_KEYS = (
    ("control_number", "kind"),
    ("make_model", "serial"),
    ("registered", "location"),
    ("state",),
    ("out", "out_slip"),
    ("contract", "contractor"),
    ("handler",),
    ("count",),
    ("due",),
    ("back", "back_slip"),
    ("end", "certificate"),
)
MEDIUM_COLUMNS = 4
#: The column header's padding on each side (reportlab's default, kept).
HEADER_PADDING = 6.0
#: A medium's row is cut across pages only when a nearly empty landscape page cannot
#: hold it (the longest contract title and names); otherwise it moves whole.
ROW_SPLIT_MIN = 85 * mm


class MediumTable(FormTable):
    """A medium's rows (its parts after a split are MediumTables too)."""

    row_split_min = ROW_SPLIT_MIN


@dataclass(frozen=True, slots=True)
class RegisterLoan:
    """One loan of a medium, as its slips and its end recorded it."""

    contract: str
    contractor: str
    handler: str = ""
    out_at: datetime | None = None
    out_slip: str = ""
    count: int | None = None
    due: date | None = None
    back_at: datetime | None = None
    back_slip: str = ""
    back_count: int | None = None
    #: How the cycle ended: a `CertificateKind` value (wipe, destroy, return_to_file).
    end_kind: str = ""
    certificate: str = ""
    ended_on: date | None = None
    #: The loan is still open (out, or back and not yet wiped).
    open: bool = False


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    control_number: str
    kind: MediumKind
    make_model: str
    serial: str
    registered_on: date
    location: str
    state: MediumState
    loans: tuple[RegisterLoan, ...] = ()
    #: How a medium that served no loan ended (a spoiled CD-R shredded, a new stick's
    #: first wipe): only its end fields are read. None while it has no such certificate.
    end: RegisterLoan | None = None


@dataclass(frozen=True, slots=True)
class MediaRegisterSheet:
    number: str
    printed_at: datetime
    issuer: Issuer
    prepared_by: str
    #: The media, in control-number order: a tuple, or an iterable read from the ledger
    #: as the sheet is laid out (`count` then says how many there are).
    entries: Iterable[RegisterEntry]
    audit_hash: str = ""
    #: Whose register: a section's name, or "" for the whole ward.
    scope: str = ""
    count: int | None = None


def _count_text(loan: RegisterLoan, lang: Lang) -> str:
    out = "" if loan.count is None else f"{loan.count:,}"
    if loan.back_count is None:
        return out
    return t("register.counts", lang, out=out, back=f"{loan.back_count:,}")


def _dated(moment: datetime | None, number: str, lang: Lang) -> str:
    if moment is None:
        return number
    day = form_date_cell(local_day(moment), lang)
    return f"{day}\n{number}" if number else day


def _end_text(loan: RegisterLoan, lang: Lang) -> str:
    if not loan.end_kind:
        return t("register.loan_open", lang) if loan.open else ""
    day = form_date_cell(loan.ended_on, lang)
    return "\n".join(
        part for part in (t(f"register.end.{loan.end_kind}", lang), loan.certificate, day) if part
    )


def loan_cells(loan: RegisterLoan, lang: Lang) -> list[str]:
    return [
        _dated(loan.out_at, loan.out_slip, lang),
        f"{loan.contract}\n{loan.contractor}",
        loan.handler,
        _count_text(loan, lang),
        form_date_cell(loan.due, lang),
        _dated(loan.back_at, loan.back_slip, lang),
        _end_text(loan, lang),
    ]


def register_rows(entry: RegisterEntry, lang: Lang) -> list[list[str]]:
    """The rows of one medium: the medium's cells on the first, one row per loan (a
    medium never lent has one row with empty loan cells, but for how it ended)."""
    medium = [
        f"{entry.control_number}\n{t(f'kind.{entry.kind.value}', lang)}",
        f"{entry.make_model}\n{entry.serial}",
        f"{form_date_cell(entry.registered_on, lang)}\n{entry.location}",
        t(f"state.{entry.state.value}", lang),
    ]
    unlent = [""] * 6 + [_end_text(entry.end, lang) if entry.end is not None else ""]
    loans = [loan_cells(loan, lang) for loan in entry.loans] or [unlent]
    rows = [medium + loans[0]]
    rows += [[entry.control_number, "", "", "", *cells] for cells in loans[1:]]
    return rows


def _widths() -> list[float]:
    return [width * mm for width in COLUMNS_MM]


def medium_table(entry: RegisterEntry, styles: FormStyles, lang: Lang, shaded: bool) -> Table:
    """One medium and its loans: a table with the register's columns, no header."""
    rows = register_rows(entry, lang)
    data = [[para(text, styles.cell) for text in row] for row in rows]
    last = len(rows) - 1
    commands: list[StyleCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),
        ("BOX", (0, 0), (-1, -1), 0.8, RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
        ("LINEBELOW", (MEDIUM_COLUMNS, 0), (-1, last - 1), 0.3, colors.HexColor("#999999")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if shaded:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), ZEBRA_FILL))
    table = MediumTable(data, colWidths=_widths())
    table.setStyle(TableStyle(commands))
    return table


def header_table(styles: FormStyles, lang: Lang) -> Table:
    header = ["\n".join(t(f"register.col.{key}", lang) for key in keys) for keys in HEADER_KEYS]
    widths = _widths()
    cells = [
        para(text, header_style(text, width - 2 * HEADER_PADDING, styles.cell_header))
        for text, width in zip(header, widths, strict=True)
    ]
    table = Table([cells], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),
                ("BOX", (0, 0), (-1, -1), 1.0, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), LABEL_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), HEADER_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), HEADER_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _scope_line(sheet: MediaRegisterSheet, lang: Lang, styles: FormStyles) -> Flowable:
    scope = sheet.scope or t("register.scope.ward", lang)
    text = t(
        "register.head",
        lang,
        scope=scope,
        printed_at=form_datetime(sheet.printed_at, lang),
        prepared_by=sheet.prepared_by,
        count=""
        if sheet.count is None
        else t("register.head_count", lang, count=f"{sheet.count:,}"),
    )
    return para(text, styles.label)


def _running_head(sheet: MediaRegisterSheet, lang: Lang) -> RunningHead:
    def head(styles: FormStyles) -> Flowable:
        table = Table(
            [[_scope_line(sheet, lang, styles)], [header_table(styles, lang)]],
            colWidths=[sum(_widths())],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                    ("BOTTOMPADDING", (0, 1), (-1, 1), 0),
                ]
            )
        )
        return table

    return head


def _body(sheet: MediaRegisterSheet, styles: FormStyles, lang: Lang) -> Iterator[Flowable]:
    seen = 0
    for index, entry in enumerate(sheet.entries):
        seen += 1
        yield medium_table(entry, styles, lang, shaded=index % 2 == 1)
    if not seen:
        yield para(t("register.sheet_empty", lang), styles.lead)


def render_media_register(sheet: MediaRegisterSheet, lang: Lang = "ja", copies: int = 1) -> bytes:
    """The register as an A4 landscape PDF. `sheet.entries` is read once per copy: give
    a tuple for several copies, an iterator for one."""
    printed_on = local_day(sheet.printed_at)
    head = _running_head(sheet, lang)
    frame = FormFrame(
        title=t("register.title", lang),
        number=sheet.number,
        issued_on=printed_on,
        issuer=sheet.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(t("register.stamp.prepared_by", lang), t("register.stamp.checker", lang)),
        reference=FormReference(QR_KIND, sheet.number, sheet.audit_hash),
        landscape=True,
        running_head=head,
    )
    return render_form(frame, lambda styles: _body(sheet, styles, lang))
