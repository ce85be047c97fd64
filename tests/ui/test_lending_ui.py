"""Pilot test of the heart of the desk: lend → counter confirmation → print (real CUPS
queue) → stamped → return → counter → print → stamped, then a slip opened by its QR."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from textual.widgets import Checkbox, Input, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services import auth, organisation
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.slip_views import find_slip
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.counter import CounterScreen
from ledger_tui.ui.screens.dialogs import ConfirmDialog
from ledger_tui.ui.screens.handover_forms import LendFormScreen, ReturnFormScreen
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.screens.slip import SlipScreen
from tests.conftest import ADMIN_PASSWORD, mark_verified_wipe
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login

PRINTER = os.environ.get("LEDGER_TUI_TEST_PRINTER", "")


@pytest.fixture
def world(sqlite_ledger: Ledger) -> Ledger:
    if not PRINTER:
        pytest.skip("CUPS test queue not started: run ./scripts/test.sh")
    sqlite_ledger.settings = replace(sqlite_ledger.settings, printer=PRINTER)
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    organisation.add_section(sqlite_ledger, admin, "ZEI", "税務課")
    organisation.add_contractor(sqlite_ledger, admin, "株式会社サンプル債権回収")
    contract = organisation.add_contract(
        sqlite_ledger,
        admin,
        organisation.ContractForm(
            "新宿区外転出者の現地調査業務委託",
            "ZEI",
            "株式会社サンプル債権回収",
            date(2025, 4, 1),
            date(2026, 3, 31),
            provided_items=["郵便番号", "住所", "方書", "氏名"],
            collected_items=["居住の有無", "表札"],
            planned_record_count=500,
        ),
    )
    organisation.add_handler(
        sqlite_ledger,
        admin,
        contract.id,
        "佐藤 健一",
        "responsible",
        "SV01",
        date(2025, 4, 1),
        None,
        date(2025, 3, 20),
    )
    media.register_medium(
        sqlite_ledger, admin, media.MediumForm("税-USB-001", kind=MediumKind.USB, serial="HB3A0001")
    )
    mark_verified_wipe(sqlite_ledger, admin, "税-USB-001")
    return sqlite_ledger


async def _counter_confirm(pilot, app: LedgerApp, code: str) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(app.screen, CounterScreen)
    app.screen.query_one("#code", Input).value = "NOPE"
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CounterScreen)  # a wrong code is refused on the spot
    assert "1/5" in str(app.screen.query_one("#counter-error").render())
    app.screen.query_one("#code", Input).value = code
    await pilot.press("enter")
    await settle(pilot)


async def _printed_then_stamped(pilot, app: LedgerApp) -> str:  # type: ignore[no-untyped-def]
    screen = app.screen
    assert isinstance(screen, SlipScreen)
    # the print worker waits for CUPS to finish the job
    await wait_until(pilot, lambda: screen.slip.state is SlipState.PRINTED)
    assert PRINTER in str(screen.query_one("#print-status", Static).render())
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmDialog)
    await pilot.press("y")
    await settle(pilot)
    assert screen.slip.state is SlipState.STAMPED
    await pilot.press("x")  # cancelling stays possible; stamping itself cannot be undone
    await settle(pilot)
    await pilot.press("escape")
    await settle(pilot)
    number = screen.slip.number
    await pilot.press("escape")
    await settle(pilot)
    return number


async def test_full_lend_and_return_cycle(
    app_factory: Callable[..., LedgerApp], world: Ledger
) -> None:
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("l")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, LendFormScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "必須" in str(form.query_one("#error-record_count").render())
        form.query_one("#field-record_count", Input).value = "480"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # a blank stick whose contract hands data out is refused unless said explicitly
        assert "格納されていません" in str(form.query_one("#form-error").render())
        form.query_one("#field-without_load", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        await _counter_confirm(pilot, app, "SV01")
        out_number = await _printed_then_stamped(pilot, app)
        assert out_number == "SLIP-R7-0001"
        assert media.show_medium(world, "税-USB-001").state is MediumState.LENT

        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("r")
        await settle(pilot)
        back = app.screen
        assert isinstance(back, ReturnFormScreen)
        assert back.query_one("#field-record_count", Input).value == "480"
        back.query_one("#field-record_count", Input).value = "479"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReturnFormScreen)  # a count difference needs a reason
        back.query_one("#field-mismatch_explanation", Input).value = "1件は転居先不明で破棄"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # the contractor confirms both counts, the difference and its explanation
        shown = str(app.screen.query_one("#reconciliation").render())
        assert "480件" in shown and "差異 -1件" in shown and "転居先不明" in shown, shown
        await _counter_confirm(pilot, app, "SV01")
        back_number = await _printed_then_stamped(pilot, app)

    assert media.show_medium(world, "税-USB-001").state is MediumState.WIPE_PENDING
    loan = lending.open_loans(world)[0]
    assert loan.state is LoanState.BACK
    back_slip = find_slip(world, back_number)
    assert back_slip.count_mismatch and back_slip.out_slip_number == out_number
    assert verify_trail(world).ok


async def test_scanning_a_slip_qr_opens_it(
    app_factory: Callable[..., LedgerApp], world: Ledger
) -> None:
    from textual import events

    from ledger_tui.services.lending import handover, slips
    from ledger_tui.services.lending.slips import SlipForm

    admin = auth.login(world, "admin", ADMIN_PASSWORD)
    slip = handover.start_lending(
        world,
        admin,
        "税-USB-001",
        1,
        SlipForm(
            handler_id=1,
            record_count=12,
            transfer_method="hand",
            items=("氏名",),
            without_load=True,
        ),
    ).slip
    slip = slips.confirm_at_counter(world, admin, slip.id, "SV01")
    assert slip.entry_hash
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await settle(pilot)
        app.screen.query_one("#filter", Input).focus()
        await settle(pilot)
        for ch in f"LTUI.SLIP.{slip.number}.{slip.entry_hash}":
            app.post_message(events.Key({".": "full_stop", "-": "minus"}.get(ch, ch), ch))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, SlipScreen)
        assert app.screen.slip.number == slip.number
