"""A list field left blank reads as no value (Textual 8 marks it `Select.NULL`; the form
compared with `Select.BLANK`, a widget flag that is always False)."""

from __future__ import annotations

from datetime import datetime

from textual.app import App
from textual.widgets import Label, Select

from ledger_tui.i18n import t
from ledger_tui.ui.screens.oversight_forms import ReportIncidentForm
from ledger_tui.ui.widgets.form import Field, FormScreen


class _ChoiceForm(FormScreen):
    def fields(self) -> list[Field]:
        return [Field("choice", "choice", Select([("a", "a"), ("b", "b")], allow_blank=True))]


class _Host(App[None]):
    def __init__(self, form: FormScreen) -> None:
        super().__init__()
        self.form = form

    def on_mount(self) -> None:
        self.push_screen(self.form)


async def test_a_blank_list_field_reads_as_none() -> None:
    form = _ChoiceForm()
    async with _Host(form).run_test() as pilot:
        await pilot.pause()
        assert form.value("choice") is None
        form.query_one("#field-choice", Select).value = "b"
        assert form.value("choice") == "b"


async def test_reporting_an_incident_without_any_contract_asks_for_one() -> None:
    form = ReportIncidentForm([], datetime(2025, 6, 1, 9, 0))
    async with _Host(form).run_test() as pilot:
        await pilot.pause()
        assert form.value("contract") is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = form.query_one("#error-contract", Label)
        assert str(error.render()) == t("error.field.required")
