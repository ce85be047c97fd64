"""Operators: first administrator, login with lockout, accounts managed by admins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from ledger_tui.db.models import Operator, Section
from ledger_tui.db.uow import SYSTEM, Actor, Ledger, UnitOfWork, check_active
from ledger_tui.domain.clock import format_local
from ledger_tui.domain.errors import AuthError, Conflict, InvalidInput, NotFound
from ledger_tui.domain.hashing import dummy_hash, hash_secret, needs_rehash, verify_secret
from ledger_tui.domain.operators import (
    Role,
    after_failed_attempt,
    check_password_strength,
    is_locked,
    normalise_login,
)
from ledger_tui.domain.text import clean_text


@dataclass(frozen=True, slots=True)
class OperatorView:
    id: int
    login: str
    name: str
    role: Role
    section: str
    active: bool
    locked: bool


def require_admin(actor: Actor) -> None:
    if not actor.is_admin:
        raise AuthError("error.auth.admin_only")


def _actor(op: Operator) -> Actor:
    return Actor(login=op.login, operator_id=op.id, role=op.role, name=op.name)


def needs_first_admin(ledger: Ledger) -> bool:
    with ledger.read_session() as session:
        count = session.scalar(
            select(func.count()).select_from(Operator).where(Operator.role == Role.ADMIN)
        )
        return not count


def _new_operator(
    uow: UnitOfWork, login: str, name: str, role: Role, password: str, section_code: str
) -> Operator:
    login = normalise_login(login)
    name = clean_text(name, "name", 200, required=True)
    check_password_strength(password)
    if uow.session.scalar(select(Operator.id).where(Operator.login == login)) is not None:
        raise Conflict("error.operator.duplicate", login=login)
    section_id = None
    if section_code:
        section_id = uow.session.scalar(select(Section.id).where(Section.code == section_code))
        if section_id is None:
            raise NotFound("error.section.not_found", code=section_code)
    operator = Operator(
        login=login,
        name=name.strip(),
        role=role,
        section_id=section_id,
        password_hash=hash_secret(password),
        failed_attempts=0,
        active=True,
        created_at=uow.now(),
    )
    uow.session.add(operator)
    uow.session.flush()
    return operator


def create_first_admin(ledger: Ledger, login: str, name: str, password: str) -> Actor:
    """First-run: only allowed while the ledger has no administrator."""
    with ledger.unit_of_work() as uow:
        has_admin = uow.session.scalar(
            select(func.count()).select_from(Operator).where(Operator.role == Role.ADMIN)
        )
        if has_admin:
            raise AuthError("error.auth.first_run_done")
        operator = _new_operator(uow, login, name, Role.ADMIN, password, "")
        uow.record(SYSTEM, "operator.first_admin", f"operator:{operator.login}")
        uow.commit()
        return _actor(operator)


def add_operator(
    ledger: Ledger,
    actor: Actor,
    login: str,
    name: str,
    password: str,
    role: Role = Role.OPERATOR,
    section_code: str = "",
) -> OperatorView:
    require_admin(actor)
    with ledger.unit_of_work() as uow:
        operator = _new_operator(uow, login, name, role, password, section_code)
        uow.record(actor, "operator.added", f"operator:{operator.login}", role=role.value)
        uow.commit()
        return _view(operator, uow)


def login(ledger: Ledger, login_name: str, password: str) -> Actor:
    """Check a password. Five wrong in a row lock the account for five minutes."""
    try:
        login_name = normalise_login(login_name)
    except InvalidInput:
        raise AuthError("error.auth.bad_credentials") from None
    with ledger.unit_of_work() as uow:
        # Under lock: concurrent wrong passwords are counted one after the other (read
        # without it, sixty at once on PostgreSQL left the count at 3, unlocked).
        operator = uow.session.scalars(
            select(Operator).where(Operator.login == login_name).with_for_update()
        ).one_or_none()
        if operator is None:
            verify_secret(dummy_hash(), password)
            uow.record(SYSTEM, "auth.failed", "operator:?", known=False)
            uow.commit()
            raise AuthError("error.auth.bad_credentials")
        now = uow.now()
        if is_locked(operator.locked_until, now):
            assert operator.locked_until is not None
            uow.record(SYSTEM, "auth.refused_locked", f"operator:{operator.login}")
            uow.commit()
            raise AuthError("error.auth.locked", until=_local(operator.locked_until))
        if not verify_secret(operator.password_hash, password):
            count, until = after_failed_attempt(operator.failed_attempts, now)
            operator.failed_attempts = count
            operator.locked_until = until
            uow.record(SYSTEM, "auth.failed", f"operator:{operator.login}", known=True)
            if until is not None:
                uow.record(
                    SYSTEM, "auth.locked", f"operator:{operator.login}", until=until.isoformat()
                )
            uow.commit()
            if until is not None:
                raise AuthError("error.auth.locked", until=_local(until))
            raise AuthError("error.auth.bad_credentials")
        if not operator.active:
            uow.record(SYSTEM, "auth.refused_inactive", f"operator:{operator.login}")
            uow.commit()
            raise AuthError("error.auth.inactive")
        operator.failed_attempts = 0
        operator.locked_until = None
        if needs_rehash(operator.password_hash):
            operator.password_hash = hash_secret(password)
        actor = _actor(operator)
        uow.record(actor, "auth.login", f"operator:{operator.login}")
        uow.commit()
        return actor


def authenticate_unrecorded(uow: UnitOfWork, login_name: str, password: str) -> Actor:
    """Check a password inside `uow` without a trail entry: only for the administrator's
    recovery of a trail that cannot be appended to. Wrong passwords still count towards
    the lockout (the count is committed; the refusal cannot be on the trail)."""
    try:
        login_name = normalise_login(login_name)
    except InvalidInput:
        raise AuthError("error.auth.bad_credentials") from None
    operator = uow.session.scalars(
        select(Operator).where(Operator.login == login_name).with_for_update()
    ).one_or_none()
    if operator is None:
        verify_secret(dummy_hash(), password)
        raise AuthError("error.auth.bad_credentials")
    now = uow.now()
    if is_locked(operator.locked_until, now):
        assert operator.locked_until is not None
        raise AuthError("error.auth.locked", until=_local(operator.locked_until))
    if not verify_secret(operator.password_hash, password):
        operator.failed_attempts, operator.locked_until = after_failed_attempt(
            operator.failed_attempts, now
        )
        uow.commit()
        raise AuthError("error.auth.bad_credentials")
    if not operator.active:
        raise AuthError("error.auth.inactive")
    operator.failed_attempts = 0
    operator.locked_until = None
    return _actor(operator)


def login_unrecorded(ledger: Ledger, login_name: str, password: str) -> Actor:
    """Check a password on a ledger whose trail is broken (nothing can be recorded; the
    caller may only read): wrong passwords still count towards the lockout."""
    with ledger.unit_of_work() as uow:
        actor = authenticate_unrecorded(uow, login_name, password)
        uow.commit()
        return actor


def ensure_active(ledger: Ledger, actor: Actor) -> None:
    """Before each of the desk's service calls: the operator is still active and not
    locked (`SessionEnded` otherwise; an account disabled on another desk stops here)."""
    if actor.operator_id is None:
        return
    with ledger.read_session() as session:
        check_active(session, actor, ledger.clock())


def record_session_event(ledger: Ledger, actor: Actor, action: str) -> None:
    """Trail entries for the workstation lock: `session.locked`, `session.logout`."""
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, f"operator:{actor.login}")
        uow.commit()


def set_operator_active(ledger: Ledger, actor: Actor, login_name: str, active: bool) -> None:
    require_admin(actor)
    with ledger.unit_of_work() as uow:
        operator = _get(uow, login_name)
        if not active and operator.role is Role.ADMIN:
            _ensure_other_admin(uow, operator)
        operator.active = active
        uow.record(
            actor,
            "operator.activated" if active else "operator.deactivated",
            f"operator:{operator.login}",
        )
        uow.commit()


def reset_password(ledger: Ledger, actor: Actor, login_name: str, password: str) -> None:
    """An admin sets a new password (also unlocks); an operator may change their own."""
    if actor.login != normalise_login(login_name):
        require_admin(actor)
    check_password_strength(password)
    with ledger.unit_of_work() as uow:
        operator = _get(uow, login_name)
        operator.password_hash = hash_secret(password)
        operator.failed_attempts = 0
        operator.locked_until = None
        uow.record(actor, "operator.password_set", f"operator:{operator.login}")
        uow.commit()


def list_operators(ledger: Ledger) -> list[OperatorView]:
    with ledger.unit_of_work() as uow:
        ops = uow.session.scalars(select(Operator).order_by(Operator.login)).all()
        return [_view(op, uow) for op in ops]


def _ensure_other_admin(uow: UnitOfWork, operator: Operator) -> None:
    others = uow.session.scalar(
        select(func.count())
        .select_from(Operator)
        .where(Operator.role == Role.ADMIN, Operator.active.is_(True), Operator.id != operator.id)
    )
    if not others:
        raise AuthError("error.auth.last_admin")


def _get(uow: UnitOfWork, login_name: str) -> Operator:
    login_name = normalise_login(login_name)
    operator = uow.session.scalars(
        select(Operator).where(Operator.login == login_name)
    ).one_or_none()
    if operator is None:
        raise NotFound("error.operator.not_found", login=login_name)
    return operator


def _view(op: Operator, uow: UnitOfWork) -> OperatorView:
    return OperatorView(
        id=op.id,
        login=op.login,
        name=op.name,
        role=op.role,
        section=op.section.name if op.section else "",
        active=op.active,
        locked=is_locked(op.locked_until, uow.now()),
    )


def _local(moment: datetime) -> str:
    return format_local(moment, with_seconds=True)
