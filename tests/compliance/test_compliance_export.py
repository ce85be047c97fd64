"""Compliance exports and the close-out paper: the per-contract and per-fiscal-year
CSV (content, BOM), the 契約完了報告 and the multi-page fiscal-year report read back as
text, rendered not blank, and the summary's QR code naming the contract's close-out
trail entry."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from ledger_tui.domain.compliance import CheckStatus, IncidentKind
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.services import organisation
from ledger_tui.services.oversight.closeout import close_contract
from ledger_tui.services.oversight.closeout_paper import save_summary_pdf, summary_document
from ledger_tui.services.oversight.reports import (
    CONTRACT_COLUMNS,
    export_contract,
    export_year,
    parse_fiscal_year,
)
from tests.compliance.closeout_world import CDR, USB1, Desk, servicer_desk
from tests.compliance.world import World
from tests.printing import conftest as printing_fixtures
from tests.printing import pdftools

pdf_tools = printing_fixtures.pdf_tools


@pytest.fixture
def desk(compliance_world: World) -> Desk:
    return servicer_desk(compliance_world)


def closed(desk: Desk) -> None:
    desk.cycle(USB1)
    desk.cycle(CDR)
    desk.erasure()
    desk.audit(done_on=date(2025, 5, 25))
    desk.sheet_item(CheckStatus.MET, code="handlers_reported")
    close_contract(desk.ledger, desk.admin, desk.contract_id)


def test_fiscal_year_forms() -> None:
    assert parse_fiscal_year("2025") == parse_fiscal_year("R7") == parse_fiscal_year("ｒ７") == 2025
    assert parse_fiscal_year("H30") == 2018
    for bad in ("R0", "X7", "25", "R"):
        with pytest.raises(InvalidInput):
            parse_fiscal_year(bad)


def test_contract_csv_lists_loans_certificates_audits_and_incidents(
    desk: Desk, tmp_path: Path
) -> None:
    closed(desk)
    path = tmp_path / "contract.csv"
    rows = export_contract(desk.ledger, desk.admin, desk.contract_id, "csv", path, bom=True)
    raw = path.read_text(encoding="utf-8")
    assert raw.startswith("\ufeff")
    table = list(csv.DictReader(raw.lstrip("\ufeff").splitlines()))
    assert len(table) == rows and list(table[0]) == list(CONTRACT_COLUMNS)
    loans = [r for r in table if r["record"] == "loan"]
    assert [r["control_number"] for r in loans] == [USB1, CDR]
    assert loans[0]["out_count"] == loans[0]["back_count"] == "100"
    assert loans[0]["out_slip"] and loans[0]["back_slip"] and loans[0]["mismatch"] == "0"
    assert [r["record"] for r in table].count("certificate") == 1
    assert any(r["record"] == "contractor_erasure" and r["reference"] == "ER-001" for r in table)
    assert any(r["record"] == "audit" and r["date"] == "2025-05-25" for r in table)
    assert table[-1]["record"] == "contract" and table[-1]["state"] == "closed"
    assert path.stat().st_mode & 0o777 == 0o600


def test_year_csv_has_one_row_per_contract_that_ran(desk: Desk, tmp_path: Path) -> None:
    desk.lend(USB1)
    desk.incident(IncidentKind.OTHER)
    desk.sheet_item(CheckStatus.NOT_MET)
    organisation.add_contract(
        desk.ledger,
        desk.admin,
        organisation.ContractForm(
            title="翌年度の委託",
            section_code="TAX",
            contractor_name="弁護士法人みなと",
            period_start=date(2026, 4, 1),
            period_end=date(2026, 9, 30),
        ),
    )
    path = tmp_path / "year.csv"
    assert export_year(desk.ledger, desk.admin, 2025, "csv", path) == 2
    table = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    servicer = next(r for r in table if r["contract_id"] == str(desk.contract_id))
    assert (servicer["loans"], servicer["slips"], servicer["records_out"]) == ("1", "1", "100")
    assert (servicer["incidents_open"], servicer["sheet_unmet"]) == ("1", "1")
    assert servicer["audits_done"] == "0" and servicer["closed_on"] == ""
    assert export_year(desk.ledger, desk.admin, 2026, "csv", tmp_path / "r8.csv") == 1


def test_closeout_summary_pdf_text_page_and_qr(desk: Desk, tmp_path: Path, pdf_tools: None) -> None:
    closed(desk)
    path = tmp_path / "summary.pdf"
    result = save_summary_pdf(desk.ledger, desk.admin, desk.contract_id, path)
    text = pdftools.text(path)
    for expected in (
        "契約完了報告",
        "転出者滞納整理業務委託",
        "株式会社東京サービサー",
        USB1,
        CDR,
        "ER-001",
        "令和7年",
        "担当者印",
        "区控",
    ):
        assert expected in text, expected
    assert result.summary.loans[0].out_slip in text
    png = pdftools.render(path, dpi=150)
    assert pdftools.ink_fraction(png) > 0.01
    summary = result.summary
    assert summary.close_seq is not None
    assert pdftools.qr_codes(png) == [
        f"LTUI.CLOSE.RPT-C{desk.contract_id:04d}-{summary.close_seq}.{summary.close_hash}"
    ]


def test_an_open_contract_prints_as_not_closed(desk: Desk, tmp_path: Path, pdf_tools: None) -> None:
    path = tmp_path / "open.pdf"
    path.write_bytes(summary_document(desk.ledger, desk.contract_id, "en"))
    assert "(not closed)" in pdftools.text(path)
    assert "Contract status report" in pdftools.text(path)


def test_an_open_contracts_report_is_a_status_report_with_its_handlers_and_sheet(
    desk: Desk, tmp_path: Path, pdf_tools: None
) -> None:
    desk.lend(USB1)
    desk.sheet_item(CheckStatus.NOT_MET, code="safe_storage")
    path = tmp_path / "open.pdf"
    path.write_bytes(summary_document(desk.ledger, desk.contract_id))
    text = "".join(pdftools.text(path).split())
    assert "契約状況報告" in text and "契約完了報告" not in text
    assert "完了したことを報告します" not in text
    assert "第1〜21項" in text and "・" not in text.split("特記事項")[1][:20]
    assert "令和7年5月1日（2025-05-01）～令和8年3月31日（2026-03-31）" in text
    assert "取扱責任者・取扱者" in text and "取扱責任者" in text
    for handler in organisation.show_contract(desk.ledger, desk.contract_id).handlers:
        assert "".join(handler.person_name.split()) in text
    assert "確認記録票の確認結果" in text and "区が貸与したUSBメモリ" in text


def test_reports_count_only_slips_that_took_effect(desk: Desk, tmp_path: Path) -> None:
    from ledger_tui.services.lending import loans as lending
    from ledger_tui.services.lending import slips
    from ledger_tui.services.oversight.closeout_views import closeout_summary

    desk.lend(USB1, count=7)
    draft_loan = lending.create_loan(desk.ledger, desk.admin, CDR, desk.contract_id)
    slips.draft_out_slip(desk.ledger, desk.admin, draft_loan.id, desk.form(8))  # never confirmed
    summary = closeout_summary(desk.ledger, desk.contract_id)
    assert summary.records_out == 7 and summary.slip_count == 1
    path = tmp_path / "year.csv"
    export_year(desk.ledger, desk.admin, 2025, "csv", path)
    row = next(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert (row["slips"], row["records_out"]) == ("1", "7")


def test_year_report_pdf_runs_onto_several_numbered_pages(
    desk: Desk, tmp_path: Path, pdf_tools: None
) -> None:
    for n in range(30):
        organisation.add_contract(
            desk.ledger,
            desk.admin,
            organisation.ContractForm(
                title=f"追加の委託契約 第{n + 1}号",
                section_code="TAX",
                contractor_name="弁護士法人みなと",
                period_start=date(2025, 6, 1),
                period_end=date(2025, 12, 31),
            ),
        )
    path = tmp_path / "year.pdf"
    assert export_year(desk.ledger, desk.admin, 2025, "pdf", path) == 32
    pages = pdftools.page_count(path)
    assert pages >= 2
    text = pdftools.text(path)
    assert "令和7年度" in text and "追加の委託契約 第30号" in text
    flat = text.replace(" ", "")
    assert f"1/{pages}" in flat and f"{pages}/{pages}" in flat
    assert pdftools.ink_fraction(pdftools.render(path, page=pages)) > 0.001


def test_a_summary_that_cannot_be_saved_is_recorded_as_a_failed_attempt(
    desk: Desk, tmp_path: Path
) -> None:
    import json

    from sqlalchemy import select

    from ledger_tui.db.models import AuditEntry
    from ledger_tui.domain.errors import DomainError

    with pytest.raises(DomainError) as refused:
        save_summary_pdf(
            desk.ledger, desk.admin, desk.contract_id, tmp_path / "no such folder" / "summary.pdf"
        )
    assert refused.value.key == "error.print.write_failed"
    with desk.ledger.read_session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "contract.summary_print_failed")
        ).one()
    assert json.loads(entry.details)["reason"] == "error.print.write_failed"
