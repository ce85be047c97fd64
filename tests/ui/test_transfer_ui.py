"""Pilot test of an e-mail transfer at the desk: F4 → m (contract, e-mail) → the file is
made in the outbox folder with the password shown once → l → the slip (recipient,
count) → confirmed as sent (no counter) → printed on the real CUPS queue; then the
return by e-mail (r, confirmed as received) and its file taken in (k)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services import auth
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.loading.records import retrieve_password
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.dialogs import ConfirmDialog
from ledger_tui.ui.screens.handover_forms import ReturnFormScreen
from ledger_tui.ui.screens.load import IntakeScreen, LoadScreen
from ledger_tui.ui.screens.loans import LoansScreen
from ledger_tui.ui.screens.slip import SlipScreen
from ledger_tui.ui.screens.transfer_forms import TransferSlipScreen, TransferStartScreen
from tests.archive import conftest as archive_fixtures
from tests.archive.conftest import run_7z
from tests.conftest import ADMIN_PASSWORD
from tests.loading.data import address_csv
from tests.transfers.conftest import RECIPIENT, build_law_firm
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login

PRINTER = os.environ.get("LEDGER_TUI_TEST_PRINTER", "")
seven_zip = archive_fixtures.seven_zip  # the real 7-Zip, bound here so pytest finds it


@pytest.fixture
def world(sqlite_ledger: Ledger) -> Ledger:
    if not PRINTER:
        pytest.fail("CUPS test queue not started: run ./scripts/test.sh")
    sqlite_ledger.settings = replace(sqlite_ledger.settings, printer=PRINTER)
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    build_law_firm(sqlite_ledger, admin)
    return sqlite_ledger


async def test_email_transfer_at_the_desk(
    app_factory: Callable[..., LedgerApp], world: Ledger, tmp_path: Path, seven_zip: Path
) -> None:
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    source = address_csv(tmp_path / "滞納者一覧.csv", 4)
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, LoansScreen)
        await pilot.press("m")
        await settle(pilot)
        start = app.screen
        assert isinstance(start, TransferStartScreen)
        start.query_one("#field-channel", Select).value = "email"
        await pilot.press("ctrl+s")
        await settle(pilot)

        load = app.screen
        assert isinstance(load, LoadScreen) and load.transfer is not None
        load.query_one("#device", Input).value = str(outbox)
        load.query_one("#files", Input).value = str(source)
        load.query_one("#files", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: load.plan is not None)
        await pilot.press("enter")
        await wait_until(pilot, lambda: load.outcome is not None)
        (archive,) = load.outcome.archives
        assert (outbox / archive.name).is_file()
        assert archive.password in str(load.query_one("#result").render())
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, TransferSlipScreen))

        form = app.screen
        assert form.query_one("#field-record_count", Input).value == "4"
        form.query_one("#field-transfer_detail", Input).value = RECIPIENT
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)  # sent, not confirmed at a counter
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, SlipScreen))
        slip_screen = app.screen
        await wait_until(pilot, lambda: slip_screen.slip.state is SlipState.PRINTED)
        assert slip_screen.slip.files[0].name == archive.name
        await pilot.press("escape")
        await settle(pilot)

        transfer = lending.open_loans(world)[0]
        assert (transfer.state, transfer.medium_id) == (LoanState.OUT, None)
        assert isinstance(app.screen, LoansScreen)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ReturnFormScreen))
        back = app.screen
        back.query_one("#field-transfer_method", Select).value = "email"
        back.query_one("#field-transfer_detail", Input).value = "kyouiku@city.example.jp"
        back.query_one("#field-record_count", Input).value = "2"
        back.query_one("#field-mismatch_explanation", Input).value = "2名分のみ交渉"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, SlipScreen))
        await pilot.press("escape")
        await settle(pilot)

        # The reply saved from the mail client is taken in from its file.
        work = tmp_path / "reply"
        work.mkdir()
        (work / "交渉記録.csv").write_text("氏名,記録\r\n甲,済\r\n乙,済\r\n", encoding="utf-8")
        password = retrieve_password(world, auth.login(world, "admin", ADMIN_PASSWORD), 1)
        reply = work / "reply.zip"
        made = run_7z(
            seven_zip,
            "a",
            "-tzip",
            "-mem=AES256",
            f"-p{password}",
            reply,
            "交渉記録.csv",
            cwd=work,
        )
        assert made.returncode == 0
        assert isinstance(app.screen, LoansScreen)
        await pilot.press("k")
        await settle(pilot)
        intake = app.screen
        assert isinstance(intake, IntakeScreen) and intake.transfer == transfer.id
        intake.query_one("#device", Input).value = str(reply)
        intake.query_one("#dest", Input).focus()
        await pilot.press("ctrl+s")  # (enter moves on to the next field)
        await wait_until(pilot, lambda: intake.outcome is not None)
        assert intake.outcome.returned_records == 2 and intake.outcome.count_matches

    assert lending.show_loan(world, transfer.id).state is LoanState.BACK
    assert verify_trail(world).ok


async def test_cdr_load_from_the_register(
    app_factory: Callable[..., LedgerApp], world: Ledger, tmp_path: Path
) -> None:
    from ledger_tui.services.organisation import list_contracts
    from ledger_tui.ui.screens.register import RegisterScreen

    admin = auth.login(world, "admin", ADMIN_PASSWORD)
    lending.create_loan(world, admin, "教-CD-001", list_contracts(world)[0].id)
    image = tmp_path / "disc.iso"
    source = address_csv(tmp_path / "一覧.csv", 3)
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await settle(pilot)
        register = app.screen
        assert isinstance(register, RegisterScreen)
        await wait_until(pilot, lambda: register.view.current is not None)
        while register.view.current is not None and register.view.current.kind != "cdr":
            await pilot.press("down")
            await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        load = app.screen
        assert isinstance(load, LoadScreen)
        assert load.query_one("#device", Input).value == "/dev/sr0"  # the burner by default
        load.query_one("#device", Input).value = str(image)  # no burner here: an image file
        load.query_one("#files", Input).value = str(source)
        load.query_one("#files", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: load.plan is not None)
        await pilot.press("enter")
        await wait_until(pilot, lambda: load.outcome is not None)
        assert load.outcome.archives[0].name == "教-CD-001.zip"
    assert image.stat().st_size > 0
    assert lending.find_open_loan(world, "教-CD-001").state is LoanState.LOADED  # type: ignore[union-attr]


async def test_cdr_load_burns_on_the_desks_burner_setting(
    app_factory: Callable[..., LedgerApp],
    world: Ledger,
    tmp_path: Path,
) -> None:
    """The load screen offers the desk's burner (`LEDGER_TUI_BURNER`), here xorriso's
    `stdio:` pseudo drive on a file, and the load burns onto it through the burner path."""
    from ledger_tui.services.organisation import list_contracts
    from ledger_tui.ui.screens.register import RegisterScreen

    drive = tmp_path / "drive.bin"
    drive.write_bytes(b"")
    admin = auth.login(world, "admin", ADMIN_PASSWORD)
    lending.create_loan(world, admin, "教-CD-001", list_contracts(world)[0].id)
    source = address_csv(tmp_path / "一覧.csv", 3)
    app = app_factory(burner=f"stdio:{drive}")
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await settle(pilot)
        register = app.screen
        assert isinstance(register, RegisterScreen)
        await wait_until(pilot, lambda: register.view.current is not None)
        while register.view.current is not None and register.view.current.kind != "cdr":
            await pilot.press("down")
            await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        load = app.screen
        assert isinstance(load, LoadScreen)
        assert load.query_one("#device", Input).value == f"stdio:{drive}"
        load.query_one("#files", Input).value = str(source)
        load.query_one("#files", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: load.plan is not None)
        await pilot.press("enter")
        await wait_until(pilot, lambda: load.outcome is not None)
        assert load.outcome.archives[0].name == "教-CD-001.zip"
    assert drive.stat().st_size > 0  # burned onto the pseudo drive
    assert lending.find_open_loan(world, "教-CD-001").state is LoanState.LOADED  # type: ignore[union-attr]
