"""Hole 3, on paper: a signed checkpoint (file and A4 page with a QR code) proves later
that the trail still holds its entry — a rollback below it is named even by a desk that
lost its witness file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ledger_tui.db.uow import Actor, Ledger
from tests.integration.test_cli import Cli
from tests.security.forgery import execute


def test_a_checkpoint_is_printed_and_proves_the_trail_later(
    admin_cli: Cli, tmp_path: Path, key_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEDGER_TUI_PAPER_LANG", "en")  # paper has its own language
    for name in ("株式会社 一", "株式会社 二"):
        assert admin_cli.as_admin("contractor", "add", name).code == 0
    point, page = tmp_path / "cp.json", tmp_path / "cp.pdf"
    done = admin_cli.as_admin("--lang", "en", "audit", "checkpoint", str(point), "--pdf", str(page))
    assert done.code == 0, done.err
    data = json.loads(point.read_text())
    seq, digest = data["seq"], data["entry_hash"]
    text = subprocess.run(
        ["pdftotext", "-layout", str(page), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Audit trail checkpoint" in text and digest[:16] in text
    held = admin_cli("--lang", "en", "audit", "verify", "--checkpoint", str(point))
    assert held.code == 0 and f"The checkpoint (entry {seq}," in held.out
    # Roll the ledger back below the checkpoint (tail cut, older head replayed) and lose
    # the witness file: the checkpoint still tells.
    for witness in key_dir.glob("witness-*.json"):
        witness.unlink()
    (old,) = admin_cli.sql(f"SELECT seq, entry_hash FROM audit_entries WHERE seq = {seq - 2}")
    admin_cli.sql(f"DELETE FROM audit_entries WHERE seq > {seq - 2}")
    admin_cli.sql(f"UPDATE audit_head SET seq = {old[0]}, entry_hash = '{old[1]}'")
    broken = admin_cli("--lang", "en", "audit", "verify", "--checkpoint", str(point))
    assert broken.code == 1
    assert f"The audit trail has no entry {seq} of the checkpoint" in broken.out


def test_a_made_up_checkpoint_proves_nothing(admin_cli: Cli, tmp_path: Path) -> None:
    point = tmp_path / "cp.json"
    assert (
        admin_cli.as_admin("audit", "checkpoint", str(point), "--pdf", str(tmp_path / "p.pdf")).code
        == 0
    )
    data = json.loads(point.read_text())
    data["seq"] -= 1
    point.write_text(json.dumps(data))
    result = admin_cli("--lang", "en", "audit", "verify", "--checkpoint", str(point))
    assert result.code == 1 and "signature is invalid" in result.out


def test_scanning_a_checkpoint_page_checks_it_against_the_trail(
    ledger: Ledger, admin: Actor, tmp_path: Path
) -> None:
    from ledger_tui.services.trail.checkpoint import make_checkpoint, scanned_checkpoint_held
    from ledger_tui.system.pdf.qr import FormReference, parse_qr_payload, qr_payload
    from ledger_tui.system.pdf.trail_checkpoint import QR_KIND

    point = make_checkpoint(ledger, admin, tmp_path / "cp.json")
    scanned = parse_qr_payload(
        qr_payload(FormReference(QR_KIND, f"CP-{point.seq}", point.entry_hash))
    )
    assert scanned is not None
    assert scanned_checkpoint_held(ledger, scanned.number, scanned.audit_hash)
    execute(ledger, "DELETE FROM audit_entries WHERE seq >= :s", s=point.seq)
    assert not scanned_checkpoint_held(ledger, scanned.number, scanned.audit_hash)
