"""Hole 1 on the desk: the TUI used to show the red banner at start and then its own
login re-signed the forged head. Now the login is refused with the reason and the way
out, and the banner stays."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, Label

from ledger_tui.db.uow import Ledger
from ledger_tui.services import auth
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.session import LoginScreen
from tests.conftest import ADMIN_PASSWORD
from tests.security.forgery import execute, fill, launder
from tests.ui.conftest import app_factory, devices, monotonic, settle  # noqa: F401


@pytest.mark.parametrize("forgery", ["launder", "edited_entry"])
async def test_the_desk_refuses_to_log_in_on_a_broken_trail(
    app_factory: Callable[..., LedgerApp],  # noqa: F811
    sqlite_ledger: Ledger,
    forgery: str,
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    fill(sqlite_ledger, admin, 75)
    if forgery == "launder":
        launder(sqlite_ledger)
    else:
        execute(sqlite_ledger, "UPDATE audit_entries SET subject = 'x' WHERE seq = 7")
    app = app_factory(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        screen.query_one("#login", Input).value = "admin"
        screen.query_one("#password", Input).value = ADMIN_PASSWORD
        screen.query_one("#password", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.actor is None and isinstance(app.screen, LoginScreen)
        error = str(app.screen.query_one("#session-error", Label).render())
        assert "audit recover" in error
        assert app.trail_message
    assert not verify_trail(sqlite_ledger).ok
