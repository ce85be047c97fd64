"""Pilot tests of the slip ledger and the audit trail screens over the demo ledger:
keyset pages, the one-line filters, a refused filter shown in the status line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.services.demo.ledger import build_demo
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.slips import SlipLedgerScreen
from ledger_tui.ui.screens.trail import TrailScreen
from ledger_tui.ui.widgets.ledger_view import LedgerView
from tests.ui.conftest import settle, steady
from tests.ui.test_session import login
from tests.ui.walk import demo_app, demo_template, log_in, screen_text  # noqa: F401


async def _filter(pilot, screen, text: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one("#filter", Input).value = text
    await settle(pilot)
    await settle(pilot)


async def test_slip_ledger_and_trail_filters(
    app_factory: Callable[..., LedgerApp], sqlite_ledger: Ledger
) -> None:
    build_demo(sqlite_ledger)
    app = app_factory()
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await login(pilot, "demo", "demo-demo-demo")
        await pilot.press("f5")
        await settle(pilot)
        slips = app.screen
        assert isinstance(slips, SlipLedgerScreen)
        view = slips.query_one("#slips", LedgerView)
        everything = [r.number for r in view.rows]
        assert len(everything) >= 10
        await _filter(pilot, slips, "税-USB-002")
        narrowed = [r.control_number for r in view.rows]
        assert narrowed and set(narrowed) == {"税-USB-002"}
        await _filter(pilot, slips, everything[-1].lower())
        assert [r.number for r in view.rows] == [everything[-1]]
        await _filter(pilot, slips, "h:9999")
        assert "9999" in str(slips.query_one("#status", Static).render())

        await pilot.press("f7")
        await settle(pilot)
        trail = app.screen
        assert isinstance(trail, TrailScreen)
        await _filter(pilot, trail, "slip.")
        rows = trail.query_one("#trail", LedgerView).rows
        assert rows and all(r.code.startswith("slip.") for r in rows)


@pytest.mark.parametrize(("lang", "size"), [("en", (160, 45)), ("ja", (160, 45)), ("en", (80, 24))])
async def test_trail_subjects_shown_whole(
    demo_app: Callable[[str], LedgerApp],  # noqa: F811
    lang: str,
    size: tuple[int, int],
) -> None:
    """At 160 columns every subject on the trail's page is shown whole (a contract's
    title, 「incident INC-R7-0001」), and the details still have room; at 80 the subject of
    an incident or a slip is whole too."""
    app = demo_app(lang)
    async with app.run_test(size=size) as pilot:
        await log_in(pilot)
        await pilot.press("f7")
        await steady(pilot)
        trail = app.screen
        assert isinstance(trail, TrailScreen)
        view = trail.query_one("#trail", LedgerView)
        text = screen_text(app)
        numbered = [r.subject for r in view.rows if "INC-" in r.subject or "SLIP-" in r.subject]
        assert numbered
        wanted = [r.subject for r in view.rows] if size[0] >= 160 else numbered
        assert [s for s in wanted if s not in text] == []
        widths = view._widths(view.shown_columns(), size[0])
        assert widths[-1] >= (40 if size[0] >= 160 else 8)
