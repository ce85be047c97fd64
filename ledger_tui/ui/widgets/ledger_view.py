"""LedgerView: a Line-API list over a keyset pager, for ledgers of a million rows.

It holds only the rows on screen. Moving past the window asks the pager for the rows
after (or before) the edge key; nothing is ever loaded whole, and no cell is measured
beyond the visible page (unlike DataTable).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ledger_tui.services.pagers import Pager
from ledger_tui.ui.keys import bindings

R = TypeVar("R")


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    #: Cells; the last column takes what is left (its own width is what it keeps before
    #: a column that grows takes more).
    width: int
    value: Callable[[R], str]
    style: Callable[[R], str] | None = None
    #: Shown only when the list is at least this wide (an 80-column terminal keeps the
    #: columns that identify a row; F1 and Enter show the rest).
    hide_below: int = 0
    #: A wider list gives this column up to this many cells (a name shown whole), as long
    #: as the last column keeps its own width.
    grow_to: int = 0


def fit(text: str, width: int) -> str:
    """Crop or pad `text` to exactly `width` terminal cells (full-width aware)."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class LedgerView(Widget, can_focus=True):
    """Rows of a keyset pager, one page at a time, with a cursor."""

    DEFAULT_CSS = """
    LedgerView { height: 1fr; }
    """

    BINDINGS = bindings("list")

    HEADER = Style(bold=True, reverse=True)
    CURSOR = Style(reverse=True)
    CURSOR_BLURRED = Style(underline=True)

    cursor: reactive[int] = reactive(0)

    class Selected(Message):
        """The operator pressed Enter on a row."""

        def __init__(self, view: LedgerView, row: Any) -> None:
            super().__init__()
            self.view = view
            self.row = row

        @property
        def control(self) -> LedgerView:
            return self.view

    class Highlighted(Message):
        def __init__(self, view: LedgerView, row: Any) -> None:
            super().__init__()
            self.view = view
            self.row = row

        @property
        def control(self) -> LedgerView:
            return self.view

    def __init__(
        self,
        columns: Sequence[Column[Any]],
        pager: Pager[Any] | None = None,
        empty_text: str = "",
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.pager = pager
        self.rows: list[Any] = []
        self.empty_text = empty_text
        #: The window starts at the ledger's first row (new rows there show on reload).
        self._at_top = True
        self._top_key: Any = None

    # --- data ---------------------------------------------------------------------

    @property
    def page_size(self) -> int:
        return max(1, self.size.height - 1)

    def set_pager(self, pager: Pager[Any], rows: list[Any] | None = None) -> None:
        """Show a new pager (e.g. after the filter changed); `rows` may be pre-fetched."""
        self.pager = pager
        self.rows = rows if rows is not None else pager.page_after(None, self.page_size)
        self.cursor = 0
        self._changed()

    def reload(self) -> None:
        """Refetch the window from its first row (after an edit elsewhere); a window at
        the top of the ledger stays at the top, so rows added there show."""
        if self.pager is None:
            return
        current = self.current.key if self.current is not None else None
        if not self.rows or self._at_top:
            self.rows = self.pager.page_after(None, self.page_size)
        else:
            first = self.rows[0]
            before = self.pager.page_before(first.key, 1)
            anchor = before[-1].key if before else None
            self.rows = self.pager.page_after(anchor, self.page_size)
        keys = [r.key for r in self.rows]
        # the cursor stays on its row when that row is still in the window
        self.cursor = keys.index(current) if current in keys else min(self.cursor, len(keys) - 1)
        self.cursor = max(0, self.cursor)
        self._changed()

    def show_key(self, key: Any) -> None:
        """Refetch the window around the row with `key` (e.g. the one just saved) and put
        the cursor on it; the first row when it is not in the ledger (filtered out)."""
        if self.pager is None:
            return
        size = self.page_size
        before = self.pager.page_before(key, size // 2)
        if before:
            self.rows = before + self.pager.page_after(before[-1].key, size - len(before))
        else:
            self.rows = self.pager.page_after(None, size)
        self.cursor = next((i for i, r in enumerate(self.rows) if r.key == key), 0)
        self._changed()

    def on_resize(self) -> None:
        if self.pager is None:
            return
        size = self.page_size
        if len(self.rows) > size:
            self.rows = self.rows[:size]
        elif self.rows and len(self.rows) < size:
            self.rows = self.rows + self.pager.page_after(self.rows[-1].key, size - len(self.rows))
        elif not self.rows:
            self.rows = self.pager.page_after(None, size)
        self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        self._changed()

    @property
    def current(self) -> Any | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _changed(self) -> None:
        first = self.rows[0].key if self.rows else None
        if first != self._top_key or first is None:  # one keyset probe per new window
            self._top_key = first
            self._at_top = first is None or (
                self.pager is not None and not self.pager.page_before(first, 1)
            )
        self.refresh()
        if self.current is not None:
            self.post_message(self.Highlighted(self, self.current))

    # --- actions ------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self.pager is None or not self.rows:
            return
        target = self.cursor + step
        if 0 <= target < len(self.rows):
            self.cursor = target
        elif target >= len(self.rows):
            more = self.pager.page_after(self.rows[-1].key, 1)
            if more:
                self.rows = (self.rows + more)[-self.page_size :]
                self.cursor = len(self.rows) - 1
        else:
            more = self.pager.page_before(self.rows[0].key, 1)
            if more:
                self.rows = (more + self.rows)[: self.page_size]
                self.cursor = 0
        self._changed()

    def action_page(self, step: int) -> None:
        if self.pager is None or not self.rows:
            return
        size = self.page_size
        if step > 0:
            more = self.pager.page_after(self.rows[-1].key, size)
            if not more:
                self.cursor = len(self.rows) - 1
            elif len(more) < size:
                self.rows = (self.rows + more)[-size:]
                self.cursor = len(self.rows) - 1
            else:
                self.rows = more
        else:
            more = self.pager.page_before(self.rows[0].key, size)
            if not more:
                self.cursor = 0
            elif len(more) < size:
                self.rows = (more + self.rows)[:size]
                self.cursor = 0
            else:
                self.rows = more
        self._changed()

    def action_edge(self, direction: int) -> None:
        if self.pager is None:
            return
        if direction < 0:
            self.rows = self.pager.page_after(None, self.page_size)
            self.cursor = 0
        else:
            self.rows = self.pager.page_before(None, self.page_size)
            self.cursor = max(0, len(self.rows) - 1)
        self._changed()

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    # --- rendering ----------------------------------------------------------------

    def watch_cursor(self) -> None:
        self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def shown_columns(self, total: int | None = None) -> list[Column[Any]]:
        """The columns a list `total` cells wide shows (default: its own width)."""
        width = self.size.width if total is None else total
        return [c for c in self.columns if width >= c.hide_below]

    def _widths(self, columns: Sequence[Column[Any]], total: int) -> list[int]:
        widths = [c.width for c in columns[:-1]]
        used = sum(widths) + len(widths)  # one space between columns
        spare = total - used - columns[-1].width
        for index, column in enumerate(columns[:-1]):
            extra = min(spare, column.grow_to - column.width)
            if extra > 0:
                widths[index] += extra
                spare -= extra
                used += extra
        return [*widths, max(4, total - used)]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns = self.shown_columns(width)
        widths = self._widths(columns, width)
        if y == 0:  # a segment per title: each starts where its column does
            titles = [
                Segment(fit(c.title, w) + " ", self.HEADER)
                for c, w in zip(columns, widths, strict=True)
            ]
            return Strip(titles).crop(0, width).extend_cell_length(width, self.HEADER)
        index = y - 1
        if index >= len(self.rows):
            if index == 0 and self.empty_text:
                return Strip([Segment(fit(self.empty_text, width), Style(dim=True))])
            return Strip.blank(width)
        row = self.rows[index]
        segments: list[Segment] = []
        for i, (column, cell_width) in enumerate(zip(columns, widths, strict=True)):
            style = Style.parse(column.style(row)) if column.style else Style()
            segments.append(Segment(fit(column.value(row), cell_width), style))
            if i < len(columns) - 1:
                segments.append(Segment(" "))
        strip = Strip(segments).crop(0, width).extend_cell_length(width)
        if index == self.cursor:
            strip = strip.apply_style(self.CURSOR if self.has_focus else self.CURSOR_BLURRED)
        return strip

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
