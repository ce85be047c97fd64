"""Open (create or upgrade) a ledger and bind it to its audit key."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger_tui.config import Settings, desk_identity
from ledger_tui.db.engine import make_engine
from ledger_tui.db.errors import LedgerUnavailable
from ledger_tui.db.migrate import HEADS, prepare_schema
from ledger_tui.db.models import AuditEntry, AuditHead, LedgerMeta
from ledger_tui.db.uow import SYSTEM, Clock, Ledger, utc_now
from ledger_tui.domain import audit as chain
from ledger_tui.domain.errors import DomainError, TrailBroken
from ledger_tui.services.paper import LEDGER_NAME_KEY
from ledger_tui.services.trail.witness import attach_witness
from ledger_tui.system.secrets.keys import (
    AUDIT_HEAD,
    PASSWORD_SEAL,
    KeyMissing,
    KeyStore,
    derive_key,
    ledger_secret_name,
    legacy_audit_key_name,
)
from ledger_tui.system.secrets.witness import Witness, WitnessDamaged

log = logging.getLogger(__name__)

LEDGER_ID = "ledger_id"


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
    settings: Settings | None = None,
    clock: Clock = utc_now,
    name: str = "",
    check_head: bool = True,
    upgrade: bool | None = None,
) -> Ledger:
    """Create the schema of a new ledger (or, with `upgrade`, bring an older one to this
    desk's version), then open the ledger with its audit key. By default the embedded
    SQLite ledger is upgraded at start and a shared PostgreSQL one never is: an older
    schema is refused until `ledger-tui upgrade`, a newer one always
    (`db.migrate.prepare_schema`, `db.errors.LedgerUnavailable`).

    Raises `DomainError('error.audit.key_missing')` when the trail already has entries
    but this desk lacks the key file that signs its head; `TrailBroken` when this desk's
    key does not verify the stored head (another ledger's key, or a forged head; not
    with `check_head=False`, which `audit verify` and `audit recover` use to report and
    repair), and when a ledger that is not new has lost its whole trail.

    The ledger carries `settings` (the entry point's; without them, the built-in
    defaults, never the environment's).
    """
    if settings is None:
        settings = Settings(db_url=url, key_dir=key_dir)
    desk = desk_identity(settings.desk_name)
    engine = make_engine(url, application_name=f"ledger-tui {desk}")
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
        head = session.get(AuditHead, 1)
    store = KeyStore(key_dir)
    secret_name = ledger_secret_name(ledger_id)
    secret_path = store.path(secret_name)
    legacy_path = store.path(legacy_audit_key_name(ledger_id))
    key_existed = secret_path.exists() or legacy_path.exists()
    legacy: bytes | None = None
    made_secret = False
    try:
        if secret_path.exists():
            secret = store.load(secret_name)
        elif legacy_path.exists():
            # A ledger from before the ledger secret: its audit key file becomes it.
            secret = legacy = store.load(legacy_audit_key_name(ledger_id))
        elif has_entries:
            raise KeyMissing(secret_path)
        else:
            secret = store.load_or_create(secret_name)
            made_secret = True
    except KeyMissing as missing:
        engine.dispose()
        raise DomainError("error.audit.key_missing", path=str(missing.path)) from None
    except ValueError:  # a damaged (e.g. empty) key file
        engine.dispose()
        damaged = secret_path if secret_path.exists() else legacy_path
        raise DomainError("error.audit.key_damaged", path=str(damaged)) from None
    ledger = Ledger(
        engine=engine,
        ledger_id=ledger_id,
        audit_key=derive_key(secret, AUDIT_HEAD),
        settings=settings,
        seal_key=derive_key(secret, PASSWORD_SEAL),
        clock=clock,
        key_dir=key_dir,
        key_file=str(secret_path),
        desk=desk,
    )
    try:
        if legacy is not None and head is not None and has_entries:
            _adopt_secret(ledger, store, legacy, head, check_head)
        signed = (head.seq, head.entry_hash) if head is not None and has_entries else None
        if check_head and head is not None and has_entries:
            if not chain.head_signature_ok(
                ledger.audit_key, ledger_id, head.seq, head.entry_hash, head.signature
            ):
                raise TrailBroken("error.trail.wrong_key", path=str(secret_path))
        attach_witness(ledger, signed, check=check_head)
        if not has_entries and not _start_trail(ledger, name, fresh=created or not key_existed):
            _joined_new_ledger(ledger, secret_path if made_secret else None)
        if before and has_entries:  # an existing ledger brought to this desk's version
            _record_upgrade(ledger, before)
    except BaseException:
        engine.dispose()
        raise
    return ledger


def schema_versions() -> list[str]:
    """This desk's schema version(s), for the front ends to show."""
    return sorted(HEADS)


def explain_failure(error: BaseException) -> LedgerUnavailable | None:
    """The operator's reading of a database failure (`db.errors.classify`), or None."""
    from ledger_tui.db.errors import classify

    return classify(error)


def _record_upgrade(ledger: Ledger, before: frozenset[str]) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(
            SYSTEM,
            "ledger.upgraded",
            f"ledger:{ledger.ledger_id}",
            previous=sorted(before),
            schema=sorted(HEADS),
        )
        uow.commit()
    log.warning("upgraded ledger %s from %s to %s", ledger.ledger_id, sorted(before), sorted(HEADS))


def _adopt_secret(
    ledger: Ledger, store: KeyStore, legacy: bytes, head: AuditHead, check_head: bool
) -> None:
    """Turn a ledger from before the ledger secret into one with it: its old audit key
    file's bytes become the ledger secret (every desk holding the old key derives the
    same keys), the head is signed again under the derived key in a recorded entry
    (`ledger.secret_adopted`) and so is this desk's witness."""
    derived = ledger.audit_key
    args = (ledger.ledger_id, head.seq, head.entry_hash, head.signature)
    if chain.head_signature_ok(derived, *args):
        pass  # another desk of this ledger adopted it already
    elif chain.head_signature_ok(legacy, *args):
        old_witness = Witness(store.directory, ledger.ledger_id, legacy)
        try:
            seen = old_witness.seen()
        except WitnessDamaged:
            seen = None
        ledger.audit_key = legacy
        with ledger.unit_of_work() as uow:
            uow.rekey(derived)
            uow.record(
                SYSTEM,
                "ledger.secret_adopted",
                f"ledger:{ledger.ledger_id}",
                secret_file=store.path(ledger_secret_name(ledger.ledger_id)).name,
            )
            uow.commit()
        if seen is not None:
            Witness(store.directory, ledger.ledger_id, derived).saw(*seen, force=True)
        head.seq, head.entry_hash = uow.recorded[-1].seq, uow.recorded[-1].entry_hash
        head.signature = chain.sign_head(derived, ledger.ledger_id, head.seq, head.entry_hash)
    elif check_head:
        raise TrailBroken(
            "error.trail.wrong_key", path=str(store.path(legacy_audit_key_name(ledger.ledger_id)))
        )
    else:
        return  # `audit verify` reports the signature; nothing is adopted
    store.create(ledger_secret_name(ledger.ledger_id), legacy)


def _joined_new_ledger(ledger: Ledger, made: Path | None) -> None:
    """Another desk created this ledger while this one opened it: this desk's key must
    verify its head, or the ledger secret was not copied from that desk."""
    with ledger.read_session() as session:
        head = session.get(AuditHead, 1)
    if head is not None and chain.head_signature_ok(
        ledger.audit_key, ledger.ledger_id, head.seq, head.entry_hash, head.signature
    ):
        return
    if made is not None:
        made.unlink(missing_ok=True)  # a secret of its own would only mislead
    raise DomainError("error.audit.key_missing", path=ledger.key_file)


#: Tables whose rows mean a ledger has been used (a new ledger has none of them).
_USED_TABLES = ("operators", "sections", "contractors", "contracts", "media")


def _start_trail(ledger: Ledger, name: str, *, fresh: bool) -> bool:
    """Record `ledger.created` on a new ledger. A ledger that is not new (its key existed
    before, its head or its tables hold data) but has no trail entries lost its trail:
    refuse rather than start it again as if nothing had happened."""
    with ledger.unit_of_work(genesis=True) as uow:
        uow.lock_genesis()
        if uow.last_entry() is not None:  # another desk created it a moment ago
            return False
        used = uow.session.get(AuditHead, 1) is not None or any(
            uow.session.execute(text(f"SELECT 1 FROM {table} LIMIT 1")).first()
            for table in _USED_TABLES
        )
        if used or not fresh:
            raise TrailBroken("error.trail.emptied", path=ledger.key_file)
        if name:
            uow.set_meta(LEDGER_NAME_KEY, name)
        uow.record(SYSTEM, "ledger.created", f"ledger:{ledger.ledger_id}", dialect=ledger.dialect)
        uow.commit()
    log.info("created ledger %s on %s", ledger.ledger_id, ledger.dialect)
    return True
