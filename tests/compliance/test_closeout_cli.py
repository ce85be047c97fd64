"""The close-out commands in process through `main([...])` with --json, on SQLite and
PostgreSQL: contract blockers, a refused close (exit 3, every blocker listed), a close
with the summary saved as PDF, a second close refused, obligations, and the contract
and fiscal-year reports. The commands run on the real clock, so contracts run today."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from ledger_tui.db.uow import utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import CheckStatus, SheetTemplate
from ledger_tui.domain.wareki import fiscal_year, fiscal_year_prefix
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.oversight import sheets
from tests.integration import test_cli as shared
from tests.integration.test_cli import ADMIN_PASSWORD, Cli
from tests.printing import conftest as printing_fixtures
from tests.printing import pdftools

cli, admin_cli = shared.cli, shared.admin_cli
pdf_tools = printing_fixtures.pdf_tools
TODAY = local_date(utc_now())


@pytest.fixture
def org(admin_cli: Cli, key_dir: Path) -> Cli:
    """Contract 1 carries no trackable duty and a checked sheet; contract 2 carries all 21
    special terms and no sheet."""
    ledger = open_ledger(admin_cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "ZEI", "税務課")
        organisation.add_contractor(ledger, admin, "株式会社サンプル債権回収")
        for title, terms in (("軽微な委託", [1, 2, 3]), ("現地調査業務委託", list(range(1, 22)))):
            organisation.add_contract(
                ledger,
                admin,
                organisation.ContractForm(
                    title=title,
                    section_code="ZEI",
                    contractor_name="株式会社サンプル債権回収",
                    period_start=TODAY - timedelta(days=30),
                    period_end=TODAY + timedelta(days=20),
                    special_terms=terms,
                ),
            )
        # contract 1's sheet, every measure checked: nothing but its sheet is owed
        for row in sheets.start_sheet(ledger, admin, 1, SheetTemplate.LAW_FIRM).rows:
            sheets.check_item(ledger, admin, row.item_id, CheckStatus.MET, TODAY)
    finally:
        ledger.engine.dispose()
    return admin_cli


def test_blockers_and_a_refused_close(org: Cli) -> None:
    done = org("contract", "blockers", "2", "--json")
    assert done.code == 0, done.err
    kinds = [b["kind"] for b in done.json()]  # type: ignore[union-attr]
    assert kinds == [
        "contractor_erasure_missing",
        "handler_designation_missing",
        "audit_missing",
        "sheet_missing",
    ]
    refused = org.as_admin("contract", "close", "2", "--json")
    assert refused.code == 3
    body = refused.json()
    assert body["closed"] is False and len(body["blockers"]) == 4  # type: ignore[index]
    assert body["blockers"][2]["target"]["screen"] == "audits"  # type: ignore[index]
    assert body["blockers"][3]["target"]["screen"] == "sheet"  # type: ignore[index]
    plain = org.as_admin("contract", "close", "2")
    assert plain.code == 3 and "4" in plain.err and "監査" in plain.err


def test_close_saves_the_summary_and_refuses_a_second_close(
    org: Cli, tmp_path: Path, pdf_tools: None
) -> None:
    assert org("contract", "blockers", "1").out.startswith("委託契約 1 を妨げる")
    pdf = tmp_path / "summary.pdf"
    done = org.as_admin("contract", "close", "1", "--pdf", str(pdf), "--json")
    assert done.code == 0, done.err
    body = done.json()
    assert body["closed"] is True  # type: ignore[index]
    assert body["summary"]["closed_by"] == "管理 一郎"  # type: ignore[index]
    assert "契約完了報告" in pdftools.text(pdf)
    again = org.as_admin("contract", "close", "1", "--json")
    assert again.code == 3 and "closeout.error.already_closed" in again.err


def test_obligations_json(org: Cli) -> None:
    done = org("obligations", "--json")
    assert done.code == 0, done.err
    found = done.json()
    audits = [o for o in found if o["kind"] == "audit_due"]  # type: ignore[union-attr]
    assert len(audits) == 1 and audits[0]["target"]["contract_id"] == 2  # type: ignore[index]
    assert audits[0]["severity"] == "yellow" and audits[0]["days"] < 0  # type: ignore[index]
    text = org("obligations")
    assert "現地調査業務委託" in text.out


def test_reports(org: Cli, tmp_path: Path, pdf_tools: None) -> None:
    contract_csv = tmp_path / "c.csv"
    done = org.as_admin(
        "report", "contract", "2", "--format", "csv", "--output", str(contract_csv), "--json"
    )
    assert done.code == 0, done.err
    assert done.json()["rows"] == 1  # type: ignore[index]  # the contract row alone
    year = fiscal_year(TODAY)
    for label in (str(year), fiscal_year_prefix(TODAY)):
        path = tmp_path / f"y-{label}.pdf"
        done = org.as_admin(
            "report", "year", label, "--format", "pdf", "--output", str(path), "--json"
        )
        assert done.code == 0, done.err
        assert done.json()["scope"] == f"fiscal_year:{year}"  # type: ignore[index]
        assert "現地調査業務委託" in pdftools.text(path)
    bad = org.as_admin(
        "report", "year", "X9", "--format", "csv", "--output", str(tmp_path / "x.csv")
    )
    assert bad.code == 3
