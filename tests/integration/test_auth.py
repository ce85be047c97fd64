"""Login with argon2id, lockout after five wrong passwords, roles, first run."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ledger_tui.db.models import Operator
from ledger_tui.db.paging import TrailPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import AuthError, Conflict, InvalidInput
from ledger_tui.domain.operators import Role
from ledger_tui.services import auth
from tests.conftest import ADMIN_PASSWORD, FakeClock


def test_first_run_creates_one_admin_only(ledger: Ledger) -> None:
    assert auth.needs_first_admin(ledger)
    auth.create_first_admin(ledger, "Admin", "管理 一郎", ADMIN_PASSWORD)
    assert not auth.needs_first_admin(ledger)
    with pytest.raises(AuthError):
        auth.create_first_admin(ledger, "other", "他", ADMIN_PASSWORD)


def test_password_is_stored_as_argon2id(ledger: Ledger, admin: Actor) -> None:
    with ledger.read_session() as session:
        stored = session.scalars(select(Operator.password_hash)).one()
    assert stored.startswith("$argon2id$") and ADMIN_PASSWORD not in stored


def test_login_success_and_wrong_password(ledger: Ledger, admin: Actor) -> None:
    actor = auth.login(ledger, "ADMIN", ADMIN_PASSWORD)
    assert actor.is_admin and actor.login == "admin"
    with pytest.raises(AuthError) as wrong:
        auth.login(ledger, "admin", "nope-nope-nope")
    assert wrong.value.key == "error.auth.bad_credentials"
    with pytest.raises(AuthError) as unknown:
        auth.login(ledger, "ghost", "whatever-whatever")
    assert unknown.value.key == "error.auth.bad_credentials"


def test_five_wrong_passwords_lock_for_five_minutes(
    ledger: Ledger, admin: Actor, clock: FakeClock
) -> None:
    for _ in range(4):
        with pytest.raises(AuthError) as caught:
            auth.login(ledger, "admin", "wrong-password!")
        assert caught.value.key == "error.auth.bad_credentials"
    with pytest.raises(AuthError) as locked:
        auth.login(ledger, "admin", "wrong-password!")
    assert locked.value.key == "error.auth.locked"
    # Even the right password is refused while locked.
    with pytest.raises(AuthError) as still:
        auth.login(ledger, "admin", ADMIN_PASSWORD)
    assert still.value.key == "error.auth.locked"
    clock.advance(minutes=5, seconds=1)
    assert auth.login(ledger, "admin", ADMIN_PASSWORD).login == "admin"
    actions = [r.action for r in TrailPager(ledger.engine, "auth.").page_after(None, 20)]
    assert "auth.locked" in actions and actions.count("auth.failed") == 5


def test_only_admins_manage_operators(ledger: Ledger, admin: Actor) -> None:
    op = auth.add_operator(ledger, admin, "tanaka", "田中 花子", "operator-pass-1")
    assert op.role is Role.OPERATOR
    actor = auth.login(ledger, "tanaka", "operator-pass-1")
    with pytest.raises(AuthError) as refused:
        auth.add_operator(ledger, actor, "x", "X", "operator-pass-1")
    assert refused.value.key == "error.auth.admin_only"
    with pytest.raises(Conflict):
        auth.add_operator(ledger, admin, "tanaka", "田中", "operator-pass-1")
    with pytest.raises(InvalidInput):
        auth.add_operator(ledger, admin, "short", "S", "short")


def test_deactivated_operator_cannot_log_in_and_last_admin_stays(
    ledger: Ledger, admin: Actor
) -> None:
    auth.add_operator(ledger, admin, "tanaka", "田中 花子", "operator-pass-1")
    auth.set_operator_active(ledger, admin, "tanaka", False)
    with pytest.raises(AuthError) as inactive:
        auth.login(ledger, "tanaka", "operator-pass-1")
    assert inactive.value.key == "error.auth.inactive"
    with pytest.raises(AuthError) as last:
        auth.set_operator_active(ledger, admin, "admin", False)
    assert last.value.key == "error.auth.last_admin"
