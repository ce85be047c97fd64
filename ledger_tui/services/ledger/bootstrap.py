"""Open (create or upgrade) a ledger and bind it to its audit key."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger_tui.db.engine import make_engine
from ledger_tui.db.migrate import upgrade_to_head
from ledger_tui.db.models import AuditEntry, AuditHead, LedgerMeta
from ledger_tui.db.uow import SYSTEM, Clock, Ledger, utc_now
from ledger_tui.domain import audit as chain
from ledger_tui.domain.errors import DomainError, TrailBroken
from ledger_tui.services.trail.witness import attach_witness
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
    check_head: bool = True,
) -> Ledger:
    """Create or upgrade the schema to head, then open the ledger with its audit key.

    Raises `DomainError('error.audit.key_missing')` when the trail already has entries
    but this desk lacks the key file that signs its head; `TrailBroken` when this desk's
    key does not verify the stored head (another ledger's key, or a forged head; not
    with `check_head=False`, which `audit verify` and `audit recover` use to report and
    repair), and when a ledger that is not new has lost its whole trail.
    """
    engine = make_engine(url)
    upgrade_to_head(engine)
    with Session(engine) as session:
        ledger_id, created = _ensure_ledger_id(session)
        has_entries = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
        head = session.get(AuditHead, 1)
    store = KeyStore(key_dir)
    key_name = f"audit-{ledger_id}"
    key_path = store.path(key_name)
    key_existed = key_path.exists()
    try:
        key = store.load(key_name) if has_entries else store.load_or_create(key_name)
    except KeyMissing as missing:
        engine.dispose()
        raise DomainError("error.audit.key_missing", path=str(missing.path)) from None
    except ValueError:  # a damaged (e.g. empty) key file
        engine.dispose()
        raise DomainError("error.audit.key_damaged", path=str(key_path)) from None
    ledger = Ledger(
        engine=engine,
        ledger_id=ledger_id,
        audit_key=key,
        clock=clock,
        key_dir=key_dir,
        key_file=str(key_path),
    )
    try:
        if check_head and head is not None and has_entries:
            if not chain.head_signature_ok(
                key, ledger_id, head.seq, head.entry_hash, head.signature
            ):
                raise TrailBroken("error.trail.wrong_key", path=str(key_path))
        signed = (head.seq, head.entry_hash) if head is not None and has_entries else None
        attach_witness(ledger, signed, check=check_head)
        if not has_entries:
            _start_trail(ledger, name, fresh=created or not key_existed)
    except BaseException:
        engine.dispose()
        raise
    return ledger


#: Tables whose rows mean a ledger has been used (a new ledger has none of them).
_USED_TABLES = ("operators", "sections", "contractors", "contracts", "media")


def _start_trail(ledger: Ledger, name: str, *, fresh: bool) -> None:
    """Record `ledger.created` on a new ledger. A ledger that is not new (its key existed
    before, its head or its tables hold data) but has no trail entries lost its trail:
    refuse rather than start it again as if nothing had happened."""
    with ledger.unit_of_work(genesis=True) as uow:
        uow.lock_genesis()
        if uow.last_entry() is not None:  # another desk created it a moment ago
            return
        used = uow.session.get(AuditHead, 1) is not None or any(
            uow.session.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first()
            for table in _USED_TABLES
        )
        if used or not fresh:
            raise TrailBroken("error.trail.emptied", path=ledger.key_file)
        if name:
            uow.set_meta(LEDGER_NAME, name)
        uow.record(SYSTEM, "ledger.created", f"ledger:{ledger.ledger_id}", dialect=ledger.dialect)
        uow.commit()
    log.info("created ledger %s on %s", ledger.ledger_id, ledger.dialect)


def ledger_name(ledger: Ledger) -> str:
    with ledger.read_session() as session:
        row = session.get(LedgerMeta, LEDGER_NAME)
        return row.value if row else ""
