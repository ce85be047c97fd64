"""Transfers without a medium: open one (contract and channel: e-mail or registered mail)
and draft its out-slip (handler, content, count, recipient or tracking number)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.widgets import Select, SelectionList

from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.loans import CHANNELS
from ledger_tui.i18n import t
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.services.organisation import ContractView
from ledger_tui.ui.screens.handover_forms import (
    _contract_select,
    _handlers,
    _input,
    _select_first,
    _slip_form,
)
from ledger_tui.ui.widgets.form import Field, FormScreen


def _channels(contract: ContractView) -> list[tuple[str, str]]:
    return [
        (t("transfer." + m), m)
        for m in contract.allowed_transfer_methods
        if m in {c.value for c in CHANNELS}
    ]


class TransferStartScreen(FormScreen[LoanView]):
    """Contract → channel: opens the transfer (a loan without a medium)."""

    def __init__(self, contracts: list[ContractView]) -> None:
        super().__init__()
        self.contracts = {str(c.id): c for c in contracts}
        self.title_text = t("transfer.start_title")

    def fields(self) -> list[Field]:
        contract = next(iter(self.contracts.values()))
        channels = _channels(contract)
        return [
            _contract_select(self.contracts, contract),
            _select_first("channel", "transfer.field.channel", channels),
        ]

    @on(Select.Changed, "#field-contract_id")
    def _contract_changed(self, event: Select.Changed) -> None:
        contract = self.contracts.get(str(event.value))
        if contract is not None:
            self.query_one("#field-channel", Select).set_options(_channels(contract))

    def submit_values(self, values: dict[str, Any]) -> Callable[[], LoanView]:
        if not values["channel"]:
            raise InvalidInput("error.field.required", field="channel")
        ledger, actor = self.app.session()
        contract_id, channel = int(values["contract_id"]), str(values["channel"])
        return lambda: lending.create_transfer(ledger, actor, contract_id, channel)


class TransferSlipScreen(FormScreen[SlipView]):
    """The out-slip of a transfer: handler, content, count, recipient / tracking number.
    The method is the transfer's channel; nothing is due back."""

    def __init__(
        self, loan: LoanView, contract: ContractView, today: date, record_count: int | None
    ) -> None:
        super().__init__()
        self.loan = loan
        self.contract = contract
        self.today = today
        self.record_count = record_count
        self.title_text = t("lend.title", control_number=loan.label())

    def fields(self) -> list[Field]:
        handlers = _handlers(self.contract, self.today)
        items: SelectionList[str] = SelectionList(
            *[(item, item, True) for item in self.contract.provided_items], compact=True
        )
        channel = self.loan.channel.value if self.loan.channel else ""
        detail_key = "transfer.field.recipient" if channel == "email" else "lend.field.detail"
        return [
            _select_first("handler_id", "lend.field.handler", handlers),
            Field("items", t("lend.field.items"), items),
            _input("free_text", "lend.field.free_text"),
            _input(
                "record_count",
                "lend.field.count",
                "" if self.record_count is None else str(self.record_count),
            ),
            _select_first(
                "transfer_method", "lend.field.method", [(t("transfer." + channel), channel)]
            ),
            _input("transfer_detail", detail_key),
            _input("notes", "lend.field.notes"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SlipView]:
        form = _slip_form(values)
        ledger, actor = self.app.session()
        loan_id = self.loan.id
        return lambda: slips.draft_out_slip(ledger, actor, loan_id, form)
