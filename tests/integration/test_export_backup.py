"""Exports (CSV and JSON, streamed page by page, owner-only files) and backups (a copy
that opens with the same media rows, mode 0600, recorded in the trail)."""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ledger_tui.db.engine import normalise_url
from ledger_tui.services.demo import ledger as demo
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.ledger.export import AUDIT_COLUMNS, MEDIA_COLUMNS, export
from tests.conftest import drop_pg_database, new_pg_database
from tests.integration import test_cli as shared
from tests.integration.test_cli import Cli

# The command-line fixtures live with the command-line tests; bound here so pytest finds them.
cli, sqlite_cli = shared.cli, shared.sqlite_cli

MEDIA_SQL = (
    "SELECT control_number, kind, state, vendor, model, serial, usb_id, "
    "capacity_bytes, seal_number, location FROM media ORDER BY control_number"
)


@pytest.fixture
def demo_cli(cli: Cli) -> Cli:
    """The demo ledger on SQLite and on PostgreSQL."""
    assert cli("demo").code == 0
    return cli


@pytest.fixture
def sqlite_demo_cli(sqlite_cli: Cli) -> Cli:
    assert sqlite_cli("demo").code == 0
    return sqlite_cli


@pytest.fixture
def pg_demo_cli(
    key_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Cli]:
    """The demo ledger on PostgreSQL only (backups differ by database)."""
    url = new_pg_database()
    runner = shared.make_cli(url, key_dir, tmp_path, monkeypatch, capsys)
    assert runner("demo").code == 0
    yield runner
    drop_pg_database(url)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def _trail(runner: Cli, action: str) -> list[dict[str, object]]:
    rows = runner.sql(f"SELECT details FROM audit_entries WHERE action = '{action}' ORDER BY seq")
    return [json.loads(str(row[0])) for row in rows]


# --- export ---------------------------------------------------------------------------------


def test_export_media_csv_to_a_private_file(demo_cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "register.csv"
    done = demo_cli("export", "media", "--format", "csv", "--output", str(target))
    assert done.code == 0, done.err
    assert f"{len(demo.MEDIA)}件を {target} に書き出しました。" in done.out
    assert _mode(target) == 0o600
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(MEDIA_COLUMNS)
    by_number = {row[0]: dict(zip(MEDIA_COLUMNS, row, strict=True)) for row in rows[1:]}
    assert len(by_number) == len(demo.MEDIA)
    assert by_number["税-USB-007"]["state"] == "lost"
    assert by_number["教-CASE-001"]["kind"] == "paper_case"
    assert by_number["税-USB-001"]["location"] == "金庫A"
    assert _trail(demo_cli, "ledger.exported")[-1] == {
        "target": "media",
        "format": "csv",
        "rows": len(demo.MEDIA),
        "file": "register.csv",
    }
    assert not list(tmp_path.glob(".register.csv*"))  # no temporary file left behind


def test_export_media_json_to_stdout(demo_cli: Cli) -> None:
    done = demo_cli("export", "media", "--format", "json")
    assert done.code == 0
    rows = json.loads(done.out)
    assert [r["control_number"] for r in rows] == sorted(m.form.control_number for m in demo.MEDIA)
    assert set(rows[0]) == set(MEDIA_COLUMNS)


def test_export_audit_csv_and_json(demo_cli: Cli, tmp_path: Path) -> None:
    entries = demo_cli.sql("SELECT count(*) FROM audit_entries")[0][0]
    out_json = tmp_path / "trail.json"
    assert demo_cli("export", "audit", "--format", "json", "--output", str(out_json)).code == 0
    trail = json.loads(out_json.read_text(encoding="utf-8"))
    entries += 1  # reading needs an operator: the reader's login is on the trail first
    assert trail[-1]["action"] == "auth.login"
    assert len(trail) == entries and _mode(out_json) == 0o600
    assert [row["seq"] for row in trail] == list(range(1, entries + 1))  # oldest first
    assert trail[0]["action"] == "ledger.created"
    assert trail[0]["recorded_at"].endswith("+00:00")
    assert isinstance(trail[1]["details"], str)  # the canonical text the hash covers
    done = demo_cli("export", "audit", "--bom")  # csv on stdout, after one more entry
    lines = list(csv.reader(io.StringIO(done.out)))
    assert lines[0] == ["\ufeff" + AUDIT_COLUMNS[0], *AUDIT_COLUMNS[1:]]
    # header, the entries, the json export's own entry and this export's login
    assert len(lines) == entries + 3
    assert [line[3] for line in lines[-2:]] == ["ledger.exported", "auth.login"]


def test_export_pages_join_without_gaps(cli: Cli, key_dir: Path) -> None:
    assert cli("demo").code == 0
    ledger = open_ledger(cli.db_url, key_dir)
    try:
        for target in ("media", "audit"):
            whole, paged = io.StringIO(), io.StringIO()
            count = export(ledger, target, "json", whole)
            assert export(ledger, target, "json", paged, page_size=3) == count
            assert paged.getvalue() == whole.getvalue()
        empty = io.StringIO()
        assert export(ledger, "media", "json", empty, page_size=14) == len(demo.MEDIA)
        assert json.loads(empty.getvalue())
    finally:
        ledger.engine.dispose()


def test_export_refusals(demo_cli: Cli, tmp_path: Path) -> None:
    assert demo_cli("export", "trail").code == 2
    assert demo_cli("export", "media", "--format", "xml").code == 2
    nowhere = demo_cli("export", "media", "--output", str(tmp_path / "missing" / "x.csv"))
    assert nowhere.code == 3 and "書き込めません" in nowhere.err
    folder = demo_cli("--lang", "en", "export", "media", "--output", str(tmp_path))
    assert folder.code == 3 and "Cannot write" in folder.err


# --- backup ---------------------------------------------------------------------------------


def _sqlite_media(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return db.execute(MEDIA_SQL).fetchall()
    finally:
        db.close()


def test_sqlite_backup(sqlite_demo_cli: Cli, tmp_path: Path, key_dir: Path) -> None:
    demo_cli = sqlite_demo_cli
    dest = tmp_path / "backups" / "ledger-copy.sqlite3"
    dest.parent.mkdir()
    done = demo_cli("backup", str(dest))
    assert done.code == 0, done.err
    assert "integrity_check ok" in done.out
    assert str(key_dir) in done.out and "別にバックアップ" in done.out
    assert _mode(dest) == 0o600
    assert sorted(p.name for p in dest.parent.iterdir()) == ["ledger-copy.sqlite3"]  # no -wal
    source = Path(make_url(demo_cli.db_url).database or "")
    assert _sqlite_media(dest) == _sqlite_media(source) and len(_sqlite_media(dest)) == 14
    check = sqlite3.connect(dest)
    assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    check.close()
    assert _trail(demo_cli, "ledger.backup")[-1]["file"] == "ledger-copy.sqlite3"
    assert _trail(demo_cli, "ledger.backup")[-1]["bytes"] == dest.stat().st_size
    again = demo_cli("backup", str(dest))
    assert again.code == 3 and "既にあります" in again.err
    into_folder = demo_cli("--json", "backup", str(dest.parent))
    assert into_folder.code == 0
    made = Path(into_folder.json()["path"])  # type: ignore[index]
    assert made.parent == dest.parent and made.suffix == ".sqlite3" and _mode(made) == 0o600
    assert demo_cli("audit", "verify").code == 0


def _pg_bin_on_path(monkeypatch: pytest.MonkeyPatch) -> str:
    """pg_dump from PATH, else from Debian's versioned folder (put on PATH for the CLI)."""
    found = shutil.which("pg_dump")
    if found:
        return str(Path(found).parent)
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    assert folders, "pg_dump not found: install the Debian package postgresql-client"
    monkeypatch.setenv("PATH", f"{folders[-1]}{os.pathsep}{os.environ.get('PATH', '')}")
    return folders[-1]


@pytest.fixture
def restored_db() -> Iterator[str]:
    url = new_pg_database(from_template=False)
    yield url
    drop_pg_database(url)


@pytest.mark.postgres
def test_postgresql_backup(
    pg_demo_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, restored_db: str
) -> None:
    demo_cli = pg_demo_cli
    pg_bin = _pg_bin_on_path(monkeypatch)
    dest = tmp_path / "ledger.dump"
    done = demo_cli("backup", str(dest))
    assert done.code == 0, done.err
    assert "pg_restore --list ok" in done.out and _mode(dest) == 0o600
    libpq = make_url(restored_db).set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(
        [
            str(Path(shutil.which("pg_restore", path=pg_bin) or "pg_restore")),
            "--no-owner",
            f"--dbname={libpq}",
            str(dest),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    copy = create_engine(normalise_url(restored_db))
    try:
        with copy.connect() as conn:
            restored = [tuple(row) for row in conn.execute(text(MEDIA_SQL))]
    finally:
        copy.dispose()
    assert restored == demo_cli.sql(MEDIA_SQL) and len(restored) == len(demo.MEDIA)
    assert _trail(demo_cli, "ledger.backup")[-1]["bytes"] == dest.stat().st_size
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump anywhere
    missing = demo_cli("backup", str(tmp_path / "other.dump"))
    assert missing.code == 3 and "pg_dump が見つかりません" in missing.err
    assert not (tmp_path / "other.dump").exists()


def test_an_export_the_trail_cannot_record_is_not_left_behind(
    demo_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("trail unavailable")

    monkeypatch.setattr("ledger_tui.cli.commands.ledger.record_export", refuse)
    target = tmp_path / "register.csv"
    failed = demo_cli("export", "media", "--output", str(target))
    assert failed.code == 70 and "RuntimeError" in failed.err
    assert not target.exists() and not list(tmp_path.glob(".register.csv*"))
