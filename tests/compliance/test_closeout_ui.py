"""Pilot tests, keyboard only: the close-out screen lists each blocker in red and Enter
opens the area that resolves it; once nothing blocks, the typed contract id closes the
contract. The dashboard lists obligations most urgent first and Enter on one opens the
screen that resolves it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import CheckStatus
from ledger_tui.services import auth
from ledger_tui.services.oversight.closeout_views import closeout_summary
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.closeout import CloseOutScreen
from ledger_tui.ui.screens.contracts import ContractsScreen
from ledger_tui.ui.screens.dashboard import DashboardScreen
from ledger_tui.ui.screens.slips import SlipLedgerScreen
from tests.compliance.closeout_world import USB1, servicer_desk
from tests.compliance.world import World, build_world
from tests.conftest import ADMIN_PASSWORD
from tests.ui import conftest as ui
from tests.ui.conftest import settle, type_text, wait_until
from tests.ui.test_session import login

app_factory, devices, monotonic = ui.app_factory, ui.devices, ui.monotonic


def _world(ledger: Ledger) -> World:
    """The compliance world; its administrator is the one who logs in."""
    return build_world(
        ledger, auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    )


@asynccontextmanager
async def _logged_in(app: LedgerApp) -> AsyncIterator[Pilot[int]]:
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        yield pilot


def rows(app: LedgerApp, selector: str) -> list[str]:
    table = app.screen.query_one(selector, DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def test_closeout_screen_lists_blockers_then_closes(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    desk = servicer_desk(_world(sqlite_ledger))
    app = app_factory()
    async with _logged_in(app) as pilot:
        await app.push_screen(CloseOutScreen(desk.contract_id))
        await wait_until(pilot, lambda: len(rows(app, "#blockers")) == 3)
        listed = rows(app, "#blockers")
        assert "消去証明書" in listed[0] and "監査" in listed[1] and "確認記録票" in listed[2]
        assert app.screen.query_one("#confirm", Input).has_class("-hidden")
        await pilot.press("enter")  # the erasure certificate is recorded under contracts
        await wait_until(pilot, lambda: isinstance(app.screen, ContractsScreen))

        desk.erasure()
        desk.audit(done_on=date(2025, 5, 25))
        desk.sheet_item(CheckStatus.MET, code="handlers_reported")
        app.action_area("dashboard")  # back to the close-out screen, which reloads
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, CloseOutScreen)
                and app.screen.query_one("#confirm", Input).has_focus
            ),
        )
        await type_text(pilot, "999")
        await pilot.press("enter")
        await settle(pilot)
        assert closeout_summary(sqlite_ledger, desk.contract_id).closed_at is None
        app.screen.query_one("#confirm", Input).value = ""
        await type_text(pilot, str(desk.contract_id))
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: closeout_summary(sqlite_ledger, desk.contract_id).closed_at is not None
        )
        await wait_until(
            pilot, lambda: app.screen.query_one("#confirm", Input).has_class("-hidden")
        )


async def test_dashboard_lists_obligations_and_enter_opens_the_slips(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    desk = servicer_desk(_world(sqlite_ledger))
    _, slip = desk.lend(USB1, stamp=False)
    app = app_factory()
    async with _logged_in(app) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        await wait_until(pilot, lambda: len(rows(app, "#obligations")) >= 4)
        listed = rows(app, "#obligations")
        # overdue first (the sheets owed since the contracts began), then the slip due
        # soonest (3 days left), then the audits, and the inspection last
        at = next(i for i, row in enumerate(listed) if slip.number in row)
        assert "残り3日" in listed[at] and all("超過" in row for row in listed[:at])
        assert any("確認記録票が未作成" in row for row in listed[:at])
        assert "監査" in listed[at + 1] and "点検" in listed[-1]
        assert app.screen.query_one("#obligations", DataTable).has_focus
        for _ in range(at):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SlipLedgerScreen))


async def test_contracts_area_shows_terms_and_state_and_opens_each_compliance_screen(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    from textual.widgets import Static

    from ledger_tui.services.oversight.closeout import close_contract
    from ledger_tui.ui.screens.audits import AuditsScreen
    from ledger_tui.ui.screens.incidents import IncidentsScreen
    from ledger_tui.ui.screens.sheet import SheetScreen

    desk = servicer_desk(_world(sqlite_ledger))

    def detail() -> str:
        return str(app.screen.query_one("#contract-detail", Static).render())

    app = app_factory()
    async with _logged_in(app) as pilot:
        await pilot.press("f6")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ContractsScreen) and "特記事項" in detail()
        )
        assert "第1-21項" in detail() and "実施中" in detail()
        for key, screen in (
            ("s", SheetScreen),
            ("a", AuditsScreen),
            ("i", IncidentsScreen),
            ("x", CloseOutScreen),
        ):
            await pilot.press(key)
            await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            if key != "i":
                assert app.screen.contract_id == desk.contract_id  # type: ignore[attr-defined]
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ContractsScreen))
        desk.erasure()
        desk.audit(done_on=date(2025, 5, 25))
        desk.sheet_item(CheckStatus.MET, code="handlers_reported")
        close_contract(sqlite_ledger, desk.admin, desk.contract_id)
        app.screen.load()  # type: ignore[attr-defined]
        await wait_until(pilot, lambda: "完了（" in detail())


async def test_a_contract_added_with_its_special_terms(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    from textual.widgets import Label, Select

    from ledger_tui.services import organisation
    from ledger_tui.ui.screens.org_forms import ContractFormScreen
    from tests.compliance.world import SECTION_CODE, SERVICER

    _world(sqlite_ledger)
    app = app_factory()
    async with _logged_in(app) as pilot:
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, ContractsScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, ContractFormScreen))
        form = app.screen
        assert form.query_one("#field-special_terms", Input).value == "1-21"
        for name, value in (
            ("title", "滞納者財産調査業務委託"),
            ("period_start", "2025-07-01"),
            ("period_end", "2026-03-31"),
            ("special_terms", "1-12,30"),
        ):
            form.query_one(f"#field-{name}", Input).value = value
        form.query_one("#field-section_code", Select).value = SECTION_CODE
        form.query_one("#field-contractor_name", Select).value = SERVICER
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: "30" in str(form.query_one("#error-special_terms", Label).render())
        )
        form.query_one("#field-special_terms", Input).value = "1-12、19"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ContractsScreen))
        [added] = [
            c
            for c in organisation.list_contracts(sqlite_ledger)
            if c.title == "滞納者財産調査業務委託"
        ]
        assert added.special_terms == [*range(1, 13), 19]


async def test_the_palette_reaches_the_compliance_screens(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    from textual.command import CommandPalette
    from textual.widgets import OptionList

    from ledger_tui.ui.screens.incidents import IncidentsScreen
    from ledger_tui.ui.screens.sheet import SheetScreen

    _world(sqlite_ledger)
    app = app_factory()
    async with _logged_in(app) as pilot:
        for words, screen in (("事故報告", IncidentsScreen), ("確認記録票", SheetScreen)):
            await pilot.press("ctrl+p")
            await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
            await type_text(pilot, words)
            await wait_until(
                pilot,
                lambda words=words: any(  # the providers have answered
                    words in str(option.prompt)
                    for option in app.screen.query_one(OptionList).options
                ),
            )
            await pilot.press("enter")
            await wait_until(pilot, lambda screen=screen: isinstance(app.screen, screen))
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, ContractsScreen))
