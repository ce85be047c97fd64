"""Form data as the services will fill it: one realistic example of each form."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.system.pdf.erasure_certificate import (
    ErasedMedium,
    ErasureCertificate,
    SanitisationCategory,
)
from ledger_tui.system.pdf.handover_slip import HandoverSlip, SlipDirection, SlipMedium
from ledger_tui.system.pdf.inspection_record import Finding, InspectionLine, InspectionRecord
from ledger_tui.system.pdf.layout import Issuer
from ledger_tui.system.pdf.media_register import MediaRegisterSheet, RegisterEntry, RegisterLoan
from ledger_tui.system.pdf.password_notice import PasswordNotice

AUDIT_HASH = hashlib.sha256(b"audit entry 42").hexdigest()
HANDED_AT = datetime(2025, 6, 1, 5, 5, tzinfo=UTC)  # 14:05 in Tokyo
ISSUER = Issuer("杉並区", "区民生活部 納税課 収納管理係")
CONTRACT = "令和7年度 区外転出者に係る特別区民税等滞納者実態調査業務委託"
CONTRACTOR = "株式会社東京債権回収サービス"


def out_slip() -> HandoverSlip:
    return HandoverSlip(
        number="R7-0042",
        direction=SlipDirection.OUT,
        handed_at=HANDED_AT,
        issuer=ISSUER,
        contract_title=CONTRACT,
        section="区民生活部 納税課",
        contractor=CONTRACTOR,
        ward_handler="佐藤 花子",
        contractor_handler="山田 太郎",
        contractor_handler_role=HandlerRole.RESPONSIBLE,
        medium=SlipMedium("税-USB-003", MediumKind.USB, "AA0123456789"),
        content_items=("郵便番号", "住所", "方書", "氏名"),
        record_count=500,
        transfer_method=TransferMethod.HAND,
        expected_return=date(2025, 9, 30),
        audit_hash=AUDIT_HASH,
    )


def password_notice() -> PasswordNotice:
    return PasswordNotice(
        number="R7-0042",
        issued_at=HANDED_AT,
        issuer=ISSUER,
        contract_title=CONTRACT,
        contractor=CONTRACTOR,
        control_number="税-USB-003",
        archive_names=("調査対象者一覧_R7-0042.zip",),
        password="Xk3p9QwZ2mTr7VhN",
        issued_by="佐藤 花子",
        slip_number="R7-0042",
        audit_hash=AUDIT_HASH,
    )


def erasure_certificate() -> ErasureCertificate:
    return ErasureCertificate(
        number="R7-0107",
        issued_at=HANDED_AT,
        issuer=ISSUER,
        medium=ErasedMedium(
            "税-USB-003",
            MediumKind.USB,
            "SanDisk",
            "Ultra Flair SDCZ73",
            "4C530001230605117452",
            15_376_000_000,
        ),
        method="全領域上書き（1回）＋ exFAT で初期化",
        category=SanitisationCategory.CLEAR,
        passes=1,
        pattern="AES-256-CTR 擬似乱数",
        verified=True,
        bytes_written=15_376_000_000,
        bytes_verified=15_376_000_000,
        started_at=HANDED_AT,
        finished_at=HANDED_AT + timedelta(seconds=412),
        tool="ledger_tui 0.1.0",
        operator="佐藤 花子",
        witness="鈴木 一郎",
        contract_title=CONTRACT,
        contractor=CONTRACTOR,
        loan_slips=("R7-0042", "R7-0057"),
        audit_hash=AUDIT_HASH,
    )


def register_loans(n: int) -> tuple[RegisterLoan, ...]:
    """A medium's history: every third has a finished cycle and a loan still out."""
    if n % 3:
        return ()
    done = RegisterLoan(
        "区外転出者実態調査業務委託",
        CONTRACTOR,
        "佐藤 健一",
        HANDED_AT - timedelta(days=120),
        "R7-0011",
        512,
        date(2025, 4, 30),
        HANDED_AT - timedelta(days=100),
        "R7-0019",
        510,
        "wipe",
        "R7-0005",
        date(2025, 5, 2),
    )
    out = RegisterLoan(
        "区外転出者実態調査業務委託",
        CONTRACTOR,
        "山田 太郎",
        HANDED_AT,
        "R7-0042",
        480,
        date(2025, 9, 30),
        open=True,
    )
    return (done, out)


def register_sheet(media: int = 80) -> MediaRegisterSheet:
    entries = tuple(
        RegisterEntry(
            f"税-USB-{n:03d}",
            MediumKind.USB,
            "SanDisk Ultra Flair",
            f"4C5300012306{n:08d}",
            date(2024, 4, 1) + timedelta(days=n),
            "金庫A-2段",
            MediumState.LENT if n % 3 == 0 else MediumState.BLANK,
            register_loans(n),
        )
        for n in range(1, media + 1)
    )
    return MediaRegisterSheet(
        "REG-200", HANDED_AT, ISSUER, "佐藤 花子", entries, AUDIT_HASH, count=media
    )


def inspection_record() -> InspectionRecord:
    cycle = (Finding.FOUND, Finding.ON_LOAN, Finding.FOUND, Finding.MISSING)
    lines = [
        InspectionLine(f"税-USB-{n:03d}", cycle[n % 4], MediumKind.USB, MediumState.BLANK)
        for n in range(1, 59)
    ]
    lines.append(InspectionLine("税-USB-999", Finding.UNEXPECTED, note="棚の奥で発見"))
    return InspectionRecord(
        "R7-0201",
        HANDED_AT,
        ISSUER,
        "佐藤 花子",
        tuple(lines),
        "所在不明分は再点検予定",
        AUDIT_HASH,
    )
