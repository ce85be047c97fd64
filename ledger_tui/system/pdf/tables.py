"""Ruled tables of a form: the label/value field table and the many-row data table.

The field table has a group column (e.g. 媒体) spanning its sub-rows (管理番号, 種類, ...)
and a label column; a row without a group lets its label span both. The data table
repeats its header row on every page it runs onto.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ledger_tui.system.pdf.linebreak import font_measure
from ledger_tui.system.pdf.styles import (
    FLAG_FILL,
    LABEL_FILL,
    RULE,
    ZEBRA_FILL,
    FormStyles,
    para,
)

GROUP_WIDTH = 22 * mm
LABEL_WIDTH = 28 * mm
CELL_PADDING = 4.5

#: A data table's cell padding on each side, and the smallest size a header shrinks to.
DATA_PADDING = 3.5
HEADER_MIN_SIZE = 5.0

StyleCommand = tuple[Any, ...]  # reportlab's TableStyle entries mix names, cells, values

#: A row is cut across pages only when it cannot fit even a nearly empty page (a value
#: longer than a page, e.g. hundreds of item names or a 2000-character note); every
#: other row moves whole to the next page.
ROW_SPLIT_MIN_AVAILABLE = 190 * mm


class FormTable(Table):
    """A table whose cells never break across pages unless one is taller than a page."""

    #: The room below which a row moves whole to the next page rather than being cut
    #: (a landscape page's frame is lower: its tables set less).
    row_split_min = ROW_SPLIT_MIN_AVAILABLE

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts or availHeight < self.row_split_min:
            return parts
        self.splitInRow = 1
        return list(super().split(availWidth, availHeight))


@dataclass(frozen=True, slots=True)
class Field:
    """One row: `label` and `value` (text or a ready flowable). Consecutive rows with the
    same `group` share one group cell. `large` prints the value bigger (counts, numbers);
    `min_height` leaves room to write by hand."""

    label: str
    value: str | Flowable = ""
    group: str = ""
    large: bool = False
    min_height: float = 0.0


def min_height_cell(content: Flowable, height: float, width: float) -> list[Flowable]:
    """`content` in a cell at least `height` tall (text on top, room below). A list of
    flowables, not a wrapper, so a cell longer than a page still splits across pages."""
    _, natural = content.wrap(width, 1e6)
    return [content, Spacer(0, max(0.0, height - natural))]


def _value_cell(field: Field, styles: FormStyles, width: float) -> Flowable | list[Flowable]:
    cell = (
        field.value
        if isinstance(field.value, Flowable)
        else para(field.value, styles.value_large if field.large else styles.value)
    )
    return min_height_cell(cell, field.min_height, width) if field.min_height else cell


def field_table(
    fields: Sequence[Field], styles: FormStyles, width: float, dense: bool = False
) -> Table:
    """The label/value table; `dense` tightens the rows for forms with many fields."""
    pad = 3.0 if dense else 6.0
    data: list[list[object]] = []
    commands: list[StyleCommand] = []
    value_width = width - GROUP_WIDTH - LABEL_WIDTH
    inner_width = value_width - 2 * CELL_PADDING
    row = 0
    while row < len(fields):
        field = fields[row]
        if not field.group:
            data.append(
                [para(field.label, styles.label), "", _value_cell(field, styles, inner_width)]
            )
            commands += [
                ("SPAN", (0, row), (1, row)),
                ("BACKGROUND", (0, row), (1, row), LABEL_FILL),
            ]
            row += 1
            continue
        end = row
        while end + 1 < len(fields) and fields[end + 1].group == field.group:
            end += 1
        for index in range(row, end + 1):
            member = fields[index]
            data.append(
                [
                    para(field.group, styles.label) if index == row else "",
                    para(member.label, styles.label),
                    _value_cell(member, styles, inner_width),
                ]
            )
        commands += [("SPAN", (0, row), (0, end)), ("BACKGROUND", (0, row), (1, end), LABEL_FILL)]
        row = end + 1
    # A row moves whole to the next page; only a value longer than a page (hundreds of
    # item names) continues inside its cell (FormTable).
    table = FormTable(data, colWidths=[GROUP_WIDTH, LABEL_WIDTH, value_width])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),  # else cells set Helvetica
                ("BOX", (0, 0), (-1, -1), 1.1, RULE),
                ("INNERGRID", (0, 0), (-1, -1), 0.45, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), pad),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 0.5),
                *commands,
            ]
        )
    )
    return table


def boxed(
    content: Flowable,
    styles: FormStyles,
    width: float,
    color: colors.Color,
    line_width: float = 1.5,
) -> Table:
    """One flowable in a ruled box across the page, e.g. a warning sentence."""
    table = Table([[content]], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),
                ("BOX", (0, 0), (-1, -1), line_width, color),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table


def header_style(text: str, room: float, style: ParagraphStyle) -> ParagraphStyle:
    """`style`, or a smaller size of it where a word of the column header `text` (a run
    without a space: 委託先取扱者, Contractor's) is wider than the column's `room`: a
    header breaks between its words, never inside one."""
    measure = font_measure(style.fontName, style.fontSize)
    widest = max((measure(word) for word in text.split()), default=0.0)
    if widest <= room:
        return style
    size = max(HEADER_MIN_SIZE, float(style.fontSize) * room / widest)
    scale = size / float(style.fontSize)
    return ParagraphStyle(style.name, parent=style, fontSize=size, leading=style.leading * scale)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    col_widths: Sequence[float],
    styles: FormStyles,
    flagged: Sequence[int] = (),
    dense: bool = False,
) -> Table:
    """A register-style table; the header repeats on every page. Rows whose index is in
    `flagged` (e.g. a missing medium) are shaded so they stand out on paper. `dense`
    tightens the rows (a checklist whose rows run to two lines)."""
    data: list[list[object]] = [
        [
            para(text, header_style(text, width - 2 * DATA_PADDING, styles.cell_header))
            for text, width in zip(header, col_widths, strict=True)
        ]
    ]
    data += [[para(text, styles.cell) for text in values] for values in rows]
    commands: list[StyleCommand] = [
        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),
        ("BOX", (0, 0), (-1, -1), 1.0, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), LABEL_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), DATA_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), DATA_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2 if dense else 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8 if dense else 3.2),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]),
    ]
    commands += [("BACKGROUND", (0, index + 1), (-1, index + 1), FLAG_FILL) for index in flagged]
    table = FormTable(data, colWidths=list(col_widths), repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table
