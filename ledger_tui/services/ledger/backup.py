"""Back up the ledger: a consistent copy while desks keep working, checked, in the trail.

SQLite: sqlite3's online backup API copies a consistent snapshot page by page; the copy
is switched out of WAL mode so it is one self-contained file, then reopened read-only
for `PRAGMA integrity_check`. PostgreSQL: `pg_dump -Fc`, checked with `pg_restore
--list`. Either way the file is created owner-only (0600) under a temporary name and
renamed into place when it has passed its check. The audit key is NOT in the backup
(it lives outside the database on purpose); the caller reminds the operator of it.
"""

from __future__ import annotations

import getpass
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ledger_tui.db.engine import sqlite_path
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local
from ledger_tui.domain.errors import Conflict, DomainError, InvalidInput
from ledger_tui.services.auth import require_admin
from ledger_tui.services.ledger.export import create_owner_only
from ledger_tui.system.secrets.keys import KeyStore, ledger_secret_name


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size_bytes: int
    dialect: str
    check: str
    key_path: Path


def audit_key_path(ledger: Ledger, key_dir: Path) -> Path:
    """The ledger secret's file (the audit and sealing keys are derived from it)."""
    return KeyStore(key_dir).path(ledger_secret_name(ledger.ledger_id))


def backup_ledger(ledger: Ledger, actor: Actor, dest: Path, key_dir: Path) -> BackupResult:
    """Write a checked backup of `ledger` to `dest` (a new file, or a folder to put it in).
    Only an administrator backs up: the copy holds every record."""
    require_admin(actor)
    dest = _destination(ledger, dest)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    # Created here, owner-only, so neither sqlite3 nor pg_dump decides its mode.
    os.close(create_owner_only(tmp, dest))
    try:
        if ledger.dialect == "sqlite":
            check = _sqlite_backup(ledger, tmp)
        elif ledger.dialect == "postgresql":
            check = _pg_backup(ledger, tmp)
        else:
            raise DomainError("backup.error.dialect", dialect=ledger.dialect)
        size = tmp.stat().st_size
        # Recorded before the file takes its name: no backup exists that the trail lacks.
        with ledger.unit_of_work() as uow:
            uow.record(
                actor,
                "ledger.backup",
                f"ledger:{ledger.ledger_id}",
                file=dest.name,
                bytes=size,
                dialect=ledger.dialect,
                os_user=_os_user(),
            )
            uow.commit()
        if dest.exists():  # someone wrote the same name meanwhile: keep theirs
            raise Conflict("backup.error.exists", path=str(dest))
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return BackupResult(dest, size, ledger.dialect, check, audit_key_path(ledger, key_dir))


def _destination(ledger: Ledger, dest: Path) -> Path:
    if dest.is_dir():
        stamp = local(ledger.clock()).strftime("%Y%m%d-%H%M%S")
        suffix = "sqlite3" if ledger.dialect == "sqlite" else "dump"
        dest = dest / f"ledger-{ledger.ledger_id[:8]}-{stamp}.{suffix}"
    if not dest.parent.is_dir():
        raise InvalidInput("backup.error.no_dir", field="dest", path=str(dest.parent))
    if dest.exists():
        raise Conflict("backup.error.exists", path=str(dest))
    return dest


def _sqlite_backup(ledger: Ledger, tmp: Path) -> str:
    if sqlite_path(ledger.engine.url.render_as_string(hide_password=False)) is None:
        raise DomainError("backup.error.memory")
    raw = ledger.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(tmp, isolation_level=None)
        try:
            source.backup(copy)
            # The copy inherits WAL mode; a backup should be one file with no -wal beside it.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        raw.close()
    check = sqlite3.connect(f"{tmp.as_uri()}?mode=ro", uri=True)
    try:
        rows = [str(row[0]) for row in check.execute("PRAGMA integrity_check")]
    finally:
        check.close()
    if rows != ["ok"]:
        raise DomainError("backup.error.integrity", detail="; ".join(rows[:5]))
    return "integrity_check ok"


def _pg_backup(ledger: Ledger, tmp: Path) -> str:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DomainError("backup.error.no_pg_dump")
    url = ledger.engine.url
    env = dict(os.environ)
    if url.password:
        # In the environment, not on the command line where `ps` would show it.
        env["PGPASSWORD"] = str(url.password)
    libpq_url = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False
    )
    done = subprocess.run(
        [pg_dump, "--format=custom", "--no-password", f"--file={tmp}", f"--dbname={libpq_url}"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise DomainError("backup.error.pg_dump_failed", detail=_last_line(done.stderr))
    pg_restore = Path(pg_dump).with_name("pg_restore")
    if not pg_restore.exists():
        return "pg_dump ok"
    listed = subprocess.run(
        [str(pg_restore), "--list", str(tmp)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:
        raise DomainError("backup.error.integrity", detail=_last_line(listed.stderr))
    entries = sum(1 for line in listed.stdout.splitlines() if line and not line.startswith(";"))
    return f"pg_restore --list ok ({entries} entries)"


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "?"


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry for this uid (containers)
        return str(os.getuid())
