"""Pilot test of the encrypted load screen on a real FAT32 loop device: counts shown
for confirmation, load with progress, the password shown once, then on to lending with
the counted records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from textual.widgets import Input, Static

from ledger_tui.db.models.loads import Intake
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.handover_forms import LendFormScreen
from ledger_tui.ui.screens.load import LoadScreen
from tests.conftest import ADMIN_PASSWORD
from tests.loading.conftest import Desk, make_sqlite_desk  # noqa: F401  (fixture)
from tests.loading.conftest import sqlite_desk as sqlite_desk
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login
from tests.ui.walk import screen_text


@pytest.mark.parametrize("size", [(130, 45), (80, 24)])
async def test_load_screen(
    app_factory: Callable[..., LedgerApp],
    sqlite_desk: Desk,
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    source = tmp_path / "対象者一覧.csv"
    source.write_text(
        "郵便番号,住所,方書,氏名\n"
        + "".join(f"160-00{i:02d},新宿区西新宿{i},,テスト 太郎{i}\n" for i in range(12)),
        encoding="utf-8",
    )
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        app.push_screen(LoadScreen(sqlite_desk.control_number, sqlite_desk.path))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoadScreen)
        screen.query_one("#files", Input).value = str(source)
        screen.query_one("#files", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.plan is not None)
        assert "12" in str(screen.query_one("#plan", Static).render())
        await pilot.press("enter")
        await wait_until(
            pilot,
            lambda: (
                screen.outcome is not None
                or "完了していません" in str(screen.query_one("#result", Static).render())
            ),
        )
        result = str(screen.query_one("#result", Static).render())
        password = screen.outcome.archives[0].password
        assert password in result
        await settle(pilot)
        # on the screen, not only in the widget: at 80×24 too, without a key pressed
        assert password in screen_text(app), screen_text(app)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LendFormScreen))
        assert app.screen.query_one("#field-record_count", Input).value == "12"
    loan = lending.show_loan(sqlite_desk.ledger, sqlite_desk.loan.id)
    assert loan.state is LoanState.LOADED
    assert sqlite_desk.medium_state() is MediumState.LOADED
    assert verify_trail(sqlite_desk.ledger).ok


async def test_intake_screen(
    app_factory: Callable[..., LedgerApp], sqlite_desk: Desk, tmp_path: Path
) -> None:
    """The returned stick's archives verified and counted, the count compared with the
    back-slip, the decrypted files written only to the folder the operator named."""
    from ledger_tui.ui.screens.load import IntakeScreen
    from tests.loading.test_intake import _back_slip, _lend

    _lend(sqlite_desk, tmp_path, rows=12)
    _back_slip(sqlite_desk, count=12)
    dest = tmp_path / "returned"
    dest.mkdir(mode=0o700)
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        app.push_screen(IntakeScreen(sqlite_desk.control_number, sqlite_desk.path))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        screen.query_one("#dest", Input).value = str(dest)
        screen.query_one("#dest", Input).focus()
        await pilot.press("enter")  # Enter in a field moves on; nothing starts yet
        await settle(pilot)
        assert screen.query_one("#password", Input).has_focus and not screen.running
        await pilot.press("enter")  # Enter on the last field starts the intake
        await wait_until(
            pilot,
            lambda: (
                screen.outcome is not None
                or "完了していません" in str(screen.query_one("#result", Static).render())
            ),
        )
        result = str(screen.query_one("#result", Static).render())
        assert "12" in result and "一致しています" in result, result
        screen.query_one("#password", Input).focus()
        await pilot.press("enter", "enter", "ctrl+s")  # a done intake never runs again
        await settle(pilot)
    with sqlite_desk.ledger.read_session() as session:
        assert session.scalar(select(func.count(Intake.id))) == 1
    written = [p for p in dest.rglob("*") if p.is_file()]
    assert written and all(p.stat().st_mode & 0o077 == 0 for p in written)
    assert verify_trail(sqlite_desk.ledger).ok
