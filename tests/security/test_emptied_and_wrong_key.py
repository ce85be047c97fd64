"""Hole 2: an emptied trail used to restart as a new ledger (a fresh `ledger.created`,
verify intact). Hole 4: a desk with the wrong key used to write and take over the head."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import TrailBroken
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.system.secrets.keys import KeyStore, ledger_secret_name
from tests.conftest import FakeClock
from tests.security.forgery import execute, fill


@pytest.mark.parametrize("also_meta", [False, True], ids=["trail", "trail_and_ledger_id"])
def test_an_emptied_trail_is_not_a_new_ledger(
    ledger: Ledger, admin: Actor, db_url: str, key_dir: Path, clock: FakeClock, also_meta: bool
) -> None:
    fill(ledger, admin, 3)
    execute(ledger, "DELETE FROM audit_entries")
    execute(ledger, "DELETE FROM audit_head")
    if also_meta:
        execute(ledger, "DELETE FROM ledger_meta")
    ledger.engine.dispose()
    with pytest.raises(TrailBroken) as refused:
        open_ledger(db_url, key_dir, clock=clock)
    assert refused.value.key == "error.trail.emptied"


def test_an_emptied_trail_of_an_unused_ledger_with_its_key_is_not_new(
    ledger: Ledger, db_url: str, key_dir: Path, clock: FakeClock
) -> None:
    """Nothing but `ledger.created` yet: the key file alone says the ledger existed."""
    execute(ledger, "DELETE FROM audit_entries")
    execute(ledger, "DELETE FROM audit_head")
    ledger.engine.dispose()
    with pytest.raises(TrailBroken):
        open_ledger(db_url, key_dir, clock=clock)


def test_a_desk_with_the_wrong_key_is_refused_at_open(
    ledger: Ledger, admin: Actor, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    fill(ledger, admin, 2)
    other = tmp_path / "other-desk-keys"
    KeyStore(other).load_or_create(ledger_secret_name(ledger.ledger_id))
    with pytest.raises(TrailBroken) as refused:
        open_ledger(db_url, other, clock=clock)
    path = str(KeyStore(other).path(ledger_secret_name(ledger.ledger_id)))
    assert path in refused.value.message("en") and path in refused.value.message("ja")
    assert verify_trail(ledger).ok  # the head is untouched: the right desk still verifies
