"""Hole 3: putting back an older copy of the database (the product's own backup), or
replaying an older head row after deleting the entries written since, used to verify as
intact. The desk witness (beside the keys) remembers the highest entry seen signed."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from ledger_tui.db.engine import sqlite_path
from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import SYSTEM, Actor, Ledger
from ledger_tui.domain.errors import TrailBroken
from ledger_tui.services import auth
from ledger_tui.services.ledger.backup import backup_ledger
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.trail.recover import recover_trail
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import ADMIN_PASSWORD, FakeClock
from tests.integration.test_export_backup import _pg_bin_on_path
from tests.security.forgery import execute, fill


def _head(ledger: Ledger) -> tuple[int, str, str]:
    with ledger.engine.connect() as conn:
        row = conn.execute(text("SELECT seq, entry_hash, signature FROM audit_head")).one()
    return int(row[0]), str(row[1]), str(row[2])


def _restore(ledger: Ledger, backup: Path, db_url: str) -> None:
    """Put the backup file back in place of the ledger, as an operator would."""
    ledger.engine.dispose()
    if ledger.dialect == "sqlite":
        path = sqlite_path(db_url)
        assert path is not None
        for extra in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
        shutil.copyfile(backup, path)
        return
    libpq = make_url(db_url).set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={libpq}", str(backup)],
        check=True,
        capture_output=True,
        text=True,
    )


def test_restoring_an_older_backup_is_an_alarm_until_recorded(
    ledger: Ledger,
    admin: Actor,
    db_url: str,
    key_dir: Path,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _pg_bin_on_path(monkeypatch)
    fill(ledger, admin, 3)
    backup = backup_ledger(ledger, SYSTEM, tmp_path / "backups", key_dir).path
    fill_more = [f"後-{i}" for i in range(4)]
    from ledger_tui.services.register import media

    for number in fill_more:
        media.register_medium(ledger, admin, media.MediumForm(number))
    seen_seq = _head(ledger)[0]
    _restore(ledger, backup, db_url)
    with pytest.raises(TrailBroken) as alarm:
        open_ledger(db_url, key_dir, clock=clock)
    message = alarm.value.message("en")
    assert alarm.value.key == "error.trail.rolled_back"
    assert f"entry {seen_seq}" in message and "witness" in message  # names both
    # The restore was on purpose: an administrator records it, with the gap.
    reopened = open_ledger(db_url, key_dir, clock=clock, check_head=False)
    assert verify_trail(reopened).ok  # the older copy is self-consistent
    done = recover_trail(reopened, "admin", ADMIN_PASSWORD, "restored yesterday's backup")
    reopened.engine.dispose()
    desk = open_ledger(db_url, key_dir, clock=clock)
    with desk.read_session() as session:
        details = json.loads(
            session.scalars(select(AuditEntry.details).where(AuditEntry.seq == done.seq)).one()
        )
    assert (
        details["witness_seq"] == seen_seq and details["lost_entries"] == seen_seq - done.last_seq
    )
    auth.login(desk, "admin", ADMIN_PASSWORD)
    assert verify_trail(desk).ok
    desk.engine.dispose()


def test_replaying_an_older_head_after_cutting_the_tail(
    ledger: Ledger, admin: Actor, db_url: str, key_dir: Path, clock: FakeClock
) -> None:
    fill(ledger, admin, 3)
    old_seq, old_hash, old_signature = _head(ledger)
    from ledger_tui.services.register import media

    for number in ("後-1", "後-2"):
        media.register_medium(ledger, admin, media.MediumForm(number))
    execute(ledger, "DELETE FROM audit_entries WHERE seq > :s", s=old_seq)
    execute(
        ledger,
        "UPDATE audit_head SET seq = :s, entry_hash = :h, signature = :g",
        s=old_seq,
        h=old_hash,
        g=old_signature,
    )
    assert verify_trail(ledger).ok  # the trail alone cannot tell
    with pytest.raises(TrailBroken):  # the running desk refuses its next write
        auth.login(ledger, "admin", ADMIN_PASSWORD)
    with pytest.raises(TrailBroken) as alarm:  # and a desk opening it raises the alarm
        open_ledger(db_url, key_dir, clock=clock)
    assert alarm.value.key == "error.trail.rolled_back"
