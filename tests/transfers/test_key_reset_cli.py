"""A hardware-lock stick's wipe records whether the vendor's initialisation (key reset)
was also performed, as the operator attests; the certificate prints it beside the
verified overwrite and the category stays NIST Clear."""

from __future__ import annotations

from pathlib import Path

from ledger_tui.domain.form_series import CERTIFICATE
from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.register import media
from tests.conftest import LoopDevice
from tests.integration import test_cli as shared
from tests.integration.test_cli import ADMIN_PASSWORD, Cli
from tests.printing import pdftools
from tests.wiping import test_wipe_cli as wipe_cli

cli, admin_cli, desk = shared.cli, shared.admin_cli, wipe_cli.desk  # fixtures


def test_key_reset_is_attested_on_the_certificate(
    desk: tuple[Cli, LoopDevice], key_dir: Path, tmp_path: Path
) -> None:
    runner, loop = desk
    ledger = open_ledger(runner.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        stick = media.show_medium(ledger, "税-USB-101")
        form = media.MediumForm("税-USB-101", serial=stick.serial, lock_kind="keypad")
        media.edit_medium(ledger, admin, "税-USB-101", form, stick.version)
    finally:
        ledger.engine.dispose()
    done = runner.as_admin(
        "wipe", "--medium", "税-USB-101", "--device", loop.path, "--vendor-key-reset", "yes"
    )
    assert done.code == 0, done.err
    number = CERTIFICATE.number(wipe_cli.TODAY, 1)
    shown = runner("certificate", "show", number, "--json").json()
    assert isinstance(shown, dict)
    assert shown["category"] == "clear" and shown["wipe"]["vendor_key_reset"] is True
    paper = tmp_path / "cert.pdf"
    assert runner.as_admin("certificate", "print", number, "--pdf", str(paper)).code == 0
    printed = "".join(pdftools.text(paper).split())
    assert "製品の初期化（暗号鍵リセット）：実施" in printed
    assert "Clear" in printed
