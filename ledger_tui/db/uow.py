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
from typing import Concatenate, ParamSpec, Self, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ledger_tui.db.models import AuditEntry, AuditHead, LedgerMeta
from ledger_tui.domain import audit as chain
from ledger_tui.domain.operators import Role

Clock = Callable[[], datetime]
P = ParamSpec("P")
R = TypeVar("R")


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does an action: a logged-in operator, or the system (init, migrations)."""

    login: str
    operator_id: int | None = None
    role: Role = Role.OPERATOR
    name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


SYSTEM = Actor(login="system", role=Role.ADMIN)


@dataclass
class Ledger:
    """An open ledger: the engine, the key that signs the audit head, and the clock."""

    engine: Engine
    ledger_id: str
    audit_key: bytes
    clock: Clock = field(default=utc_now)
    #: Where this desk keeps its key files (audit key, the key sealing archive passwords).
    key_dir: Path | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self)

    def read_session(self) -> Session:
        """A session for read-only queries (screens paging the ledgers)."""
        return Session(self.engine, expire_on_commit=False)


class UnitOfWork:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self._session: Session | None = None
        self._head: AuditHead | None = None
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

    def rollback(self) -> None:
        self.session.rollback()
        self._head = None
        self.recorded = []

    def _lock_head(self) -> AuditHead:
        """Take the trail's head under lock: FOR UPDATE on PostgreSQL; on SQLite the
        transaction already holds the write lock (BEGIN IMMEDIATE)."""
        if self._head is None:
            stmt = select(AuditHead).where(AuditHead.id == 1).with_for_update()
            head = self.session.scalars(stmt).one_or_none()
            if head is None:
                head = AuditHead(id=1, seq=0, entry_hash=chain.GENESIS_HASH, signature="")
                self.session.add(head)
            self._head = head
        return self._head

    def record(self, actor: Actor, action: str, subject: str, **details: object) -> AuditEntry:
        """Append one trail entry in this transaction. `details` must hold no personal data."""
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

    return entry
