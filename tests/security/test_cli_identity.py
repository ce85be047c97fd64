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
