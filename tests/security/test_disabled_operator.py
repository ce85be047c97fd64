"""Hole 7: an operator disabled (or locked) on another desk used to keep working until
the next unlock. Every service call now re-checks the account; the desk drops to login."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import SessionEnded
from ledger_tui.domain.operators import Role
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.session import LoginScreen
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import app_factory, devices, monotonic, settle  # noqa: F401

DESK_PASSWORD = "desk-password-456"


def test_a_disabled_operator_cannot_act(ledger: Ledger, admin: Actor) -> None:
    auth.add_operator(ledger, admin, "desk", "窓口 花子", DESK_PASSWORD, Role.OPERATOR)
    desk = auth.login(ledger, "desk", DESK_PASSWORD)
    media.register_medium(ledger, desk, media.MediumForm("税-USB-001"))
    auth.set_operator_active(ledger, admin, "desk", False)  # on another desk
    with pytest.raises(SessionEnded):
        media.register_medium(ledger, desk, media.MediumForm("税-USB-002"))
    with pytest.raises(SessionEnded):
        auth.ensure_active(ledger, desk)  # reads too, before each of the desk's calls


def test_a_locked_operator_cannot_act(ledger: Ledger, admin: Actor) -> None:
    auth.add_operator(ledger, admin, "desk", "窓口 花子", DESK_PASSWORD, Role.OPERATOR)
    desk = auth.login(ledger, "desk", DESK_PASSWORD)
    for _ in range(5):
        with pytest.raises(Exception):  # noqa: B017  (wrong passwords, then locked)
            auth.login(ledger, "desk", "wrong-password-000")
    with pytest.raises(SessionEnded):
        media.register_medium(ledger, desk, media.MediumForm("税-USB-003"))


async def test_the_desk_drops_to_login_when_the_account_is_disabled(
    app_factory: Callable[..., LedgerApp],  # noqa: F811
    sqlite_ledger: Ledger,
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    auth.add_operator(sqlite_ledger, admin, "desk", "窓口 花子", DESK_PASSWORD, Role.OPERATOR)
    app = app_factory(lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.logged_in(auth.login(sqlite_ledger, "desk", DESK_PASSWORD))
        await settle(pilot)
        assert app.actor is not None and not isinstance(app.screen, LoginScreen)
        auth.set_operator_active(sqlite_ledger, admin, "desk", False)  # another desk
        await pilot.press("f3")  # the register: its first page is a service call
        await settle(pilot)
        assert app.actor is None and isinstance(app.screen, LoginScreen)
