"""The confirmation record sheet on paper: text read back (title, 済/未, notes, open
items), a rendered page with ink, the QR code with the latest sheet entry's hash, two
pages with "1 / 2" footers when long, saved and printed through CUPS and recorded."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.domain.compliance import CheckStatus, SheetTemplate
from ledger_tui.domain.errors import Conflict, DomainError
from ledger_tui.services.oversight import sheets
from ledger_tui.services.oversight.sheet_paper import print_sheet, save_sheet_pdf, sheet_document
from ledger_tui.services.paper import set_ward_name
from tests.compliance.world import World
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter

DAY = date(2025, 5, 30)


def _checked(w: World) -> sheets.SheetView:
    set_ward_name(w.ledger, w.admin, "杉並区")
    rows = sheets.start_sheet(
        w.ledger, w.admin, w.servicer_contract_id, SheetTemplate.SERVICER
    ).rows
    sheets.check_item(w.ledger, w.operator, rows[0].item_id, CheckStatus.MET, DAY, "名簿受領")
    sheets.check_item(
        w.ledger, w.operator, rows[1].item_id, CheckStatus.NOT_MET, DAY, "金庫の施錠なし"
    )
    sheets.check_item(
        w.ledger, w.operator, rows[3].item_id, CheckStatus.NOT_APPLICABLE, DAY, "タブレット不使用"
    )
    return sheets.show_sheet(w.ledger, w.servicer_contract_id)


def _sheet_hashes(w: World) -> list[str]:
    with w.ledger.read_session() as session:
        return list(
            session.scalars(
                select(AuditEntry.entry_hash)
                .where(AuditEntry.action.like("sheet.%"))
                .order_by(AuditEntry.seq)
            ).all()
        )


def test_the_sheet_reads_back(
    sqlite_world: World, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    w = sqlite_world
    view = _checked(w)
    pdf = save_pdf(sheet_document(w.ledger, w.servicer_contract_id), "sheet")
    text = "".join(pdftools.text(pdf).split())
    for expected in (
        "個人情報取扱い確認記録票",
        "CHK-C0001",
        "杉並区",
        "税務課",
        "転出者滞納整理業務委託",
        "株式会社東京サービサー",
        "済",
        "未",
        "該当なし",
        "未確認",
        "名簿受領",
        "金庫の施錠なし",
        "タブレット不使用",
        "窓口花子",
        "令和7年5月30日",
        "未済項目",
        "2.",
        "確認者印",
        "承認者印",
        "区控",
        "済1件未1件該当なし1件未確認18件",
    ):
        assert expected in text, expected
    assert "".join(view.rows[1].label.split()) in text
    assert all(font["emb"] == "yes" for font in pdftools.fonts(pdf))
    assert pdftools.page_count(pdf) <= 2  # 21 measures in the seed's words
    png = pdftools.render(pdf, 1, 200, tmp_path)
    assert pdftools.ink_fraction(pdftools.render(pdf, 1, 50, tmp_path)) > 0.01
    latest = _sheet_hashes(w)[-1]
    assert latest == view.audit_hash
    codes = pdftools.qr_codes(png) + pdftools.qr_codes(
        pdftools.render(pdf, pdftools.page_count(pdf), 200, tmp_path)
    )
    assert f"LTUI.SHEET.CHK-C0001.{latest}" in codes


def test_english_sheet(sqlite_world: World, save_pdf: Callable[[bytes, str], Path]) -> None:
    w = sqlite_world
    _checked(w)
    text = pdftools.text(save_pdf(sheet_document(w.ledger, w.servicer_contract_id, "en"), "en"))
    assert "Confirmation Record Sheet" in text and "Not met" in text
    assert "USB sticks lent by the ward are kept in a lockable safe" in " ".join(text.split())


def test_long_sheet_runs_onto_two_numbered_pages(
    sqlite_world: World, save_pdf: Callable[[bytes, str], Path]
) -> None:
    w = sqlite_world
    rows = sheets.start_sheet(
        w.ledger, w.admin, w.servicer_contract_id, SheetTemplate.SERVICER
    ).rows
    note = "確認時に不備あり。委託先責任者へ口頭で指導し、是正報告書の提出を求めた。"
    for row in rows:
        sheets.check_item(w.ledger, w.operator, row.item_id, CheckStatus.NOT_MET, DAY, note)
    pdf = save_pdf(sheet_document(w.ledger, w.servicer_contract_id), "long")
    pages = pdftools.page_count(pdf)
    assert pages >= 2
    assert f"1/{pages}" in "".join(pdftools.text(pdf, 1, 1).split())
    assert f"{pages}/{pages}" in "".join(pdftools.text(pdf, pages, pages).split())
    # the table header repeats on the next page
    assert "確認項目" in pdftools.text(pdf, 2, 2)
    assert "21." in "".join(pdftools.text(pdf).split())


def test_no_sheet_no_paper(sqlite_world: World, tmp_path: Path) -> None:
    w = sqlite_world
    with pytest.raises(Conflict):
        sheet_document(w.ledger, w.law_firm_contract_id)
    with pytest.raises(Conflict):
        save_sheet_pdf(w.ledger, w.admin, w.law_firm_contract_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def _printed(w: World) -> list[dict[str, object]]:
    with w.ledger.read_session() as session:
        rows = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "sheet.printed")
        ).all()
    return [json.loads(row) for row in rows]


def test_saved_pdf_is_owner_only_and_recorded(
    sqlite_world: World, tmp_path: Path, pdf_tools: None
) -> None:
    w = sqlite_world
    view = _checked(w)
    path = save_sheet_pdf(w.ledger, w.operator, w.servicer_contract_id, tmp_path / "票.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _printed(w) == [{"printer": "pdf:票.pdf", "job": "file", "sheet_hash": view.audit_hash}]
    # recording the paper does not change the hash the sheet carries
    assert sheets.show_sheet(w.ledger, w.servicer_contract_id).audit_hash == view.audit_hash
    with pytest.raises(DomainError):
        save_sheet_pdf(w.ledger, w.operator, w.servicer_contract_id, tmp_path / "no" / "dir.pdf")
    with w.ledger.read_session() as session:
        failed = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "sheet.print_failed")
        ).one()
    assert json.loads(failed)["reason"] == "error.print.write_failed"


def test_printed_through_cups(
    sqlite_world: World, test_printer: TestPrinter, pdf_tools: None, tmp_path: Path
) -> None:
    w = sqlite_world
    _checked(w)
    result = print_sheet(
        w.ledger, w.operator, w.servicer_contract_id, printer=test_printer.name, wait_timeout=120
    )
    assert result.printer == test_printer.name
    printed = test_printer.output_of(result.job_id)
    assert pdftools.ink_fraction(pdftools.render(printed, 1, 50, tmp_path)) > 0.01
    assert [row["job"] for row in _printed(w)] == [result.job_id]


def test_unchecked_items_are_open_items_on_paper(
    sqlite_world: World, save_pdf: Callable[[bytes, str], Path]
) -> None:
    w = sqlite_world
    rows = sheets.start_sheet(
        w.ledger, w.admin, w.law_firm_contract_id, SheetTemplate.LAW_FIRM
    ).rows
    pdf = save_pdf(sheet_document(w.ledger, w.law_firm_contract_id), "unchecked")
    text = "".join(pdftools.text(pdf).split())
    assert "未済項目" in text and "未済項目なし" not in text
    assert text.count("（未確認）") == len(rows)  # every unchecked item is an open item
    for row in rows:
        sheets.check_item(w.ledger, w.operator, row.item_id, CheckStatus.MET, DAY)
    text = "".join(
        pdftools.text(save_pdf(sheet_document(w.ledger, w.law_firm_contract_id), "met")).split()
    )
    assert "（未確認）" not in text and "なし" in text[text.rindex("未済項目") :]
