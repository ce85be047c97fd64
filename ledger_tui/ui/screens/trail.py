"""The audit trail: newest first, keyset-paged, filtered through the search index."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import Static

from ledger_tui.domain.clock import format_local
from ledger_tui.i18n import t
from ledger_tui.services.pagers import Pager, TrailLine, trail_pager
from ledger_tui.services.trail.verify import report_message
from ledger_tui.services.trail_lines import described_entry
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.dialogs import DetailDialog
from ledger_tui.ui.screens.ledger_area import LedgerAreaScreen
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView


def trail_columns() -> list[Column[TrailLine]]:
    return [
        Column(t("col.seq"), 7, lambda r: str(r.seq), hide_below=120),
        Column(t("col.time"), 19, lambda r: format_local(r.recorded_at, with_seconds=True)),
        Column(t("col.actor"), 8, lambda r: r.actor),
        Column(t("col.action"), 20, lambda r: r.action),
        # A slip, an incident or a certificate by its number, whole at 80 columns; a
        # contract's title whole at 160, where the details keep 40 cells.
        Column(t("col.subject"), 20, lambda r: r.subject, grow_to=48),
        Column(t("col.details"), 40, lambda r: r.details),
    ]


class TrailScreen(LedgerAreaScreen):
    area_title_key = "trail.title"
    ledger_id = "trail"
    filter_key = "trail.filter"

    BINDINGS = bindings("trail")

    def columns(self) -> list[Column[TrailLine]]:
        return trail_columns()

    def make_pager(self, text: str) -> Pager[TrailLine]:
        return trail_pager(self.ledger, text)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.view.pager is not None:
            self.load(self.filter_text)  # the trail grows while the operator is away

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
        self.call_service(
            lambda: described_entry(ledger, seq), self._show_entry, what="trail-entry"
        )

    def _show_entry(self, found: tuple[TrailLine, str] | None) -> None:
        if found is None:
            return
        entry, entry_hash = found
        self.app.push_screen(
            DetailDialog(
                t("trail.entry", seq=entry.seq),
                [
                    (t("col.time"), format_local(entry.recorded_at, with_seconds=True)),
                    (t("col.actor"), entry.actor),
                    (t("col.action"), entry.action),
                    (t("col.subject"), entry.subject),
                    (t("col.details"), entry.details),
                    (t("trail.hash"), entry_hash),
                ],
            )
        )
