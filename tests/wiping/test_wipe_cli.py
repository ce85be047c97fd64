"""The wipe commands in process through `main([...])`, SQLite and PostgreSQL, on a real
loop device: wipe (progress on stderr, the outcome on stdout or as JSON), certificate
show / print --pdf, certificates list, destroy, contractor-erasure add / list, and a
refusal with its exit code and trail entry. The commands run on the real clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from ledger_tui.db.uow import utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.form_series import CERTIFICATE
from ledger_tui.domain.media import MediumKind
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.register import media
from ledger_tui.system.stick.blockdev import describe_device
from tests.conftest import LoopDevice
from tests.integration import test_cli as shared
from tests.integration.test_cli import ADMIN_PASSWORD, Cli, Result
from tests.printing import pdftools

cli, admin_cli = shared.cli, shared.admin_cli  # fixtures, bound so pytest finds them

TODAY = local_date(utc_now())


@pytest.fixture
def desk(
    admin_cli: Cli,
    key_dir: Path,
    loop_device_factory: Callable[..., LoopDevice],
    allow_loop_devices: None,
) -> tuple[Cli, LoopDevice]:
    """Contract 1 running around today, a new stick 税-USB-101 on a loop device (its
    backing file registered as serial) and a blank CD-R."""
    loop = loop_device_factory(size_mib=16)
    ledger = open_ledger(admin_cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "ZEI", "税務課")
        organisation.add_contractor(ledger, admin, "株式会社サンプル債権回収")
        organisation.add_contract(
            ledger,
            admin,
            organisation.ContractForm(
                title="区外転出者の現地調査業務委託",
                section_code="ZEI",
                contractor_name="株式会社サンプル債権回収",
                period_start=TODAY - timedelta(days=30),
                period_end=TODAY + timedelta(days=60),
                allowed_media_kinds=["usb", "cdr"],
                allowed_transfer_methods=["hand"],
            ),
        )
        media.register_medium(
            ledger,
            admin,
            media.MediumForm("税-USB-101", serial=describe_device(loop.path).serial or ""),
        )
        media.register_medium(ledger, admin, media.MediumForm("税-CD-001", kind=MediumKind.CDR))
    finally:
        ledger.engine.dispose()
    return admin_cli, loop


def _ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def test_wipe_then_certificate_show_print_and_list(
    desk: tuple[Cli, LoopDevice], tmp_path: Path, pdf_tools: None
) -> None:
    runner, loop = desk
    number = CERTIFICATE.number(TODAY, 1)
    done = _ok(
        runner.as_admin(
            "wipe", "--medium", "税-USB-101", "--device", loop.path, "--witness", "山田 太郎"
        )
    )
    assert "LEDGER_TUI_ALLOW_LOOP_DEVICES=1" in done.err  # the loud banner
    assert "乱数の書き込み（1/1）100% 16/16 MiB" in done.err
    assert "乱数の検証（1/1）100%" in done.err and "[初期化中]" in done.err
    assert "全 16,777,216 バイトを書き込み、読み戻して検証しました" in done.out
    assert "FAT16" in done.out or "vfat16" in done.out
    assert f"消去証明書 {number} を発行しました" in done.out

    shown = _ok(runner("certificate", "show", number.lower()))
    for expected in (
        number,
        "消去",
        "NIST SP 800-88 Clear（上書き消去）",
        "税-USB-101",
        "1バイトずつ照合",  # the default verification
        "山田 太郎",
        "16,777,216 ／ 16,777,216 バイト",
        "vfat16 USB-101",
    ):
        assert expected in shown.out, expected
    as_json = _ok(runner("certificate", "show", number, "--json")).json()
    assert isinstance(as_json, dict)
    assert as_json["category"] == "clear" and as_json["wipe"]["state"] == "verified"

    paper = tmp_path / "cert.pdf"
    printed = _ok(
        runner.as_admin("certificate", "print", number, "--pdf", str(paper), "--json")
    ).json()
    assert isinstance(printed, dict) and printed["certificate"]["print_count"] == 1
    assert f"No. {number}" in pdftools.text(paper)

    listing = _ok(runner("certificates", "list", "--medium", "税-USB-101"))
    assert number in listing.out and "税-USB-101" in listing.out

    destroyed = _ok(
        runner.as_admin(
            "destroy", "--medium", "税-CD-001", "--method", "shred", "--witness", "山田 太郎"
        )
    )
    assert CERTIFICATE.number(TODAY, 2) in destroyed.out and "シュレッダー" in destroyed.out
    assert len(_ok(runner("certificates", "list", "--json")).json()) == 2  # type: ignore[arg-type]


def test_wipe_as_json_and_a_refusal(desk: tuple[Cli, LoopDevice]) -> None:
    runner, loop = desk
    refused = runner.as_admin("wipe", "--medium", "税-USB-999", "--device", loop.path, "--json")
    assert refused.code == 3
    assert json.loads(refused.err.splitlines()[-1])["error"] == "error.wiping.not_in_register"
    [row] = runner.sql("SELECT details FROM audit_entries WHERE action = 'wipe.refused'")
    assert json.loads(str(row[0]))["reason"] == "error.wiping.not_in_register"
    outcome = _ok(
        runner.as_admin(
            "wipe",
            "--medium",
            "税-USB-101",
            "--device",
            loop.path,
            "--no-mkfs",
            "--method",
            "clear_random_zero_verify",
            "--verify",
            "gmac",
            "--json",
        )
    ).json()
    assert isinstance(outcome, dict)
    assert outcome["run"]["passes"] == 2 and outcome["run"]["filesystem"] == ""
    assert outcome["run"]["verification"] == "gmac"
    assert outcome["certificate"]["number"] == CERTIFICATE.number(TODAY, 1)
    usage = runner.as_admin("wipe", "--medium", "税-USB-101")
    assert usage.code == 2


def test_contractor_erasure_add_and_list(desk: tuple[Cli, LoopDevice], tmp_path: Path) -> None:
    runner, _ = desk
    added = _ok(
        runner.as_admin(
            "contractor-erasure",
            "add",
            "--contract",
            "1",
            "--certificate",
            "TS-2025-0031",
            "--date",
            TODAY.isoformat(),
            "--devices",
            "調査用タブレット3台",
            "--witness",
            "admin",
        )
    )
    assert "TS-2025-0031" in added.out and "管理 一郎" in added.out
    listed = _ok(runner("contractor-erasure", "list", "--contract", "1", "--json")).json()
    assert isinstance(listed, list) and listed[0]["devices"] == "調査用タブレット3台"
    duplicate = runner.as_admin(
        "contractor-erasure",
        "add",
        "--contract",
        "1",
        "--certificate",
        "TS-2025-0031",
        "--date",
        TODAY.isoformat(),
        "--devices",
        "PC",
        "--witness",
        "admin",
    )
    assert duplicate.code == 3 and "既に記録されています" in duplicate.err

    # each device, witnessed, then the 立会確認書
    erasure = str(listed[0]["id"])
    device = [
        "contractor-erasure",
        "device",
        erasure,
        "--kind",
        "tablet",
        "--maker-model",
        "Apple iPad",
        "--erased",
        "調査記録",
        "--method",
        "初期化",
        "--at",
        f"{TODAY.isoformat()}T00:05",
        "--person",
        "山田 太郎",
        "--witness",
        "admin",
    ]
    recorded = _ok(runner.as_admin(*device, "--check", "confirmed"))
    assert "機器 1" in recorded.out and "復元できないことを確認" in recorded.out
    unexplained = runner.as_admin(*device, "--check", "data_left")
    assert unexplained.code == 3 and "記入してください" in unexplained.err
    assert runner.as_admin(*device, "--check", "maybe").code == 2
    target = str(tmp_path / "witness.pdf")
    printed = _ok(runner.as_admin("contractor-erasure", "print", erasure, "--pdf", target))
    assert f"ERW-C0001-E{erasure}" in printed.out
