"""Type sizes and paragraph styles shared by all forms (10-11 pt body, CJK wrapping).

IPAexGothic has no bold face; bold-ish text is drawn with fill-and-stroke (see
`layout.draw_heavy_text`) rather than with a second font, to keep one embedded font.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from ledger_tui.i18n import Lang
from ledger_tui.system.pdf.fonts import FontSet, form_fonts

INK = colors.HexColor("#1a1a1a")
RULE = colors.HexColor("#333333")
LABEL_FILL = colors.HexColor("#ececec")
ZEBRA_FILL = colors.HexColor("#f6f6f6")
FLAG_FILL = colors.HexColor("#f9dede")
MUTED = colors.HexColor("#555555")
CANCEL_RED = colors.HexColor("#c8102e")

TITLE_SIZE = 17.0
BODY_SIZE = 10.5
LABEL_SIZE = 9.5
CELL_SIZE = 8.0


@dataclass(frozen=True, slots=True)
class FormStyles:
    fonts: FontSet
    lead: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    value_large: ParagraphStyle
    emphasis: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_header: ParagraphStyle
    password: ParagraphStyle


def _style(
    name: str,
    font: str,
    size: float,
    leading: float,
    wrap: str | None = "CJK",
    *,
    alignment: Literal[0, 1] = TA_LEFT,
    color: colors.Color = INK,
    space_after: float = 0,
) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=font,
        fontSize=size,
        leading=leading,
        wordWrap=wrap,
        alignment=alignment,
        textColor=color,
        spaceAfter=space_after,
    )


@cache
def form_styles(lang: Lang = "ja", fonts: FontSet | None = None) -> FormStyles:
    """Styles for paper in `lang`. Catalogue texts (labels, lead sentences) wrap as that
    language does; values may be Japanese in any form, so they always wrap CJK-style
    (break between any two characters) or a long Japanese title would not wrap at all."""
    fonts = fonts or form_fonts()
    g = fonts.gothic
    own: str | None = "CJK" if lang == "ja" else None
    return FormStyles(
        fonts=fonts,
        lead=_style("lead", g, BODY_SIZE, 16, own, space_after=6),
        label=_style("label", g, LABEL_SIZE, 12.5, own),
        value=_style("value", g, BODY_SIZE, 14.5),
        value_large=_style("value_large", g, 13, 17),
        emphasis=_style("emphasis", g, 13, 17, own, alignment=TA_CENTER),
        note=_style("note", g, 8.5, 11.5, own, color=MUTED),
        cell=_style("cell", g, CELL_SIZE, 10.2),
        cell_header=_style("cell_header", g, CELL_SIZE, 10.2, own, alignment=TA_CENTER),
        password=_style("password", fonts.mono, 22, 30, None, alignment=TA_CENTER),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: markup characters escaped, newlines kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)
