"""The small forms of the sheet screen: record a check (date, note), start from a
template, add / reword / withdraw an item, the special terms, where to save the PDF.
Each returns its service call; errors show inline under their field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from textual.widgets import Select, SelectionList
from textual.widgets.selection_list import Selection

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import CLAUSES, CheckStatus, SheetTemplate
from ledger_tui.domain.operators import Actor
from ledger_tui.i18n import t
from ledger_tui.services.oversight import sheet_paper, sheets
from ledger_tui.services.oversight.sheet_views import SheetRow, SheetView
from ledger_tui.ui.widgets.form import Field, FormScreen, SavePdfScreen, parse_date
from ledger_tui.ui.widgets.text_field import TextField

R = TypeVar("R")


class _SheetForm(FormScreen[R]):
    def __init__(self, ledger: Ledger, actor: Actor) -> None:
        super().__init__()
        self.ledger, self.actor = ledger, actor


class CheckForm(_SheetForm[SheetRow]):
    """Record the highlighted item as met / not met / not applicable."""

    def __init__(
        self, ledger: Ledger, actor: Actor, row: SheetRow, status: CheckStatus, today: date
    ) -> None:
        super().__init__(ledger, actor)
        self.row, self.status, self.today = row, status, today
        self.title_text = t(
            "sheet.ui.check_title",
            position=row.position,
            label=row.label,
            status=t(f"check_status.{status.value}"),
        )

    def fields(self) -> list[Field]:
        return [
            Field(
                "checked_on",
                t("sheet.ui.field.checked_on"),
                TextField(value=self.today.isoformat(), compact=True),
            ),
            Field("note", t("sheet.ui.field.note"), TextField(compact=True)),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SheetRow]:
        day = parse_date(values["checked_on"], "checked_on")
        assert day is not None
        ledger, actor, item, status = self.ledger, self.actor, self.row.item_id, self.status
        note = values["note"]
        return lambda: sheets.check_item(ledger, actor, item, status, day, note)


class StartForm(_SheetForm[SheetView]):
    def __init__(self, ledger: Ledger, actor: Actor, contract_id: int) -> None:
        super().__init__(ledger, actor)
        self.contract_id = contract_id
        self.title_text = t("sheet.ui.start_title")

    def fields(self) -> list[Field]:
        choices = [(t(f"sheet_template.{tpl.value}"), tpl.value) for tpl in SheetTemplate]
        return [
            Field(
                "template",
                t("sheet.ui.field.template"),
                Select(
                    choices, value=SheetTemplate.SERVICER.value, allow_blank=False, compact=True
                ),
            )
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SheetView]:
        ledger, actor, contract, template = (
            self.ledger,
            self.actor,
            self.contract_id,
            values["template"],
        )
        return lambda: sheets.start_sheet(ledger, actor, contract, template)


class LabelForm(_SheetForm[SheetRow]):
    """A new item's wording (row None) or new wording for the highlighted one."""

    def __init__(
        self, ledger: Ledger, actor: Actor, contract_id: int, row: SheetRow | None = None
    ) -> None:
        super().__init__(ledger, actor)
        self.contract_id, self.row = contract_id, row
        self.title_text = (
            t("sheet.ui.add_title")
            if row is None
            else t("sheet.ui.reword_title", position=row.position)
        )

    def fields(self) -> list[Field]:
        value = self.row.label if self.row else ""
        return [Field("label", t("sheet.ui.field.label"), TextField(value=value, compact=True))]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SheetRow]:
        ledger, actor, label = self.ledger, self.actor, values["label"]
        if self.row is None:
            contract = self.contract_id
            return lambda: sheets.add_item(ledger, actor, contract, label)
        item = self.row.item_id
        return lambda: sheets.reword_item(ledger, actor, item, label)


class WithdrawForm(_SheetForm[SheetRow]):
    def __init__(self, ledger: Ledger, actor: Actor, row: SheetRow) -> None:
        super().__init__(ledger, actor)
        self.row = row
        self.title_text = t("sheet.ui.withdraw_title", position=row.position, label=row.label)

    def fields(self) -> list[Field]:
        return [Field("reason", t("sheet.ui.field.reason"), TextField(compact=True))]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SheetRow]:
        ledger, actor, item, reason = self.ledger, self.actor, self.row.item_id, values["reason"]
        return lambda: sheets.withdraw_item(ledger, actor, item, reason)


class TermsForm(_SheetForm[list[int]]):
    """Which special-terms clauses apply, each shown with its title."""

    def __init__(self, ledger: Ledger, actor: Actor, contract_id: int, current: list[int]) -> None:
        super().__init__(ledger, actor)
        self.contract_id, self.current = contract_id, set(current)
        self.title_text = t("sheet.ui.terms_title")

    def fields(self) -> list[Field]:
        choices = [
            Selection(t("sheet.ui.clause", number=n, title=t(f"clause.{n}")), n, n in self.current)
            for n in CLAUSES
        ]
        widget: SelectionList[int] = SelectionList(*choices, compact=True)
        return [Field("special_terms", t("sheet.ui.field.clauses"), widget)]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], list[int]]:
        ledger, actor, contract = self.ledger, self.actor, self.contract_id
        chosen = list(values["special_terms"])
        return lambda: sheets.set_special_terms(ledger, actor, contract, chosen)


class SheetPdfForm(SavePdfScreen[Path]):
    def __init__(self, ledger: Ledger, actor: Actor, contract_id: int) -> None:
        super().__init__(
            t("sheet.ui.pdf_title"),
            f"sheet-{sheet_paper.sheet_reference(contract_id)}.pdf",
            lambda path: sheet_paper.save_sheet_pdf(ledger, actor, contract_id, path),
        )
