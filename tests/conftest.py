"""Shared fixtures: a fresh ledger on SQLite and on PostgreSQL for every test.

PostgreSQL comes from `scripts/test.sh`, which starts its own cluster and exports
`LEDGER_TUI_TEST_PG_URL`. Without it the PostgreSQL variants skip, and under CI
(`CI=true`) every skip is turned into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ledger_tui.config import Settings
from ledger_tui.db.engine import normalise_url
from ledger_tui.db.migrate import upgrade_to_head
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.i18n import set_strict
from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger

PG_URL = os.environ.get("LEDGER_TUI_TEST_PG_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"
ADMIN_PASSWORD = "admin-password-123"

os.environ.setdefault("LEDGER_TUI_TZ", "Asia/Tokyo")
# A text key missing from the catalogue fails the test that reaches it, here and in the
# CLI and app processes the tests start (the product shows the key and carries on).
os.environ["LEDGER_TUI_STRICT_TEXTS"] = "1"
set_strict(True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI (a skip counts as a failure): {report.longrepr}"


class FakeClock:
    """A settable UTC clock for lockouts, idle locks and dates."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2025, 6, 1, 5, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


_PG_TEMPLATE = "ledger_tui_template"
_pg_template_ready = False


def _pg_admin_url() -> str:
    return (
        make_url(normalise_url(PG_URL))
        .set(database="postgres")
        .render_as_string(hide_password=False)
    )


def _ensure_pg_template() -> None:
    """Migrate once into a template database; each test copies it (fast)."""
    global _pg_template_ready
    if _pg_template_ready:
        return
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{_PG_TEMPLATE}"'))
        conn.execute(text(f'CREATE DATABASE "{_PG_TEMPLATE}"'))
    admin.dispose()
    template = create_engine(make_url(normalise_url(PG_URL)).set(database=_PG_TEMPLATE))
    upgrade_to_head(template)
    template.dispose()
    _pg_template_ready = True


def new_pg_database(from_template: bool = True) -> str:
    if not PG_URL:
        pytest.skip("PostgreSQL not started: run ./scripts/test.sh")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if from_template:
            _ensure_pg_template()
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_PG_TEMPLATE}"'))
        else:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(normalise_url(PG_URL)).set(database=name).render_as_string(hide_password=False)


def drop_pg_database(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(_pg_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty (migrated, on PostgreSQL from a template) ledger database URL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
        return
    url = new_pg_database()
    yield url
    drop_pg_database(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    return tmp_path / "keys"


def test_settings(url: str, key_dir: Path, request: pytest.FixtureRequest) -> Settings:
    """The settings a test's ledger is opened with: the fixtures decide them, as the entry
    points do for a run (never the environment as a test left it). The built-in
    defaults; loop devices stand in for sticks when the test asks for them
    (`allow_loop_devices`, directly or through another fixture)."""
    allow = "allow_loop_devices" in request.fixturenames
    return Settings(db_url=url, key_dir=key_dir, allow_loop_devices=allow)


@pytest.fixture
def ledger(
    db_url: str, key_dir: Path, clock: FakeClock, request: pytest.FixtureRequest
) -> Iterator[Ledger]:
    settings = test_settings(db_url, key_dir, request)
    opened = open_ledger(db_url, key_dir, settings=settings, clock=clock)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def sqlite_ledger(
    sqlite_url: str, key_dir: Path, clock: FakeClock, request: pytest.FixtureRequest
) -> Iterator[Ledger]:
    """For tests whose subject does not depend on the database (UI, CLI plumbing)."""
    settings = test_settings(sqlite_url, key_dir, request)
    opened = open_ledger(sqlite_url, key_dir, settings=settings, clock=clock)
    yield opened
    opened.engine.dispose()


@pytest.fixture
def admin(ledger: Ledger) -> Actor:
    return auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)


# --- real loop devices standing in for USB sticks ----------------------------------


class LoopDevice:
    """A loop device over a sparse backing file; detached on close (only this one)."""

    def __init__(self, backing: Path, size_bytes: int) -> None:
        import subprocess

        self.backing = backing
        with open(backing, "wb") as handle:
            handle.truncate(size_bytes)
        self.size_bytes = size_bytes
        self.path = subprocess.run(
            ["losetup", "--find", "--show", str(backing)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def close(self) -> None:
        import subprocess

        subprocess.run(["losetup", "-d", self.path], check=False, capture_output=True)


@pytest.fixture
def loop_device_factory(tmp_path: Path) -> Iterator[Callable[..., LoopDevice]]:
    """Make real loop devices: `loop_device_factory(size_mib=64)`. Needs root.

    `failing_after=N` puts the sparse backing file on a tmpfs holding only N bytes: the
    device's writes beyond that fail in the kernel (EIO / ENOSPC) while it stays attached
    — a stick going bad, or pulled, under a write."""
    import subprocess

    made: list[LoopDevice] = []
    mounts: list[Path] = []

    def make(
        size_mib: float = 64, name: str = "stick", failing_after: int | None = None
    ) -> LoopDevice:
        folder = tmp_path
        if failing_after is not None:
            folder = tmp_path / f"{name}-{len(made)}-tmpfs"
            folder.mkdir()
            subprocess.run(
                ["mount", "-t", "tmpfs", "-o", f"size={failing_after}", "tmpfs", str(folder)],
                check=True,
                capture_output=True,
            )
            mounts.append(folder)
        device = LoopDevice(folder / f"{name}-{len(made)}.img", int(size_mib * 1024 * 1024))
        made.append(device)
        if failing_after is not None:
            # The tmpfs counts pages, not offsets: hold the first N bytes' pages now, so
            # writes below N never fail and those past it always do, in whatever order
            # they arrive (the wipe keeps two requests in flight).
            with open(device.backing, "r+b") as backing:
                os.posix_fallocate(backing.fileno(), 0, failing_after)
        return device

    yield make
    for device in made:
        device.close()
    for folder in mounts:
        subprocess.run(["umount", str(folder)], check=False, capture_output=True)


@pytest.fixture
def allow_loop_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loop devices stand in for sticks: in the ledger fixtures' settings
    (`test_settings`) and in the environment of the CLI runs and processes a test starts."""
    monkeypatch.setenv("LEDGER_TUI_ALLOW_LOOP_DEVICES", "1")


def mark_verified_wipe(ledger: Ledger, actor: Actor, control_number: str) -> None:
    """Test shortcut: record a stick as blank as a complete, verified wipe would (the
    register itself refuses this move; tests/wiping exercise the real wipe)."""
    from ledger_tui.domain.media import MediumState
    from ledger_tui.services.register import media

    with ledger.unit_of_work() as uow:
        medium = media.get_medium(uow, control_number)
        if medium.state is not MediumState.WIPE_PENDING:
            media.move_medium(uow, actor, medium, MediumState.WIPE_PENDING, "test: new stick")
        media.move_medium(uow, actor, medium, MediumState.BLANK, "test: verified wipe")
        uow.commit()
