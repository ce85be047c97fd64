"""Close-out of one contract: every blocker in red, Enter opens the screen that
resolves it; with none, the contract's id or title typed to confirm closes it, then
P prints the summary (契約完了報告) and S saves it as PDF."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import DataTable, Input, Static

from ledger_tui.domain.clock import format_local
from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.services.oversight import closeout, closeout_paper
from ledger_tui.services.oversight.closeout import Blocker
from ledger_tui.services.oversight.closeout_views import CloseOutSummary, closeout_summary
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.targets import open_target
from ledger_tui.ui.widgets.text_field import TextField


class CloseOutScreen(AreaScreen):
    BINDINGS = bindings("closeout")
    DEFAULT_CSS = """
    CloseOutScreen #closeout-status { padding: 0 1; height: auto; }
    CloseOutScreen #blockers { height: 1fr; }
    CloseOutScreen .-hidden { display: none; }
    """

    def __init__(self, contract_id: int) -> None:
        super().__init__()
        self.contract_id = contract_id
        self.blockers: list[Blocker] = []
        self.summary: CloseOutSummary | None = None

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Static("…", id="closeout-title", classes="area-title")
        yield Static("", id="closeout-status")
        yield DataTable(id="blockers", cursor_type="row")
        yield TextField(placeholder=t("closeout.screen.confirm"), id="confirm", classes="-hidden")
        yield TextField(placeholder=t("closeout.screen.pdf_path"), id="pdf-path", classes="-hidden")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        self.query_one("#blockers", DataTable).add_columns("")
        self.load()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.load()

    def load(self) -> None:
        ledger, contract_id = self.ledger, self.contract_id

        def read() -> tuple[CloseOutSummary, list[Blocker]]:
            summary = closeout_summary(ledger, contract_id)
            found = [] if summary.closed_at else closeout.closeout_blockers(ledger, contract_id)
            return summary, found

        self.call_service(read, self._show, what="closeout")

    def _show(self, result: tuple[CloseOutSummary, list[Blocker]]) -> None:
        self.summary, self.blockers = result
        summary = self.summary
        self.query_one("#closeout-title", Static).update(t("closeout.title", title=summary.title))
        table = self.query_one("#blockers", DataTable)
        table.clear()
        for index, blocker in enumerate(self.blockers):
            table.add_row(f"[bold red]{blocker.message()}[/]", key=str(index))
        status = self.query_one("#closeout-status", Static)
        confirm = self.query_one("#confirm", Input)
        table.set_class(not self.blockers, "-hidden")
        if summary.closed_at is not None:
            status.update(
                t(
                    "closeout.screen.closed",
                    moment=format_local(summary.closed_at),
                    who=summary.closed_by,
                )
            )
            confirm.add_class("-hidden")
        elif self.blockers:
            status.update(f"[bold red]{t('closeout.screen.blockers', count=len(self.blockers))}[/]")
            confirm.add_class("-hidden")
            table.focus()
        else:
            status.update(t("closeout.screen.ready", id=summary.contract_id))
            confirm.remove_class("-hidden")
            confirm.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.blockers) and self.blockers[index].target is not None:
            target = self.blockers[index].target
            assert target is not None
            open_target(self.desk, target)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "confirm":
            self._close(event.value.strip())
        elif event.input.id == "pdf-path" and event.value.strip():
            self._save(Path(event.value.strip()).expanduser())

    def _close(self, typed: str) -> None:
        summary = self.summary
        if summary is None or typed not in (str(summary.contract_id), summary.title):
            self.notify(t("closeout.error.confirm_mismatch"), severity="error")
            return
        ledger, actor, contract_id = self.ledger, self.actor, self.contract_id

        def done(closed: CloseOutSummary) -> None:
            self.notify(t("closeout.screen.done", title=closed.title))
            self.load()

        def refused(error: DomainError) -> None:
            self.notify(error.message(), severity="error", timeout=8)
            self.load()

        self.call_service(
            lambda: closeout.close_contract(ledger, actor, contract_id),
            done,
            on_error=refused,
            what="closeout.close",
        )

    def action_print_summary(self) -> None:
        if self.summary is None or self.summary.closed_at is None:
            return
        ledger, actor, contract_id = self.ledger, self.actor, self.contract_id
        self.call_service(
            lambda: closeout_paper.print_summary(ledger, actor, contract_id),
            lambda r: self.notify(t("closeout.screen.printed", printer=r.printer)),
            what="closeout.print",
        )

    def action_save_summary(self) -> None:
        if self.summary is None or self.summary.closed_at is None:
            return
        field = self.query_one("#pdf-path", Input)
        field.remove_class("-hidden")
        field.focus()

    def _save(self, path: Path) -> None:
        ledger, actor, contract_id = self.ledger, self.actor, self.contract_id

        def saved(_: object) -> None:
            self.query_one("#pdf-path", Input).add_class("-hidden")
            self.notify(t("closeout.screen.saved", path=str(path)))

        self.call_service(
            lambda: closeout_paper.save_summary_pdf(ledger, actor, contract_id, path),
            saved,
            what="closeout.save",
        )

    def action_back(self) -> None:
        self.dismiss()
