"""The whole cycle on a real loop device, on SQLite and PostgreSQL: a new stick is wiped
blank, lent, taken back, wiped again; the loan closes, the certificate is issued with
its fields, its PDF reads back (number, 和暦 dates, Clear, bytes, QR = number + trail
hash), the FAT32 file system carries the label, and the trail verifies."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.wipes import CertificateKind, ErasureCategory, WipeState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.register import media
from ledger_tui.services.wiping import certificate_paper, certificates, guards
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.wiping.records import wipe_runs_of_medium
from ledger_tui.system.stick.wipe import Phase, WipeMethod, WipeProgress
from tests.integration.lending_world import World
from tests.printing import pdftools
from tests.wiping.conftest import MIB, StickFactory
from tests.wiping.helpers import assert_trail_ok, lent_and_returned, trail


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_new_stick_is_wiped_blank_then_lent_returned_wiped_and_certified(
    world: World, stick_factory: StickFactory, tmp_path: Path, pdf_tools: None
) -> None:
    stick = stick_factory("税-USB-101", size_mib=40)  # >= 33 MiB: FAT32
    ledger = world.ledger
    assert media.show_medium(ledger, stick.control_number).state is MediumState.REGISTERED
    assert guards.wipe_guards(ledger, stick.control_number, stick.device) == []

    first = wiping.wipe_medium(ledger, world.actor, stick.control_number, stick.device)
    assert first.run.state is WipeState.VERIFIED and first.closed_loan_id is None
    assert first.certificate.number == "CERT-R7-0001" and first.certificate.loan_id is None
    assert media.show_medium(ledger, stick.control_number).state is MediumState.BLANK

    loan = lent_and_returned(world, stick.control_number)
    assert lending.show_loan(ledger, loan.id).state is LoanState.BACK
    assert media.show_medium(ledger, stick.control_number).state is MediumState.WIPE_PENDING

    reports: list[WipeProgress] = []
    stages: list[wiping.WipeStage] = []
    outcome = wiping.wipe_medium(
        ledger,
        world.actor,
        stick.control_number,
        stick.device,
        witness="山田 太郎",
        progress=reports.append,
        stage=stages.append,
        cancel=threading.Event(),
        checkpoint_every=8 * MIB,
    )

    run, cert = outcome.run, outcome.certificate
    assert run.state is WipeState.VERIFIED and run.failure_key == ""
    assert run.device_bytes == run.bytes_written == run.bytes_verified == 40 * MIB
    assert run.method == WipeMethod.CLEAR_RANDOM_VERIFY and run.passes == 1
    assert run.verification == "bytes" and run.errors == ()
    assert run.detected_serial == stick.serial and run.device_node == stick.device
    assert run.witness == "山田 太郎" and run.operator_login == "admin"
    assert run.filesystem == "vfat32" and run.fs_label == "USB-101"
    assert "mkfs.fat" in run.fs_tools and run.throughput > 0
    assert run.finished_at is not None and run.finished_at >= run.started_at
    assert run.loan_id == loan.id
    assert [r.bytes_done for r in reports if r.phase is Phase.WRITE][-1] == 40 * MIB
    assert stages == list(wiping.WipeStage)

    assert media.show_medium(ledger, stick.control_number).state is MediumState.BLANK
    closed = lending.show_loan(ledger, loan.id)
    assert closed.state is LoanState.CLOSED and outcome.closed_loan_id == loan.id

    assert cert.number == "CERT-R7-0002" and cert.kind is CertificateKind.WIPE
    assert cert.category is ErasureCategory.CLEAR and cert.wipe == run
    assert cert.loan_id == loan.id and cert.loan_slips == ("SLIP-R7-0001", "SLIP-R7-0002")
    assert cert.contract_title == "転出者滞納整理業務委託" and cert.section_name == "税務課"
    assert cert.contractor_name == "株式会社東京サービサー" and cert.witness == "山田 太郎"
    assert certificates.find_certificate(ledger, "r7-2") == cert
    assert [c.number for c in certificates.list_certificates(ledger)] == [
        "CERT-R7-0002",
        "CERT-R7-0001",
    ]
    assert wipe_runs_of_medium(ledger, stick.control_number)[0] == run

    # The trail: started, checkpoints are no entries, verified, loan closed, issued.
    [issued] = [e for e in trail(ledger, "certificate.issued") if e["wipe_run"] == run.id]
    assert issued["_subject"] == "certificate:CERT-R7-0002" and issued["category"] == "clear"
    assert cert.entry_hash == issued["_hash"]
    [closing] = trail(ledger, "loan.closed")
    assert closing["certificate"] == "CERT-R7-0002" and closing["wipe_run"] == run.id
    verified = trail(ledger, "wipe.verified")[-1]
    assert verified["bytes_verified"] == 40 * MIB and verified["label"] == "USB-101"
    assert "山田" not in str(trail(ledger, "wipe.started")) + str(verified)  # names stay off
    assert_trail_ok(ledger)

    # The file system was made on the stick itself and reads back with its label.
    listing = subprocess.run(
        ["mdir", "-i", stick.device, "::"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MTOOLS_SKIP_CHECK": "1"},
    ).stdout
    assert "Volume in drive : is USB-101" in listing
    fsck = subprocess.run(["fsck.vfat", "-n", stick.device], capture_output=True, text=True)
    assert fsck.returncode == 0, fsck.stdout + fsck.stderr

    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(certificate_paper.certificate_document(ledger, cert.id))
    assert pdftools.page_count(pdf) == 1
    assert all(font["emb"] == "yes" for font in pdftools.fonts(pdf))
    flat = _flat(pdftools.text(pdf))
    for expected in (
        "データ消去証明書",
        "No. CERT-R7-0002",
        "区控",
        "令和7年6月1日（2025-06-01）",
        "14時05分",
        "税-USB-101",
        "USBメモリ",
        "I-O DATA",
        "ED-HB3",
        "転出者滞納整理業務委託",
        "株式会社東京サービサー",
        "SLIP-R7-0001、SLIP-R7-0002",
        "NIST SP 800-88 Clear（上書き消去）",
        "1回（AES-256-CTR 擬似乱数）",
        "41,943,040 ／ 41,943,040 バイト",
        "全領域読み戻し検証：合格",
        "全領域上書き、全数読み戻し検証（1バイトずつ照合）、FAT32",  # wraps here
        "化（ラベル USB-101）",
        "管理 一郎",
        "山田 太郎",
        "（区名未設定） 税務課",
    ):
        assert expected in flat, expected
    assert "Purge" not in flat
    # the tool row speaks the paper's language
    assert "ledger_tui消去機能" in "".join(flat.split()) and "全バイト読み戻し照合" in flat
    assert "keystream" not in flat and "every byte read back" not in flat
    codes = pdftools.qr_codes(pdftools.render(pdf, 1, 150))
    assert codes == [f"LTUI.ERASE.CERT-R7-0002.{issued['_hash']}"]


def test_a_two_pass_wipe_with_gmac_verification_and_no_file_system(
    world: World, stick_factory: StickFactory
) -> None:
    stick = stick_factory(size_mib=16)
    outcome = wiping.wipe_medium(
        world.ledger,
        world.actor,
        stick.control_number,
        stick.device,
        method="clear_random_zero_verify",
        compare_bytes=False,
        make_fs=False,
    )
    run = outcome.run
    assert run.passes == 2 and run.verification == "gmac"
    assert run.bytes_written == run.bytes_verified == 2 * 16 * MIB
    assert run.filesystem == "" and run.fs_label == ""
    with open(stick.loop.backing, "rb") as handle:
        assert handle.read() == bytes(16 * MIB)  # the zero pass is last, and no FAT
    assert media.show_medium(world.ledger, stick.control_number).state is MediumState.BLANK
    assert_trail_ok(world.ledger)
