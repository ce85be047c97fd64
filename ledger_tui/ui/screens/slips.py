"""The slip ledger: every handover slip, newest first, keyset-paged, filter by number."""

from __future__ import annotations

from textual import on

from ledger_tui.domain.clock import format_local
from ledger_tui.i18n import t
from ledger_tui.services.lending.slip_views import show_slip
from ledger_tui.services.pagers import Pager, SlipRow, slip_pager
from ledger_tui.ui import flows
from ledger_tui.ui.screens.ledger_area import LedgerAreaScreen
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView

SLIP_STATE_STYLE = {
    "draft": "yellow",
    "confirmed": "bold yellow",
    "printed": "cyan",
    "stamped": "green",
    "cancelled": "dim strike",
}


def slip_columns() -> list[Column[SlipRow]]:
    return [
        Column(t("col.number"), 12, lambda r: r.number),
        Column(t("col.direction"), 5, lambda r: t("direction." + r.direction)),
        Column(t("col.time"), 16, lambda r: format_local(r.handed_at)),
        Column(
            t("slip.state"),
            12,
            lambda r: t("state.slip." + r.state),
            lambda r: SLIP_STATE_STYLE.get(r.state, ""),
        ),
        Column(t("col.control_number"), 12, lambda r: r.control_number),
        Column(
            t("col.count"), 7, lambda r: f"{r.record_count:,}" + ("!" if r.count_mismatch else "")
        ),
        Column(t("col.handler"), 12, lambda r: r.handler_name),
        Column(t("col.contract"), 20, lambda r: r.contract_title),
    ]


class SlipLedgerScreen(LedgerAreaScreen):
    area_title_key = "slips.title"
    ledger_id = "slips"
    filter_key = "slips.filter"
    empty_key = "slips.empty"

    def columns(self) -> list[Column[SlipRow]]:
        return slip_columns()

    def make_pager(self, text: str) -> Pager[SlipRow]:
        return slip_pager(self.ledger, text)

    @on(LedgerView.Selected, "#slips")
    def _open(self, event: LedgerView.Selected) -> None:
        ledger, slip_id = self.ledger, event.row.id
        self.call_service(
            lambda: show_slip(ledger, slip_id),
            lambda s: flows.open_slip(self.desk, s),
            what="slip-open",
        )
