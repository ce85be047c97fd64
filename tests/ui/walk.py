"""Every screen of the desk, opened over the demo ledger on a fixed clock: the walk the
language test and the snapshot tests share. `SCREENS` maps a name to an opener that
drives a logged-in app to that screen; `demo_app` makes the app (through the one factory)
over a fresh copy of the demo ledger, built once per session."""

from __future__ import annotations

import io
import shutil
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot

from ledger_tui.config import Settings
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services import organisation
from ledger_tui.services.demo import ledger as demo
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.lending.slip_views import show_slip
from ledger_tui.system.devices.fake import FakeSource
from ledger_tui.ui.app import LedgerApp, make_app
from tests.conftest import FakeClock
from tests.ui.conftest import FakeMonotonic, settle, wait_until

#: The demo's today (a weekday morning in Tokyo), fixed so screens are the same each run.
DEMO_NOW = datetime(2025, 11, 12, 0, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template")
    ledger = open_ledger(
        f"sqlite:///{folder / 'ledger.sqlite3'}", folder / "keys", clock=FakeClock(DEMO_NOW)
    )
    demo.build_demo(ledger)
    ledger.engine.dispose()
    return folder


@pytest.fixture
def demo_app(demo_template: Path, tmp_path: Path) -> Callable[[str], LedgerApp]:
    """make(lang): the app over a private copy of the demo ledger."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_template, folder)

    def make(lang: str = "ja") -> LedgerApp:
        url = f"sqlite:///{folder / 'ledger.sqlite3'}"
        ledger = open_ledger(url, folder / "keys", clock=FakeClock(DEMO_NOW))
        settings = Settings(db_url=url, key_dir=folder / "keys", lang=lang, demo=True)
        return make_app(settings, ledger, monotonic=FakeMonotonic(), device_source=FakeSource())

    return make


async def log_in(pilot: Pilot[Any]) -> None:
    from textual.widgets import Input

    app: LedgerApp = pilot.app  # type: ignore[assignment]
    await wait_until(pilot, lambda: app.devices_ready and app.trail_report is not None)
    screen = app.screen
    screen.query_one("#login", Input).value = demo.ADMIN.login
    screen.query_one("#password", Input).value = demo.ADMIN.password
    screen.query_one("#password", Input).focus()
    await pilot.press("enter")
    await settle(pilot)
    app.clear_notifications()


def _contract_id(app: LedgerApp) -> int:
    assert app.ledger is not None
    return next(c.id for c in organisation.list_contracts(app.ledger) if c.planned_record_count)


def _medium(app: LedgerApp, state: MediumState) -> str:
    from ledger_tui.db.paging import MediaPager

    assert app.ledger is not None
    rows = MediaPager(app.ledger.engine).page_after(None, 100)
    return next(r.control_number for r in rows if r.state == state.value)


def _slip(app: LedgerApp, state: SlipState) -> Any:
    from ledger_tui.db.paging import SlipPager

    assert app.ledger is not None
    rows = SlipPager(app.ledger.engine).page_after(None, 200)
    row = next(r for r in rows if r.state == state.value)
    return show_slip(app.ledger, row.id)


Opener = Callable[[Pilot[Any], LedgerApp], Awaitable[None]]


def _keys(*keys: str) -> Opener:
    async def open_(pilot: Pilot[Any], app: LedgerApp) -> None:
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return open_


def _push(make: Callable[[LedgerApp], Any]) -> Opener:
    async def open_(pilot: Pilot[Any], app: LedgerApp) -> None:
        app.push_screen(make(app))
        await settle(pilot)

    return open_


async def _lend_form(pilot: Pilot[Any], app: LedgerApp) -> None:
    from ledger_tui.ui import flows

    flows.lend(app, _medium(app, MediumState.BLANK))
    await settle(pilot)


def _counter(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.counter import CounterScreen

    return CounterScreen(_slip(app, SlipState.STAMPED))


def _slip_screen(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.slip import SlipScreen

    return SlipScreen(_slip(app, SlipState.STAMPED))


def _load(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.load import LoadScreen

    return LoadScreen(_medium(app, MediumState.BLANK), None)


def _intake(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.load import IntakeScreen

    return IntakeScreen(_medium(app, MediumState.LENT), None)


def _wipe(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.wipe import WipeScreen

    return WipeScreen(_medium(app, MediumState.BLANK), None)


def _sheet(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.sheet import SheetScreen

    return SheetScreen(_contract_id(app))


def _audits(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.audits import AuditsScreen

    return AuditsScreen(_contract_id(app))


def _incidents(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.incidents import IncidentsScreen

    return IncidentsScreen()


def _closeout(app: LedgerApp) -> Any:
    from ledger_tui.ui.screens.closeout import CloseOutScreen

    return CloseOutScreen(_contract_id(app))


#: Every screen, by name, after login (the login screen itself is "login").
SCREENS: dict[str, Opener] = {
    "dashboard": _keys(),
    "register": _keys("f3"),
    "loans": _keys("f4"),
    "slips": _keys("f5"),
    "contracts": _keys("f6"),
    "trail": _keys("f7"),
    "operators": _keys("f8"),
    "inspection": _keys("f9"),
    "medium_form": _keys("f3", "a"),
    "help": _keys("f3", "f1"),
    "palette": _keys("f3", "ctrl+p"),
    "lend_form": _lend_form,
    "counter": _push(_counter),
    "slip": _push(_slip_screen),
    "load": _push(_load),
    "intake": _push(_intake),
    "wipe": _push(_wipe),
    "sheet": _push(_sheet),
    "audits": _push(_audits),
    "incidents": _push(_incidents),
    "closeout": _push(_closeout),
    "lock": _keys("ctrl+l"),
}


async def open_screen(pilot: Pilot[Any], name: str) -> None:
    """From a started app: log in (unless the login screen is wanted), open `name`."""
    app: LedgerApp = pilot.app  # type: ignore[assignment]
    if name == "login":
        await wait_until(pilot, lambda: app.devices_ready and app.trail_report is not None)
        return
    await log_in(pilot)
    await SCREENS[name](pilot, app)
    await settle(pilot)
    assert app.ledger is not None
    assert local_date(app.ledger.clock()) == local_date(DEMO_NOW)


def screen_text(app: LedgerApp) -> str:
    """The terminal's text as the operator sees it (what the snapshot draws)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    console.print(update)
    return console.export_text(styles=False)
