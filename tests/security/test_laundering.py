"""Hole 1: laundering a forged trail through any write.

After each kind of forgery, the next write of anyone (even a failed login of an unknown
user) used to re-sign the head on top of the forged chain, and `audit verify` said
intact. Now every write checks the stored head first and refuses; only an
administrator's recorded recovery continues the trail."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import AuthError, TrailBroken
from ledger_tui.services import auth
from ledger_tui.services.trail.recover import recover_trail
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import ADMIN_PASSWORD
from tests.security.forgery import FORGERIES, fill, launder


@pytest.mark.parametrize("forgery", sorted(FORGERIES))
def test_no_write_launders_a_forged_trail(ledger: Ledger, admin: Actor, forgery: str) -> None:
    fill(ledger, admin, 75)
    FORGERIES[forgery](ledger)
    assert not verify_trail(ledger).ok
    with pytest.raises(TrailBroken) as refused:
        auth.login(ledger, "nobody", "wrong-password-123")  # a failed login of an unknown user
    assert "ledger-tui audit recover" in refused.value.message("en")
    assert "audit recover" in refused.value.message("ja")
    with pytest.raises(TrailBroken):
        auth.login(ledger, "admin", ADMIN_PASSWORD)
    assert not verify_trail(ledger).ok


def _recovery_entries(ledger: Ledger) -> list[dict[str, object]]:
    with ledger.read_session() as session:
        rows = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "audit.recovered")
        ).all()
    return [json.loads(row) for row in rows]


def test_an_administrator_records_the_recovery(ledger: Ledger, admin: Actor) -> None:
    fill(ledger, admin, 75)
    launder(ledger)
    with pytest.raises(AuthError):
        recover_trail(ledger, "admin", "wrong-password-123", "seen in verify")
    assert _recovery_entries(ledger) == []
    done = recover_trail(ledger, "admin", ADMIN_PASSWORD, "rows deleted by SQL, see ticket 7")
    (entry,) = _recovery_entries(ledger)
    assert entry["reason"] == "rows deleted by SQL, see ticket 7"
    assert entry["old_head_signature_ok"] is False and entry["fault"] == "audit.bad.signature"
    assert entry["last_seq"] == done.last_seq == done.seq - 1
    # The trail continues: logins are recorded again, and the recovery is in the chain.
    auth.login(ledger, "admin", ADMIN_PASSWORD)
    assert verify_trail(ledger).ok


def test_only_an_administrator_recovers(ledger: Ledger, admin: Actor) -> None:
    from ledger_tui.domain.operators import Role

    auth.add_operator(ledger, admin, "desk", "窓口 花子", "desk-password-456", Role.OPERATOR)
    fill(ledger, admin, 75)
    launder(ledger)
    with pytest.raises(AuthError):
        recover_trail(ledger, "desk", "desk-password-456", "trying")
    assert _recovery_entries(ledger) == []


def test_a_fault_inside_the_chain_stays_named_after_recovery(ledger: Ledger, admin: Actor) -> None:
    from ledger_tui.services.trail.guard import guard_writes
    from tests.security.forgery import execute

    fill(ledger, admin, 10)
    execute(ledger, "UPDATE audit_entries SET subject = 'medium:FORGED' WHERE seq = 5")
    report = verify_trail(ledger)
    assert guard_writes(ledger, report)
    with pytest.raises(TrailBroken):  # the desk that verified refuses its writes
        auth.login(ledger, "admin", ADMIN_PASSWORD)
    done = recover_trail(ledger, "admin", ADMIN_PASSWORD, "entry 5 edited by SQL")
    after = verify_trail(ledger)
    assert (after.ok, after.first_bad_seq) == (False, 5)
    assert f"{done.seq}" in guard_writes(ledger, after)  # names the acknowledging entry
    auth.login(ledger, "admin", ADMIN_PASSWORD)  # acknowledged: the desk works again
