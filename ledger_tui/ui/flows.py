"""The two hand-over wizards as chains of screens:

lend:   medium → lend form (contract, handler, content, count, method) → counter view
        → slip screen (prints at once; then the operator marks it stamped)
return: medium → return form (handler, collected items, count vs out-slip) → counter
        view → slip screen
Each step's service call runs in a worker; a refusal keeps the operator on that step.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ledger_tui.domain.clock import local_date
from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.slips import REMOTE
from ledger_tui.i18n import t
from ledger_tui.services import journey, organisation
from ledger_tui.services.lending import handover, slips
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.services.organisation import ContractView

if TYPE_CHECKING:
    from ledger_tui.ui.desk import DeskApp


def _counter_then_slip(app: DeskApp, slip: SlipView | None) -> None:
    from ledger_tui.ui.screens.counter import CounterScreen
    from ledger_tui.ui.screens.slip import SlipScreen

    if slip is None:
        return
    if slip.transfer_method in REMOTE:  # e-mail, registered mail: nobody at the counter
        _sent_then_slip(app, slip)
        return

    def confirmed(done: SlipView | None) -> None:
        # Confirmed: print at once. Left without confirming: the draft waits in the
        # slip screen, where the counter view can be opened again.
        app.push_screen(SlipScreen(done or slip, autoprint=done is not None))
        if done is not None:
            app.notify(t("counter.confirmed"))

    app.push_screen(CounterScreen(slip), confirmed)


def _sent_then_slip(app: DeskApp, slip: SlipView) -> None:
    """The operator confirms that the e-mail or the registered mail went out (or that its
    return arrived); the slip then prints as one confirmed at the counter."""
    from ledger_tui.ui.screens.dialogs import ConfirmDialog
    from ledger_tui.ui.screens.slip import SlipScreen

    ledger, actor = app.ledger, app.actor
    assert ledger is not None and actor is not None
    key = f"transfer.confirm_sent.{slip.direction.value}"

    def answered(yes: bool | None) -> None:
        if not yes:  # the draft waits in the slip screen
            app.push_screen(SlipScreen(slip))
            return

        def printed(done: SlipView) -> None:
            app.push_screen(SlipScreen(done, autoprint=True))

        app.call_service(
            lambda: slips.confirm_sent(ledger, actor, slip.id), printed, what="slip-sent"
        )

    question = t(
        key,
        number=slip.number,
        method=t(f"transfer.{slip.transfer_method.value}"),
        detail=slip.transfer_detail,
    )
    app.push_screen(ConfirmDialog(question), answered)


def send_without_medium(app: DeskApp) -> None:
    """E-mail or registered mail without a medium: contract and channel, then (e-mail)
    the password-protected file in the outbox folder, then the slip."""
    from ledger_tui.ui.screens.load import LoadScreen
    from ledger_tui.ui.screens.transfer_forms import TransferStartScreen

    ledger = app.ledger
    assert ledger is not None

    def opened(loan: LoanView | None) -> None:
        if loan is None:
            return
        if loan.channel is TransferMethod.EMAIL:
            app.push_screen(LoadScreen(loan.label(), str(default_outbox()), transfer=loan.id))
        else:
            lend_transfer(app, loan.id)

    def show(contracts: list[ContractView]) -> None:
        if not contracts:
            app.notify(t("transfer.no_contract"), severity="warning")
            return
        app.push_screen(TransferStartScreen(contracts), opened)

    app.call_service(lambda: handover.transfer_contracts(ledger), show, what="transfer-start")


def default_outbox() -> Path:
    """Where the mail client attaches the file from, unless the operator names a folder."""
    return Path.home() / "outbox"


def lend_transfer(app: DeskApp, loan_id: int, record_count: int | None = None) -> None:
    from ledger_tui.ui.screens.transfer_forms import TransferSlipScreen

    ledger = app.ledger
    assert ledger is not None

    def gather() -> tuple[LoanView, ContractView]:
        loan = lending.show_loan(ledger, loan_id)
        return loan, organisation.show_contract(ledger, loan.contract_id)

    def show(found: tuple[LoanView, ContractView]) -> None:
        loan, contract = found
        today = local_date(ledger.clock())
        app.push_screen(
            TransferSlipScreen(loan, contract, today, record_count),
            lambda slip: _counter_then_slip(app, slip),
        )

    app.call_service(gather, show, what="transfer-lend")


def intake_transfer(app: DeskApp, loan: LoanView) -> None:
    from ledger_tui.ui.screens.load import IntakeScreen

    app.push_screen(IntakeScreen(loan.label(), None, transfer=loan.id))


def lend(app: DeskApp, control_number: str | None = None) -> None:
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


def take_return(
    app: DeskApp, control_number: str | None = None, transfer: int | None = None
) -> None:
    from ledger_tui.ui.screens.handover_forms import AskMediumScreen, ReturnFormScreen

    if control_number is None and transfer is None:

        def asked(number: str | None) -> None:
            if number:
                take_return(app, number)

        app.push_screen(AskMediumScreen("return.ask_medium"), asked)
        return
    ledger = app.ledger
    assert ledger is not None

    def gather() -> tuple[LoanView, SlipView | None, ContractView]:
        loan, out_slip = handover.loan_to_return(ledger, control_number or "", transfer)
        return loan, out_slip, organisation.show_contract(ledger, loan.contract_id)

    def show(found: tuple[LoanView, SlipView | None, ContractView]) -> None:
        loan, out_slip, contract = found
        today = local_date(ledger.clock())
        app.push_screen(
            ReturnFormScreen(loan, out_slip, contract, today),
            lambda slip: _counter_then_slip(app, slip),
        )

    app.call_service(gather, show, what="return-start")


def open_slip(app: DeskApp, slip: SlipView) -> None:
    from ledger_tui.ui.screens.slip import SlipScreen

    app.push_screen(SlipScreen(slip))


def open_slip_by_id(app: DeskApp, slip_id: int, counter: bool = False) -> None:
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
