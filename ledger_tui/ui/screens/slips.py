"""The slip ledger: every handover slip, newest first, keyset-paged, filter by number."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ledger_tui.db.paging import SlipPager, SlipRow
from ledger_tui.domain.clock import format_local
from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.services.slip_search import parse_slip_query
from ledger_tui.services.slip_views import show_slip
from ledger_tui.ui import flows
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView

SLIP_STATE_STYLE = {"draft": "yellow", "confirmed": "bold yellow", "printed": "cyan",
                    "stamped": "green", "cancelled": "dim strike"}


def slip_columns() -> list[Column[SlipRow]]:
    return [
        Column(t("col.number"), 9, lambda r: r.number),
        Column(t("col.direction"), 5, lambda r: t("direction." + r.direction)),
        Column(t("col.time"), 16, lambda r: format_local(r.handed_at)),
        Column(t("slip.state"), 12, lambda r: t("state.slip." + r.state),
               lambda r: SLIP_STATE_STYLE.get(r.state, "")),
        Column(t("col.control_number"), 12, lambda r: r.control_number),
        Column(t("col.count"), 7, lambda r: f"{r.record_count:,}" + ("!" if r.count_mismatch
                                                                      else "")),
        Column(t("col.handler"), 12, lambda r: r.handler_name),
        Column(t("col.contract"), 20, lambda r: r.contract_title),
    ]


class SlipLedgerScreen(AreaScreen):
    area_title_key = "slips.title"

    DEFAULT_CSS = """
    SlipLedgerScreen #filter { margin: 0 1; }
    SlipLedgerScreen #filter-error { color: $error; padding: 0 1; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Input(placeholder=t("slips.filter"), id="filter")
        yield Static("", id="filter-error")
        yield LedgerView(slip_columns(), empty_text=t("slips.empty"), id="slips")
        yield from self.compose_frame_bottom()

    @property
    def view(self) -> LedgerView:
        return self.query_one("#slips", LedgerView)

    def on_mount(self) -> None:
        self.view.focus()
        self.call_after_refresh(self._load, "")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.view.pager is not None:
            self.view.reload()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._load(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.view.focus()

    def _load(self, text: str) -> None:
        ledger = self.ledger
        size = self.view.page_size

        def fetch() -> tuple[str, SlipPager, list[SlipRow]]:
            query = parse_slip_query(ledger, text)
            pager = SlipPager(ledger.engine, query.needle, query.slip_filter)
            return text, pager, pager.page_after(None, size)

        self.query_one("#filter-error", Static).update("")
        self.desk.call_service(fetch, self._loaded, on_error=self._bad_filter,
                               what="slips-page", group="slips-filter", exclusive=True)

    def _bad_filter(self, error: DomainError) -> None:
        self.query_one("#filter-error", Static).update(error.message())

    def _loaded(self, result: tuple[str, SlipPager, list[SlipRow]]) -> None:
        text, pager, rows = result
        if text == self.query_one("#filter", Input).value:
            self.view.set_pager(pager, rows)

    @on(LedgerView.Selected, "#slips")
    def _open(self, event: LedgerView.Selected) -> None:
        ledger, slip_id = self.ledger, event.row.id
        self.desk.call_service(lambda: show_slip(ledger, slip_id),
                               lambda s: flows.open_slip(self.desk, s), what="slip-open")
