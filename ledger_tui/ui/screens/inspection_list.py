"""Parts of the inspection screen: its list of lines (an in-memory pager for LedgerView,
filtered by status), the columns, and telling a barcode scan from typing.

An inspection has one line per medium of the register (hundreds, not millions), so the
screen holds them all; LedgerView still draws only the rows on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger_tui.domain.clock import local
from ledger_tui.domain.inspections import LineResult
from ledger_tui.i18n import t
from ledger_tui.services.inspection.views import LineView, status_key
from ledger_tui.ui.widgets.ledger_view import Column

#: A keyboard-wedge scanner types a whole code within a few ms per key; a person does not.
SCAN_KEY_GAP = 0.08
SCAN_MIN_LENGTH = 4

STATUS_STYLE = {
    "insp.status.found": "green",
    "insp.status.pending": "yellow",
    "insp.status.missing": "bold red",
    "insp.status.unexpected": "bold white on red",
    "insp.status.on_loan": "cyan",
}
#: The list's filters in the order Ctrl+T cycles through them (None: every line).
FILTERS: tuple[LineResult | None, ...] = (
    None,
    LineResult.MISSING,
    LineResult.UNEXPECTED,
    LineResult.ON_LOAN,
    LineResult.FOUND,
)


@dataclass(frozen=True, slots=True)
class LineRow:
    key: int
    line: LineView


class LinePager:
    """What LedgerView asks of a pager, over a list held in memory (keys: positions)."""

    def __init__(self, lines: list[LineView]) -> None:
        self.rows = [LineRow(index, line) for index, line in enumerate(lines)]
        self.needle = ""

    def page_after(self, key: int | None, size: int) -> list[LineRow]:
        start = 0 if key is None else key + 1
        return self.rows[start : start + size]

    def page_before(self, key: int | None, size: int) -> list[LineRow]:
        end = len(self.rows) if key is None else key
        return self.rows[max(0, end - size) : end]


def filtered(lines: tuple[LineView, ...], status: LineResult | None) -> list[LineView]:
    return [line for line in lines if status is None or line.status is status]


def remark(line: LineView) -> str:
    parts = [t(line.discrepancy)] if line.discrepancy else []
    if not line.control_number and line.serial_seen:
        parts.append(t("insp.paper.serial", serial=line.serial_seen))
    if line.note:
        parts.append(line.note)
    return t("insp.paper.sep").join(parts)


def _kind(line: LineView) -> str:
    return t(f"kind.short.{line.medium_kind.value}") if line.medium_kind else ""


def _register_state(line: LineView) -> str:
    return t(f"state.{line.register_state.value}") if line.register_state else ""


def _how(line: LineView) -> str:
    return t(f"insp.how.{line.how.value}") if line.how else ""


def _seen_at(line: LineView) -> str:
    return local(line.seen_at).strftime("%H:%M") if line.seen_at else ""


def line_columns() -> list[Column[LineRow]]:
    return [
        Column(
            t("insp.col.control_number"),
            16,
            lambda r: r.line.control_number or r.line.serial_seen or r.line.seal_seen,
        ),
        Column(t("insp.col.kind"), 14, lambda r: _kind(r.line)),
        Column(t("insp.col.register_state"), 12, lambda r: _register_state(r.line)),
        Column(
            t("insp.col.finding"),
            12,
            lambda r: t(status_key(r.line)),
            lambda r: STATUS_STYLE[status_key(r.line)],
        ),
        Column(t("insp.col.how"), 12, lambda r: _how(r.line)),
        Column(t("insp.col.seen_at"), 6, lambda r: _seen_at(r.line)),
        Column(t("insp.col.note"), 10, lambda r: remark(r.line)),
    ]


class KeyBurst:
    """Watches one input's changes: a value that arrived one character at a time, each
    within SCAN_KEY_GAP of the last, was scanned; anything slower (or pasted) typed."""

    def __init__(self) -> None:
        self._last = 0.0
        self._changes = 0
        self._slow = False

    def changed(self, value: str, now: float) -> None:
        if not value:
            self._changes, self._slow = 0, False
        elif self._changes and now - self._last > SCAN_KEY_GAP:
            self._slow = True
        if value:
            self._changes += 1
        self._last = now

    def scanned(self, value: str) -> bool:
        return len(value) >= SCAN_MIN_LENGTH and not self._slow and self._changes == len(value)
