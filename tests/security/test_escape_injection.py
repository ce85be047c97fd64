"""Hole 10: text stored as typed (`contractor add $'Evil\\e]0;pwned\\a'`) used to be written
raw by `contractor list`, `media list` and `media show`: a title change, or worse, on the
terminal of whoever listed it. Control characters are now refused at input, and escaped
at every output (for text that got into the database some other way)."""

from __future__ import annotations

from tests.integration.test_cli import Cli

EVIL = "Evil\x1b]0;pwned\x07"
CSI = "\x9b31m"


def test_control_characters_are_refused_at_input(admin_cli: Cli) -> None:
    refused = admin_cli.as_admin("--lang", "en", "contractor", "add", EVIL)
    assert refused.code == 3 and "Control characters" in refused.err
    media = admin_cli.as_admin("media", "add", "税-USB-001", "--vendor", f"V{CSI}")
    assert media.code == 3
    assert admin_cli.sql("SELECT count(*) FROM contractors")[0][0] == 0


def test_stored_control_characters_are_escaped_at_every_output(admin_cli: Cli) -> None:
    assert admin_cli.as_admin("contractor", "add", "株式会社 正規").code == 0
    assert admin_cli.as_admin("media", "add", "税-USB-001").code == 0
    # Put there by SQL (or by an older version that took anything).
    admin_cli.sql(f"UPDATE contractors SET name = '{EVIL}'")
    admin_cli.sql(f"UPDATE media SET vendor = '{EVIL}', notes = 'n{CSI}'")
    for args in (
        ("contractor", "list"),
        ("media", "list"),
        ("media", "show", "税-USB-001"),
        ("--json", "contractor", "list"),
        ("--json", "media", "show", "税-USB-001"),
    ):
        result = admin_cli.as_admin(*args)
        assert result.code == 0, (args, result.err)
        assert "\x1b" not in result.out and "\x07" not in result.out and "\x9b" not in result.out
        assert "Evil\\u001b]0;pwned\\u0007" in result.out, args
