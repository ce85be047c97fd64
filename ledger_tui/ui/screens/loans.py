"""Open loans, overdue first; lend and take returns from here. (Open loans number in the
tens at most, so a DataTable is the right tool.)"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import DataTable

from ledger_tui.i18n import t
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.ui import flows
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen


class LoansScreen(AreaScreen):
    area_title_key = "loans.title"
    BINDINGS = bindings("loans")

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield DataTable(id="loans", cursor_type="row")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#loans", DataTable)
        # What identifies a loan and where it stands first; the long names last, so at
        # 80 columns the state and the return date are never cut off.
        table.add_column(t("col.control_number"), width=16)
        table.add_column(t("loans.state"), width=18)
        table.add_column(t("loans.due"), width=10)
        table.add_column("", width=12)
        table.add_column(t("col.contract"))
        table.add_column(t("contracts.contractor"))
        self.loans: list[LoanView] = []
        table.focus()
        self.load()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.load()

    def load(self) -> None:
        ledger = self.ledger
        self.call_service(lambda: lending.open_loans(ledger), self._loaded, what="loans")

    def _loaded(self, loans: list[LoanView]) -> None:
        self.loans = loans
        table = self.query_one("#loans", DataTable)
        table.clear()
        for loan in loans:
            overdue = t("loans.overdue", days=loan.overdue_days) if loan.overdue_days > 0 else ""
            table.add_row(
                loan.label(),
                loan.state_label(),
                loan.expected_return.isoformat() if loan.expected_return else "—",
                overdue,
                loan.contract_title,
                loan.contractor_name,
                key=str(loan.id),
            )

    @property
    def selected(self) -> LoanView | None:
        table = self.query_one("#loans", DataTable)
        return self.loans[table.cursor_row] if 0 <= table.cursor_row < len(self.loans) else None

    def palette_subject(self) -> str | None:
        loan = self.selected
        return loan.control_number if loan is not None else None

    def action_lend(self) -> None:
        flows.lend(self.desk)

    def action_take_return(self) -> None:
        loan = self.selected
        if loan is not None and not loan.has_medium:
            flows.take_return(self.desk, transfer=loan.id)
            return
        flows.take_return(self.desk, loan.control_number if loan else None)

    def action_send(self) -> None:
        flows.send_without_medium(self.desk)

    def action_intake(self) -> None:
        """A transfer's return by e-mail is taken in from the saved file."""
        loan = self.selected
        if loan is not None and not loan.has_medium:
            flows.intake_transfer(self.desk, loan)
        else:
            self.notify(t("transfer.intake_hint"), severity="warning")

    def action_open(self) -> None:
        from ledger_tui.services.lending.slip_views import SlipView, slips_of_loan

        loan = self.selected
        if loan is None:
            return
        ledger = self.ledger

        def latest() -> SlipView | None:
            found = slips_of_loan(ledger, loan.id)
            return found[-1] if found else None

        def opened(slip: SlipView | None) -> None:
            if slip:
                flows.open_slip(self.desk, slip)

        self.call_service(latest, opened, what="loan-slips")

    def on_data_table_row_selected(self) -> None:
        self.action_open()
