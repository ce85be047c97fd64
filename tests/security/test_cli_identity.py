"""Hole 9 (part): read commands used to accept any password given with `--operator`.
A password, when given, is now checked by every command."""

from __future__ import annotations

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
