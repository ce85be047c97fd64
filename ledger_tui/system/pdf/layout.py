"""The A4 page every form shares (portrait; landscape for a wide register), and the one
function that renders a form.

Each page: the copy label (区控 / 委託先控) top left, the form number and issue date top
right, the title centred. The body (lead sentence, field or data tables) flows through
the page frame. After the body, pinned to the bottom of the last page of each copy, the
signature block: QR code and issuing organisation bottom left, stamp boxes (押印欄)
bottom right. Footers number the pages of each copy on its own ("1 / 2"): each copy is a
complete document filed by a different party.
"""

from __future__ import annotations

import enum
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date
from ledger_tui.system.pdf.qr import FormReference, draw_qr, qr_payload
from ledger_tui.system.pdf.styles import (
    CANCEL_RED,
    INK,
    MUTED,
    RULE,
    TITLE_SIZE,
    FormStyles,
    form_styles,
)

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 9 * mm
HEADER_HEIGHT = 31 * mm
FOOTER_HEIGHT = 9 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
STAMP_SIZE = 21 * mm
STAMP_LABEL_HEIGHT = 6 * mm
QR_SIZE = 30 * mm  # 4-module quiet zone included; decodes from a 100 dpi scan
SIGNATURE_GAP = 7 * mm
#: Less room than this above the signature block: the last content starts a new page.
MIN_SPLIT_ROOM = 12 * mm
#: Slack between the last content and the signature block (rounding in the frame).
KEEP_MARGIN = 1 * mm

Anchor = Literal["left", "centre", "right"]
#: Builds the flowable a form repeats at the top of every page (see `FormFrame`).
RunningHead = Callable[[FormStyles], Flowable]
#: Between the running head and the body.
RUNNING_HEAD_GAP = 0.0


class Copy(enum.StrEnum):
    WARD = "ward"
    CONTRACTOR = "contractor"


def copy_labels(
    copies: int, lang: Lang, order: Sequence[Copy] = (Copy.WARD, Copy.CONTRACTOR)
) -> tuple[str, ...]:
    """Labels of `copies` copies: the parties in `order` first, then 控3, 控4, ..."""
    if copies < 1:
        raise ValueError("a form needs at least one copy")
    labels = [t(f"form.copy.{party.value}", lang) for party in order[:copies]]
    labels += [t("form.copy.extra", lang, n=n) for n in range(len(labels) + 1, copies + 1)]
    return tuple(labels)


@dataclass(frozen=True, slots=True)
class Issuer:
    """The issuing organisation printed bottom left (configured once per desk)."""

    ward: str
    section: str


@dataclass(frozen=True, slots=True)
class FormFrame:
    """Everything a page prints around the body of a form."""

    title: str
    number: str
    issued_on: date
    issuer: Issuer
    lang: Lang
    copy_labels: tuple[str, ...]
    stamp_roles: tuple[str, ...] = ()
    reference: FormReference | None = None
    cancelled: bool = False
    #: A reprint of paper already stamped: 再印刷 in a box beside the title, so the
    #: copy is never taken for the stamped original.
    reprint: bool = False
    #: A4 landscape (a register whose rows need the width) instead of portrait.
    landscape: bool = False
    #: What every page repeats above the body (a register's summary line and column
    #: header): drawn by the page itself, so a body streamed in many small tables
    #: still has its header on every page.
    running_head: RunningHead | None = None

    @property
    def page_size(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def content_width(self) -> float:
        return float(self.page_size[0] - 2 * MARGIN_X)


def draw_heavy_text(
    canvas: Canvas,
    text: str,
    x: float,
    y: float,
    font: str,
    size: float,
    anchor: Anchor = "left",
    color: colors.Color = INK,
    weight: float = 0.3,
) -> float:
    """Draw bold-looking text (fill and stroke) and return its width."""
    width = stringWidth(text, font, size)
    left = {"left": x, "centre": x - width / 2, "right": x - width}[anchor]
    canvas.saveState()
    canvas.setFillColor(color)
    canvas.setStrokeColor(color)
    canvas.setLineWidth(weight)
    text_object = canvas.beginText(left, y)
    text_object.setFont(font, size)
    text_object.setTextRenderMode(2 if weight else 0)
    text_object.textOut(text)
    canvas.drawText(text_object)
    canvas.restoreState()
    return width


def fit_size(text: str, font: str, size: float, width: float, smallest: float = 6.0) -> float:
    """The largest size up to `size` at which `text` fits in `width`."""
    natural = float(stringWidth(text, font, size))
    return size if natural <= width else max(smallest, size * width / natural)


def _draw_page_header(
    canvas: Canvas, doc: BaseDocTemplate, frame: FormFrame, styles: FormStyles
) -> None:
    font = styles.fonts.gothic
    page_width, page_height = frame.page_size
    top = page_height - MARGIN_TOP
    right = page_width - MARGIN_X
    if frame.cancelled:
        _draw_cancel_watermark(canvas, font, t("form.cancelled_mark", frame.lang))
    draw_heavy_text(
        canvas,
        t("form.number", frame.lang, number=frame.number),
        right,
        top - 5 * mm,
        font,
        11.5,
        "right",
        weight=0.25,
    )
    canvas.setFont(font, 9)
    canvas.setFillColor(INK)
    canvas.drawRightString(
        right,
        top - 10.5 * mm,
        t("form.issued_on", frame.lang, date=form_date(frame.issued_on, frame.lang)),
    )
    size = fit_size(frame.title, font, TITLE_SIZE, frame.content_width - 60 * mm)
    title_y = top - 22 * mm
    width = draw_heavy_text(
        canvas, frame.title, page_width / 2, title_y, font, size, "centre", weight=0.45
    )
    if frame.running_head is not None:
        head = frame.running_head(styles)
        _, height = head.wrapOn(canvas, frame.content_width, page_height)
        head.drawOn(canvas, MARGIN_X, page_height - MARGIN_TOP - HEADER_HEIGHT - height)
    marks = [(t("form.cancelled_mark", frame.lang), CANCEL_RED)] if frame.cancelled else []
    if frame.reprint:
        marks.append((t("form.reprint_mark", frame.lang), INK))
    x = page_width / 2 + width / 2 + 4 * mm
    for mark, color in marks:
        x += _draw_cancel_stamp(canvas, font, mark, x, title_y - 2.2 * mm, color) + 2 * mm


def _draw_cancel_watermark(canvas: Canvas, font: str, mark: str) -> None:
    canvas.saveState()
    canvas.setFillColor(CANCEL_RED)
    canvas.setFillAlpha(0.10)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2 - 20 * mm)
    canvas.rotate(35)
    size = fit_size(mark, font, 140, PAGE_HEIGHT * 0.7, smallest=40)
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size / 3, mark)
    canvas.restoreState()


def _draw_cancel_stamp(
    canvas: Canvas, font: str, mark: str, x: float, y: float, color: colors.Color = CANCEL_RED
) -> float:
    """A double-ruled box with `mark` (取消, 再印刷) at (x, y); returns its width."""
    size = 12.5
    width = stringWidth(mark, font, size) + 5 * mm
    height = 8.5 * mm
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setLineWidth(1.3)
    canvas.rect(x, y, width, height)
    canvas.setLineWidth(0.5)
    canvas.rect(x + 0.9 * mm, y + 0.9 * mm, width - 1.8 * mm, height - 1.8 * mm)
    draw_heavy_text(
        canvas,
        mark,
        x + width / 2,
        y + height / 2 - size * 0.35,
        font,
        size,
        "centre",
        color,
        weight=0.3,
    )
    canvas.restoreState()
    return width


def _draw_copy_chrome(
    canvas: Canvas, copy: int, page: int, pages: int, frame: FormFrame, styles: FormStyles
) -> None:
    """Copy label top left and the footer: drawn once the copy's page count is known."""
    font = styles.fonts.gothic
    label = frame.copy_labels[copy]
    page_width, page_height = frame.page_size
    top = page_height - MARGIN_TOP
    size = 11.5
    width = stringWidth(label, font, size) + 7 * mm
    height = 8 * mm
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(1.0)
    canvas.rect(MARGIN_X, top - height, width, height)
    draw_heavy_text(
        canvas,
        label,
        MARGIN_X + width / 2,
        top - height / 2 - size * 0.36,
        font,
        size,
        "centre",
        weight=0.3,
    )
    canvas.setFont(font, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawCentredString(
        page_width / 2, MARGIN_BOTTOM + 2 * mm, t("form.page", frame.lang, page=page, pages=pages)
    )
    canvas.drawRightString(
        page_width - MARGIN_X, MARGIN_BOTTOM + 2 * mm, f"{frame.number}  {label}"
    )
    canvas.restoreState()


class FormCanvas(Canvas):
    """Keeps every page until `save` so footers can say "page x / pages of this copy"."""

    def __init__(
        self, *args: Any, chrome: Callable[[Canvas, int, int, int], None], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._chrome = chrome
        self._copy = 0
        self._pages: list[tuple[dict[str, Any], int]] = []

    def begin_copy(self, index: int) -> None:
        self._copy = index

    def showPage(self) -> None:
        self._pages.append((dict(self.__dict__), self._copy))
        self._startPage()  # type: ignore[attr-defined]  # private: not in the stubs

    def save(self) -> None:
        totals = Counter(copy for _, copy in self._pages)
        seen: Counter[int] = Counter()
        for state, copy in self._pages:
            self.__dict__.update(state)
            seen[copy] += 1
            self._chrome(self, copy, seen[copy], totals[copy])
            super().showPage()
        super().save()


class _CopyStart(Flowable):
    """Zero-size marker: the pages from here on belong to copy `index`."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canvas = self.canv
        assert isinstance(canvas, FormCanvas)
        canvas.begin_copy(self.index)


class SignatureBlock(Flowable):
    """QR code and issuer bottom left, stamp boxes bottom right, pinned to the page
    bottom: it takes all the height left, or moves to a new page if too little is left."""

    def __init__(self, frame: FormFrame, styles: FormStyles) -> None:
        super().__init__()
        self.frame = frame
        self.styles = styles
        self.needed = SIGNATURE_GAP + max(QR_SIZE, STAMP_SIZE + STAMP_LABEL_HEIGHT)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = max(avail_height, self.needed)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []  # never split: go to the next page whole

    def draw(self) -> None:
        self._draw_issuer()
        self._draw_stamps()

    def _draw_issuer(self) -> None:
        canvas, font, lang = self.canv, self.styles.fonts.gothic, self.frame.lang
        text_x = 0.0
        reference = self.frame.reference
        if reference is not None:
            draw_qr(canvas, qr_payload(reference), 0, 0, QR_SIZE)
            text_x = QR_SIZE + 3 * mm
        room = self.width - len(self.frame.stamp_roles) * STAMP_SIZE - text_x - 4 * mm
        canvas.setFillColor(MUTED)
        canvas.setFont(font, 8)
        canvas.drawString(text_x, 20.5 * mm, t("form.issuer", lang))
        draw_heavy_text(
            canvas,
            self.frame.issuer.ward,
            text_x,
            15.5 * mm,
            font,
            fit_size(self.frame.issuer.ward, font, 12, room),
            weight=0.25,
        )
        canvas.setFillColor(INK)
        canvas.setFont(font, fit_size(self.frame.issuer.section, font, 10, room))
        canvas.drawString(text_x, 10.5 * mm, self.frame.issuer.section)
        if reference is not None and reference.audit_hash:
            canvas.setFillColor(MUTED)
            canvas.setFont(font, 6.5)
            canvas.drawString(text_x, 6 * mm, t("form.audit_hash", lang))
            mono = self.styles.fonts.mono
            half = (len(reference.audit_hash) + 1) // 2
            canvas.setFont(mono, fit_size(reference.audit_hash[:half], mono, 6.5, room))
            canvas.drawString(text_x, 3.1 * mm, reference.audit_hash[:half])
            canvas.drawString(text_x, 0.6 * mm, reference.audit_hash[half:])

    def _draw_stamps(self) -> None:
        canvas, font = self.canv, self.styles.fonts.gothic
        roles = self.frame.stamp_roles
        left = self.width - len(roles) * STAMP_SIZE
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        for index, role in enumerate(roles):
            x = left + index * STAMP_SIZE
            canvas.setLineWidth(0.6)
            canvas.setFillColor(colors.HexColor("#ececec"))
            canvas.rect(x, STAMP_SIZE, STAMP_SIZE, STAMP_LABEL_HEIGHT, stroke=1, fill=1)
            canvas.rect(x, 0, STAMP_SIZE, STAMP_SIZE, stroke=1, fill=0)
            canvas.setFillColor(INK)
            _draw_stamp_role(canvas, role, font, x + STAMP_SIZE / 2)
        if roles:
            canvas.setLineWidth(1.1)
            canvas.rect(left, 0, len(roles) * STAMP_SIZE, STAMP_SIZE + STAMP_LABEL_HEIGHT)
        canvas.restoreState()


def _draw_stamp_role(canvas: Canvas, role: str, font: str, centre: float) -> None:
    """The role above a stamp box, on one line down to 7 pt, else split at its space."""
    room = STAMP_SIZE - 2 * mm
    lines = [role]
    size = fit_size(role, font, 8, room)
    if size < 7 and " " in role:
        lines = role.split(" ", 1)
        size = min(fit_size(line, font, 7, room) for line in lines)
    middle = STAMP_SIZE + STAMP_LABEL_HEIGHT / 2 - size * 0.36
    offsets = [0.0] if len(lines) == 1 else [size * 0.55, -size * 0.55]
    canvas.setFont(font, size)
    for line, offset in zip(lines, offsets, strict=True):
        canvas.drawCentredString(centre, middle + offset, line)


class KeepTail(Flowable):
    """The body's last content: wherever it ends, the signature block (stamp boxes, QR)
    must fit below it on the same page. Too long for this page with that room, it
    splits leaving the room free at the bottom of its last part; unsplittable, it goes
    to the next page whole. So no page ever carries the stamp boxes alone."""

    def __init__(self, content: Flowable, reserve: float) -> None:
        super().__init__()
        self.content = content
        self.reserve = reserve

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.content.wrap(avail_width, avail_height)
        self.width = width
        self.height = height if height + self.reserve <= avail_height else height + self.reserve
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self.reserve
        if room < MIN_SPLIT_ROOM:
            return []  # next page
        parts = self.content.split(avail_width, room)
        if len(parts) < 2 or parts[0].wrap(avail_width, room)[1] <= 0:
            return []  # nothing of it fits here with the room for the signature
        return [*parts[:-1], KeepTail(parts[-1], self.reserve)]

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.content.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.content.getSpaceAfter())


def keep_tail(story: list[Flowable], reserve: float) -> list[Flowable]:
    """`story` with its last real content (not a spacer) kept with what follows."""
    for index in range(len(story) - 1, -1, -1):
        if not isinstance(story[index], Spacer):
            return [*story[:index], KeepTail(story[index], reserve), *story[index + 1 :]]
    return story


#: A form's body: a list of flowables, or an iterator of them for a form whose rows
#: are read from the ledger a page at a time (the register of a large ward).
BodyFactory = Callable[[FormStyles], list[Flowable] | Iterator[Flowable]]
#: How many flowables of a streamed body are held ahead of the one being laid out.
STREAM_AHEAD = 8


def _keep_tail_stream(items: Iterator[Flowable], reserve: float) -> Iterator[Flowable]:
    """`keep_tail` for a body read as it is laid out: what follows the last real
    content is only known at the end, so spacers wait until a later content comes."""
    held: list[Flowable] = []  # the last content seen, then the spacers after it
    for item in items:
        if isinstance(item, Spacer) or not held:
            held.append(item)
            continue
        yield from held
        held = [item]
    yield from keep_tail(held, reserve)


class StreamedStory(list[Flowable]):
    """A story platypus reads from the front as it lays out, filled from an iterator a
    few flowables ahead: a form of a hundred thousand rows is never held whole (its
    rows are read, turned into flowables and laid out a chunk at a time)."""

    def __init__(self, parts: Iterable[Flowable]) -> None:
        super().__init__()
        self._parts = iter(parts)

    def __len__(self) -> int:
        while super().__len__() < STREAM_AHEAD:
            part = next(self._parts, None)
            if part is None:
                break
            self.append(part)
        return super().__len__()


def _story(frame: FormFrame, body: BodyFactory, styles: FormStyles) -> Iterator[Flowable]:
    for index in range(len(frame.copy_labels)):
        if index:
            yield PageBreak()
        yield _CopyStart(index)
        signature = SignatureBlock(frame, styles)
        parts = body(styles)
        reserve = signature.needed + KEEP_MARGIN
        if isinstance(parts, list):
            yield from keep_tail(parts, reserve)
        else:
            yield from _keep_tail_stream(parts, reserve)
        yield signature


def render_form(frame: FormFrame, body: BodyFactory) -> bytes:
    """Render one PDF holding every copy of the form; `body` builds a fresh story for
    each copy (platypus flowables keep layout state and must not be drawn twice)."""
    styles = form_styles(frame.lang)
    buffer = io.BytesIO()
    head = 0.0
    if frame.running_head is not None:
        head = frame.running_head(styles).wrap(frame.content_width, frame.page_size[1])[1]
        head += RUNNING_HEAD_GAP
    doc = BaseDocTemplate(
        buffer,
        pagesize=frame.page_size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP + HEADER_HEIGHT + head,
        bottomMargin=MARGIN_BOTTOM + FOOTER_HEIGHT,
        title=f"{frame.title} {frame.number}",
        author=f"{frame.issuer.ward} {frame.issuer.section}",
        subject=frame.number,
        creator="ledger_tui",
        # The canvas starts in the form's font so no unembedded Helvetica is referenced.
        initialFontName=styles.fonts.gothic,
    )
    page_frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates(
        [
            PageTemplate(
                "form",
                [page_frame],
                onPage=partial(_draw_page_header, frame=frame, styles=styles),
                pagesize=frame.page_size,
            )
        ]
    )
    chrome = partial(_draw_copy_chrome, frame=frame, styles=styles)
    doc.build(
        StreamedStory(_story(frame, body, styles)), canvasmaker=partial(FormCanvas, chrome=chrome)
    )
    return buffer.getvalue()
