"""Several desks on one PostgreSQL ledger: a lock another desk holds ends in a clear
message (not a silent wait for ever), migrations are serialised by an advisory lock
(two `init`s at once both succeed), a desk older than the ledger's schema refuses naming
both versions, a newer desk upgrades a shared ledger only on `ledger-tui upgrade`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ledger_tui.db.engine import make_engine, normalise_url
from ledger_tui.db.errors import LedgerUnavailable
from ledger_tui.db.migrate import HEADS, alembic_config, current_revisions
from ledger_tui.services.ledger.bootstrap import open_ledger
from tests.conftest import ADMIN_PASSWORD, drop_pg_database, new_pg_database
from tests.integration.test_cli import Cli, make_cli

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.postgres


@pytest.fixture
def empty_pg() -> Iterator[str]:
    url = new_pg_database(from_template=False)
    yield url
    drop_pg_database(url)


@pytest.fixture
def pg_cli(
    empty_pg: str,
    key_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    return make_cli(empty_pg, key_dir, tmp_path, monkeypatch, capsys)


def _set_revision(url: str, revision: str) -> None:
    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revision})
    engine.dispose()


def test_a_desk_older_than_the_ledger_refuses_naming_both_versions(pg_cli: Cli) -> None:
    assert pg_cli("init").code == 0
    _set_revision(pg_cli.db_url, "0099")  # a later desk's migration, unknown here
    mine = ", ".join(sorted(HEADS))
    for lang, words in (
        ("en", f"ledger 0099, this desk {mine}"),
        ("ja", f"台帳 0099、端末 {mine}"),
    ):
        done = pg_cli("--lang", lang, "media", "list")
        assert done.code == 15, done.err
        assert words in done.err and "Traceback" not in done.err


def test_a_shared_ledger_is_upgraded_only_when_told(pg_cli: Cli, key_dir: Path) -> None:
    from alembic import command

    engine = make_engine(pg_cli.db_url)
    command.upgrade(alembic_config(engine), "0007")  # as an older desk left it
    with pytest.raises(LedgerUnavailable) as refused:
        open_ledger(pg_cli.db_url, key_dir)
    assert refused.value.key == "db.error.schema_older"
    assert current_revisions(engine) == {"0007"}  # untouched at start
    done = pg_cli("--lang", "en", "media", "list")
    assert done.code == 16 and "ledger-tui upgrade" in done.err, done.err
    assert pg_cli("--lang", "en", "upgrade").code == 0
    assert current_revisions(engine) == HEADS
    opened = pg_cli("media", "list", anonymous=True)  # opens; no administrator yet to read
    assert opened.code == 2 and "--operator" in opened.err, opened.err
    engine.dispose()


def _init(url: str, key_dir: Path, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ledger_tui", "--db", url, "--lang", "en", "init"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "LEDGER_TUI_KEY_DIR": str(key_dir), "LEDGER_TUI_DATA_DIR": str(data)},
    )


def test_two_inits_at_once_both_succeed(empty_pg: str, key_dir: Path, tmp_path: Path) -> None:
    desks = [_init(empty_pg, key_dir, tmp_path / f"desk{n}") for n in (1, 2)]
    for desk in desks:
        _, err = desk.communicate(timeout=120)
        assert desk.returncode == 0, err
        assert "Traceback" not in err
    engine = make_engine(empty_pg)
    assert current_revisions(engine) == HEADS
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM ledger_meta WHERE key = 'ledger_id'")).scalar()
            == 1
        )
    engine.dispose()


def test_a_lock_held_by_another_desk_gives_up_with_a_clear_message(
    pg_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin_cli = pg_cli
    done = admin_cli(
        "init",
        "--admin",
        "admin",
        "--name",
        "管理",
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )
    assert done.code == 0, done.err
    monkeypatch.setenv("LEDGER_TUI_PG_LOCK_TIMEOUT", "3")
    other = create_engine(normalise_url(admin_cli.db_url))
    with other.connect() as desk:
        desk.execute(text("SELECT * FROM audit_head FOR UPDATE"))  # and it hangs there
        done = admin_cli.as_admin("--lang", "en", "section", "add", "KAI", "会計課")
        assert done.code == 14, done.err
        waited, gave_up = done.err.strip().splitlines()
        assert waited == "Waiting for another desk…"  # after a second, then the clear give-up
        assert "Another desk held the same ledger records" in gave_up
        desk.rollback()
    other.dispose()
    assert admin_cli.as_admin("section", "add", "KAI", "会計課").code == 0  # nothing half-kept


async def test_the_desk_shows_waiting_for_another_desk_on_screen(
    empty_pg: str, key_dir: Path
) -> None:
    """Through the pilot: another desk holds the trail head's row lock while this desk
    logs in (a login is on the trail): after a second the screen says so, and the login
    goes through once the other desk lets go."""
    from textual.widgets import Input
    from textual.widgets._toast import Toast

    from ledger_tui.config import Settings
    from ledger_tui.services import auth
    from ledger_tui.system.devices.fake import FakeSource
    from ledger_tui.ui.app import make_app
    from ledger_tui.ui.screens.session import LoginScreen
    from tests.ui.conftest import FakeMonotonic, settle, wait_until

    ledger = open_ledger(empty_pg, key_dir)
    auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    settings = Settings(db_url=empty_pg, key_dir=key_dir, lang="en")
    app = make_app(settings, ledger, monotonic=FakeMonotonic(), device_source=FakeSource())
    other = create_engine(normalise_url(empty_pg))
    waiting = "Waiting for another desk…"
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen))
            await settle(pilot)
            with other.connect() as desk:
                desk.execute(text("SELECT * FROM audit_head FOR UPDATE"))  # held
                screen = app.screen
                screen.query_one("#login", Input).value = "admin"
                screen.query_one("#password", Input).value = ADMIN_PASSWORD
                screen.query_one("#password", Input).focus()
                await pilot.press("enter")
                for _ in range(400):  # no settle: the login's worker is waiting
                    await pilot.pause(0.05)
                    if waiting in [str(n.message) for n in app._notifications]:
                        break
                await pilot.pause(0.2)  # the toast is drawn
                toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
                assert any(waiting in toast for toast in toasts), toasts  # on the screen
                shown = app.export_screenshot().replace("&#160;", " ")
                assert waiting in shown
                assert isinstance(app.screen, LoginScreen)  # still waiting, not failed
                desk.rollback()
            await wait_until(pilot, lambda: not isinstance(app.screen, LoginScreen))
            assert app.actor is not None and app.actor.login == "admin"
    finally:
        other.dispose()
        ledger.engine.dispose()
