"""Japanese line breaking on paper (禁則), read back from the PDF: a date in a narrow
column of the 監査記録 stays whole, a handler's name on the 事故報告書 is never split
between lines, no printed line starts with closing punctuation or ends with an opening
one, and the 確認記録票's 未済項目 row keeps its label with its items."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from ledger_tui.domain.compliance import CheckStatus
from ledger_tui.system.pdf.audit_history import AuditHistory, AuditLine, render_audit_history
from ledger_tui.system.pdf.confirmation_sheet import (
    ConfirmationSheet,
    SheetLine,
    render_confirmation_sheet,
)
from ledger_tui.system.pdf.incident_report import IncidentReport, render_incident_report
from ledger_tui.system.pdf.linebreak import NO_LINE_END, NO_LINE_START
from tests.printing import pdftools, samples

NAMES = ("佐藤 健一", "山田 太郎", "鈴木 花子", "高橋 一郎", "田中 美咲", "伊藤 由美")


def _lines(pdf: Path) -> list[str]:
    """The printed lines, as pdftotext reads them (cells one after another)."""
    return [line.strip() for line in pdftools.text(pdf).splitlines() if line.strip()]


def _kinsoku_kept(lines: list[str]) -> None:
    for line in lines:
        assert line[0] not in NO_LINE_START, f"a line starts with {line[0]!r}: {line}"
        assert line[-1] not in NO_LINE_END, f"a line ends with {line[-1]!r}: {line}"


def test_audit_dates_stay_whole_in_their_columns(
    save_pdf: Callable[[bytes, str], Path],
) -> None:
    line = AuditLine(
        fiscal_year=2026,
        kind="立入り調査",
        planned_on=date(2026, 5, 31),
        done_on=date(2026, 12, 24),
        auditor="佐藤 健一",
        findings="保管庫の施錠記録に一部記入漏れがあった（令和8年5月31日分）。",
        follow_ups="記録簿の様式を改め、毎日確認する。",
        follow_ups_closed_on=date(2027, 1, 15),
    )
    history = AuditHistory(
        number="C12",
        issued_at=samples.HANDED_AT,
        issuer=samples.ISSUER,
        contract_title=samples.CONTRACT,
        contractor=samples.CONTRACTOR,
        period_start=date(2026, 4, 1),
        period_end=date(2027, 3, 31),
        lines=(line,),
        audit_hash=samples.AUDIT_HASH,
    )
    lines = _lines(save_pdf(render_audit_history(history, "ja"), "audits"))
    for whole in ("令和8年5月31日", "令和8年12月24日", "令和9年1月15日", "佐藤 健一"):
        assert any(whole in printed for printed in lines), (whole, lines)
    _kinsoku_kept(lines)


def test_incident_names_are_never_split(save_pdf: Callable[[bytes, str], Path]) -> None:
    moment = samples.HANDED_AT
    report = IncidentReport(
        number="INC-R7-0003",
        issued_at=moment,
        issuer=samples.ISSUER,
        kind="紛失（おそれ）",
        status="対応中",
        contract_title=samples.CONTRACT,
        contractor=samples.CONTRACTOR,
        loan="貸出 12（貸出中）",
        medium="税-USB-003",
        handlers=NAMES * 3,
        occurred_at=moment,
        discovered_at=moment,
        notified_at=moment,
        notified_by="山田 太郎",
        notification_hours=25.8,
        description="訪問先で佐藤 健一が「USBメモリ」を紛失した。令和7年6月1日（2025-06-01）に"
        "発見し、同日14時05分に第一報を受けた。" * 3,
        records_affected=1200,
        measures_taken="関係者（佐藤 健一、山田 太郎）から事情を聴取した。",
        instructions="",
        written_report_on=None,
        closed="",
        audit_hash=samples.AUDIT_HASH,
    )
    lines = _lines(save_pdf(render_incident_report(report, "ja"), "incident"))
    text = "\n".join(lines)
    assert text.count("佐藤 健一") >= len(NAMES * 3) // len(NAMES) + 2, text
    for name in NAMES:
        family, given = name.split()
        # every time the family name is printed, the given name follows on its line
        assert text.count(family) == text.count(name), (name, text)
        assert given in text
    assert "14時05分" in text and "令和7年6月1日" in text
    _kinsoku_kept(lines)


def test_the_open_items_row_keeps_its_label_with_its_items(
    save_pdf: Callable[[bytes, str], Path],
) -> None:
    """All 21 items unchecked: the 未済項目 row lists them all, its label on the page of
    its first item."""
    lines = tuple(
        SheetLine(
            position,
            "委託先パソコン：外部ネットワークからの不正接続や内部からの情報漏洩がないよう"
            "保護対策を講じる。",
            None,
            None,
            "",
            "",
        )
        for position in range(1, 22)
    )
    sheet = ConfirmationSheet(
        reference="C0001",
        printed_on=date(2025, 6, 1),
        issuer=samples.ISSUER,
        contract_title=samples.CONTRACT,
        contractor=samples.CONTRACTOR,
        section="納税課",
        period_start=date(2025, 4, 1),
        period_end=date(2026, 3, 31),
        lines=lines,
        audit_hash=samples.AUDIT_HASH,
    )
    sheet = replace(sheet, lines=(*lines[:-1], replace(lines[-1], status=CheckStatus.NOT_MET)))
    pdf = save_pdf(render_confirmation_sheet(sheet, "ja"), "open-sheet")
    pages = pdftools.page_count(pdf)
    texts = ["".join(pdftools.text(pdf, page, page).split()) for page in range(1, pages + 1)]
    [label_page] = [index for index, text in enumerate(texts) if "未済項目" in text]
    assert "1.委託先パソコン" in texts[label_page]
    _kinsoku_kept(_lines(pdf))
