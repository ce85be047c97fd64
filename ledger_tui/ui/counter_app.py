"""The counter terminal: a second screen and keyboard facing the contractor's officer
(`ledger-tui counter --desk NAME`), on the same ledger as the desk.

It only reads, with one exception: the slip waiting at its desk is shown on the desk's
own counter view (screens/counter.py) and the officer types their handler code on these
keys; the confirmation is one service call with its trail entry
(`slips.confirm_at_desk_counter`). Nobody logs in here and nothing else can be done: no
area, no palette, no slip of another desk. Between slips it shows that nothing waits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App, ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from ledger_tui.i18n import t
from ledger_tui.services.lending import slips
from ledger_tui.ui.port import ServiceCalls
from ledger_tui.ui.screens.counter import CounterScreen

if TYPE_CHECKING:
    from ledger_tui.db.uow import Ledger
    from ledger_tui.services.lending.slip_views import SlipView

#: How often the terminal asks for the slips waiting at its desk.
COUNTER_POLL_SECONDS = 2.0


class WaitingScreen(ServiceCalls, Screen[None]):
    """Between slips: which desk this is, and that nothing waits (or the last result)."""

    DEFAULT_CSS = """
    WaitingScreen { align: center middle; }
    WaitingScreen #waiting { text-style: bold; content-align: center middle; width: 100%; }
    WaitingScreen #last { color: $success; content-align: center middle; width: 100%;
        margin-top: 1; }
    """

    def __init__(self, desk_name: str) -> None:
        super().__init__()
        self.desk_name = desk_name

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(t("counter_app.waiting", desk=self.desk_name), id="waiting")
            yield Static("", id="last")

    def said(self, text: str) -> None:
        self.query_one("#last", Static).update(text)


class CounterApp(ServiceCalls, App[int]):
    """The contractor-facing terminal of one desk."""

    TITLE = "ledger_tui"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, ledger: Ledger, desk_name: str) -> None:
        super().__init__()
        self.ledger = ledger
        self.desk_name = desk_name
        self.showing: int | None = None  # the slip on the counter view, if any
        self.waiting = WaitingScreen(desk_name)

    def on_mount(self) -> None:
        self.title = t("counter_app.title", desk=self.desk_name)
        self.push_screen(self.waiting)
        self.poll()
        self.set_interval(COUNTER_POLL_SECONDS, self.poll, name="counter-poll")

    def poll(self) -> None:
        ledger, desk = self.ledger, self.desk_name
        self.call_service(
            lambda: slips.pending_at_counter(ledger, desk),
            self._pending,
            what="counter-poll",
            group="counter-poll",
            exclusive=True,
        )

    def _pending(self, waiting: list[SlipView]) -> None:
        ids = [s.id for s in waiting]
        if self.showing is not None:
            if self.showing not in ids and isinstance(self.screen, CounterScreen):
                self.screen.dismiss(None)  # cancelled or confirmed at the desk meanwhile
            return
        if not waiting:
            return
        slip = waiting[0]
        ledger, desk = self.ledger, self.desk_name
        self.showing = slip.id
        self.waiting.said("")
        self.push_screen(
            CounterScreen(
                slip, lambda code: slips.confirm_at_desk_counter(ledger, desk, slip.id, code)
            ),
            self._done,
        )

    def _done(self, slip: SlipView | None) -> None:
        self.showing = None
        if slip is not None:
            self.waiting.said(t("counter_app.confirmed", number=slip.number))
        self.poll()


def run_counter(ledger: Ledger, desk_name: str) -> int:
    return int(CounterApp(ledger, desk_name).run() or 0)
