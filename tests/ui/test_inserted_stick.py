"""Jobs act on the inserted stick matched to the register, never on whatever row is
highlighted; with several sticks inserted the operator picks; the strip follows the
register (a stick registered here, or changed by another desk) without going stale."""

from __future__ import annotations

from collections.abc import Callable

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.media import MediumKind
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.screens.stick_pick import PickStickScreen
from ledger_tui.ui.screens.wipe import WipeScreen
from tests.conftest import ADMIN_PASSWORD, mark_verified_wipe
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login


def _strip(app: LedgerApp) -> str:
    return str(app.screen.query_one("#device-strip").render())


async def test_w_wipes_the_inserted_stick_not_the_highlighted_row(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, devices: FakeSource
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    # the paper case sorts first: it is the highlighted row when the register opens
    media.register_medium(
        sqlite_ledger,
        admin,
        media.MediumForm("A-紙-001", kind=MediumKind.PAPER_CASE, seal_number="S-001"),
    )
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-001", serial="SER0001"))
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-002", serial="SER0002"))
    devices.insert(make_stick("SER0002", node="/dev/sdc", usb_id=None))
    app = app_factory()
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await wait_until(pilot, lambda: "税-USB-002" in _strip(app))
        register = app.screen
        assert isinstance(register, RegisterScreen)
        assert register.view.current.control_number == "A-紙-001"
        await pilot.press("w")
        await settle(pilot)
        wipe = app.screen
        assert isinstance(wipe, WipeScreen)
        assert (wipe.control_number, wipe.device) == ("税-USB-002", "/dev/sdc")
        await pilot.press("escape")
        await settle(pilot)

        # two sticks inserted: the operator picks, nothing is taken silently
        devices.insert(make_stick("SER0001", node="/dev/sdb", usb_id=None))
        await wait_until(pilot, lambda: "税-USB-001" in _strip(app))
        # the register highlights the stick just inserted: `n` is its next step
        assert register.view.current.control_number == "税-USB-001"
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, PickStickScreen)
        await pilot.press("enter")  # the first: /dev/sdb
        await settle(pilot)
        wipe = app.screen
        assert isinstance(wipe, WipeScreen)
        assert (wipe.control_number, wipe.device) == ("税-USB-001", "/dev/sdb")


async def test_the_strip_follows_the_register(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, devices: FakeSource
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-001", serial="SER0001"))
    devices.insert(make_stick("SER0001", node="/dev/sdb", usb_id=None))
    app = app_factory()
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await wait_until(pilot, lambda: "税-USB-001（登録済（未確認））" in _strip(app))
        # another desk (here: a service call outside this app) wipes it: the strip and
        # the register row follow within the poll, without leaving the screen
        mark_verified_wipe(sqlite_ledger, admin, "税-USB-001")
        await wait_until(pilot, lambda: "税-USB-001（空（確認済））" in _strip(app), rounds=600)
        register = app.screen
        assert isinstance(register, RegisterScreen)
        await wait_until(pilot, lambda: register.view.current.state == "blank")
        assert "更新" in str(register.query_one(".area-title").render())


async def test_lists_show_what_another_desk_committed(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-001", serial="S1"))
    app = app_factory()
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        register = app.screen
        assert isinstance(register, RegisterScreen)
        await wait_until(pilot, lambda: register.view.rows)
        # another desk registers a medium that sorts first: it shows without a keystroke
        media.register_medium(sqlite_ledger, admin, media.MediumForm("A-USB-001", serial="S0"))
        await wait_until(
            pilot, lambda: register.view.rows[0].control_number == "A-USB-001", rounds=600
        )
        await wait_until(pilot, lambda: "2件" in str(register.query_one("#status").render()))
