"""The audit trail: newest first, keyset-paged, filtered through the search index."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from ledger_tui.db.paging import TrailPager, TrailRow
from ledger_tui.domain.clock import format_local
from ledger_tui.i18n import t
from ledger_tui.services.audit import TrailEntry, entry_by_seq, report_message
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.screens.dialogs import DetailDialog
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView


def trail_columns() -> list[Column[TrailRow]]:
    return [
        Column(t("col.seq"), 8, lambda r: str(r.seq)),
        Column(t("col.time"), 19, lambda r: format_local(r.recorded_at, with_seconds=True)),
        Column(t("col.actor"), 10, lambda r: r.actor),
        Column(t("col.action"), 22, lambda r: r.action),
        Column(t("col.subject"), 24, lambda r: r.subject),
        Column(t("col.details"), 20, lambda r: r.details),
    ]


class TrailScreen(AreaScreen):
    area_title_key = "trail.title"

    BINDINGS = [
        Binding("v", "verify", "trail.verify", id="trail.verify"),
        Binding("slash", "filter", "register.filter_key", id="trail.filter"),
        Binding("escape", "focus_list", show=False),
    ]

    DEFAULT_CSS = """
    TrailScreen #filter { margin: 0 1; }
    TrailScreen #status { padding: 0 1; height: 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Input(placeholder=t("trail.filter"), id="filter")
        yield LedgerView(trail_columns(), id="trail")
        yield Static("", id="status")
        yield from self.compose_frame_bottom()

    @property
    def view(self) -> LedgerView:
        return self.query_one("#trail", LedgerView)

    def on_mount(self) -> None:
        self.view.focus()
        self.call_after_refresh(self._load, "")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.view.pager is not None:
            self._load(self.query_one("#filter", Input).value)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._load(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.view.focus()

    def _load(self, needle: str) -> None:
        pager = TrailPager(self.ledger.engine, needle)
        size = self.view.page_size

        def fetch() -> tuple[TrailPager, list[TrailRow]]:
            return pager, pager.page_after(None, size)

        self.desk.call_service(fetch, self._loaded, what="trail-page",
                               group="trail-filter", exclusive=True)

    def _loaded(self, result: tuple[TrailPager, list[TrailRow]]) -> None:
        pager, rows = result
        if pager.needle != self.query_one("#filter", Input).value.strip():
            return
        self.view.set_pager(pager, rows)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.view.focus()

    def action_verify(self) -> None:
        self.query_one("#status", Static).update(t("dash.trail_checking"))
        self.desk.check_trail()

    def show_trail_status(self) -> None:
        super().show_trail_status()
        report = self.desk.trail_report
        if report is None:
            return
        key, params = report_message(report)
        style = "green" if report.ok else "bold red"
        self.query_one("#status", Static).update(Text(t(key, **params), style=style))

    @on(LedgerView.Selected, "#trail")
    def _open(self, event: LedgerView.Selected) -> None:
        ledger = self.ledger
        seq = event.row.seq
        self.desk.call_service(lambda: entry_by_seq(ledger, seq), self._show_entry,
                               what="trail-entry")

    def _show_entry(self, entry: TrailEntry | None) -> None:
        if entry is None:
            return
        self.app.push_screen(DetailDialog(t("trail.entry", seq=entry.seq), [
            (t("col.time"), format_local(entry.recorded_at, with_seconds=True)),
            (t("col.actor"), entry.actor),
            (t("col.action"), entry.action),
            (t("col.subject"), entry.subject),
            (t("col.details"), entry.details),
            (t("trail.hash"), entry.entry_hash),
        ]))
