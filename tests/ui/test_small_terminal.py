"""At 80×24 the desk still works: every F-key is in the footer, a form's buttons and the
field in error stay in sight, and insertions of several sticks leave one compact notice
instead of a stack over the form."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
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
from tests.ui.walk import demo_app, demo_template, log_in, screen_text  # noqa: F401


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


#: Each area, and the column titles that identify its rows and say where they stand.
_AREA_COLUMNS = {
    "f2": (),
    "f3": ("col.control_number", "col.kind", "col.state"),
    "f4": ("col.control_number", "loans.state", "loans.due"),
    "f5": ("col.number", "col.time", "col.control_number"),
    "f6": ("contracts.title_field",),
    "f7": ("col.time", "col.actor", "col.action", "col.subject"),
    "f8": (),
    "f9": ("insp.col.kind", "insp.col.register_state"),
}


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_area_fits_80_columns(
    demo_app: Callable[[str], LedgerApp],  # noqa: F811
    lang: str,
) -> None:
    """At 80×24 every key of the footer is drawn whole (none over another, the command
    palette's included) and the columns that identify a row are on screen."""
    from ledger_tui.ui.keys import display_key
    from ledger_tui.ui.widgets.footer import short_label

    app = demo_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot)
        for key, columns in _AREA_COLUMNS.items():
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            lines = screen_text(app).splitlines()
            text = "\n".join(lines)
            expected = [
                f"{display_key(k)} {short_label(b.id or '', b.description)}"
                for k, (node, b, _enabled, _tip) in screen.active_bindings.items()
                if b.show and b.description and (node is not app or b.id)
            ]
            assert any("Ctrl+P" in item for item in expected)
            missing = [item for item in expected if item not in text]
            assert missing == [], (key, lines[-6:])
            # the device strip under every screen is drawn to its end (its source note)
            strip = [line for line in lines if line.startswith(" USB ")][-1]
            assert strip.rstrip().endswith(")"), (key, strip)
            if key == "f3":  # a paper case's kind is shown whole, not cut to "paper in lock…"
                [case] = [line for line in lines if line.startswith("教-CASE-001")]
                assert "…" not in case, case
            if key == "f4":  # an overdue loan says by how many days, whole
                overdue = re.escape(t("loans.overdue", days=999)).replace("999", r"\d+")
                assert re.search(overdue, text), lines
            if key == "f5":  # the slip waiting at the counter says so whole
                assert t("state.slip.draft") in text, lines
            if columns:  # one line of the screen holds every column title that matters
                titles = [t(column) for column in columns]
                assert any(all(title in line for title in titles) for line in lines), (
                    key,
                    titles,
                    lines,
                )
