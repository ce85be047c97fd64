"""Audits of one contract (監査・立入り調査): its audits by fiscal year with their status,
and whether this fiscal year's audit is still owed. N plans an audit, R records one done
(the highlighted planned one, or one not planned), C closes the highlighted audit's
follow-ups, P prints the 監査記録. Escape goes back."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ledger_tui.domain.clock import local_date
from ledger_tui.i18n import t
from ledger_tui.services.organisation import show_contract
from ledger_tui.services.oversight import audits
from ledger_tui.services.oversight import paper as oversight_paper
from ledger_tui.services.oversight.audits import AuditStatus, AuditView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.screens.oversight_forms import (
    CloseFollowUpsForm,
    PlanAuditForm,
    RecordAuditForm,
)
from ledger_tui.ui.widgets.form import SavePdfScreen


class AuditsScreen(AreaScreen):
    BINDINGS = bindings("audits")

    DEFAULT_CSS = """
    AuditsScreen #audits-header, AuditsScreen #audits-due { padding: 0 1; height: auto; }
    AuditsScreen #audits { height: 1fr; }
    AuditsScreen #audit-detail { padding: 0 1; height: auto; min-height: 4; }
    """

    def __init__(self, contract_id: int) -> None:
        super().__init__()
        self.contract_id = contract_id
        self.rows: list[AuditView] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Static("", id="audits-header")
        yield Static("", id="audits-due")
        yield DataTable(id="audits", cursor_type="row", zebra_stripes=True)
        yield Static("", id="audit-detail")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#audits", DataTable)
        table.add_columns(
            *(
                t(f"cli.audit.col.{name}")
                for name in ("year", "kind", "status", "planned", "done", "auditor")
            )
        )
        self.refresh_list()
        table.focus()

    @property
    def today(self) -> date:
        return local_date(self.ledger.clock())

    def refresh_list(self, select_id: int | None = None) -> None:
        """Reload the contract's audits and what is due in a worker, then show them."""
        ledger, contract_id, today = self.ledger, self.contract_id, self.today

        def facts() -> tuple[str, list[AuditView], list[audits.AuditDue]]:
            return (
                show_contract(ledger, contract_id).title,
                audits.list_audits(ledger, contract_id),
                [d for d in audits.audit_status(ledger, today) if d.contract_id == contract_id],
            )

        self.call_service(facts, lambda found: self._show(*found, select_id), what="audits")

    def _show(
        self, title: str, rows: list[AuditView], due: list[audits.AuditDue], select_id: int | None
    ) -> None:
        self.query_one("#audits-header", Static).update(t("ui.audits.title", title=title))
        self.rows = rows
        table = self.query_one("#audits", DataTable)
        table.clear()
        for a in self.rows:
            table.add_row(
                str(a.fiscal_year),
                t(f"audit_kind.{a.kind.value}"),
                t(f"audit.status.{a.status.value}"),
                a.planned_on.isoformat() if a.planned_on else "",
                a.done_on.isoformat() if a.done_on else "",
                a.auditor,
                key=str(a.id),
            )
        if select_id is not None:
            for index, a in enumerate(self.rows):
                if a.id == select_id:
                    table.move_cursor(row=index)
        self.query_one("#audits-due", Static).update(
            t("ui.audits.due", day=due[0].due_on.isoformat(), days=due[0].days_left)
            if due
            else t("ui.audits.ok")
        )
        self.show_detail()

    def highlighted(self) -> AuditView | None:
        table = self.query_one("#audits", DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def show_detail(self) -> None:
        audit = self.highlighted()
        text = (
            t("ui.audits.empty")
            if audit is None
            else "\n".join(
                filter(
                    None,
                    [
                        f"{t('ui.field.findings')}: {audit.findings}" if audit.findings else "",
                        f"{t('ui.field.follow_ups')}: {audit.follow_ups}"
                        if audit.follow_ups
                        else "",
                        f"{t('ui.field.closed_on')}: {audit.follow_ups_closed_on.isoformat()}"
                        if audit.follow_ups_closed_on
                        else "",
                    ],
                )
            )
        )
        self.query_one("#audit-detail", Static).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def _saved(self, view: AuditView | None) -> None:
        if view is not None:
            self.notify(t("ui.audits.saved"))
            self.refresh_list(view.id)

    def action_plan(self) -> None:
        self.app.push_screen(PlanAuditForm(self.contract_id, self.today), self._saved)

    def action_record(self) -> None:
        audit = self.highlighted()
        planned = audit if audit is not None and audit.status is AuditStatus.PLANNED else None
        self.app.push_screen(RecordAuditForm(self.contract_id, self.today, planned), self._saved)

    def action_close_follow_ups(self) -> None:
        audit = self.highlighted()
        if audit is not None:
            self.app.push_screen(CloseFollowUpsForm(audit.id, self.today), self._saved)

    def action_print(self) -> None:
        ledger, actor, contract_id = self.ledger, self.actor, self.contract_id
        self.call_service(
            lambda: oversight_paper.print_audit_history(ledger, actor, contract_id),
            lambda _: self.notify(t("ui.audits.printed")),
            what="audit.print",
        )

    def action_pdf(self) -> None:
        ledger, actor, contract_id = self.ledger, self.actor, self.contract_id

        def saved(result: oversight_paper.PaperResult | None) -> None:
            if result is not None:
                self.notify(t("ui.pdf_saved", path=str(result.path)))

        self.app.push_screen(
            SavePdfScreen(
                t("ui.audits.pdf_title"),
                f"audits-{oversight_paper.history_number(contract_id)}.pdf",
                lambda path: oversight_paper.save_audit_history_pdf(
                    ledger, actor, contract_id, path
                ),
            ),
            saved,
        )
