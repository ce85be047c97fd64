"""The finished inspection on paper: the 点検記録 PDF read back (text, embedded fonts, the
QR code with the finish entry's hash), saved to a file and printed through the real
CUPS test printer, each recorded on the trail; an open inspection does not print."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, IllegalTransition
from ledger_tui.services import auth
from ledger_tui.services.inspection.paper import (
    inspection_document,
    print_inspection,
    save_inspection_pdf,
)
from ledger_tui.services.inspection.walk import finish_inspection, record_seen, start_inspection
from ledger_tui.services.paper import set_ward_name
from tests.conftest import ADMIN_PASSWORD
from tests.inspections.conftest import build_register
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter


@pytest.fixture
def desk(sqlite_ledger: Ledger) -> Actor:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    build_register(sqlite_ledger, admin)
    set_ward_name(sqlite_ledger, admin, "杉並区")
    return admin


def _finished(ledger: Ledger, actor: Actor) -> int:
    inspection = start_inspection(ledger, actor).id
    record_seen(ledger, actor, inspection, control_number="税-USB-001")
    record_seen(ledger, actor, inspection, control_number="税-CASE-001", seal_number="S-7777")
    record_seen(ledger, actor, inspection, serial="STRANGER000042")
    finish_inspection(ledger, actor, inspection, notes="年度末点検")
    return inspection


def _printed(ledger: Ledger) -> list[dict[str, object]]:
    with ledger.read_session() as session:
        rows = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "inspection.printed")
        ).all()
    return [json.loads(row) for row in rows]


def test_the_record_reads_back(
    sqlite_ledger: Ledger, desk: Actor, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    inspection = _finished(sqlite_ledger, desk)
    pdf = save_pdf(inspection_document(sqlite_ledger, inspection), "inspection")
    text = "".join(pdftools.text(pdf).split())
    for expected in (
        "USBメモリ等点検記録",
        "INSP-R7-0001",
        "杉並区",
        "管理一郎",
        "年度末点検",
        "税-USB-001",
        "所在確認",
        "税-CD-001",
        "所在不明",
        "台帳外",
        "S/NSTRANGER000042",
        "封印番号が台帳と不一致",
        "封印S-7777",
        "区控",
    ):
        assert expected in text, expected
    assert all(font["emb"] == "yes" for font in pdftools.fonts(pdf))
    codes = pdftools.qr_codes(pdftools.render(pdf, 1, 200, tmp_path))
    with sqlite_ledger.read_session() as session:
        finish_hash = session.scalars(
            select(AuditEntry.entry_hash).where(AuditEntry.action == "inspection.finished")
        ).one()
    assert any("INSP" in code and "INSP-R7-0001" in code and finish_hash in code for code in codes)


def test_on_loan_but_found_in_the_safe_is_its_own_marked_and_counted_result(
    sqlite_ledger: Ledger, desk: Actor, save_pdf: Callable[[bytes, str], Path]
) -> None:
    inspection = start_inspection(sqlite_ledger, desk).id
    record_seen(sqlite_ledger, desk, inspection, control_number="税-USB-001")
    record_seen(sqlite_ledger, desk, inspection, control_number="税-USB-002")  # lent out
    finish_inspection(sqlite_ledger, desk, inspection)
    pdf = save_pdf(inspection_document(sqlite_ledger, inspection), "anomaly")
    text = "".join(pdftools.text(pdf).split())
    row = text[text.index("税-USB-002") :][:60]
    assert "台帳不一致※" in row and "台帳上は貸出中" in row
    assert "所在確認" not in row
    assert "台帳不一致1件" in text
    assert "所在確認1件" in text  # only 税-USB-001 is a plain find
    english = " ".join(
        pdftools.text(
            save_pdf(inspection_document(sqlite_ledger, inspection, lang="en"), "en")
        ).split()
    )
    assert "AGAINST" in english and "against the register 1" in english


def test_an_open_inspection_does_not_print(
    sqlite_ledger: Ledger, desk: Actor, tmp_path: Path
) -> None:
    inspection = start_inspection(sqlite_ledger, desk).id
    with pytest.raises(IllegalTransition):
        inspection_document(sqlite_ledger, inspection)
    with pytest.raises(IllegalTransition):
        save_inspection_pdf(sqlite_ledger, desk, inspection, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists() and _printed(sqlite_ledger) == []


def test_saved_pdf_is_owner_only_and_recorded(
    sqlite_ledger: Ledger, desk: Actor, tmp_path: Path, pdf_tools: None
) -> None:
    inspection = _finished(sqlite_ledger, desk)
    path = save_inspection_pdf(sqlite_ledger, desk, inspection, tmp_path / "点検.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert pdftools.page_count(path) == 1
    assert _printed(sqlite_ledger) == [{"printer": "pdf:点検.pdf", "job": "file"}]
    with pytest.raises(DomainError):
        save_inspection_pdf(sqlite_ledger, desk, inspection, tmp_path / "no" / "dir.pdf")
    with sqlite_ledger.read_session() as session:
        failed = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "inspection.print_failed")
        ).one()
    assert json.loads(failed)["reason"] == "error.print.write_failed"


def test_printed_through_cups(
    sqlite_ledger: Ledger, desk: Actor, test_printer: TestPrinter, pdf_tools: None, tmp_path: Path
) -> None:
    inspection = _finished(sqlite_ledger, desk)
    result = print_inspection(
        sqlite_ledger, desk, inspection, printer=test_printer.name, wait_timeout=120
    )
    assert result.printer == test_printer.name and result.inspection.number == "INSP-R7-0001"
    printed = test_printer.output_of(result.job_id)
    assert pdftools.page_count(printed) == 1
    assert pdftools.ink_fraction(pdftools.render(printed, 1, 50, tmp_path)) > 0.01
    assert _printed(sqlite_ledger) == [{"printer": test_printer.name, "job": result.job_id}]
