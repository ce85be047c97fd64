"""Every form printed with the longest texts its fields allow: it runs onto continuation
sheets (header repeated, pages numbered per copy), no cell is cut across pages, the stamp
boxes and the QR code stay with the form's last content (never alone on a page), and the
QR code of each copy decodes from a 100 dpi rendering."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ledger_tui.domain.compliance import CheckStatus
from ledger_tui.domain.slips import TEXT_LIMIT
from ledger_tui.system.pdf.confirmation_sheet import (
    ConfirmationSheet,
    SheetLine,
    render_confirmation_sheet,
)
from ledger_tui.system.pdf.handover_slip import (
    CountReconciliation,
    SlipDirection,
    render_handover_slip,
)
from ledger_tui.system.pdf.incident_report import IncidentReport, render_incident_report
from ledger_tui.system.pdf.inspection_record import render_inspection_record
from ledger_tui.system.pdf.media_register import render_media_register
from ledger_tui.system.pdf.special_terms import (
    Clause,
    ContractHeading,
    DesignatedHandler,
    render_handler_report,
    render_special_terms,
)
from tests.printing import pdftools, samples

#: The last words of a form's last field: the page that carries them carries the stamps.
#: Written as a name (姓 名) after a full stop, a unit the line breaker never breaks, so
#: the text read back has them whole on the page they are printed on (split over two
#: lines of a narrow cell, the halves interleave with the next column's text).
LAST_WORDS = "以上 終端"
END = "。" + LAST_WORDS
SENTENCE = "委託先の取扱責任者から事情を聴取し、返却件数の差異の理由を確認した。"


def long_text(limit: int, end: str = END) -> str:
    body = (SENTENCE * (limit // len(SENTENCE) + 1))[: limit - len(end)]
    return body + end


def _flat(text: str) -> str:
    return "".join(text.split())


def check_copies(pdf: Path, copies: int, stamp: str, tmp_path: Path) -> list[str]:
    """Per copy: pages numbered 1/n..n/n, the stamp role only on the last page, which
    also carries the form's last content (END) and a QR code readable at 100 dpi."""
    pages = pdftools.page_count(pdf)
    texts = [_flat(pdftools.text(pdf, page, page)) for page in range(1, pages + 1)]
    assert pages % copies == 0, pages
    per_copy = pages // copies
    for copy in range(copies):
        first = copy * per_copy
        last = first + per_copy - 1
        for offset in range(per_copy):
            assert f"{offset + 1}/{per_copy}" in texts[first + offset]
        assert stamp in texts[last] and all(stamp not in texts[i] for i in range(first, last))
        assert _flat(LAST_WORDS) in texts[last], f"the stamp boxes are alone on page {last + 1}"
        png = pdftools.render(pdf, last + 1, 100, tmp_path)
        assert pdftools.qr_codes(png), f"no QR code readable at 100 dpi on page {last + 1}"
    return texts


def test_a_return_slip_with_every_text_at_its_limit(
    save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    slip = replace(
        samples.out_slip(),
        direction=SlipDirection.BACK,
        expected_return=None,
        content_note=long_text(TEXT_LIMIT, "内容終わり"),
        reconciliation=CountReconciliation("R7-0041", 512, long_text(TEXT_LIMIT, "説明終わり")),
        notes=long_text(TEXT_LIMIT),
    )
    pdf = save_pdf(render_handover_slip(slip, "ja", 2), "long-slip")
    texts = check_copies(pdf, 2, "委託先取扱者印", tmp_path)
    assert pdftools.page_count(pdf) <= 2 * 7  # three 2000-character texts per copy
    # continuation sheets repeat the header: number and title on every page
    assert all("R7-0042" in text and "個人情報受け渡し票" in text for text in texts)


def test_a_short_note_is_never_cut_across_pages(
    save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    note = (
        "返却時に件数を確認したところ、委託先の集計と区の記録に差異があったため、委託先責任者と協議のうえ再集計を行った。"
        + END
    )
    slip = replace(
        samples.out_slip(),
        direction=SlipDirection.BACK,
        expected_return=None,
        reconciliation=CountReconciliation("R7-0041", 512, SENTENCE * 4),
        notes=note,
    )
    pdf = save_pdf(render_handover_slip(slip, "ja", 1), "short-note")
    texts = check_copies(pdf, 1, "委託先取扱者印", tmp_path)
    assert sum(_flat(note) in text for text in texts) == 1  # whole on one page


def test_a_sheet_with_long_notes_on_every_item(
    save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    lines = tuple(
        SheetLine(
            position,
            "委託先パソコン：外部ネットワークからの不正接続や内部からの情報漏洩がないよう保護対策を講じる。",
            CheckStatus.NOT_MET if position % 3 else None,
            date(2025, 6, 1),
            "窓口 花子",
            long_text(120, f"備考{position}終わり"),
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
    # the open items are the sheet's last content; the last one's note ends with END
    sheet = replace(sheet, lines=(*lines[:-1], replace(lines[-1], note=long_text(120))))
    pdf = save_pdf(render_confirmation_sheet(sheet, "ja"), "long-sheet")
    texts = check_copies(pdf, 1, "承認者印", tmp_path)
    joined = "".join(texts)
    for position in range(1, 21):  # each note whole on one page, in the table
        assert sum(f"備考{position}終わり" in text for text in texts) >= 1
    assert "未済項目" in joined


def test_an_incident_report_with_every_text_at_its_limit(
    save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    from ledger_tui.services.oversight.incidents import TEXT_LIMIT as INCIDENT_TEXT

    moment = samples.HANDED_AT
    report = IncidentReport(
        number="R7-0003",
        issued_at=moment,
        issuer=samples.ISSUER,
        kind="紛失（おそれ）",
        status="対応中",
        contract_title=samples.CONTRACT,
        contractor=samples.CONTRACTOR,
        loan="税-USB-003 の貸出（貸出中）",
        medium="税-USB-003",
        handlers=("佐藤 健一", "山田 太郎"),
        occurred_at=moment,
        discovered_at=moment,
        notified_at=moment,
        notified_by="山田 太郎",
        notification_hours=0.5,
        description=long_text(INCIDENT_TEXT, "経緯終わり"),
        records_affected=1200,
        measures_taken=long_text(INCIDENT_TEXT, "措置終わり"),
        instructions=long_text(INCIDENT_TEXT, "指示終わり"),
        written_report_on=None,
        closed="",
        audit_hash=samples.AUDIT_HASH,
    )
    # the last field (完了) carries END
    report = replace(report, closed="未完了" + END)
    pdf = save_pdf(render_incident_report(report, "ja"), "long-incident")
    texts = check_copies(pdf, 1, "報告者印", tmp_path)
    assert any("佐藤健一" in text for text in texts)


@pytest.mark.parametrize("media", [1, 60, 200])
def test_inspection_records_of_any_length(
    media: int, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    record = samples.inspection_record()
    lines = tuple(
        replace(record.lines[index % len(record.lines)], control_number=f"税-USB-{index:03d}")
        for index in range(media)
    )
    last = replace(lines[-1], note=END)
    record = replace(record, lines=(*lines[:-1], last))
    pdf = save_pdf(render_inspection_record(record, "ja"), f"inspection-{media}")
    check_copies(pdf, 1, "点検者印", tmp_path)


@pytest.mark.parametrize("loans", [1, 30])
def test_a_register_with_every_text_at_its_limit(
    loans: int, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    """Media with the longest make, model, serial and location the register takes, lent
    under the longest contract title and contractor name to the longest handler name;
    the last medium has `loans` loans, so its table runs across pages."""
    sheet = samples.register_sheet(12)
    loan = replace(
        samples.register_loans(3)[0],
        contract=long_text(300, "件名終わり"),
        contractor=long_text(200, "委託先終わり"),
        handler=long_text(200, "取扱者終わり"),
    )
    entry = replace(
        sheet.entries[-1],  # type: ignore[index]
        make_model=long_text(100, "製造元") + " " + long_text(100, "型番"),
        serial="S" * 200,
        location=long_text(200, "。LOCATION-END"),  # a unit: never broken over lines
        loans=(*(loan,) * (loans - 1), replace(loan, handler=long_text(200))),
    )
    sheet = replace(sheet, entries=(*sheet.entries, entry), count=13)  # type: ignore[misc]
    pdf = save_pdf(render_media_register(sheet, "ja"), f"long-register-{loans}")
    texts = check_copies(pdf, 1, "確認者印", tmp_path)
    assert all("管理番号" in text and "受け渡し票" in text for text in texts)
    assert sum("LOCATION-END" in text for text in texts) == 1
    # a loan row this long is taller than a landscape page: at most two pages each
    assert pdftools.page_count(pdf) <= 3 + 2 * loans


def _contract_heading(number: str) -> ContractHeading:
    return ContractHeading(
        number=number,
        issued_at=samples.HANDED_AT,
        issuer=samples.ISSUER,
        title=long_text(300, "件名終わり"),
        contractor=long_text(200, "委託先終わり"),
        period_start=date(2025, 4, 1),
        period_end=date(2026, 3, 31),
        audit_hash=samples.AUDIT_HASH,
    )


def test_the_special_terms_attachment_prints_every_clause(
    save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    from ledger_tui.i18n import t

    clauses = [Clause(n, t(f"clause.{n}"), t(f"clause.text.{n}")) for n in range(1, 22)]
    clauses[-1] = replace(clauses[-1], text=clauses[-1].text + END)
    pdf = save_pdf(render_special_terms(_contract_heading("T1"), clauses, "ja", 2), "terms")
    texts = check_copies(pdf, 2, "委託先（乙）印", tmp_path)
    flat = "".join(texts)
    assert pdftools.page_count(pdf) <= 2 * 4
    for heading in ("（基本的事項）", "（秘密の保持）", "（再委託の禁止）", "（損害の賠償）"):
        assert heading in flat
    assert "(4)その他区民の個人的秘密が侵害されるおそれがあると甲が認めた事項" in flat
    assert "新宿区" not in flat  # the seeds' ward is not every ward


@pytest.mark.parametrize("handlers", [3, 40])
def test_the_handler_report_lists_every_designation(
    handlers: int, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    rows = [
        DesignatedHandler(
            long_text(200, f"氏名{n}"),
            "取扱者",
            date(2025, 4, 1),
            None if n % 2 else date(2025, 9, 30),
            date(2025, 3, 25),
        )
        for n in range(1, handlers + 1)
    ]
    rows[-1] = replace(rows[-1], name=long_text(200))
    pdf = save_pdf(render_handler_report(_contract_heading("H1"), rows, "ja", 2), "handlers")
    texts = check_copies(pdf, 2, "区確認者印", tmp_path)
    flat = "".join(texts)
    assert "取扱責任者・取扱者指定報告" in flat and "契約終了まで" in flat
    assert pdftools.page_count(pdf) <= 2 * (2 + handlers // 3)  # 200-character names
