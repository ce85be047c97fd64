"""Key -> frame inside the desk: the time from the app taking a key to the first frame
written that shows its effect, for page down and a filter keystroke in the audit trail
and an F-key area switch, reported as p50/p95.

The app runs headless (`run_test`), so the frame is rendered to terminal text by the
hook itself (what the real driver would write) and timed there: no pilot round trip is
in the figures. Used by scripts/bench.py (`--only keys`, on the trail ledger it seeds).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench_trail import Row

from ledger_tui.db.uow import Actor, Ledger


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_keys(ledger: Ledger, key_dir: Path, actor: Actor, label: str = "") -> list[Row]:
    from textual._compositor import CompositorUpdate
    from textual.events import Key

    from ledger_tui.config import Settings
    from ledger_tui.ui.app import make_app
    from ledger_tui.ui.screens.ledger_area import LedgerAreaScreen
    from ledger_tui.ui.screens.trail import TrailScreen

    settings = Settings(db_url=str(ledger.engine.url), key_dir=key_dir, idle_lock_seconds=0)
    app = make_app(settings, ledger)
    samples: dict[str, list[float]] = {"page": [], "filter": [], "switch": [], "first": []}
    # The key being timed: (kind, when the app took it or None, is its effect shown?)
    waiting: list[Any] = []
    display = app._display
    on_event = app.on_event

    def timed_display(screen: Any, update: Any) -> None:
        display(screen, update)
        if isinstance(update, CompositorUpdate):
            update.render_segments(app.console)  # what the terminal driver would be sent
        if waiting and waiting[0][1] is not None and waiting[0][2]():
            kind, started, _ = waiting.pop()
            samples[kind].append(time.perf_counter() - started)

    async def timed_event(event: Any) -> None:
        if isinstance(event, Key) and waiting and waiting[0][1] is None:
            waiting[0] = (waiting[0][0], time.perf_counter(), waiting[0][2])
        await on_event(event)

    app._display = timed_display  # type: ignore[method-assign]
    app.on_event = timed_event  # type: ignore[method-assign]

    async def press(pilot: Any, key: str, kind: str, done: Callable[[], bool]) -> None:
        waiting[:] = [(kind, None, done)]
        await pilot.press(key)
        for _ in range(400):  # up to ~20 s for one key on a slow machine
            if not waiting:
                return
            await pilot.pause(0.05)
        raise RuntimeError(f"no frame for {key!r}")

    async def drive() -> None:
        async with app.run_test(size=(140, 45)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.pop_screen()
            app.logged_in(actor)
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.action_area("trail")
            for _ in range(200):
                await pilot.pause(0.05)
                if isinstance(app.screen, TrailScreen) and app.screen.view.rows:
                    break
            trail = app.screen
            assert isinstance(trail, TrailScreen)
            view = trail.view
            for _ in range(30):
                rows = view.rows
                await press(pilot, "pagedown", "page", lambda r=rows: view.rows is not r)
            await pilot.press("slash")
            for _ in range(4):
                for key in [*"state", *["backspace"] * 5]:
                    pager = view.pager
                    await press(pilot, key, "filter", lambda p=pager: view.pager is not p)
            await pilot.press("escape")
            view.focus()
            for round_ in range(9):  # the first round opens each area (counted apart)
                for key, area in (("f3", "register"), ("f2", "dashboard"), ("f7", "trail")):

                    def arrived(area: str = area) -> bool:
                        screen = app.screen
                        if app.current_mode != area:
                            return False
                        if isinstance(screen, LedgerAreaScreen):
                            return screen.view.pager is not None
                        return True

                    await press(pilot, key, "switch" if round_ else "first", arrived)

    asyncio.run(drive())
    targets = {"page": 0.05, "filter": 0.05, "switch": 0.15}
    names = {
        "page": "page down in the trail",
        "filter": "filter keystroke in the trail",
        "switch": "F-key area switch (F3/F2/F7)",
    }
    first = samples.pop("first")
    return [
        Row(
            f"key -> frame p95: {names[kind]}{label}",
            _percentile(values, 0.95) * 1000,
            "ms",
            f"<= {targets[kind] * 1000:.0f}",
            _percentile(values, 0.95) <= targets[kind],
            f"p50 {_percentile(values, 0.5) * 1000:.1f} ms, n={len(values)}"
            + (f"; first visit max {max(first) * 1000:.0f} ms" if kind == "switch" else ""),
        )
        for kind, values in samples.items()
    ]
