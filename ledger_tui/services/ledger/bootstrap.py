"""Open (create or upgrade) a ledger and bind it to its audit key."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger_tui.db.engine import make_engine
from ledger_tui.db.migrate import HEADS, migration_lock, prepare_schema
from ledger_tui.db.models import AuditEntry, LedgerMeta
from ledger_tui.db.uow import SYSTEM, Clock, Ledger, utc_now
from ledger_tui.domain.errors import DomainError
from ledger_tui.system.secrets.keys import KeyMissing, KeyStore

log = logging.getLogger(__name__)

LEDGER_ID = "ledger_id"
LEDGER_NAME = "ledger_name"
WARD_NAME = "ward_name"


def _ensure_ledger_id(session: Session) -> tuple[str, bool]:
    existing = session.get(LedgerMeta, LEDGER_ID)
    if existing is not None:
        return existing.value, False
    new_id = str(uuid.uuid4())
    try:
        with session.begin_nested():
            session.add(LedgerMeta(key=LEDGER_ID, value=new_id))
        session.commit()
        return new_id, True
    except IntegrityError:  # another desk initialised it a moment ago
        session.rollback()
        row = session.get(LedgerMeta, LEDGER_ID)
        assert row is not None
        return row.value, False


def open_ledger(
    url: str,
    key_dir: Path,
    *,
    clock: Clock = utc_now,
    name: str = "",
    upgrade: bool | None = None,
) -> Ledger:
    """Create the schema of a new ledger (or, with `upgrade`, bring an older one to this
    desk's version), then open the ledger with its audit key. By default the embedded
    SQLite ledger is upgraded at start and a shared PostgreSQL one never is: an older
    schema is refused until `ledger-tui upgrade`, a newer one always
    (`db.migrate.prepare_schema`, `db.errors.LedgerUnavailable`).

    Raises `DomainError('error.audit.key_missing')` when the trail already has entries
    but this desk lacks the key file that signs its head.
    """
    engine = make_engine(url)
    if upgrade is None:
        upgrade = engine.dialect.name == "sqlite"
    try:
        before = prepare_schema(engine, upgrade=upgrade)
    except BaseException:
        engine.dispose()
        raise
    with Session(engine) as session:
        ledger_id, created = _ensure_ledger_id(session)
        has_entries = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    store = KeyStore(key_dir)
    try:
        key = (
            store.load(f"audit-{ledger_id}")
            if has_entries
            else store.load_or_create(f"audit-{ledger_id}")
        )
    except KeyMissing as missing:
        engine.dispose()
        raise DomainError("error.audit.key_missing", path=str(missing.path)) from None
    ledger = Ledger(engine=engine, ledger_id=ledger_id, audit_key=key, clock=clock, key_dir=key_dir)
    if created or not has_entries:
        with migration_lock(engine), ledger.unit_of_work() as uow:  # one desk starts the trail
            if not uow.session.scalar(select(func.count()).select_from(AuditEntry)):
                if name:
                    uow.set_meta(LEDGER_NAME, name)
                uow.record(SYSTEM, "ledger.created", f"ledger:{ledger_id}", dialect=ledger.dialect)
                uow.commit()
                log.info("created ledger %s on %s", ledger_id, ledger.dialect)
    elif before:  # an existing ledger was brought to this desk's version
        with ledger.unit_of_work() as uow:
            uow.record(
                SYSTEM,
                "ledger.upgraded",
                f"ledger:{ledger_id}",
                previous=sorted(before),
                schema=sorted(HEADS),
            )
            uow.commit()
        log.warning("upgraded ledger %s from %s to %s", ledger_id, sorted(before), sorted(HEADS))
    return ledger


def ledger_name(ledger: Ledger) -> str:
    with ledger.read_session() as session:
        row = session.get(LedgerMeta, LEDGER_NAME)
        return row.value if row else ""
