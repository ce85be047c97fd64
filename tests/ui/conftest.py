"""Pilot fixtures: the real app from the one factory, over a real SQLite ledger."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
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
