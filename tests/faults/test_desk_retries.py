"""A desk started while its ledger cannot be reached (PostgreSQL down or restarting)
does not stay on "opening the ledger…" for ever: it says so with a countdown, tries
again, and opens when the ledger answers. A failure that waiting cannot cure (login
refused, a newer schema) ends the desk with its own message."""

from __future__ import annotations

from pathlib import Path

from ledger_tui.config import Settings
from ledger_tui.db.errors import LedgerUnavailable
from ledger_tui.db.uow import Ledger
from ledger_tui.services import auth
from ledger_tui.ui.app import LedgerApp, make_app
from ledger_tui.ui.screens.dialogs import ErrorDialog
from ledger_tui.ui.screens.session import LoginScreen
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import FakeMonotonic, FakeSource, settle, wait_until


def _desk(ledger: Ledger, key_dir: Path, failures: list[LedgerUnavailable]) -> LedgerApp:
    """A desk whose first attempts to open the ledger meet `failures`."""
    settings = Settings(db_url=str(ledger.engine.url), key_dir=key_dir, lang="en")
    app = make_app(settings, None, monotonic=FakeMonotonic(), device_source=FakeSource())
    app.retry_delays = (1, 2)
    attempts: list[int] = []

    def open_or_fail() -> Ledger:
        attempts.append(1)
        if failures:
            raise failures.pop(0)
        return ledger

    app._open = open_or_fail  # type: ignore[method-assign]
    app.attempts = attempts  # type: ignore[attr-defined]
    return app


async def test_a_desk_started_while_the_ledger_is_down_retries_and_opens(
    sqlite_ledger: Ledger, key_dir: Path
) -> None:
    auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    down = [LedgerUnavailable("db.error.unreachable"), LedgerUnavailable("db.error.closed")]
    app = _desk(sqlite_ledger, key_dir, down)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Trying again" in str(app.sub_title))
        seen.append(str(app.sub_title))
        await wait_until(pilot, lambda: "attempt 2" in str(app.sub_title))
        seen.append(str(app.sub_title))
        await wait_until(pilot, lambda: app.ledger is sqlite_ledger)
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen)
        assert len(app.attempts) == 3  # type: ignore[attr-defined]
    assert "Trying again in 1 s… (attempt 1)" in seen[0]
    assert "(attempt 2)" in seen[1]


async def test_a_refusal_waiting_cannot_cure_ends_the_desk_with_its_message(
    sqlite_ledger: Ledger, key_dir: Path
) -> None:
    newer = LedgerUnavailable("db.error.schema_newer", found="0099", expected="0009")
    app = _desk(sqlite_ledger, key_dir, [newer])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorDialog))
        assert "ledger 0099, this desk 0009" in app.screen.message  # type: ignore[attr-defined]
        assert len(app.attempts) == 1  # type: ignore[attr-defined]
