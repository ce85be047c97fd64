"""Pilot tests of the inserted-devices strip: known, unknown (register from the device),
identity mismatch (acknowledged), removal; every insertion and removal on the trail."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Input

from ledger_tui.db.paging import TrailPager
from ledger_tui.db.uow import Ledger
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.dialogs import ErrorDialog
from ledger_tui.ui.screens.medium_forms import MediumFormScreen
from ledger_tui.ui.screens.register import RegisterScreen
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login


def _strip(app: LedgerApp) -> str:
    return str(app.screen.query_one("#device-strip").render())


async def test_strip_matches_sticks_to_the_register(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, devices: FakeSource
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    media.register_medium(
        sqlite_ledger, admin, media.MediumForm("税-USB-001", serial="KNOWN0001", usb_id="0781:5567")
    )
    devices.insert(make_stick("KNOWN0001", node="/dev/sdb"))
    app = app_factory()
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await wait_until(pilot, lambda: "税-USB-001" in _strip(app))
        assert isinstance(app.screen, RegisterScreen)

        devices.insert(make_stick("NEWSTICK77", node="/dev/sdc", vendor="BUFFALO"))
        await wait_until(pilot, lambda: "NEWSTICK77" in _strip(app))
        assert "未登録" in _strip(app)
        await pilot.press("i")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MediumFormScreen)
        assert form.query_one("#field-serial", Input).value == "NEWSTICK77"
        assert form.query_one("#field-vendor", Input).value == "BUFFALO"
        assert form.query_one("#field-usb_id", Input).value == "0781:5567"
        form.query_one("#field-control_number", Input).value = "税-USB-002"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert media.show_medium(sqlite_ledger, "税-USB-002").serial == "NEWSTICK77"

        devices.insert(make_stick("KNOWN0001", node="/dev/sdd", usb_id="1234:abcd"))
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog))
        assert "USB ID" in str(app.screen.query_one("#error-message").render())
        await pilot.press("enter")  # acknowledged
        await settle(pilot)
        assert "識別不一致" in _strip(app)

        devices.pull("/dev/sdb")
        await wait_until(pilot, lambda: "/dev/sdb" not in str(app.devices))
    actions = [r.action for r in TrailPager(sqlite_ledger.engine, "device.").page_after(None, 20)]
    assert sorted(set(actions)) == ["device.inserted", "device.present", "device.removed"]


async def test_a_weakly_identified_stick_registers_only_with_a_note(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, devices: FakeSource
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    devices.insert(make_stick("0123456789ABCDEF", node="/dev/sdb"))
    app = app_factory()
    async with app.run_test(size=(130, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await wait_until(pilot, lambda: "0123456789ABCDEF" in _strip(app))
        await pilot.press("i")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MediumFormScreen)
        assert "識別が弱い" in str(form.query_one(".form-title").render())
        assert form.query_one("#field-notes", Input).value == ""  # the operator's own note
        form.query_one("#field-control_number", Input).value = "税-USB-009"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused, the note is asked for
        assert "備考" in str(form.query_one("#error-notes").render())
        assert form.query_one("#field-notes", Input).has_focus
        form.query_one("#field-notes", Input).value = "側面に赤テープ「9」"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RegisterScreen)
    stick = media.show_medium(sqlite_ledger, "税-USB-009")
    assert (stick.weak_identity, stick.notes, stick.serial) == (
        True,
        "側面に赤テープ「9」",
        "0123456789ABCDEF",
    )
