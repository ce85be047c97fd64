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
from reportlab.platypus import Flowable, Paragraph

from ledger_tui.i18n import Lang
from ledger_tui.system.pdf.fonts import FontSet, form_fonts
from ledger_tui.system.pdf.linebreak import font_measure, units, wrap_text

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
    """Styles for paper in `lang`. Every paragraph's lines are broken by `para`'s one
    wrapping function (dates, numbers, names and words kept whole, 禁則), whatever the
    style's `wordWrap` says."""
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


class KinsokuParagraph(Flowable):
    """A paragraph of plain text broken into lines by `linebreak.wrap_text` (禁則: no
    break inside a date, a number or a name; no line starting with 、。」）) for the
    width it is given, then drawn as a reportlab Paragraph of those lines."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        *,
        space_before: bool = True,
        space_after: bool = True,
    ) -> None:
        super().__init__()
        self.text, self.style = text, style
        self._space_before, self._space_after = space_before, space_after
        self._lines_style = ParagraphStyle(
            f"{style.name}-lines", parent=style, wordWrap=None, splitLongWords=0
        )
        # Left-aligned text lets closing punctuation hang half an em past the line (the
        # ink of a full-width 、。）」 lies in the first half of its box; the cell's
        # padding takes the rest); centred text keeps to its width.
        self._hang = float(style.fontSize) / 2 if style.alignment == TA_LEFT else 0.0
        self._inner: Paragraph | None = None
        self._inner_width = -1.0
        self._lines: list[str] = []

    def _paragraph(self, width: float) -> Paragraph:
        if self._inner is None or width != self._inner_width:
            measure = font_measure(self.style.fontName, self.style.fontSize)
            self._lines = wrap_text(self.text, max(width, 1.0), measure, self._hang)
            markup = "<br/>".join(escape(line) for line in self._lines)
            self._inner, self._inner_width = Paragraph(markup, self._lines_style), width
        return self._inner

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # The lines are laid out with room for a hanging mark (reportlab would break a
        # line with a space in it again); the size is kept as every flowable's is (a
        # table splitting a row reads it).
        _, self.height = self._paragraph(availWidth).wrap(availWidth + self._hang, availHeight)
        self.width = availWidth
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # Two parts or none: a table splitting a row in a cell reads both. Asked to split
        # though every line fits (its space after did not), the last line goes on.
        inner = self._paragraph(availWidth)
        wide = availWidth + self._hang
        parts = list(inner.split(wide, availHeight))
        if len(parts) == 1:
            parts = list(inner.split(wide, (len(self._lines) - 1) * float(self.style.leading)))
        return parts if len(parts) >= 2 else []

    def draw(self) -> None:
        assert self._inner is not None
        self._inner.drawOn(self.canv, 0, 0)

    def minWidth(self) -> float:
        measure = font_measure(self.style.fontName, self.style.fontSize)
        return max((measure(unit) for unit in units(self.text)), default=0.0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore) if self._space_before else 0.0

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter) if self._space_after else 0.0


def para(text: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of plain text: markup characters escaped, newlines kept, lines broken
    by the one wrapping function of every form (`linebreak.wrap_text`, with 禁則)."""
    return KinsokuParagraph(text, style)
