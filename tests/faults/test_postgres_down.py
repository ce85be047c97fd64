"""The PostgreSQL server stopped and started under desks, on a private cluster of this
module (the shared test cluster is never stopped): an idle desk goes on after the
restart, a desk saving while the server is down gets its own message and nothing is
half-recorded, a desk started while it is down says so, counts down, and opens when the
server returns."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from glob import glob
from pathlib import Path

import pytest

from ledger_tui.config import Settings
from ledger_tui.db.errors import classify
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.ui.app import make_app
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import FakeMonotonic, FakeSource, settle, wait_until

pytestmark = pytest.mark.postgres

PG_BIN = (sorted(glob("/usr/lib/postgresql/*/bin")) or [""])[-1]


def _as_postgres(*args: str) -> None:
    command = ["runuser", "-u", "postgres", "--", *args] if os.getuid() == 0 else list(args)
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> None:
        _as_postgres(
            f"{PG_BIN}/pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"),
            "-w", "-t", "60", "start", "-o",
            f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off",
        )  # fmt: skip

    def stop(self) -> None:
        _as_postgres(
            f"{PG_BIN}/pg_ctl", "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"
        )


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if not PG_BIN:
        pytest.skip("PostgreSQL server binaries not found")
    folder = Path(tempfile.mkdtemp(prefix="ledger-faults-pg-", dir="/tmp"))
    folder.chmod(0o755)
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
    _as_postgres(
        f"{PG_BIN}/initdb", "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
        "-E", "UTF8", "--locale=C.UTF-8",
    )  # fmt: skip
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = Cluster(folder, port)
    running.start()
    yield running
    subprocess.run(
        ["runuser", "-u", "postgres", "--", f"{PG_BIN}/pg_ctl", "-D", str(folder / "data"),
         "-m", "immediate", "-w", "stop"],
        check=False, capture_output=True,
    )  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def up(cluster: Cluster) -> Iterator[Cluster]:
    """The cluster running at the start and at the end of a test."""
    yield cluster
    try:
        cluster.start()
    except subprocess.CalledProcessError:
        pass  # it was running already


def test_an_idle_desk_goes_on_after_a_restart_and_a_saving_one_is_told(
    up: Cluster, key_dir: Path
) -> None:
    ledger = open_ledger(up.url, key_dir)
    try:
        admin = auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "ZEI", "税務課")
        up.stop()
        with pytest.raises(Exception) as failed:
            organisation.add_section(ledger, admin, "KAI", "会計課")  # saving while it is down
        known = classify(failed.value)
        assert known is not None and known.key in ("db.error.unreachable", "db.error.closed")
        assert "予期しない" not in known.message("ja")  # its own message, not the driver's
        up.start()
        organisation.add_section(ledger, admin, "KAI", "会計課")  # the idle pool reconnects
        assert {s.code for s in organisation.list_sections(ledger)} == {"ZEI", "KAI"}
        assert verify_trail(ledger).ok
    finally:
        ledger.engine.dispose()


async def test_a_desk_started_while_the_server_is_down_opens_when_it_returns(
    up: Cluster, key_dir: Path
) -> None:
    from sqlalchemy import create_engine, text

    admin = create_engine(up.url.replace("postgresql://", "postgresql+psycopg://"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("CREATE DATABASE started_while_down"))  # a ledger of its own
    admin.dispose()
    up.stop()
    url = up.url.rsplit("/", 1)[0] + "/started_while_down"
    settings = Settings(db_url=url, key_dir=key_dir, lang="en")
    app = make_app(settings, None, monotonic=FakeMonotonic(), device_source=FakeSource())
    app.retry_delays = (1, 1, 1)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Trying again" in str(app.sub_title))
        assert app.ledger is None
        up.start()
        await wait_until(pilot, lambda: app.ledger is not None, rounds=600)
        await settle(pilot)
        assert "Trying again" not in str(app.sub_title)
    assert app.ledger is not None
    app.ledger.engine.dispose()


async def test_a_logged_in_desk_works_on_after_a_restart_through_the_pilot(
    up: Cluster, key_dir: Path
) -> None:
    """The desk on screen while the server stops and starts: an unlock tried while it is
    down is told so in the desk's own words (the screen stays), the same unlock after the
    restart goes through on the same open ledger (its pool reconnects)."""
    from sqlalchemy import create_engine, text
    from textual.widgets import Input, Label

    from ledger_tui.ui.screens.session import LockScreen, LoginScreen

    admin = create_engine(up.url.replace("postgresql://", "postgresql+psycopg://"))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("CREATE DATABASE open_through_restart"))
    admin.dispose()
    url = up.url.rsplit("/", 1)[0] + "/open_through_restart"
    ledger = open_ledger(url, key_dir)
    auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    settings = Settings(db_url=url, key_dir=key_dir, lang="en")
    app = make_app(settings, ledger, monotonic=FakeMonotonic(), device_source=FakeSource())

    async def unlock() -> None:
        field = app.screen.query_one("#password", Input)
        field.value = ADMIN_PASSWORD
        field.focus()
        await pilot.press("enter")
        await settle(pilot)

    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen))
            app.screen.query_one("#login", Input).value = "admin"
            await unlock()  # the login screen's password field, the same way
            await wait_until(pilot, lambda: app.actor is not None)
            up.stop()
            await pilot.press("ctrl+l")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            await unlock()
            said = str(app.screen.query_one("#session-error", Label).render())
            assert "database server" in said and "unexpected" not in said.lower(), said
            assert isinstance(app.screen, LockScreen)
            up.start()
            await unlock()
            await wait_until(pilot, lambda: not isinstance(app.screen, LockScreen))
            assert app.actor is not None and not app.locked
        assert verify_trail(ledger).ok
    finally:
        ledger.engine.dispose()
