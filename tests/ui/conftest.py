"""Pilot fixtures: the real app from the one factory, over a real SQLite ledger."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from ledger_tui.config import Settings
from ledger_tui.db.uow import Ledger
from ledger_tui.i18n import set_language
from ledger_tui.system.devices.fake import FakeSource
from ledger_tui.ui.app import LedgerApp, make_app
from ledger_tui.ui.port import calls_in_flight


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _reset_language() -> object:
    yield
    set_language("ja")


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def devices() -> FakeSource:
    """Sticks for the app under test: tests insert and pull them."""
    return FakeSource()


@pytest.fixture
def app_factory(
    sqlite_ledger: Ledger, key_dir: Path, monotonic: FakeMonotonic, devices: FakeSource
) -> Callable[..., LedgerApp]:
    def make(lang: str = "ja", idle: int = 300, **more: Any) -> LedgerApp:
        """An app on the test ledger; `more` sets other settings (e.g. burner=...)."""
        settings = Settings(
            db_url=str(sqlite_ledger.engine.url),
            key_dir=key_dir,
            lang=lang,
            idle_lock_seconds=idle,
            **more,
        )
        return make_app(settings, sqlite_ledger, monotonic=monotonic, device_source=devices)

    return make


async def settle(pilot: Pilot[object]) -> None:
    """Wait until every worker is done and its messages are handled. (A worker of a
    screen that has gone is cancelled at once while its thread finishes the call: wait for
    the thread too.)"""
    for _ in range(3):
        for worker in list(pilot.app.workers):
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
        for _ in range(3000):
            if not calls_in_flight():
                break
            await pilot.pause(0.01)
        await pilot.pause()


def tables_unsized(app: App[object]) -> list[DataTable[object]]:
    """The DataTables of the screen in front whose new rows or cells are not yet measured,
    or not yet painted (all of them while the screen has a repaint or a message pending).
    A DataTable measures its columns on its own idle after the rows arrive, and the
    screen repaints on its update timer: until both, a picture of the screen shows the
    cells cut at the width of their column titles."""
    screen = app.screen
    painting = (
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or bool(screen._dirty_widgets)
        or not screen._message_queue.empty()
    )
    return [
        table
        for table in screen.query(DataTable)
        if painting
        or table._require_update_dimensions
        or table._updated_cells
        or table._new_rows
        or table._layout_required
        or table._repaint_required
        or not table._message_queue.empty()
    ]


async def steady(pilot: Pilot[object]) -> None:
    """Settle, then wait until every DataTable in front has sized its columns to its rows
    and the screen has painted them: the screen looks as it will stay.

    Then each table draws itself afresh once: on a loaded machine a DataTable can keep
    lines it drew before it measured its rows (its line caches are keyed by a change
    counter, not by the column widths), so a picture could show cells cut at the width
    of their titles although the table has measured them."""
    for redraw in (False, True):
        if redraw:
            for table in pilot.app.screen.query(DataTable):
                table.notify_style_update()  # drops the table's caches, repaints
        for _ in range(1000):
            await settle(pilot)
            if not tables_unsized(pilot.app):
                break
            await pilot.pause(0.01)
        else:
            raise AssertionError("the tables in front were not sized")
    await pilot.pause()


async def wait_until(
    pilot: Pilot[object], predicate: Callable[[], object], rounds: int = 200
) -> None:
    """Settle until `predicate()` holds (workers that wait on a device, CUPS, a thread)."""
    for _ in range(rounds):
        await settle(pilot)
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def type_text(pilot: Pilot[object], text: str) -> None:
    for ch in text:
        await pilot.press(ch if ch != " " else "space")
