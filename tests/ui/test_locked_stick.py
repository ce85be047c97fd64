"""A password-lock stick still locked is one "locked" chip in the strip; registration,
load and wipe refuse it and say to unlock it first; its unlock (a medium change) is
taken like an insertion: the strip, the register and an open wipe screen follow
without re-inserting it. The wipe screen checks a real loop device (0 bytes: a unit
with no medium, then grown as the unlock does)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from ledger_tui.db.uow import Ledger
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.screens.wipe import WipeScreen
from tests.conftest import ADMIN_PASSWORD, LoopDevice
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login

LOCKED = "ロック中：USBメモリのロックを解除してください"
MIB = 1024 * 1024


def _strip(app: LedgerApp) -> str:
    return str(app.screen.query_one("#device-strip").render())


def _notices(app: LedgerApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.usefixtures("allow_loop_devices")
async def test_a_locked_stick_is_refused_until_it_is_unlocked_in_place(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    devices: FakeSource,
    loop_device_factory: Callable[..., LoopDevice],
) -> None:
    loop = loop_device_factory(size_mib=0, name="locked")
    serial = str(loop.backing)
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    media.register_medium(
        sqlite_ledger, admin, media.MediumForm("税-USB-001", serial=serial, lock_kind="software")
    )
    locked = make_stick(
        serial,
        node=loop.path,
        capacity_bytes=0,
        partitions=(),
        locked=True,
        unlock_unit="/dev/sr0",
    )
    stranger = make_stick(
        "STRANGER01", node="/dev/sdd", capacity_bytes=0, partitions=(), locked=True
    )
    devices.insert(locked)
    app = app_factory()
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await wait_until(pilot, lambda: f"{LOCKED} 税-USB-001" in _strip(app))
        register = app.screen
        assert isinstance(register, RegisterScreen)
        assert "登録済" not in _strip(app)  # one entry, the locked one

        # w (wipe), o (load), k (intake): never on a locked stick; the desk says why
        for key in ("w", "o", "k"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is register
            assert any(LOCKED in notice for notice in _notices(app)), key

        # nor is a locked stranger offered for registration
        devices.insert(stranger)
        await wait_until(pilot, lambda: f"{LOCKED} /dev/sdd" in _strip(app))
        app.clear_notifications()
        register.action_register_device()
        await settle(pilot)
        assert app.screen is register
        assert any(LOCKED in notice and "/dev/sdd" in notice for notice in _notices(app))

        # a wipe screen on the locked unit (typed there) refuses it
        app.push_screen(WipeScreen("税-USB-001", loop.path))
        await settle(pilot)
        wipe = app.screen
        assert isinstance(wipe, WipeScreen)
        checks = wipe.query_one("#checks")
        await wait_until(pilot, lambda: LOCKED in str(checks.render()))
        assert not wipe.allowed

        # the password is entered: the unit gets its medium, the kernel says "change"
        with open(loop.backing, "r+b") as backing:
            backing.truncate(8 * MIB)
        subprocess.run(["losetup", "-c", loop.path], check=True)
        devices.change(locked, locked=False, capacity_bytes=8 * MIB)
        await wait_until(pilot, lambda: wipe.allowed)
        assert LOCKED not in str(checks.render())
        await pilot.press("escape")
        await wait_until(pilot, lambda: "税-USB-001（登録済（未確認））" in _strip(app))
        assert f"{LOCKED} 税-USB-001" not in _strip(app)
        assert any("税-USB-001 が挿入されました" in notice for notice in _notices(app))
        assert register.view.current is not None
        assert register.view.current.control_number == "税-USB-001"
