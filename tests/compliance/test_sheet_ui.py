"""Pilot test of the sheet screen, keyboard only: an operator marks an item not met (the
note is demanded inline first), sees it red, marks it met (green), and the history of
the item shows both; an administrator starts a sheet and sets the special terms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Input, Label, SelectionList, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import CheckStatus, SheetTemplate
from ledger_tui.services import auth, organisation
from ledger_tui.services.oversight import sheets
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.sheet import SheetScreen
from ledger_tui.ui.screens.sheet_forms import CheckForm, StartForm, TermsForm
from tests.compliance.world import OPERATOR_LOGIN, OPERATOR_PASSWORD, build_world
from tests.conftest import ADMIN_PASSWORD
from tests.ui import conftest as ui
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login

# The pilot fixtures, bound here so pytest finds them.
app_factory, devices, monotonic = ui.app_factory, ui.devices, ui.monotonic


def _text(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def _status_cell(app: LedgerApp, row: int) -> Text:
    table: DataTable[Any] = app.screen.query_one("#sheet-items", DataTable)
    cell = table.get_cell_at(Coordinate(row, 1))
    assert isinstance(cell, Text)
    return cell


async def test_marking_an_item_not_met_then_met(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    world = build_world(sqlite_ledger, admin)
    sheets.start_sheet(sqlite_ledger, admin, world.servicer_contract_id, SheetTemplate.SERVICER)
    app = app_factory()
    async with app.run_test(size=(150, 46)) as pilot:
        await settle(pilot)
        await login(pilot, OPERATOR_LOGIN, OPERATOR_PASSWORD)
        await app.push_screen(SheetScreen(world.servicer_contract_id))
        await wait_until(pilot, lambda: "転出者滞納整理業務委託" in _text(app, "#sheet-header"))
        assert "未確認 21件" in _text(app, "#sheet-summary")
        assert "yellow" in str(_status_cell(app, 1).style)  # unchecked
        await pilot.press("down")  # item 2: the safe
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CheckForm)
        assert form.query_one("#field-checked_on", Input).value == "2025-06-01"
        await pilot.press("ctrl+s")  # no note: refused inline
        await wait_until(
            pilot, lambda: "備考" in str(form.query_one("#error-note", Label).render())
        )
        form.query_one("#field-note", Input).value = "金庫の施錠なし"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, SheetScreen) and "未 1件" in _text(app, "#sheet-summary")
            ),
        )
        cell = _status_cell(app, 1)
        assert str(cell) == "未" and "red" in str(cell.style)
        assert app.screen.query_one("#sheet-items", DataTable).cursor_row == 1

        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, CheckForm)
        app.screen.query_one("#field-checked_on", Input).value = "2025-06-01"
        app.screen.query_one("#field-note", Input).value = "施錠を確認"
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, SheetScreen) and "済 1件" in _text(app, "#sheet-summary")
            ),
        )
        cell = _status_cell(app, 1)
        assert str(cell) == "済" and "green" in str(cell.style)

        await pilot.press("h")
        await settle(pilot)
        history = _text(app, "#sheet-history")
        assert "金庫の施錠なし" in history and "施錠を確認" in history
        assert history.index("施錠を確認") < history.index("金庫の施錠なし")  # newest first
        assert "窓口 花子" in history
        # an operator may not edit the sheet's items
        assert app.screen.check_action("add_item", ()) is False
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SheetScreen)
    rows = sheets.show_sheet(sqlite_ledger, world.servicer_contract_id).rows
    assert [c.status for c in rows[1].history] == [CheckStatus.NOT_MET, CheckStatus.MET]


async def test_admin_starts_a_sheet_and_sets_terms(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    world = build_world(sqlite_ledger, admin)
    app = app_factory()
    async with app.run_test(size=(150, 46)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await app.push_screen(SheetScreen(world.law_firm_contract_id))
        await wait_until(pilot, lambda: "Ctrl+N" in _text(app, "#sheet-summary"))
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, StartForm)
        app.screen.query_one("#field-template").value = "law_firm"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, SheetScreen)
                and "未確認 11件" in _text(app, "#sheet-summary")
            ),
        )

        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, TermsForm))
        clauses: SelectionList[int] = app.screen.query_one(SelectionList)
        assert "第13項 従事者の指定" in str(clauses.get_option_at_index(12).prompt)
        for number in (14, 20, 21):
            clauses.deselect(number)
        await pilot.press("ctrl+s")
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, SheetScreen) and "特記事項" in _text(app, "#sheet-message")
            ),
        )
    terms = organisation.show_contract(sqlite_ledger, world.law_firm_contract_id).special_terms
    assert terms == [*range(1, 14), 15, 16, 17, 18, 19]
