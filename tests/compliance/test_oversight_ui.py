"""Pilot tests of the oversight screens: record an audit (an inline error first), and
report a loss (the stick goes lost, the incident shows in red), fail to close it without
the written report, record report and instructions, close it; Escape goes back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable, Input, Label, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import IncidentState
from ledger_tui.domain.media import MediumState
from ledger_tui.services import auth
from ledger_tui.services.oversight import audits, incidents
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.audits import AuditsScreen
from ledger_tui.ui.screens.incidents import IncidentsScreen
from ledger_tui.ui.widgets.form import FormScreen, SavePdfScreen
from tests.compliance.oversight_world import build_world
from tests.conftest import ADMIN_PASSWORD
from tests.printing import pdftools
from tests.ui import conftest as ui
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login

app_factory, devices, monotonic = ui.app_factory, ui.devices, ui.monotonic


async def _fill(pilot, **values: str) -> None:  # type: ignore[no-untyped-def]
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for name, value in values.items():
        form.query_one(f"#field-{name}", Input).value = value
    await pilot.press("ctrl+s")
    await settle(pilot)


def _label(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Label).render())


async def test_record_an_audit(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    world = build_world(sqlite_ledger, admin)
    app = app_factory()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        base = app.screen
        app.push_screen(AuditsScreen(world.contract_id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AuditsScreen)
        assert "303" in str(screen.query_one("#audits-due", Static).render())
        await pilot.press("r")
        await settle(pilot)
        await _fill(pilot, auditor="監査 次郎", findings="")
        assert isinstance(app.screen, FormScreen)  # refused: findings required
        assert _label(app, "#error-findings")
        await _fill(pilot, findings="金庫の施錠を確認", follow_ups="鍵の保管場所を定める")
        await wait_until(pilot, lambda: app.screen is screen)
        table = screen.query_one("#audits", DataTable)
        assert table.row_count == 1
        assert "今年度の監査は実施済み" in str(screen.query_one("#audits-due", Static).render())
        [audit] = audits.list_audits(sqlite_ledger, world.contract_id)
        assert audit.auditor == "監査 次郎" and audit.findings == "金庫の施錠を確認"
        await pilot.press("c")
        await settle(pilot)
        await _fill(pilot)
        await wait_until(pilot, lambda: app.screen is screen)
        assert audits.open_follow_ups(sqlite_ledger) == []
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is base


async def test_report_a_loss_and_close_it(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, tmp_path: Path, pdf_tools: None
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    world = build_world(sqlite_ledger, admin)
    world.lend("税-USB-001")
    app = app_factory()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        app.push_screen(IncidentsScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        await pilot.press("n")
        await settle(pilot)
        await _fill(pilot, medium="税-USB-001", description="", discovered_at="2025-06-01 09:00")
        assert _label(app, "#error-description")  # inline error, form stays
        await _fill(pilot, description="訪問先でUSBメモリを紛失", records_affected="40")
        await wait_until(pilot, lambda: app.screen is screen)
        [view] = incidents.open_incidents(sqlite_ledger)
        assert view.number == "INC-R7-0001" and view.contract_id == world.contract_id
        assert world.medium_state("税-USB-001") is MediumState.LOST
        table = screen.query_one("#incidents", DataTable)
        cell = table.get_row_at(0)[0]
        assert isinstance(cell, Text) and "red" in str(cell.style)
        assert "訪問先でUSBメモリを紛失" in str(
            screen.query_one("#incident-detail", Static).render()
        )

        await pilot.press("c")
        await settle(pilot)
        await _fill(pilot, note="対応完了")
        assert "書面" in _label(app, "#form-error")  # refused: no written report
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await _fill(pilot, written_report_on="2025-06-01", instructions="再発防止策を提出")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("c")
        await settle(pilot)
        await _fill(pilot, note="再発防止策を確認")
        await wait_until(pilot, lambda: app.screen is screen)
        assert incidents.show_incident(sqlite_ledger, view.id).state is IncidentState.CLOSED
        cell = screen.query_one("#incidents", DataTable).get_row_at(0)[0]
        assert isinstance(cell, Text) and "red" not in str(cell.style)

        await pilot.press("ctrl+s")  # the report, saved as PDF for a desk without a printer
        await settle(pilot)
        assert isinstance(app.screen, SavePdfScreen)
        saved = tmp_path / "incident.pdf"
        app.screen.query_one("#field-path", Input).value = str(saved)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen and saved.exists())
        text = " ".join(pdftools.text(saved).split())
        assert "事故報告書" in text and "INC-R7-0001" in text and "訪問先でUSBメモリを紛失" in text


async def test_opens_on_the_given_incident(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    world = build_world(sqlite_ledger, admin)
    from tests.compliance.test_incidents_service import loss

    incidents.report_incident(sqlite_ledger, admin, loss(world, control_number=""))
    second = incidents.report_incident(
        sqlite_ledger,
        admin,
        loss(world, control_number="", kind="leak", description="誤って別の宛先に送付"),
    )
    first_id = incidents.show_incident(sqlite_ledger, "INC-R7-0001").id
    app = app_factory()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        app.push_screen(IncidentsScreen(first_id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        highlighted = screen.highlighted()
        assert highlighted is not None and highlighted.id == first_id != second.id
