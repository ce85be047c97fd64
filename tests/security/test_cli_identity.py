"""Hole 9 (part): read commands used to accept any password given with `--operator`.
A password, when given, is now checked by every command."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import Cli


def test_a_wrong_password_given_to_a_read_is_refused(admin_cli: Cli) -> None:
    wrong = admin_cli(
        "--operator",
        "admin",
        "--password-stdin",
        "contractor",
        "list",
        stdin="not-the-password-1\n",
    )
    assert wrong.code == 4 and wrong.out == ""
    right = admin_cli.as_admin("contractor", "list")
    assert right.code == 0
    failed = admin_cli.sql(
        "SELECT count(*) FROM audit_entries WHERE action = 'auth.failed' "
        "AND subject = 'operator:admin'"
    )
    assert failed[0][0] == 1


def test_reading_the_ledger_needs_an_operator(admin_cli: Cli) -> None:
    """Any read named no operator used to print the ledger to whoever ran it; now it is
    refused (exit 2, a clear message in both languages) before the database is read.
    `audit verify` stays open to anyone."""
    for args in (
        ("contractor", "list"),
        ("media", "list"),
        ("contract", "show", "1"),
        ("slips", "list"),
        ("loans", "list"),
    ):
        refused = admin_cli(*args, anonymous=True)
        assert refused.code == 2, (args, refused)
        assert refused.out == "" and "--operator" in refused.err and "audit verify" in refused.err
    exported = admin_cli("export", "media", anonymous=True)
    assert exported.code == 2 and exported.out == "" and "--operator" in exported.err
    english = admin_cli("--lang", "en", "media", "list", anonymous=True)
    assert english.code == 2 and "Reading the ledger needs an operator" in english.err
    as_json = admin_cli("--json", "media", "list", anonymous=True)
    assert as_json.code == 2 and '"cli.error.operator_to_read"' in as_json.err
    assert admin_cli("audit", "verify", anonymous=True).code == 0
    assert admin_cli.as_admin("media", "list").code == 0


def test_a_backup_needs_an_administrator(admin_cli: Cli, tmp_path: Path) -> None:
    """A backup copies every record: it used to run without an operator and record itself
    as the system. Now no operator is a usage error (exit 2, in both languages), an
    operator who is not an administrator is refused, and an administrator's backup is on
    the trail under their name. Unattended, the password comes on --password-stdin."""
    dest = tmp_path / "ledger-copy.sqlite3"
    nobody = admin_cli("backup", str(dest), anonymous=True)
    assert nobody.code == 2 and nobody.out == "" and "--operator" in nobody.err
    assert "この操作には --operator LOGIN と --password-stdin が必要です" in nobody.err
    english = admin_cli("--lang", "en", "backup", str(dest), anonymous=True)
    assert english.code == 2 and "This command needs --operator LOGIN" in english.err
    assert not dest.exists()

    added = admin_cli.as_admin(
        "operator", "add", "clerk", "--name", "窓口 花子", stdin="clerk-password-12\n"
    )
    assert added.code == 0, added.err
    clerk = admin_cli(
        "--operator", "clerk", "--password-stdin", "backup", str(dest), stdin="clerk-password-12\n"
    )
    assert clerk.code == 4 and "管理者のみ" in clerk.err and not dest.exists()

    done = admin_cli.as_admin("backup", str(dest))
    assert done.code == 0, done.err
    assert dest.exists()
    recorded = admin_cli.sql(
        "SELECT actor, operator_id FROM audit_entries WHERE action = 'ledger.backup'"
    )
    admin_id = admin_cli.sql("SELECT id FROM operators WHERE login = 'admin'")[0][0]
    assert recorded == [("admin", admin_id)]
