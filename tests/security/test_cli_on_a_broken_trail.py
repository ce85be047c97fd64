"""Hole 8: the command line used to write on a broken trail (`contractor add` exited 0
after an edited entry), printed no warning on reads, and a corrupted head or an empty
key file made every command exit 70 with a bare exception name."""

from __future__ import annotations

from pathlib import Path

from ledger_tui.system.secrets.keys import KeyStore, ledger_secret_name
from tests.integration.test_cli import Cli


def _contractors(cli: Cli) -> int:
    return int(str(cli.sql("SELECT count(*) FROM contractors")[0][0]))


def test_writes_refused_and_reads_warned_after_an_edited_entry(admin_cli: Cli) -> None:
    assert admin_cli.as_admin("contractor", "add", "株式会社 正規").code == 0
    admin_cli.sql("UPDATE audit_entries SET subject = 'operator:forged' WHERE seq = 2")
    refused = admin_cli.as_admin("--lang", "en", "contractor", "add", "株式会社 偽")
    assert refused.code == 1
    assert "Audit entry 2 was altered" in refused.err and "audit recover" in refused.err
    assert _contractors(admin_cli) == 1
    read = admin_cli.as_admin("--lang", "en", "contractor", "list")
    assert read.code == 0 and "株式会社 正規" in read.out
    assert "Warning: the audit trail is broken: Audit entry 2 was altered" in read.err
    # The administrator looks, then records the recovery; the fault stays reported.
    recovered = admin_cli.as_admin("audit", "recover", "--reason", "entry 2 edited, ticket 9")
    assert recovered.code == 0, recovered.err
    assert admin_cli.as_admin("contractor", "add", "株式会社 次").code == 0
    assert admin_cli("audit", "verify").code == 1


def test_a_corrupted_head_is_a_clear_refusal(admin_cli: Cli) -> None:
    admin_cli.sql("UPDATE audit_head SET signature = 'not-a-signature'")
    for args in (("contractor", "add", "株式会社 偽"), ("contractor", "list")):
        result = admin_cli.as_admin("--lang", "en", *args)
        assert result.code == 1, result
        assert "does not verify this ledger's signed audit head" in result.err
        assert "Error" not in result.err  # no bare exception name
    verify = admin_cli("--lang", "en", "audit", "verify")
    assert verify.code == 1 and "signature is invalid" in verify.out
    recovered = admin_cli.as_admin("audit", "recover", "--reason", "head row overwritten")
    assert recovered.code == 0, recovered.err
    assert admin_cli("audit", "verify").code == 0


def test_an_empty_key_file_is_named(admin_cli: Cli, key_dir: Path) -> None:
    (ledger_id,) = admin_cli.sql("SELECT value FROM ledger_meta WHERE key = 'ledger_id'")[0]
    path = KeyStore(key_dir).path(ledger_secret_name(ledger_id))
    path.write_bytes(b"")
    result = admin_cli("--lang", "en", "contractor", "list")
    assert result.code not in (0, 70)
    assert str(path) in result.err and "damaged" in result.err


def test_a_recovery_needs_the_administrator_password(admin_cli: Cli) -> None:
    admin_cli.sql("UPDATE audit_head SET signature = 'not-a-signature'")
    wrong = admin_cli(
        "--operator",
        "admin",
        "--password-stdin",
        "audit",
        "recover",
        "--reason",
        "x",
        stdin="wrong-password-123\n",
    )
    assert wrong.code == 4
    assert admin_cli("audit", "verify").code == 1
