"""The lend and return forms (the first steps of the two hand-over wizards)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.widgets import Checkbox, Input, Select, SelectionList

from ledger_tui.domain.contracts import designation_valid_on
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.i18n import t
from ledger_tui.services.lending import handover
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.services.lending.slips import SlipForm
from ledger_tui.services.organisation import ContractView, HandlerView
from ledger_tui.services.register.media import MediumView
from ledger_tui.ui.screens.counter import paren
from ledger_tui.ui.widgets.form import Field, FormScreen, parse_date, parse_int
from ledger_tui.ui.widgets.text_field import TextField


def _handlers(contract: ContractView, day: date) -> list[tuple[str, str]]:
    valid: list[HandlerView] = [
        h for h in contract.handlers if designation_valid_on(h.valid_from, h.valid_to, day)
    ]
    return [(h.person_name + paren(t("handler_role." + h.role.value)), str(h.id)) for h in valid]


def _methods(contract: ContractView) -> list[tuple[str, str]]:
    return [(t("transfer." + m), m) for m in contract.allowed_transfer_methods]


def _input(name: str, key: str, value: str = "") -> Field:
    return Field(name, t(key), TextField(value=value, compact=True))


def _select(name: str, key: str, options: list[tuple[str, str]], value: str | None) -> Field:
    select: Select[str] = Select(
        options,
        compact=True,
        allow_blank=value is None,
        value=Select.NULL if value is None else value,
    )
    return Field(name, t(key), select)


def _select_first(name: str, key: str, options: list[tuple[str, str]]) -> Field:
    """A choice that starts on its first option (blank when there is none)."""
    return _select(name, key, options, options[0][1] if options else None)


def _contract_select(contracts: dict[str, ContractView], chosen: ContractView) -> Field:
    """The contract to act under, of the ones that may (keyed by their id)."""
    options = [(c.title, key) for key, c in contracts.items()]
    return _select("contract_id", "lend.field.contract", options, str(chosen.id))


def _slip_form(values: dict[str, Any], explanation: str = "") -> SlipForm:
    if not values["handler_id"]:
        raise InvalidInput("error.field.required", field="handler_id")
    if not values["transfer_method"]:
        raise InvalidInput("error.field.required", field="transfer_method")
    count = parse_int(values["record_count"], "record_count", required=True)
    assert count is not None
    return SlipForm(
        handler_id=int(values["handler_id"]),
        record_count=count,
        transfer_method=values["transfer_method"],
        items=tuple(values["items"]),
        transfer_detail=values["transfer_detail"],
        free_text=values["free_text"],
        notes=values["notes"],
        mismatch_explanation=explanation,
        without_load=bool(values.get("without_load")),
    )


class LendFormScreen(FormScreen[SlipView]):
    """Medium → contract → handler → content and count → method: drafts the out-slip."""

    def __init__(
        self,
        medium: MediumView,
        contracts: list[ContractView],
        today: date,
        record_count: int | None = None,
    ) -> None:
        super().__init__()
        self.medium = medium
        self.record_count = record_count  # counted by the encrypted load, when there was one
        self.contracts = {str(c.id): c for c in contracts}
        self.today = today
        self.title_text = t("lend.title", control_number=medium.control_number)

    def _first(self) -> ContractView:
        return next(iter(self.contracts.values()))

    def fields(self) -> list[Field]:
        contract = self._first()
        handlers = _handlers(contract, self.today)
        methods = _methods(contract)
        items: SelectionList[str] = SelectionList(
            *[(item, item, True) for item in contract.provided_items], compact=True
        )
        return [
            _contract_select(self.contracts, contract),
            _select_first("handler_id", "lend.field.handler", handlers),
            Field("items", t("lend.field.items"), items),
            _input("free_text", "lend.field.free_text"),
            self._count_field(),
            *self._without_load_field(),
            _select_first("transfer_method", "lend.field.method", methods),
            _input("transfer_detail", "lend.field.detail"),
            _input(
                "expected_return", "lend.field.expected_return", contract.period_end.isoformat()
            ),
            _input("notes", "lend.field.notes"),
        ]

    def _count_field(self) -> Field:
        field = _input(
            "record_count",
            "lend.field.count",
            "" if self.record_count is None else str(self.record_count),
        )
        if self.record_count is not None:
            # The load counted the records it wrote and read back: not typed here.
            field.widget.disabled = True
            field.label = t("lend.loaded_count")
        return field

    def _without_load_field(self) -> list[Field]:
        """A blank stick goes out without a load only when the operator says so."""
        blank_stick = self.medium.kind is MediumKind.USB and self.medium.state is MediumState.BLANK
        if not blank_stick:
            return []
        return [Field("without_load", t("lend.field.without_load"), Checkbox(compact=True))]

    @on(Select.Changed, "#field-contract_id")
    def _contract_changed(self, event: Select.Changed) -> None:
        contract = self.contracts.get(str(event.value))
        if contract is None:
            return
        handlers = _handlers(contract, self.today)
        self.query_one("#field-handler_id", Select).set_options(handlers)
        self.query_one("#field-transfer_method", Select).set_options(_methods(contract))
        items = self.query_one("#field-items", SelectionList)
        items.clear_options()
        items.add_options([(item, item, True) for item in contract.provided_items])
        self.query_one("#field-expected_return", Input).value = contract.period_end.isoformat()

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SlipView]:
        form = _slip_form(values)
        expected = parse_date(values["expected_return"], "expected_return", required=False)
        ledger, actor = self.app.session()
        number, contract_id = self.medium.control_number, int(values["contract_id"])
        return lambda: (
            handover.start_lending(ledger, actor, number, contract_id, form, expected).slip
        )


class ReturnFormScreen(FormScreen[SlipView]):
    """Take a medium back: handler, collected items, count (compared with the out-slip)."""

    def __init__(
        self, loan: LoanView, out_slip: SlipView | None, contract: ContractView, today: date
    ) -> None:
        super().__init__()
        self.loan = loan
        self.out_slip = out_slip
        self.contract = contract
        self.today = today
        self.title_text = t("return.title", control_number=loan.label())
        if out_slip is not None:
            self.title_text += "\n" + t(
                "lend.out_count", count=out_slip.record_count, number=out_slip.number
            )

    def fields(self) -> list[Field]:
        handlers = _handlers(self.contract, self.today)
        methods = _methods(self.contract)
        items: SelectionList[str] = SelectionList(
            *[(item, item, True) for item in self.contract.collected_items], compact=True
        )
        count = str(self.out_slip.record_count) if self.out_slip else ""
        return [
            _select_first("handler_id", "lend.field.handler", handlers),
            Field("items", t("lend.field.items"), items),
            _input("free_text", "lend.field.free_text"),
            _input("record_count", "lend.field.count", count),
            _input("mismatch_explanation", "lend.field.explanation"),
            _select_first("transfer_method", "lend.field.method", methods),
            _input("transfer_detail", "lend.field.detail"),
            _input("notes", "lend.field.notes"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SlipView]:
        form = _slip_form(values, values["mismatch_explanation"])
        ledger, actor = self.app.session()
        number = self.loan.control_number
        transfer = None if self.loan.has_medium else self.loan.id
        return lambda: handover.start_return(ledger, actor, number, form, transfer)


class AskMediumScreen(FormScreen[str]):
    """One field: the control number (typed or scanned) of the medium to lend or take back."""

    def __init__(self, title_key: str) -> None:
        super().__init__()
        self.title_text = t(title_key)

    def fields(self) -> list[Field]:
        return [_input("control_number", "medium.field.control_number")]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], str]:
        from ledger_tui.services.register import media

        ledger, _ = self.app.session()
        number = values["control_number"]
        return lambda: media.show_medium(ledger, number).control_number
