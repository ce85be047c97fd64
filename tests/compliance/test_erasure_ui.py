"""The contractor's witnessed erasure at the desk (F6, `d`): a device entered in the form
(an inline error first) is in the ledger, one row of the 消去立会確認書; a contract with
no contractor erasure says so on screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable, Input, Label

from ledger_tui.domain.clock import local_date
from ledger_tui.domain.wipes import ContractorDeviceKind, ErasureCheck
from ledger_tui.services.wiping import disposals, erasure_witness
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.contracts import ContractsScreen
from ledger_tui.ui.screens.erasure_forms import ErasedDeviceFormScreen
from tests.compliance.world import World
from tests.conftest import ADMIN_PASSWORD
from tests.ui import conftest as ui
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login
from tests.ui.walk import screen_text

app_factory, devices, monotonic = ui.app_factory, ui.devices, ui.monotonic


async def _contracts(pilot, contract_id: int) -> ContractsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f6")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ContractsScreen)
    row = [c.id for c in screen.contracts].index(contract_id)
    screen.query_one("#contracts", DataTable).move_cursor(row=row)
    await settle(pilot)
    return screen


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_a_device_entered_at_the_desk_is_in_the_ledger(
    app_factory: Callable[..., LedgerApp], sqlite_world: World, size: tuple[int, int]
) -> None:
    ledger, contract_id = sqlite_world.ledger, sqlite_world.servicer_contract_id
    erasure = disposals.record_contractor_erasure(
        ledger,
        sqlite_world.admin,
        contract_id,
        certificate_number="KS-2026-001",
        erased_on=local_date(ledger.clock()),
        devices="",
        witness_login="admin",
    )
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        screen = await _contracts(pilot, contract_id)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, ErasedDeviceFormScreen))
        form = app.screen
        assert "KS-2026-001" in str(form.query_one(".form-title").render())
        assert form.query_one("#field-witness_login", Input).value == "admin"
        # no label wraps a closing bracket onto a line of its own (禁則)
        lines = [line.strip(" █▀▄▊▎▌▔▁") for line in screen_text(app).splitlines()]
        assert not [line for line in lines if line.startswith(("）", "」", "、", "。"))], lines
        values = {
            "maker_model": "Panasonic CF-SV1",
            "serial": "1AKSA12345",
            "erased_data": "調査対象者一覧（Excel）",
            "method": "",  # required: refused under its field
            "contractor_person": "鈴木 美咲",
        }
        for name, value in values.items():
            form.query_one(f"#field-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert str(form.query_one("#error-method", Label).render())
        form.query_one("#field-method", Input).value = "BitLocker 鍵破棄＋全領域上書き"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is screen)
    [device] = erasure_witness.list_erased_devices(ledger, erasure.id)
    assert (device.kind, device.check, device.position) == (
        ContractorDeviceKind.PC,
        ErasureCheck.CONFIRMED,
        1,
    )
    assert (device.serial, device.contractor_person, device.witness_login) == (
        "1AKSA12345",
        "鈴木 美咲",
        "admin",
    )
    assert device.method == "BitLocker 鍵破棄＋全領域上書き"


async def test_a_contract_without_a_contractor_erasure_says_so(
    app_factory: Callable[..., LedgerApp], sqlite_world: World
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        screen = await _contracts(pilot, sqlite_world.law_firm_contract_id)
        await pilot.press("d")
        await settle(pilot)
        assert app.screen is screen
        assert any("消去記録がありません" in str(n.message) for n in app._notifications)


async def test_the_witness_record_is_offered_for_the_latest_erasure_only(
    app_factory: Callable[..., LedgerApp], sqlite_world: World
) -> None:
    """`e` on F6 offers the 消去立会確認書 of the contract's latest contractor erasure
    (named by its number); a contract without one says so, as `d` does."""
    from ledger_tui.ui.widgets.form import SavePdfScreen

    ledger, contract_id = sqlite_world.ledger, sqlite_world.servicer_contract_id
    erasure = disposals.record_contractor_erasure(
        ledger,
        sqlite_world.admin,
        contract_id,
        certificate_number="KS-2026-002",
        erased_on=local_date(ledger.clock()),
        devices="",
        witness_login="admin",
    )
    number = erasure_witness.witness_number(contract_id, erasure.id)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        screen = await _contracts(pilot, sqlite_world.law_firm_contract_id)
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is screen
        assert any("消去記録がありません" in str(n.message) for n in app._notifications)
        screen = await _contracts(pilot, contract_id)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, SavePdfScreen))
        assert any(
            isinstance(field, Input) and field.value.endswith(f"{number}.pdf")
            for field in app.screen.query(Input)
        )
