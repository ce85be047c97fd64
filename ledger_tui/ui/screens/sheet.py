"""The confirmation record sheet (確認記録票) of one contract, keyboard only; opened from
the dashboard and the contracts screen as `SheetScreen(contract_id)`.

The list shows each measure with its current status: not met in red, unchecked in
yellow, met in green. On the highlighted item, m / n / a record met / not met / not
applicable (a small form asks the date, today by default, and the note); h shows its
history. Administrators start the sheet from a template (Ctrl+N), add (i), reword (r)
and withdraw (w) items and set the special terms (t). Ctrl+O prints, Ctrl+S saves the
PDF. Escape goes back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import CheckStatus
from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.services.organisation import show_contract
from ledger_tui.services.oversight import sheet_paper, sheets
from ledger_tui.services.oversight.sheet_views import SheetRow, SheetView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.screens.sheet_forms import (
    CheckForm,
    LabelForm,
    SheetPdfForm,
    StartForm,
    TermsForm,
    WithdrawForm,
)

#: Colours of the statuses on screen (None: never checked).
STATUS_STYLE: dict[CheckStatus | None, str] = {
    CheckStatus.NOT_MET: "bold red",
    None: "yellow",
    CheckStatus.MET: "green",
    CheckStatus.NOT_APPLICABLE: "dim",
}
ADMIN_ACTIONS = frozenset({"start", "add_item", "reword_item", "withdraw_item", "terms"})
ROW_ACTIONS = frozenset(
    {"met", "not_met", "not_applicable", "history", "reword_item", "withdraw_item"}
)


def status_cell(status: CheckStatus | None) -> Text:
    name = status.value if status else "unchecked"
    return Text(t(f"check_status.{name}"), style=STATUS_STYLE[status])


class SheetScreen(AreaScreen):
    area_title_key = "sheet.ui.title"

    BINDINGS = bindings("sheet")

    DEFAULT_CSS = """
    SheetScreen #sheet-header, SheetScreen #sheet-summary { padding: 0 1; height: auto; }
    SheetScreen #sheet-items { height: 1fr; margin: 0 1; }
    SheetScreen #sheet-history { padding: 0 1; height: auto; max-height: 10; }
    SheetScreen #sheet-message { padding: 0 1; height: auto; min-height: 1; }
    """

    def __init__(self, contract_id: int) -> None:
        super().__init__()
        self.contract_id = contract_id
        self.sheet: SheetView | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Static(t("sheet.ui.loading"), id="sheet-header")
        yield Static("", id="sheet-summary")
        table: DataTable[Any] = DataTable(id="sheet-items", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="sheet-history")
        yield Static("", id="sheet-message")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#sheet-items", DataTable)
        for name in ("no", "status", "checked_on", "checked_by", "measure", "note"):
            table.add_column(t(f"sheet.paper.col.{name}"), key=name)
        table.focus()
        self.reload()

    # --- showing ---------------------------------------------------------------------

    def reload(self) -> None:
        ledger, contract = self.ledger, self.contract_id
        self.call_service(
            lambda: sheets.show_sheet(ledger, contract),
            self.show_sheet,
            on_error=self._refused,
            what="sheet-show",
        )

    def show_sheet(self, view: SheetView) -> None:
        self.sheet = view
        self.query_one("#sheet-header", Static).update(
            Text(
                t(
                    "sheet.ui.header",
                    title=view.contract_title,
                    contractor=view.contractor_name,
                    section=view.section_name,
                ),
                style="bold",
            )
        )
        s = view.summary
        summary = (
            t(
                "sheet.paper.summary",
                met=s.met,
                not_met=s.not_met,
                not_applicable=s.not_applicable,
                unchecked=s.unchecked,
            )
            if view.started
            else t("sheet.ui.not_started")
        )
        self.query_one("#sheet-summary", Static).update(summary)
        table = self.query_one("#sheet-items", DataTable)
        cursor = table.cursor_row
        table.clear()
        for row in view.rows:
            table.add_row(
                str(row.position),
                status_cell(row.status),
                row.checked_on.isoformat() if row.checked_on else "",
                row.checked_by,
                row.label,
                row.note,
                key=str(row.item_id),
            )
        if view.rows:
            table.move_cursor(row=min(cursor, len(view.rows) - 1))
        self.refresh_bindings()

    def highlighted(self) -> SheetRow | None:
        if self.sheet is None or not self.sheet.rows:
            return None
        index = self.query_one("#sheet-items", DataTable).cursor_row
        return self.sheet.rows[index] if 0 <= index < len(self.sheet.rows) else None

    def say(self, message: str, error: bool = False) -> None:
        self.query_one("#sheet-message", Static).update(
            Text(message, style="bold red" if error else "")
        )

    def _refused(self, error: DomainError) -> None:
        self.say(error.message(), error=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ADMIN_ACTIONS and not self.actor.is_admin:
            return False
        view = self.sheet
        if action == "start":
            return view is not None and not view.started
        if action in ROW_ACTIONS or action in ("print", "pdf", "add_item"):
            return view is not None and bool(view.rows or view.withdrawn)
        return True

    # --- actions -----------------------------------------------------------------------

    def action_leave(self) -> None:
        self.app.pop_screen()

    def _after(self, message_key: str) -> Callable[[object], None]:
        def done(result: object) -> None:
            if result is not None:
                self.say(t(message_key))
                self.reload()

        return done

    def _check(self, status: CheckStatus) -> None:
        row = self.highlighted()
        if row is None:
            return
        form = CheckForm(self.ledger, self.actor, row, status, local_date(self.ledger.clock()))
        self.app.push_screen(form, self._after("sheet.ui.checked"))

    def action_met(self) -> None:
        self._check(CheckStatus.MET)

    def action_not_met(self) -> None:
        self._check(CheckStatus.NOT_MET)

    def action_not_applicable(self) -> None:
        self._check(CheckStatus.NOT_APPLICABLE)

    def action_history(self) -> None:
        row = self.highlighted()
        if row is None:
            return
        lines = [t("sheet.ui.history_title", position=row.position, label=row.label)]
        lines += [
            t(
                "sheet.ui.history_line",
                day=c.checked_on.isoformat(),
                status=t(f"check_status.{c.status.value}"),
                by=c.checked_by,
                note=c.note,
            )
            for c in reversed(row.history)
        ]
        if not row.history:
            lines.append(t("sheet.ui.history_empty"))
        self.query_one("#sheet-history", Static).update("\n".join(lines))

    def action_start(self) -> None:
        self.app.push_screen(
            StartForm(self.ledger, self.actor, self.contract_id), self._after("sheet.ui.started")
        )

    def action_add_item(self) -> None:
        self.app.push_screen(
            LabelForm(self.ledger, self.actor, self.contract_id), self._after("sheet.ui.item_added")
        )

    def action_reword_item(self) -> None:
        row = self.highlighted()
        if row is not None:
            self.app.push_screen(
                LabelForm(self.ledger, self.actor, self.contract_id, row),
                self._after("sheet.ui.item_reworded"),
            )

    def action_withdraw_item(self) -> None:
        row = self.highlighted()
        if row is not None:
            self.app.push_screen(
                WithdrawForm(self.ledger, self.actor, row), self._after("sheet.ui.item_withdrawn")
            )

    def action_terms(self) -> None:
        ledger, actor, contract = self.ledger, self.actor, self.contract_id

        def opened(current: list[int]) -> None:
            self.app.push_screen(
                TermsForm(ledger, actor, contract, current), self._after("sheet.ui.terms_set")
            )

        self.call_service(
            lambda: show_contract(ledger, contract).special_terms,
            opened,
            on_error=self._refused,
            what="sheet-terms",
        )

    def action_print(self) -> None:
        ledger, actor, contract = self.ledger, self.actor, self.contract_id
        self.say(t("sheet.ui.printing"))

        def printed(result: sheet_paper.SheetPrintResult) -> None:
            self.say(t("sheet.ui.printed", printer=result.printer, job=result.job_id))

        self.call_service(
            lambda: sheet_paper.print_sheet(ledger, actor, contract),
            printed,
            on_error=self._refused,
            what="sheet-print",
        )

    def action_pdf(self) -> None:
        def saved(path: Path | None) -> None:
            if path is not None:
                self.say(t("sheet.ui.pdf_saved", path=str(path)))

        self.app.push_screen(SheetPdfForm(self.ledger, self.actor, self.contract_id), saved)
