"""Incidents (事故報告): the list (open first, open ones in red) and the highlighted
incident in detail. N reports a new one, U records progress (first notification,
written report, instructions, measures, records affected), F records a lost medium
found, C closes (refused without the written report and instructions), P prints the
事故報告書. Escape goes back."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ledger_tui.domain.clock import format_local, local
from ledger_tui.i18n import t
from ledger_tui.services.organisation import ContractView, list_contracts
from ledger_tui.services.oversight import incidents
from ledger_tui.services.oversight import paper as oversight_paper
from ledger_tui.services.oversight.incidents import IncidentView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.screens.oversight_forms import (
    CloseIncidentForm,
    ReportIncidentForm,
    UpdateIncidentForm,
)
from ledger_tui.ui.widgets.form import SavePdfScreen

OPEN_STYLE = "bold red"


def detail_text(v: IncidentView) -> str:
    def row(key: str, value: str) -> str:
        return f"{t(f'incident.field.{key}')}: {value}"

    flags = [
        t(key)
        for key, on in (
            ("incident.flag.late", v.late_notification),
            ("incident.flag.report_missing", v.report_missing),
        )
        if on
    ]
    notified = (
        t("incident.value.not_notified")
        if v.notified_at is None
        else (
            f"{format_local(v.notified_at)} {v.notified_by}"
            f"（{t('incident.hours', hours=f'{v.notification_hours or 0:.1f}')}）"
        )
    )
    return "\n".join(
        [
            row("contract", f"{v.contract_title} / {v.contractor_name}"),
            row("medium", v.control_number or "-"),
            row("handlers", "、".join(v.handler_names) or "-"),
            row("occurred", format_local(v.occurred_at) if v.occurred_at else "-"),
            row("discovered", format_local(v.discovered_at)),
            row("notified", notified),
            row("what", v.description),
            row("records", "-" if v.records_affected is None else str(v.records_affected)),
            row("measures", v.measures_taken or "-"),
            row("instructions", v.instructions or "-"),
            row("report", v.written_report_on.isoformat() if v.written_report_on else "-"),
            row("flags", "、".join(flags) if v.is_open and flags else "-"),
        ]
    )


class IncidentsScreen(AreaScreen):
    BINDINGS = bindings("incidents")

    DEFAULT_CSS = """
    IncidentsScreen #incidents { height: 1fr; }
    IncidentsScreen #incident-detail { padding: 0 1; height: auto; min-height: 6; }
    """

    def __init__(self, incident_id: int | None = None) -> None:
        super().__init__()
        self.incident_id = incident_id
        self.rows: list[IncidentView] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Static(t("ui.incidents.title"), classes="area-title")
        yield DataTable(id="incidents", cursor_type="row", zebra_stripes=True)
        yield Static("", id="incident-detail")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#incidents", DataTable)
        table.add_columns(
            *(
                t(f"incident.field.{name}")
                for name in ("number", "kind", "state", "contract", "medium", "discovered")
            )
        )
        self.refresh_list(self.incident_id)
        table.focus()

    def refresh_list(self, select_id: int | None = None) -> None:
        """Reload the incidents in a worker, then show them (open first)."""
        ledger = self.ledger
        self.call_service(
            lambda: incidents.list_incidents(ledger),
            lambda rows: self._show(rows, select_id),
            what="incidents",
        )

    def _show(self, rows: list[IncidentView], select_id: int | None) -> None:
        self.rows = rows
        table = self.query_one("#incidents", DataTable)
        table.clear()
        for v in self.rows:
            style = OPEN_STYLE if v.is_open else ""
            kind = t(f"incident_kind.{v.kind.value}") + (
                t("incident.suspected") if v.suspected else ""
            )
            table.add_row(
                *(
                    Text(cell, style=style)
                    for cell in (
                        v.number,
                        kind,
                        t(f"incident_state.{v.state.value}"),
                        v.contract_title,
                        v.control_number,
                        format_local(v.discovered_at),
                    )
                ),
                key=str(v.id),
            )
        for index, v in enumerate(self.rows):
            if v.id == select_id:
                table.move_cursor(row=index)
        self.show_detail()

    def highlighted(self) -> IncidentView | None:
        table = self.query_one("#incidents", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def show_detail(self) -> None:
        v = self.highlighted()
        self.query_one("#incident-detail", Static).update(
            t("ui.incidents.empty") if v is None else detail_text(v)
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def _saved(self, view: IncidentView | None) -> None:
        if view is not None:
            self.notify(t("ui.incidents.saved", number=view.number))
            self.refresh_list(view.id)

    def action_report(self) -> None:
        ledger = self.ledger
        now = local(ledger.clock()).replace(tzinfo=None)

        def ask(found: list[ContractView]) -> None:
            contracts = [(f"{c.id} {c.title}", c.id) for c in found]
            self.app.push_screen(ReportIncidentForm(contracts, now), self._saved)

        self.call_service(lambda: list_contracts(ledger), ask, what="contracts")

    def action_update(self) -> None:
        v = self.highlighted()
        if v is not None:
            self.app.push_screen(UpdateIncidentForm(v), self._saved)

    def action_found(self) -> None:
        v = self.highlighted()
        if v is not None:
            self.app.push_screen(CloseIncidentForm(v.id, found=True), self._saved)

    def action_close(self) -> None:
        v = self.highlighted()
        if v is not None:
            self.app.push_screen(CloseIncidentForm(v.id), self._saved)

    def action_print(self) -> None:
        v = self.highlighted()
        if v is None:
            return
        ledger, actor, number = self.ledger, self.actor, v.number
        self.call_service(
            lambda: oversight_paper.print_incident(ledger, actor, number),
            lambda _: self.notify(t("ui.incidents.printed", number=number)),
            what="incident.print",
        )

    def action_pdf(self) -> None:
        v = self.highlighted()
        if v is None:
            return
        ledger, actor, number = self.ledger, self.actor, v.number

        def saved(result: oversight_paper.PaperResult | None) -> None:
            if result is not None:
                self.notify(t("ui.pdf_saved", path=str(result.path)))

        self.app.push_screen(
            SavePdfScreen(
                t("ui.incidents.pdf_title", number=number),
                f"incident-{number}.pdf",
                lambda path: oversight_paper.save_incident_pdf(ledger, actor, number, path),
            ),
            saved,
        )
