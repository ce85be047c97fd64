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
