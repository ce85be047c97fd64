"""The unit of work owns the session: one user action, one transaction, one trail entry.

`Ledger` is the open ledger (engine, audit key, clock). `UnitOfWork` is a context
manager; services call `uow.record(...)` to append to the audit trail inside the same
transaction as their change, and `uow.commit()` at the end. Leaving the block without
commit rolls everything back, trail entries included.

Services compose: a step that others build on takes the unit of work and never commits
(its name ends in `_in`, e.g. `create_loan_in(uow, ...)`); its entry point for the
front ends, `create_loan = in_transaction(create_loan_in)`, takes the `Ledger`, opens
one unit of work, runs the step and commits. An action of several steps (lend: open the
loan, draft the out-slip) calls the steps inside its own single unit of work, so it
commits all of them or none.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, Self, TypeVar

from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ledger_tui.db.models import AuditEntry, AuditHead, LedgerMeta, Operator
from ledger_tui.domain import audit as chain
from ledger_tui.domain.errors import DomainError, SessionEnded, TrailBroken

# Who acts is the domain's (the front ends hold it too); the unit of work records it.
from ledger_tui.domain.operators import SYSTEM as SYSTEM
from ledger_tui.domain.operators import Actor as Actor
from ledger_tui.domain.operators import is_locked

if TYPE_CHECKING:
    from ledger_tui.config import Settings

Clock = Callable[[], datetime]
P = ParamSpec("P")
R = TypeVar("R")


def utc_now() -> datetime:
    return datetime.now(UTC)


class TrailWitness(Protocol):
    def seen(self) -> tuple[int, str] | None: ...

    def saw(self, seq: int, entry_hash: str, force: bool = False) -> None: ...


def check_active(session: Session, actor: Actor, now: datetime) -> None:
    """`SessionEnded` if the acting operator was disabled or locked meanwhile."""
    if actor.operator_id is None:
        return
    row = session.execute(
        select(Operator.active, Operator.locked_until).where(Operator.id == actor.operator_id)
    ).first()
    if row is None or not row[0] or is_locked(row[1], now):
        raise SessionEnded("error.auth.session_ended", login=actor.login)


@dataclass
class Ledger:
    """An open ledger: the engine, the key that signs the audit head, the clock, and the
    settings it was opened with (the services read the desk's printer, slip copies,
    paper language, loop-device switch and name from there, never the environment)."""

    engine: Engine
    ledger_id: str
    audit_key: bytes
    settings: Settings
    clock: Clock = field(default=utc_now)
    #: Where this desk keeps its key files (audit key, the key sealing archive passwords).
    key_dir: Path | None = None
    #: Which desk this is ("host/desk name"), recorded on each trail entry.
    desk: str = ""
    #: The key sealing archive passwords (derived from the ledger secret).
    seal_key: bytes | None = None
    #: The file the audit key came from (named by refusals: "this key does not verify").
    key_file: str = ""
    #: Set by a desk whose full trail verification failed (and no administrator's
    #: recovery acknowledges the fault): every write is then refused with it.
    trail_fault: DomainError | None = None
    #: The desk witness (outside the database): told the last entry each unit of work
    #: commits, it keeps the highest one this desk has seen signed.
    witness: TrailWitness | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def unit_of_work(self, *, genesis: bool = False, recovery: bool = False) -> UnitOfWork:
        """One transaction. `genesis` (only `open_ledger` on a new ledger) may start the
        trail; `recovery` (only the administrator's `audit recover`) may append to a trail
        whose head does not hold. Every other unit of work checks the head first."""
        return UnitOfWork(self, genesis=genesis, recovery=recovery)

    def read_session(self) -> Session:
        """A session for read-only queries (screens paging the ledgers)."""
        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        """Let go of the ledger's connections (the front end is done with it)."""
        self.engine.dispose()


class UnitOfWork:
    def __init__(self, ledger: Ledger, *, genesis: bool = False, recovery: bool = False) -> None:
        self.ledger = ledger
        self._genesis = genesis
        self._recovery = recovery
        self._session: Session | None = None
        self._head: AuditHead | None = None
        self._active: set[int] = set()
        self.recorded: list[AuditEntry] = []

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its `with` block")
        return self._session

    @property
    def dialect(self) -> str:
        return self.ledger.dialect

    def now(self) -> datetime:
        return self.ledger.clock()

    def __enter__(self) -> Self:
        bind = self.ledger.engine.execution_options(ledger_write=True)
        self._session = Session(bind, expire_on_commit=False, autoflush=True)
        self._session.begin()
        self.recorded = []
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            if session.in_transaction():
                session.rollback()
        finally:
            session.close()
            self._session = None
            self._head = None

    def commit(self) -> None:
        self.session.commit()
        if self.recorded and self.ledger.witness is not None:
            last = self.recorded[-1]
            self.ledger.witness.saw(last.seq, last.entry_hash, force=self._recovery)

    def add_unique(self, row: object, refusal: DomainError) -> None:
        """Add `row` and flush it; when a unique index already holds another desk's row
        (a race the row locks did not prevent), raise `refusal` instead (made before the
        flush: a failed flush expires every object it could name)."""
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:
            raise refusal from None

    def rollback(self) -> None:
        self.session.rollback()
        self._head = None
        self.recorded = []

    def _lock_head(self) -> AuditHead:
        """Take the trail's head under lock (FOR UPDATE on PostgreSQL; on SQLite the
        transaction already holds the write lock: BEGIN IMMEDIATE) and check it before
        anything is appended: its signature verifies under this desk's key and it names
        the last stored entry. A write on top of a head that does not hold would re-sign
        whatever the database now contains (laundering a forged chain), so it is refused."""
        if self._head is None:
            stmt = select(AuditHead).where(AuditHead.id == 1).with_for_update()
            head = self.session.scalars(stmt).one_or_none()
            if not self._recovery:
                self._check_head(head)
            if head is None:
                head = AuditHead(id=1, seq=0, entry_hash=chain.GENESIS_HASH, signature="")
                self.session.add(head)
            self._head = head
        return self._head

    def ensure_active(self, actor: Actor) -> None:
        """Refuse an operator disabled or locked meanwhile (`SessionEnded`)."""
        if actor.operator_id is None or actor.operator_id in self._active:
            return
        check_active(self.session, actor, self.now())
        self._active.add(actor.operator_id)

    def last_entry(self) -> tuple[int, str] | None:
        """(seq, hash) of the newest stored entry, or None on an empty trail."""
        row = self.session.execute(
            select(AuditEntry.seq, AuditEntry.entry_hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        return None if row is None else (int(row[0]), str(row[1]))

    def _check_head(self, head: AuditHead | None) -> None:
        if self.ledger.trail_fault is not None:
            raise self.ledger.trail_fault
        last = self.last_entry()
        if head is None:
            if last is None and self._genesis:
                return
            raise TrailBroken("error.trail.no_head")
        if not chain.head_signature_ok(
            self.ledger.audit_key, self.ledger.ledger_id, head.seq, head.entry_hash, head.signature
        ):
            raise TrailBroken("error.trail.signature", path=self.ledger.key_file)
        if last != (head.seq, head.entry_hash):
            raise TrailBroken(
                "error.trail.head_mismatch", head=head.seq, last=last[0] if last else 0
            )
        seen = self.ledger.witness.seen() if self.ledger.witness is not None else None
        if seen is not None and seen[0] > head.seq:  # put back while this desk was open
            raise TrailBroken("error.trail.behind", seen=seen[0], head=head.seq)

    def rebase_head(self, seq: int, entry_hash: str) -> None:
        """Recovery only: the next entry follows the stored entry (seq, hash)."""
        if not self._recovery:
            raise RuntimeError("rebase_head outside an administrator's recovery")
        head = self._lock_head()
        head.seq, head.entry_hash = seq, entry_hash

    def rekey(self, new_key: bytes) -> None:
        """Check the head under the ledger's current key, then sign from now on with
        `new_key` (adopting the ledger secret; the caller records why)."""
        self._lock_head()
        self.ledger.audit_key = new_key

    def lock_genesis(self) -> None:
        """Serialise desks creating the same new ledger (SQLite: BEGIN IMMEDIATE holds)."""
        if self.dialect == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(7240113)"))

    def record(self, actor: Actor, action: str, subject: str, **details: object) -> AuditEntry:
        """Append one trail entry in this transaction. `details` must hold no personal data.
        The acting operator must still be active and not locked (checked once per unit of
        work: an account disabled on another desk stops working at its next action)."""
        self.ensure_active(actor)
        head = self._lock_head()
        seq = head.seq + 1
        moment = self.now()
        details_text = chain.canonical_details(details)
        digest = chain.entry_hash(
            seq,
            chain.canonical_time(moment),
            actor.login,
            action,
            subject,
            details_text,
            head.entry_hash,
            self.ledger.desk,
        )
        entry = AuditEntry(
            seq=seq,
            recorded_at=moment,
            operator_id=actor.operator_id,
            actor=actor.login,
            action=action,
            subject=subject,
            details=details_text,
            prev_hash=head.entry_hash,
            entry_hash=digest,
            desk=self.ledger.desk,
        )
        self.session.add(entry)
        head.seq = seq
        head.entry_hash = digest
        head.signature = chain.sign_head(self.ledger.audit_key, self.ledger.ledger_id, seq, digest)
        self.recorded.append(entry)
        return entry

    def meta(self, key: str) -> str | None:
        row = self.session.get(LedgerMeta, key)
        return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        row = self.session.get(LedgerMeta, key)
        if row is None:
            self.session.add(LedgerMeta(key=key, value=value))
        else:
            row.value = value


def in_transaction(
    step: Callable[Concatenate[UnitOfWork, P], R],
) -> Callable[Concatenate[Ledger, P], R]:
    """The entry point of a service step: one unit of work around the step, committed
    when the step returns, rolled back (trail entries included) when it raises."""

    @functools.wraps(step)
    def entry(ledger: Ledger, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with ledger.unit_of_work() as uow:
            result = step(uow, *args, **kwargs)
            uow.commit()
            return result

    entry.__name__ = step.__name__.removesuffix("_in")
    entry.__qualname__ = step.__qualname__.removesuffix("_in")
    return entry
