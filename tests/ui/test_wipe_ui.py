"""Pilot test of the wipe screen on a real loop device: the guard checks are shown, the
typed control number starts the wipe, the progress panel runs, the certificate is issued
and saved, and the medium is blank only afterwards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.media import MediumState
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.screens.wipe import WipeScreen
from tests.conftest import ADMIN_PASSWORD, LoopDevice
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login


async def test_wipe_from_the_register(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    devices: FakeSource,
    loop_device_factory: Callable[..., LoopDevice],
    allow_loop_devices: None,
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    stick = loop_device_factory(size_mib=16)
    serial = str(stick.backing.resolve())
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    media.register_medium(
        sqlite_ledger,
        admin,
        media.MediumForm("税-USB-101", serial=serial, capacity_bytes=stick.size_bytes),
    )
    devices.insert(
        make_stick(
            serial,
            node=stick.path,
            bus=None,
            is_loop=True,
            usb_id=None,
            capacity_bytes=stick.size_bytes,
            partitions=(),
        )
    )
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await wait_until(
            pilot, lambda: "税-USB-101" in str(app.screen.query_one("#device-strip").render())
        )
        assert isinstance(app.screen, RegisterScreen)
        await pilot.press("w")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WipeScreen)
        assert screen.query_one("#device", Input).value == stick.path
        await wait_until(pilot, lambda: "✓" in str(screen.query_one("#checks", Static).render()))
        screen.query_one("#confirm", Input).value = "税-USB-999"
        screen.query_one("#confirm", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "一致しません" in str(screen.query_one("#wipe-error").render())
        screen.query_one("#confirm", Input).value = "税-USB-101"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.outcome is not None)
        assert screen.outcome.certificate.number in str(
            screen.query_one("#result", Static).render()
        )
        await pilot.press("f")
        await wait_until(pilot, lambda: any(tmp_path.glob("erasure-*.pdf")))
    assert media.show_medium(sqlite_ledger, "税-USB-101").state is MediumState.BLANK
    assert verify_trail(sqlite_ledger).ok


async def test_the_key_reset_of_a_hardware_lock_stick_is_asked_and_attested(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    devices: FakeSource,
    loop_device_factory: Callable[..., LoopDevice],
    allow_loop_devices: None,
) -> None:
    from textual.widgets import RadioSet

    from ledger_tui.services.wiping.records import wipe_runs_of_medium

    locked = loop_device_factory(size_mib=16, name="keypad")
    plain = loop_device_factory(size_mib=16, name="plain")
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    for number, stick, lock in (("税-USB-201", locked, "keypad"), ("税-USB-202", plain, "none")):
        serial = str(stick.backing.resolve())
        form = media.MediumForm(number, serial=serial, lock_kind=lock)
        media.register_medium(sqlite_ledger, admin, form)
    app = app_factory()
    async with app.run_test(size=(130, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        # a stick without a hardware lock: no question
        app.push_screen(WipeScreen("税-USB-202", plain.path))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WipeScreen)
        await wait_until(pilot, lambda: "✓" in str(screen.query_one("#checks", Static).render()))
        assert not screen.query_one("#key-reset", RadioSet).display
        assert screen.vendor_key_reset is None
        await pilot.press("escape")
        await settle(pilot)

        app.push_screen(WipeScreen("税-USB-201", locked.path))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WipeScreen)
        await wait_until(pilot, lambda: "✓" in str(screen.query_one("#checks", Static).render()))
        question = screen.query_one("#key-reset", RadioSet)
        assert question.display and screen.vendor_key_reset is None  # asked, not answered
        witness = screen.query_one("#witness", Input)
        witness.value = "立会 花子"
        witness.focus()
        await pilot.press("enter")  # the witness given: on to the question
        assert question.has_focus
        await pilot.press("enter")  # the first answer: performed
        await settle(pilot)
        assert question.pressed_index == 0 and screen.query_one("#confirm", Input).has_focus
        assert screen.vendor_key_reset is True
        await pilot.press(*"税-USB-201", "enter")
        await wait_until(pilot, lambda: screen.outcome is not None)
    (run,) = wipe_runs_of_medium(sqlite_ledger, "税-USB-201")
    assert run.vendor_key_reset is True
