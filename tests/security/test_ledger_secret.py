"""Hole 5: archive passwords used to be sealed under a per-desk key nobody was told to
copy (desk A could not open desk B's passwords). One ledger secret file now, created by
`init` and named by its reminders; each purpose's key is derived from it (HKDF)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain import audit as chain
from ledger_tui.domain.errors import DomainError
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.loading.load import seal_key, unseal_keys
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.system.secrets.keys import KeyStore, ledger_secret_name, legacy_audit_key_name
from ledger_tui.system.secrets.sealing import seal, seal_key_name, seal_with, unseal_with
from tests.conftest import FakeClock
from tests.integration.test_cli import Cli
from tests.security.forgery import fill


def test_a_second_desk_with_the_secret_opens_the_first_desks_passwords(
    ledger: Ledger, admin: Actor, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    assert ledger.key_dir is not None
    desk_b = tmp_path / "desk-b-keys"
    desk_b.mkdir()
    name = ledger_secret_name(ledger.ledger_id)
    shutil.copy(KeyStore(ledger.key_dir).path(name), KeyStore(desk_b).path(name))
    other = open_ledger(db_url, desk_b, clock=clock)
    try:
        token = seal_with(seal_key(ledger), "K7MX-3FHT-9ACE-WXYV", "load:1:a.zip")
        assert unseal_with(unseal_keys(other), token, "load:1:a.zip") == "K7MX-3FHT-9ACE-WXYV"
        assert seal_key(other) != other.audit_key  # one key per purpose
    finally:
        other.engine.dispose()


def test_a_desk_lacking_the_secret_refuses_at_start_naming_it(
    ledger: Ledger, admin: Actor, db_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    empty = tmp_path / "desk-without-keys"
    with pytest.raises(DomainError) as refused:
        open_ledger(db_url, empty, clock=clock)
    assert str(KeyStore(empty).path(ledger_secret_name(ledger.ledger_id))) in refused.value.message(
        "en"
    )


def test_init_creates_and_names_the_secret(cli: Cli, key_dir: Path) -> None:
    done = cli("--lang", "en", "init")
    assert done.code == 0, done.err
    (secret,) = key_dir.glob("ledger-secret-*.key")
    assert f"ledger secret {secret}" in done.out and "every desk" in done.out
    assert secret.stat().st_mode & 0o777 == 0o600


def test_a_ledger_from_before_the_secret_keeps_working(
    ledger: Ledger, admin: Actor, db_url: str, key_dir: Path, clock: FakeClock
) -> None:
    """Made the old way: the head signed directly with `audit-<id>.key`, passwords sealed
    under `password-seal-<id>.key`. Opening adopts the old key file as the secret."""
    fill(ledger, admin, 2)
    store = KeyStore(key_dir)
    lid = ledger.ledger_id
    old_key = store.load(ledger_secret_name(lid))
    store.path(ledger_secret_name(lid)).rename(store.path(legacy_audit_key_name(lid)))
    for witness in key_dir.glob("witness-*.json"):
        witness.unlink()
    with ledger.engine.begin() as conn:
        seq, digest = conn.execute(text("SELECT seq, entry_hash FROM audit_head")).one()
        conn.execute(
            text("UPDATE audit_head SET signature = :s"),
            {"s": chain.sign_head(old_key, lid, seq, digest)},
        )
    old_token = seal(store, seal_key_name(lid), "OLD-PASSWORD-1234", "load:9:x.zip")
    ledger.engine.dispose()

    desk = open_ledger(db_url, key_dir, clock=clock)
    try:
        assert store.load(ledger_secret_name(lid)) == old_key
        assert verify_trail(desk).ok
        with desk.read_session() as session:
            last = session.scalars(
                select(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(1)
            ).one()
        assert last == "ledger.secret_adopted"
        assert unseal_with(unseal_keys(desk), old_token, "load:9:x.zip") == "OLD-PASSWORD-1234"
    finally:
        desk.engine.dispose()
    again = open_ledger(db_url, key_dir, clock=clock)  # adopted once, not again
    assert verify_trail(again).ok and again.audit_key == desk.audit_key
    again.engine.dispose()
