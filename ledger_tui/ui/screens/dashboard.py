"""Dashboard: obligations most urgent first (Enter opens the screen that resolves one),
media by state, running contracts, lending, and the audit trail's verification."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from ledger_tui.domain.media import MediumState
from ledger_tui.i18n import t
from ledger_tui.services.inspection.views import LastInspection
from ledger_tui.services.journey import SetupItem
from ledger_tui.services.oversight.dashboard import DashboardFacts, LendingOverview, dashboard_facts
from ledger_tui.services.oversight.obligations import Obligation, Severity
from ledger_tui.services.trail.verify import report_message
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.targets import open_target
from ledger_tui.ui.widgets.ledger_view import fit

STATE_STYLE = {
    MediumState.REGISTERED: "yellow",
    MediumState.WIPE_PENDING: "bold yellow",
    MediumState.BLANK: "green",
    MediumState.LOADED: "cyan",
    MediumState.LENT: "bold cyan",
    MediumState.RETURNED: "magenta",
    MediumState.DESTROYED: "dim",
    MediumState.LOST: "bold red",
    MediumState.RETIRED: "dim",
}


def lending_text(o: LendingOverview) -> Text:
    """Obligations first: contracts ended with media out (red), overdue loans, counts."""
    text = Text()
    for row in o.ended_with_media_out:
        text.append(
            t("dash.ended_out", title=row.contract_title, count=len(row.control_numbers)) + "\n",
            style="bold red",
        )
    style = "bold red" if o.overdue_count else "green"
    text.append(t("dash.overdue", count=o.overdue_count) + "\n", style=style)
    for loan in o.overdue:
        text.append(
            f"  {loan.control_number}  {loan.contractor_name}  "
            + t("loans.overdue", days=loan.overdue_days)
            + "\n",
            style="red",
        )
    text.append(t("dash.open_loans", count=o.open_loans) + "\n")
    text.append(
        t("dash.unstamped", count=o.to_print_or_stamp) + "\n",
        style="yellow" if o.to_print_or_stamp else "",
    )
    text.append(
        t("dash.mismatch", count=o.count_mismatches), style="yellow" if o.count_mismatches else ""
    )
    return text


def obligation_cells(o: Obligation) -> tuple[Text, Text]:
    """The row of one obligation: days overdue / left, and its line, in its colour."""
    style = "bold red" if o.severity is Severity.RED else "yellow"
    if o.due is None:
        when = ""
    elif o.days > 0:
        when = t("obligation.days_overdue", days=o.days)
    else:
        when = t("obligation.days_left", days=-o.days)
    return Text(when, style=style), Text(o.message(), style=style)


def inspection_text(last: LastInspection | None) -> Text:
    if last is None:
        return Text(t("dash.last_inspection_none"), style="yellow")
    text = Text(t("dash.last_inspection", date=last.finished_on.isoformat(), number=last.number))
    if last.not_seen:
        text.append(
            "\n" + t("dash.not_seen", count=len(last.not_seen), media="、".join(last.not_seen)),
            style="bold red",
        )
    return text


class DashboardScreen(AreaScreen):
    area_title_key = "dash.title"
    BINDINGS = bindings("dashboard")

    DEFAULT_CSS = """
    DashboardScreen .panel { border: round $primary; padding: 0 1; height: auto;
        width: 1fr; margin: 0 1; }
    DashboardScreen .panel-title { text-style: bold; }
    DashboardScreen #panels { height: auto; }
    DashboardScreen #dash-body { height: 1fr; }
    DashboardScreen #obligations { height: auto; max-height: 12; }
    DashboardScreen #setup { height: auto; }
    DashboardScreen .panel.-hidden { display: none; }
    """

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        # The panels scroll within the space above the footer: at 80×24 they are taller
        # than the screen, and never run on under the footer's keys.
        with VerticalScroll(id="dash-body"):
            with Vertical(classes="panel -hidden", id="setup-panel"):
                yield Static(t("dash.setup"), classes="panel-title")
                setup: DataTable[Text] = DataTable(id="setup", cursor_type="row", show_header=False)
                setup.can_focus = False  # hidden until the ledger needs it: never takes focus
                yield setup
            with Vertical(classes="panel", id="obligations-panel"):
                yield Static(t("dash.obligations"), classes="panel-title")
                yield DataTable(id="obligations", cursor_type="row", show_header=False)
            with Horizontal(id="panels"):
                with Vertical(classes="panel"):
                    yield Static(t("dash.media_by_state"), classes="panel-title")
                    yield Static("…", id="state-counts")
                with Vertical(classes="panel"):
                    yield Static(t("dash.trail"), classes="panel-title")
                    yield Static(t("dash.trail_checking"), id="trail-status")
                    yield Static(t("dash.contracts_active"), classes="panel-title")
                    yield Static("…", id="contracts-running")
                    yield Static(t("nav.inspection"), classes="panel-title")
                    yield Static("…", id="inspection")
            with Vertical(classes="panel", id="lending-panel"):
                yield Static(t("dash.lending"), classes="panel-title")
                yield Static("…", id="lending")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        self.obligations: list[Obligation] = []
        self.setup: list[SetupItem] = []
        self.query_one("#obligations", DataTable).add_columns("", "")
        self.query_one("#setup", DataTable).add_columns("", "")
        self.action_refresh()
        self.show_trail_status()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.action_refresh()

    def action_refresh(self) -> None:
        ledger = self.ledger
        self.call_service(lambda: dashboard_facts(ledger), self._show, what="dashboard")

    def _show(self, facts: DashboardFacts) -> None:
        lines = []
        for state in MediumState:
            count = facts.counts[state]
            style = STATE_STYLE[state] if count else "dim"
            lines.append(f"[{style}]{fit(t('state.' + state.value), 18)}{count:>6}[/]")
        lines.append(f"[b]{fit(t('dash.total'), 18)}{sum(facts.counts.values()):>6}[/b]")
        self.query_one("#state-counts", Static).update("\n".join(lines))
        self.query_one("#contracts-running", Static).update(str(facts.running_contracts))
        self.query_one("#lending", Static).update(lending_text(facts.lending))
        self.query_one("#inspection", Static).update(inspection_text(facts.last_inspection))
        self.obligations = facts.obligations
        table = self.query_one("#obligations", DataTable)
        table.clear()
        for index, item in enumerate(facts.obligations):
            table.add_row(*obligation_cells(item), key=str(index))
        if not facts.obligations:
            table.add_row(Text(""), Text(t("obligation.none"), style="green"))
        self._show_setup(facts.setup)

    def _show_setup(self, items: list[SetupItem]) -> None:
        """An empty ledger: what to set up before the first lend, the next one focused."""
        self.setup = items
        self.query_one("#setup-panel").set_class(not items, "-hidden")
        table = self.query_one("#setup", DataTable)
        table.can_focus = bool(items)
        table.clear()
        for index, item in enumerate(items):
            mark = Text("✓", style="green") if item.done else Text("☐", style="bold yellow")
            table.add_row(mark, Text(t(item.key), style="dim" if item.done else ""), key=str(index))
        todo = next((i for i, item in enumerate(items) if not item.done), None)
        if todo is not None:
            table.move_cursor(row=todo)
            if not self.obligations:  # nothing owed yet: Enter opens the next set-up step
                table.focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if event.data_table.id == "setup" and 0 <= index < len(self.setup):
            open_target(self.desk, self.setup[index].target)
            return
        if event.data_table.id == "obligations" and 0 <= index < len(self.obligations):
            target = self.obligations[index].target
            if target is not None:
                open_target(self.desk, target)

    def show_trail_status(self) -> None:
        super().show_trail_status()
        report = self.desk.trail_report
        status = self.query_one("#trail-status", Static)
        if report is None:
            status.update(t("dash.trail_checking"))
            return
        key, params = report_message(report)
        style = "green" if report.ok else "bold red"
        status.update(Text(t(key, **params), style=style))
