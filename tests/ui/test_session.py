"""Pilot tests: first run, login, lockout, idle auto-lock, navigation in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label, Static

from ledger_tui.db.paging import TrailPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.i18n import CATALOGUE
from ledger_tui.services import auth
from ledger_tui.system.devices.fake import FakeSource
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.dashboard import DashboardScreen
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.screens.session import FirstRunScreen, LockScreen, LoginScreen
from ledger_tui.ui.widgets.footer import NavKeys
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import FakeMonotonic, settle, wait_until

INSPECTION_JA, INSPECTION_EN = CATALOGUE["insp.screen_title"]


async def login(pilot, login: str, password: str) -> None:  # type: ignore[no-untyped-def]
    screen = pilot.app.screen
    screen.query_one("#login", Input).value = login
    screen.query_one("#password", Input).value = password
    screen.query_one("#password", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_first_run_creates_the_administrator_and_logs_in(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)
        screen = app.screen
        screen.query_one("#login", Input).value = "kanri"
        screen.query_one("#name", Input).value = "管理 一郎"
        screen.query_one("#password", Input).value = ADMIN_PASSWORD
        screen.query_one("#password2", Input).value = "something-else-1"
        screen.query_one("#password2", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "一致しません" in str(screen.query_one("#session-error", Label).render())
        screen.query_one("#password2", Input).value = ADMIN_PASSWORD
        screen.query_one("#password2", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.actor is not None and app.actor.is_admin
    assert not auth.needs_first_admin(sqlite_ledger)


async def test_a_new_ledger_shows_its_set_up_at_once_with_the_password_rule(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        # the first screen drawn, before the ledger has even been asked: no login flash
        assert isinstance(app.screen, FirstRunScreen)
        rule = str(app.screen.query_one("#password-rule").render())
        assert "12文字以上" in rule
        await settle(pilot)
        assert isinstance(app.screen, FirstRunScreen)


async def test_login_wrong_password_then_lockout_shown(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        await login(pilot, "admin", "wrong-password-x")
        error = app.screen.query_one("#session-error", Label)
        assert "違います" in str(error.render())
        for _ in range(4):
            await login(pilot, "admin", "wrong-password-x")
        assert "ロック" in str(app.screen.query_one("#session-error", Label).render())
        await login(pilot, "admin", ADMIN_PASSWORD)
        assert isinstance(app.screen, LoginScreen)  # still locked out
    pager = TrailPager(sqlite_ledger.engine, "auth.locked")
    actions = [r.action for r in pager.page_after(None, 5)]
    assert actions == ["auth.locked"]


async def test_idle_auto_lock_keeps_the_work_and_unlocks(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, monotonic: FakeMonotonic
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory(idle=120)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        app.screen.query_one("#filter", Input).value = "税-USB"
        monotonic.now += 119
        app._check_idle()
        assert not isinstance(app.screen, LockScreen)
        monotonic.now += 2
        app._check_idle()
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        await pilot.press("f2")  # navigation is off while locked
        assert isinstance(app.screen, LockScreen)
        app.screen.query_one("#password", Input).value = "wrong-password-x"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        app.screen.query_one("#password", Input).value = ADMIN_PASSWORD
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
        assert app.screen.query_one("#filter", Input).value == "税-USB"
    actions = [r.action for r in TrailPager(sqlite_ledger.engine, "session").page_after(None, 5)]
    assert "session.locked" in actions


async def test_manual_lock_and_switch_operator(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, LockScreen)
        await pilot.click("#switch")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert app.actor is None


async def _navigate_all(pilot, app: LedgerApp) -> dict[str, str]:  # type: ignore[no-untyped-def]
    titles = {}
    for key in ("f3", "f4", "f5", "f6", "f7", "f8", "f9", "f2"):
        await pilot.press(key)
        await settle(pilot)
        title = str(app.screen.query_one(".area-title", Static).render())
        titles[key] = title.split("  (")[0]  # ledger lists add when their rows were read
    return titles


async def test_navigation_in_japanese_and_english(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    for lang, expected in (
        (
            "ja",
            {
                "f3": "USBメモリ管理台帳",
                "f4": "貸出中の媒体",
                "f5": "受け渡し票",
                "f6": "委託契約と取扱者",
                "f7": "監査証跡",
                "f8": "職員アカウント",
                "f9": INSPECTION_JA,
                "f2": "ダッシュボード",
            },
        ),
        (
            "en",
            {
                "f3": "Media register",
                "f4": "Open loans",
                "f5": "Handover slips",
                "f6": "Contracts and handlers",
                "f7": "Audit trail",
                "f8": "Staff accounts",
                "f9": INSPECTION_EN,
                "f2": "Dashboard",
            },
        ),
    ):
        app = app_factory(lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await login(pilot, "admin", ADMIN_PASSWORD)
            assert await _navigate_all(pilot, app) == expected


async def test_operator_role_cannot_open_operators(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin: Actor = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    auth.add_operator(sqlite_ledger, admin, "tanaka", "田中 花子", "operator-pass-1")
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "tanaka", "operator-pass-1")
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


@pytest.mark.parametrize("between", ["\r", "\t"], ids=["enter", "tab"])
async def test_typed_ahead_login_and_password_land_in_their_fields(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, between: str
) -> None:
    """Keys queued faster than the app handles them (a quick typist, a badge reader):
    the password typed after Enter or Tab must not end up in the login field."""
    from textual import events

    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        for ch in f"admin{between}{ADMIN_PASSWORD}\r":
            key = {"\r": "enter", "\t": "tab", "-": "minus"}.get(ch, ch)
            app.post_message(events.Key(key, ch))
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_login_typed_before_the_ledger_is_open_goes_through(
    sqlite_ledger: Ledger, key_dir: Path, monotonic: FakeMonotonic, devices: FakeSource
) -> None:
    """The login screen is drawn before the ledger opens; a badge reader's
    login<Tab>password<Enter> arriving in that moment logs in once the ledger is open
    (it used to be dropped with "try again")."""
    from textual import events

    from ledger_tui.config import Settings
    from ledger_tui.ui.app import make_app

    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    settings = Settings(
        db_url=str(sqlite_ledger.engine.url), key_dir=key_dir, idle_lock_seconds=300
    )
    app = make_app(settings, None, monotonic=monotonic, device_source=devices)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, LoginScreen) and app.ledger is None  # still opening
        for ch in f"admin\t{ADMIN_PASSWORD}\r":
            key = {"\r": "enter", "\t": "tab", "-": "minus"}.get(ch, ch)
            app.post_message(events.Key(key, ch))
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        assert app.actor is not None and app.actor.login == "admin"


@pytest.mark.parametrize(("lang", "text"), [("ja", "操作一覧"), ("en", "Commands")])
async def test_the_footer_names_the_command_palette_in_the_language(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, lang: str, text: str
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory(lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        nav = app.screen.query_one(NavKeys)
        assert f"Ctrl+P {text}" in [item.plain for item in nav.items]


async def test_the_login_button_joins_right_after_the_first_frame(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    """The first frame of the login screen is drawn without Textual's Button (its 7 KB
    of CSS is parsed after it, issue 17's cold start); the button then takes the empty
    slot kept for it, in its place, and submits as before."""
    from textual.widgets import Button

    from ledger_tui.ui.screens.session import ButtonSlot

    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory()
    frames: list[tuple[bool, bool]] = []  # the login screen's frames: (button, slot)
    display = app._display

    def recording(screen: Any, renderable: Any) -> None:
        if isinstance(screen, LoginScreen) and renderable is not None:
            frames.append((bool(screen.query(Button)), bool(screen.query(ButtonSlot))))
        display(screen, renderable)

    app._display = recording  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LoginScreen)
        box = screen.query_one(".box")
        assert [type(w).__name__ for w in box.children][-2:] == ["Label", "Button"]
        assert not screen.query(ButtonSlot)
        screen.query_one("#login", Input).value = "admin"
        screen.query_one("#password", Input).value = ADMIN_PASSWORD
        await pilot.click("#submit")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    assert frames[0] == (False, True), frames
    assert (True, False) in frames
