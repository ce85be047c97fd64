"""At 80×24 the desk still works: every F-key is in the footer, a form's buttons and the
field in error stay in sight, and insertions of several sticks leave one compact notice
instead of a stack over the form."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Button, Input

from ledger_tui.db.uow import Ledger
from ledger_tui.i18n import t
from ledger_tui.services import auth
from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.medium_forms import MediumFormScreen
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import settle, wait_until
from tests.ui.test_session import login
from tests.ui.walk import screen_text


def _visible(app: LedgerApp, widget: object) -> bool:
    region = widget.region  # type: ignore[attr-defined]
    width, height = app.size
    return region.area > 0 and region.bottom <= height and region.right <= width


async def test_footer_form_and_notices_at_80x24(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger, devices: FakeSource
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f3")
        await settle(pilot)
        text = screen_text(app)
        for key in ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "Ctrl+L"):
            assert key in text, key

        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MediumFormScreen)
        assert _visible(app, form.query_one("#save", Button))
        form.query_one("#field-usb_id", Input).value = "not-an-id"
        await pilot.press("ctrl+s")
        await settle(pilot)
        errors = [label for label in form.query(".field-error") if not label.has_class("-empty")]
        assert errors
        assert app.focused is not None and _visible(app, app.focused)
        assert _visible(app, errors[0])
        assert _visible(app, form.query_one("#save", Button))

        app.clear_notifications()
        for number in range(3):
            devices.insert(make_stick(f"NEWSTICK{number}", node=f"/dev/sd{'bcd'[number]}"))
        await wait_until(pilot, lambda: len(app.devices) == 3)
        notices = [str(n.message) for n in app._notifications]
        assert notices == [t("devices.notify.unknown", node="/dev/sdd")]
