"""The two hand-over wizards as chains of screens:

lend:   medium → lend form (contract, handler, content, count, method) → counter view
        → slip screen (prints at once; then the operator marks it stamped)
return: medium → return form (handler, collected items, count vs out-slip) → counter
        view → slip screen
Each step's service call runs in a worker; a refusal keeps the operator on that step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ledger_tui.domain.clock import local_date
from ledger_tui.i18n import t
from ledger_tui.services import journey, organisation
from ledger_tui.services.lending import handover
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.services.organisation import ContractView

if TYPE_CHECKING:
    from ledger_tui.ui.app import LedgerApp


def _counter_then_slip(app: LedgerApp, slip: SlipView | None) -> None:
    from ledger_tui.ui.screens.counter import CounterScreen
    from ledger_tui.ui.screens.slip import SlipScreen

    if slip is None:
        return

    def confirmed(done: SlipView | None) -> None:
        # Confirmed: print at once. Left without confirming: the draft waits in the
        # slip screen, where the counter view can be opened again.
        app.push_screen(SlipScreen(done or slip, autoprint=done is not None))
        if done is not None:
            app.notify(t("counter.confirmed"))

    app.push_screen(CounterScreen(slip), confirmed)


def lend(app: LedgerApp, control_number: str | None = None) -> None:
    """Lend a medium: a loaded stick under its load's contract with the load's count."""
    from ledger_tui.ui.screens.handover_forms import AskMediumScreen, LendFormScreen

    if control_number is None:

        def asked(number: str | None) -> None:
            if number:
                lend(app, number)

        app.push_screen(AskMediumScreen("lend.ask_medium"), asked)
        return
    ledger = app.ledger
    assert ledger is not None

    def gather() -> journey.LendChoices:
        return journey.lend_choices(ledger, control_number)

    def show(found: journey.LendChoices) -> None:
        today = local_date(ledger.clock())
        app.push_screen(
            LendFormScreen(found.medium, found.contracts, today, found.loaded_records),
            lambda slip: _counter_then_slip(app, slip),
        )

    app.call_service(gather, show, what="lend-start")


def take_return(app: LedgerApp, control_number: str | None = None) -> None:
    from ledger_tui.ui.screens.handover_forms import AskMediumScreen, ReturnFormScreen

    if control_number is None:

        def asked(number: str | None) -> None:
            if number:
                take_return(app, number)

        app.push_screen(AskMediumScreen("return.ask_medium"), asked)
        return
    ledger = app.ledger
    assert ledger is not None

    def gather() -> tuple[LoanView, SlipView | None, ContractView]:
        loan, out_slip = handover.loan_to_return(ledger, control_number)
        return loan, out_slip, organisation.show_contract(ledger, loan.contract_id)

    def show(found: tuple[LoanView, SlipView | None, ContractView]) -> None:
        loan, out_slip, contract = found
        today = local_date(ledger.clock())
        app.push_screen(
            ReturnFormScreen(loan, out_slip, contract, today),
            lambda slip: _counter_then_slip(app, slip),
        )

    app.call_service(gather, show, what="return-start")


def open_slip(app: LedgerApp, slip: SlipView) -> None:
    from ledger_tui.ui.screens.slip import SlipScreen

    app.push_screen(SlipScreen(slip))


def open_slip_by_id(app: LedgerApp, slip_id: int, counter: bool = False) -> None:
    """The slip waiting for its next hand; a draft goes to the counter view first."""
    from ledger_tui.services.lending.slip_views import show_slip

    ledger = app.ledger
    assert ledger is not None
    if counter:
        app.call_service(
            lambda: show_slip(ledger, slip_id),
            lambda slip: _counter_then_slip(app, slip),
            what="slip-counter",
        )
    else:
        app.call_service(
            lambda: show_slip(ledger, slip_id), lambda slip: open_slip(app, slip), what="slip-open"
        )
