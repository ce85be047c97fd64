"""Pilot tests of the media register: add, inline errors, edit, state moves, paging."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Label, Select, Static

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.media import MediumState
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.dialogs import DetailDialog
from ledger_tui.ui.screens.medium_forms import MediumFormScreen, StateChangeScreen
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.widgets.ledger_view import LedgerView
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import settle
from tests.ui.test_session import login


async def _open_register(pilot, app: LedgerApp) -> RegisterScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await login(pilot, "admin", ADMIN_PASSWORD)
    await pilot.press("f3")
    await settle(pilot)
    assert isinstance(app.screen, RegisterScreen)
    return app.screen


def _admin(ledger: Ledger) -> Actor:
    return auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)


async def _new_medium_form(pilot, app: LedgerApp) -> MediumFormScreen:  # type: ignore[no-untyped-def]
    await _open_register(pilot, app)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(app.screen, MediumFormScreen)
    return app.screen


def _burst(app: LedgerApp, keys: list[tuple[str, str | None]]) -> None:
    """Queue keys at once, before any is handled (a quick typist on a busy machine, a
    reader), as the terminal driver does when they arrive in one read."""
    from textual import events

    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_add_a_medium_with_inline_validation(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    _admin(sqlite_ledger)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _open_register(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MediumFormScreen)
        form.query_one("#field-control_number", Input).value = "税-USB-101"
        form.query_one("#field-usb_id", Input).value = "not-an-id"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MediumFormScreen)  # refused, still open
        error = str(form.query_one("#error-usb_id", Label).render())
        assert "0781:5583" in error
        form.query_one("#field-usb_id", Input).value = "0781:5583"
        form.query_one("#field-serial", Input).value = "4C530001"
        form.query_one("#field-vendor", Input).value = "SanDisk"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is register
        rows = register.query_one("#media", LedgerView).rows
        assert [r.control_number for r in rows] == ["税-USB-101"]
    saved = media.show_medium(sqlite_ledger, "税-USB-101")
    assert saved.usb_id == "0781:5583" and saved.state is MediumState.REGISTERED


async def test_edit_and_change_state_from_the_register(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = _admin(sqlite_ledger)
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-001", location="金庫A"))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _open_register(pilot, app)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MediumFormScreen)
        assert form.query_one("#field-location", Input).value == "金庫A"
        form.query_one("#field-location", Input).value = "金庫B"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is register
        await pilot.press("s")
        await settle(pilot)
        state_form = app.screen
        assert isinstance(state_form, StateChangeScreen)
        state_form.query_one("#field-target", Select).value = MediumState.WIPE_PENDING.value
        state_form.query_one("#field-reason", Input).value = "新品の初期消去"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is register
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DetailDialog)
        texts = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "金庫B" in texts and "消去待ち" in texts
    m = media.show_medium(sqlite_ledger, "税-USB-001")
    assert m.location == "金庫B" and m.state is MediumState.WIPE_PENDING


async def test_paging_and_filter_over_many_rows(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = _admin(sqlite_ledger)
    for i in range(120):
        media.register_medium(
            sqlite_ledger,
            admin,
            media.MediumForm(f"税-USB-{i:03d}", vendor="BUFFALO" if i % 10 == 0 else "I-O DATA"),
        )
    app = app_factory()
    async with app.run_test(size=(120, 30)) as pilot:
        register = await _open_register(pilot, app)
        view = register.query_one("#media", LedgerView)
        page = len(view.rows)
        assert 10 < page < 30 and view.rows[0].control_number == "税-USB-000"
        await pilot.press("pagedown")
        assert view.rows[0].control_number == f"税-USB-{page:03d}"
        await pilot.press("end")
        assert view.current.control_number == "税-USB-119"
        await pilot.press("home")
        await pilot.press("up")
        assert view.current.control_number == "税-USB-000"
        await pilot.press("slash")
        for ch in "buffalo":
            await pilot.press(ch)
        await settle(pilot)
        assert [r.control_number for r in view.rows][:3] == [
            "税-USB-000",
            "税-USB-010",
            "税-USB-020",
        ]
        assert len(view.rows) == 12
        assert "12" in str(register.query_one("#status", Static).render())


async def test_keys_typed_ahead_across_tab_land_in_their_fields(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    """Keys that reach the desk in one burst (a quick typist while the machine is busy,
    a barcode reader): the text typed after Tab or Enter belongs to the next field, not
    to the one being left. Both used to move focus only once the field had handled them,
    after the following keys had already been handed to it."""
    _admin(sqlite_ledger)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _new_medium_form(pilot, app)
        assert app.focused is form.query_one("#field-control_number", Input)
        _burst(
            app,
            [
                ("A", "A"),
                ("1", "1"),
                ("tab", "\t"),
                ("tab", "\t"),
                ("B", "B"),
                ("enter", "\r"),
                ("M", "M"),
                ("tab", "\t"),
                ("shift+tab", None),
                ("shift+tab", None),
                ("V", "V"),
            ],
        )
        await settle(pilot)
        assert form.query_one("#field-control_number", Input).value == "A1"
        # back on the vendor with its text selected (Textual's select-on-focus): V replaced B
        assert form.query_one("#field-vendor", Input).value == "V"
        assert form.query_one("#field-model", Input).value == "M"
        assert form.query_one("#field-serial", Input).value == ""
        kind = form.query_one("#field-kind", Select)  # Enter on a list is still the list's
        kind.focus()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert kind.expanded and isinstance(app.screen, MediumFormScreen)


async def test_editing_keys_typed_ahead_apply_in_order(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    """Backspace, arrows, Home and End queued with the characters around them take effect
    where they were typed: Textual resolved a field's editing keys only after the keys
    behind them had been inserted ("x<BS><BS>demo" became "xdemd", seen on the lock
    screen in tmux)."""
    _admin(sqlite_ledger)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await _new_medium_form(pilot, app)
        keys = [
            "x",
            "backspace",
            "backspace",
            "U",
            "S",
            "B",
            "0",
            "2",
            "backspace",
            "1",
            "home",
            "-",
            "left",
            "Z",
            "end",
            "9",
            "left",
            "left",
            "delete",
            "end",
            "!",
        ]
        _burst(app, [("minus", "-") if k == "-" else (k, k if len(k) == 1 else None) for k in keys])
        await settle(pilot)
        # x, BS, BS -> ""; USB02, BS, 1 -> USB01; Home - -> -USB01; Left Z -> Z-USB01;
        # End 9 -> Z-USB019; Left Left Delete -> Z-USB09; End ! -> Z-USB09!
        assert form.query_one("#field-control_number", Input).value == "Z-USB09!"


async def test_enter_submits_what_was_typed_before_it(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A reader's "code<Enter>" followed at once by the next keys: the submitted value is
    the code, not the code with the following keys inserted before Enter took effect."""
    from textual.message import Message

    from ledger_tui.ui.widgets.text_field import TextField

    submitted: list[str] = []
    post = TextField.post_message

    def record(self: TextField, message: Message) -> bool:
        if isinstance(message, Input.Submitted):
            submitted.append(message.value)
        return post(self, message)

    monkeypatch.setattr(TextField, "post_message", record)
    _admin(sqlite_ledger)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _open_register(pilot, app)
        register.query_one("#filter", Input).focus()
        await settle(pilot)
        _burst(app, [("A", "A"), ("1", "1"), ("enter", "\r"), ("B", "B")])
        await settle(pilot)
    assert submitted[-1] == "A1"  # (the first is the login's password)


async def test_the_register_is_saved_as_pdf_from_its_screen(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from ledger_tui.ui.widgets.form import SavePdfScreen
    from tests.printing import pdftools
    from tests.ui.conftest import wait_until
    from tests.wiping.helpers import trail

    admin = _admin(sqlite_ledger)
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-101", serial="SN1"))
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        register = await _open_register(pilot, app)
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, SavePdfScreen)
        saved = tmp_path / "register.pdf"
        app.screen.query_one("#field-path", Input).value = str(saved)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is register and saved.exists())
    flat = "".join(pdftools.text(saved).split())
    assert "USBメモリ管理台帳" in flat and "税-USB-101" in flat
    assert trail(sqlite_ledger, "register.printed")[0]["printer"] == "pdf:register.pdf"
