"""Leaving a screen (Esc) while its service call still runs never crashes the desk: the
call belongs to its screen; a result whose screen has gone is dropped, a refusal is shown
as a notification. One test per kind of screen: a form, a job screen, a pushed list."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import Conflict
from ledger_tui.i18n import t
from ledger_tui.services import auth
from ledger_tui.services.oversight import audits
from ledger_tui.services.register import media
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens import audits as audits_screen
from ledger_tui.ui.screens.medium_forms import MediumFormScreen
from ledger_tui.ui.screens.register import RegisterScreen
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import settle
from tests.ui.test_session import login


class Gate:
    """A slow service: the call waits inside its worker thread until the test opens the
    gate (after the operator has left the screen)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.opened = threading.Event()

    def slow(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.entered.set()
            self.opened.wait(30)
            return fn(*args, **kwargs)

        return call

    async def reached(self, pilot: Pilot[Any]) -> None:
        for _ in range(600):
            if self.entered.is_set():
                return
            await pilot.pause(0.01)
        raise AssertionError("the service call never started")

    async def open(self, pilot: Pilot[Any]) -> None:
        self.opened.set()
        await settle(pilot)


@pytest.fixture
def gate() -> Gate:
    return Gate()


async def _register(pilot: Pilot[Any], app: LedgerApp) -> RegisterScreen:
    await settle(pilot)
    await login(pilot, "admin", ADMIN_PASSWORD)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, RegisterScreen)
    return app.screen


def _notices(app: LedgerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize("outcome", ["saved", "refused"])
async def test_leaving_a_form_while_it_saves(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    gate: Gate,
    monkeypatch: pytest.MonkeyPatch,
    outcome: str,
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)

    def refuse(*_: Any) -> Any:
        raise Conflict("error.medium.duplicate", control_number="税-USB-201")

    service = media.register_medium if outcome == "saved" else refuse
    monkeypatch.setattr(media, "register_medium", gate.slow(service))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _register(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MediumFormScreen)
        form.query_one("#field-control_number", Input).value = "税-USB-201"
        await pilot.press("ctrl+s")
        await gate.reached(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is register
        await gate.open(pilot)
        assert app.screen is register
        refusal = t("error.medium.duplicate", control_number="税-USB-201")
        assert (refusal in _notices(app)) == (outcome == "refused")
    if outcome == "saved":  # the save went through although its form had gone
        assert media.show_medium(sqlite_ledger, "税-USB-201").control_number == "税-USB-201"


async def test_leaving_job_screens_while_they_check(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    gate: Gate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The load screen's count of records and the wipe screen's guard checks."""
    from ledger_tui.services.loading import load
    from ledger_tui.services.wiping import guards
    from ledger_tui.ui.screens.load import LoadScreen
    from ledger_tui.ui.screens.wipe import WipeScreen

    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    monkeypatch.setattr(
        load,
        "plan_load",
        gate.slow(lambda files, split: SimpleNamespace(archives=[], total_records=0)),
    )
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _register(pilot, app)
        app.push_screen(LoadScreen("税-USB-001", "/dev/null"))
        await settle(pilot)
        app.screen.query_one("#files", Input).value = "a.csv"
        app.screen.query_one("#files", Input).focus()
        await pilot.press("enter")
        await gate.reached(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is register
        await gate.open(pilot)

        wipe_gate = Gate()
        monkeypatch.setattr(guards, "wipe_target", wipe_gate.slow(guards.wipe_target))
        app.push_screen(WipeScreen("税-USB-001", "/dev/null"))
        await wipe_gate.reached(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is register
        await wipe_gate.open(pilot)
        assert app.screen is register


async def test_leaving_a_list_while_it_loads(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    gate: Gate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    monkeypatch.setattr(
        audits_screen, "show_contract", lambda ledger, contract_id: SimpleNamespace(title="契約")
    )
    monkeypatch.setattr(audits, "list_audits", gate.slow(lambda ledger, contract_id: []))
    monkeypatch.setattr(audits, "audit_status", lambda ledger, today: [])
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _register(pilot, app)
        app.push_screen(audits_screen.AuditsScreen(1))
        await gate.reached(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is register
        await gate.open(pilot)
        assert app.screen is register
