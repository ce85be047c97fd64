"""The 事故報告書 and the 監査記録 on paper: text read back (和暦 dates, every field), fonts
embedded, the page rendered not blank, the QR code with number and trail hash; saved as
a file and printed through the CUPS test printer, each recorded on the trail."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import IncidentKind
from ledger_tui.domain.errors import DomainError
from ledger_tui.services import auth
from ledger_tui.services.oversight import audits, incidents
from ledger_tui.services.oversight import paper as oversight_paper
from ledger_tui.services.oversight.incidents import IncidentForm
from ledger_tui.services.paper import set_ward_name
from tests.compliance.oversight_world import World, build_world, tokyo, trail
from tests.conftest import ADMIN_PASSWORD
from tests.printing import conftest as printing
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter

# The printing fixtures, bound here so pytest finds them.
pdf_tools, save_pdf, test_printer = printing.pdf_tools, printing.save_pdf, printing.test_printer


@pytest.fixture
def world(sqlite_ledger: Ledger) -> World:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    set_ward_name(sqlite_ledger, admin, "杉並区")
    return build_world(sqlite_ledger, admin)


def _incident(world: World) -> int:
    world.lend("税-USB-001")
    view = incidents.report_incident(
        world.ledger,
        world.actor,
        IncidentForm(
            contract_id=world.contract_id,
            kind=IncidentKind.LOSS,
            suspected=True,
            discovered_at=tokyo(2025, 6, 1, 9),
            occurred_at=tokyo(2025, 5, 31, 16, 30),
            notified_at=tokyo(2025, 6, 1, 11, 15),
            notified_by="山田 太郎",
            description="調査員が訪問先でUSBメモリを置き忘れた",
            control_number="税-USB-001",
            handler_ids=(world.responsible_id, world.handler_id),
            records_affected=1200,
            measures_taken="訪問先に照会中",
        ),
    )
    incidents.update_incident(
        world.ledger,
        world.actor,
        view.id,
        written_report_on=date(2025, 6, 1),
        instructions="再発防止策を書面で提出すること",
    )
    return view.id


def _flat(pdf: Path) -> str:
    return "".join(pdftools.text(pdf).split())


def test_incident_report_reads_back(
    world: World, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    incident_id = _incident(world)
    view = incidents.show_incident(world.ledger, incident_id)
    pdf = save_pdf(oversight_paper.incident_document(world.ledger, incident_id), "incident")
    text = _flat(pdf)
    for expected in (
        "事故報告書",
        "INC-R7-0001",
        "区控",
        "杉並区",
        "税務課",
        "紛失（おそれ）",
        "令和7年5月31日（2025-05-31）16時30分",
        "令和7年6月1日（2025-06-01）9時00分",
        "11時15分",
        "山田太郎",
        "2.2",
        "転出者滞納整理業務委託",
        "株式会社東京サービサー",
        "税-USB-001",
        "佐藤花子",
        "置き忘れた",
        "1,200件",
        "訪問先に照会中",
        "再発防止策を書面で提出すること",
        "対応中",
        "報告者印",
        "確認者印",
    ):
        assert expected in text, expected
    assert all(font["emb"] == "yes" for font in pdftools.fonts(pdf))
    page = pdftools.render(pdf, 1, 200, tmp_path)
    assert pdftools.ink_fraction(page) > 0.01
    codes = pdftools.qr_codes(page)
    assert view.entry_hash
    assert any("INCIDENT" in c and "INC-R7-0001" in c and view.entry_hash in c for c in codes), (
        codes
    )


def test_a_late_first_notice_is_marked_with_hours_to_one_decimal(
    world: World, save_pdf: Callable[[bytes, str], Path]
) -> None:
    on_time = _incident(world)
    assert "第一報遅延" not in _flat(
        save_pdf(oversight_paper.incident_document(world.ledger, on_time), "on-time")
    )
    late = incidents.report_incident(
        world.ledger,
        world.actor,
        IncidentForm(
            contract_id=world.contract_id,
            kind=IncidentKind.LEAK,
            discovered_at=tokyo(2025, 5, 30, 9),
            notified_at=tokyo(2025, 5, 31, 10, 45),  # 25 hours 45 minutes later
            notified_by="山田 太郎",
            description="誤送信",
        ),
    )
    text = _flat(save_pdf(oversight_paper.incident_document(world.ledger, late.id), "late"))
    assert "発見から25.8時間" in text
    assert "第一報遅延" in text and "24時間超" in text
    english = pdftools.text(
        save_pdf(oversight_paper.incident_document(world.ledger, late.id, lang="en"), "late-en")
    )
    assert "NOTIFIED LATE" in " ".join(english.split())


def test_audit_history_reads_back(
    world: World, save_pdf: Callable[[bytes, str], Path], tmp_path: Path
) -> None:
    ledger, actor, cid = world.ledger, world.actor, world.contract_id
    audits.record_audit(
        ledger,
        actor,
        cid,
        date(2025, 5, 20),
        "監査 次郎",
        "金庫の鍵が机上にあった",
        "鍵の保管場所を定める",
    )
    audits.plan_audit(ledger, actor, cid, date(2025, 11, 4), kind="document")
    pdf = save_pdf(oversight_paper.audit_history_document(ledger, cid), "audits")
    text = _flat(pdf)
    for expected in (
        "監査記録",
        "AUD-C0001",
        "転出者滞納整理業務委託",
        "株式会社東京サービサー",
        "令和7年度",
        "立入り調査",
        "書面調査",
        "令和7年5月20日",
        "令和7年11月4日",
        "監査次郎",
        "金庫の鍵が机上にあった",
        "鍵の保管場所を定める",
        "確認者印",
    ):
        assert expected in text, expected
    page = pdftools.render(pdf, 1, 200, tmp_path)
    assert pdftools.ink_fraction(page) > 0.01
    latest = trail(ledger, "audit.planned")[-1]["_hash"]
    assert any("AUDIT" in c and "AUD-C0001" in c and latest in c for c in pdftools.qr_codes(page))
    empty = save_pdf(
        oversight_paper.audit_history_document(ledger, world.other_contract_id), "none"
    )
    assert "監査の記録はありません" in _flat(empty)


def test_saved_pdfs_are_owner_only_and_recorded(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    incident_id = _incident(world)
    saved = oversight_paper.save_incident_pdf(
        world.ledger, world.actor, "INC-R7-0001", tmp_path / "事故.pdf"
    )
    path = Path(saved.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and pdftools.page_count(path) >= 1
    assert (saved.number, saved.printer, saved.job_id) == ("INC-R7-0001", "pdf:事故.pdf", "file")
    printed = trail(world.ledger, "incident.printed")
    assert printed[-1]["_subject"] == "incident:INC-R7-0001"
    with pytest.raises(DomainError):
        oversight_paper.save_incident_pdf(
            world.ledger, world.actor, incident_id, tmp_path / "no" / "dir.pdf"
        )
    assert trail(world.ledger, "incident.print_failed")[-1]["reason"] == "error.print.write_failed"
    history = oversight_paper.save_audit_history_pdf(
        world.ledger, world.actor, world.contract_id, tmp_path / "監査.pdf"
    )
    assert Path(history.path).read_bytes().startswith(b"%PDF")
    assert trail(world.ledger, "audit.printed")[-1]["_subject"] == f"contract:{world.contract_id}"


def test_printed_through_cups(
    world: World, test_printer: TestPrinter, pdf_tools: None, tmp_path: Path
) -> None:
    _incident(world)
    result = oversight_paper.print_incident(
        world.ledger, world.actor, "INC-R7-0001", printer=test_printer.name, wait_timeout=120
    )
    printed = test_printer.output_of(result.job_id)
    assert pdftools.ink_fraction(pdftools.render(printed, 1, 50, tmp_path)) > 0.01
    assert trail(world.ledger, "incident.printed")[-1]["job"] == result.job_id
