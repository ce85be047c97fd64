"""The slip printing service over a real ledger (SQLite and PostgreSQL): the PDF of a
slip read back (text, 和暦 date, counts, QR code = number + the hash of the slip's trail
entry), the file route, the CUPS route to the private cups-pdf queue, reprints, and
failures that leave the slip unprinted but the attempt on record."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui import config
from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import AuthError, DomainError, IllegalTransition, InvalidInput
from ledger_tui.domain.operators import Role
from ledger_tui.domain.slips import SlipState
from ledger_tui.services import auth, paper
from ledger_tui.services.lending import slip_paper as printing
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import SlipView, show_slip
from ledger_tui.services.trail.verify import verify_trail
from tests.integration.lending_world import World, build_world
from tests.printing import pdftools, test_cups_printing
from tests.printing.conftest import TestPrinter

stopped_printer = test_cups_printing.stopped_printer  # a fixture, bound so pytest finds it

SavePdf = Callable[[bytes, str], Path]


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


@pytest.fixture
def lent(world: World) -> SlipView:
    """A confirmed out-slip (R7-0001, 2025-06-01 14:05 in Tokyo)."""
    return world.lend()[1]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _trail(ledger: Ledger, action: str) -> list[AuditEntry]:
    with ledger.read_session() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
            )
        )


def _details(entry: AuditEntry) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(entry.details)
    return loaded


# --- the document -----------------------------------------------------------------------


def test_the_pdf_of_a_ledger_slip_reads_back(
    world: World, lent: SlipView, save_pdf: SavePdf
) -> None:
    pdf = save_pdf(printing.slip_document(world.ledger, lent.id), "slip")
    assert pdftools.page_count(pdf) == 2  # 区控 and 委託先控
    flat = _flat(pdftools.text(pdf, 1, 1))
    for expected in (
        "個人情報受け渡し票（提供）",
        "No. SLIP-R7-0001",
        "区控",
        "令和7年6月1日（2025-06-01） 14時05分",
        "転出者滞納整理業務委託",
        "税務課",
        "株式会社東京サービサー",
        "山田 太郎（取扱責任者）",
        "管理 一郎",
        "税-USB-001",
        "SN-税-USB-001",
        "郵便番号、住所、氏名",
        "転出者リスト 令和7年5月分",
        "500件",
        "手渡し",
        "封筒に入れて手交",
        "令和8年3月31日（2026-03-31）",
        "（区名未設定）",
    ):
        assert expected in flat, expected
    assert "委託先控" in pdftools.text(pdf, 2, 2)
    [confirmed] = _trail(world.ledger, "slip.confirmed")
    assert lent.entry_hash == confirmed.entry_hash
    codes = pdftools.qr_codes(pdftools.render(pdf, 1, 150))
    assert codes == [f"LTUI.SLIP.SLIP-R7-0001.{confirmed.entry_hash}"]


def test_the_ward_name_is_set_once_by_an_admin(
    world: World, lent: SlipView, save_pdf: SavePdf
) -> None:
    ledger = world.ledger
    auth.add_operator(ledger, world.actor, "desk", "窓口 花子", "desk-password-456", Role.OPERATOR)
    desk = auth.login(ledger, "desk", "desk-password-456")
    with pytest.raises(AuthError):
        paper.set_ward_name(ledger, desk, "杉並区")
    with pytest.raises(InvalidInput):
        paper.set_ward_name(ledger, world.actor, "  ")
    assert paper.set_ward_name(ledger, world.actor, " 杉並区 ") == "杉並区"
    assert paper.ward_name(ledger) == "杉並区"
    [entry] = _trail(ledger, "ledger.ward_name")
    assert _details(entry) == {"name": "杉並区", "previous": ""}
    text = _flat(pdftools.text(save_pdf(printing.slip_document(ledger, lent.id), "slip")))
    assert "杉並区 税務課" in text and "区名未設定" not in text
    assert verify_trail(ledger).ok


def test_back_slip_reconciles_and_a_cancellation_prints_on_both_slips(
    world: World, save_pdf: SavePdf
) -> None:
    ledger, actor = world.ledger, world.actor
    loan, _ = world.lend()
    back = world.take_back(loan.id, record_count=498, mismatch_explanation="2件は転居先不明")
    text = _flat(pdftools.text(save_pdf(printing.slip_document(ledger, back.id), "back")))
    for expected in (
        "個人情報受け渡し票（返却）",
        "No. SLIP-R7-0002",
        "提供時の票番号 SLIP-R7-0001",
        "提供件数 500件",
        "498件",
        "不一致（差 -2件）",
        "2件は転居先不明",
    ):
        assert expected in text, expected
    assert "返却予定日" not in text

    done = slips.cancel_slip(ledger, actor, back.id, "件数の誤記")
    cancelled = _flat(pdftools.text(save_pdf(printing.slip_document(ledger, back.id), "x")))
    assert "取消票番号 SLIP-R7-0003" in cancelled and "件数の誤記" in cancelled
    cancelling_pdf = save_pdf(printing.slip_document(ledger, done.cancelling.id), "c")
    cancelling = _flat(pdftools.text(cancelling_pdf))
    assert "取消票" in cancelling and "取消対象票番号 SLIP-R7-0002" in cancelling
    assert "件数の誤記" in cancelling
    assert "2件は転居先不明" in cancelling  # it repeats what it cancels, explanation too
    [entry] = _trail(ledger, "slip.cancelled")
    last_of_first_copy = pdftools.page_count(cancelling_pdf) // 2  # the code closes each copy
    assert pdftools.qr_codes(pdftools.render(cancelling_pdf, last_of_first_copy, 150)) == [
        f"LTUI.SLIP.SLIP-R7-0003.{entry.entry_hash}"
    ]
    assert verify_trail(ledger).ok


def test_a_draft_never_reaches_paper(world: World, tmp_path: Path) -> None:
    loan = world.loan()
    draft = slips.draft_out_slip(world.ledger, world.actor, loan.id, world.out_form())
    before = len(_trail(world.ledger, "slip.print_failed"))
    with pytest.raises(IllegalTransition) as refused:
        printing.slip_document(world.ledger, draft.id)
    assert refused.value.key == "error.slip.draft_not_printable"
    with pytest.raises(IllegalTransition):
        printing.save_slip_pdf(world.ledger, world.actor, draft.id, tmp_path / "d.pdf")
    assert not (tmp_path / "d.pdf").exists()
    assert show_slip(world.ledger, draft.id).print_count == 0
    assert len(_trail(world.ledger, "slip.print_failed")) == before  # a rule, not a failure


def test_copies_from_the_argument_or_the_settings(
    world: World, lent: SlipView, save_pdf: SavePdf
) -> None:
    one = save_pdf(printing.slip_document(world.ledger, lent.id, copies=1), "one")
    assert pdftools.page_count(one) == 1
    world.ledger.settings = replace(world.ledger.settings, slip_copies=3)
    three = save_pdf(printing.slip_document(world.ledger, lent.id), "three")
    assert pdftools.page_count(three) == 3 and "控3" in pdftools.text(three, 3, 3)
    with pytest.raises(InvalidInput) as bad_env:
        config.Settings.resolve(environ={config.SLIP_COPIES_ENV: "zero"})
    assert bad_env.value.key == "error.settings.integer"
    assert config.SLIP_COPIES_ENV in bad_env.value.message("ja")
    with pytest.raises(InvalidInput) as bad:
        printing.slip_document(world.ledger, lent.id, copies=0)
    assert bad.value.key == "error.print.copies"


# --- the file route -----------------------------------------------------------------------


def test_save_pdf_marks_printed_then_records_reprints(
    world: World, lent: SlipView, tmp_path: Path, pdf_tools: None
) -> None:
    ledger, actor = world.ledger, world.actor
    target = tmp_path / "SLIP-R7-0001.pdf"
    saved = printing.save_slip_pdf(ledger, actor, lent.id, target)
    assert target.stat().st_mode & 0o777 == 0o600
    assert "SLIP-R7-0001" in pdftools.text(target)
    assert (saved.state, saved.printer, saved.print_job, saved.print_count) == (
        SlipState.PRINTED,
        "pdf:SLIP-R7-0001.pdf",
        "file",
        1,
    )
    again = printing.save_slip_pdf(ledger, actor, lent.id, target)
    assert (again.state, again.print_count) == (SlipState.PRINTED, 2)
    assert "再印刷" not in pdftools.text(target)  # printed again before stamping: no mark
    slips.mark_stamped(ledger, actor, lent.id)
    stamped = printing.save_slip_pdf(ledger, actor, lent.id, tmp_path / "copy.pdf")
    assert stamped.state is SlipState.STAMPED and stamped.print_count == 2
    # the stamped original stays the only original: every page of the copy says 再印刷
    pages = pdftools.page_count(tmp_path / "copy.pdf")
    for page in range(1, pages + 1):
        assert "再印刷" in pdftools.text(tmp_path / "copy.pdf", page, page)
    [reprint] = _trail(ledger, "slip.reprinted")
    assert _details(reprint) == {"printer": "pdf:copy.pdf", "job": "file", "state": "stamped"}
    assert [_details(e)["copy"] for e in _trail(ledger, "slip.printed")] == [1, 2]
    assert verify_trail(ledger).ok


def test_an_unwritable_path_prints_nothing_but_is_on_record(
    world: World, lent: SlipView, tmp_path: Path
) -> None:
    with pytest.raises(DomainError) as failed:
        printing.save_slip_pdf(
            world.ledger, world.actor, lent.id, tmp_path / "missing" / "slip.pdf"
        )
    assert failed.value.key == "error.print.write_failed"
    assert show_slip(world.ledger, lent.id).state is SlipState.CONFIRMED
    [entry] = _trail(world.ledger, "slip.print_failed")
    assert entry.subject == "slip:SLIP-R7-0001"
    assert _details(entry) == {"printer": "pdf:slip.pdf", "reason": "error.print.write_failed"}
    assert verify_trail(world.ledger).ok


# --- CUPS ---------------------------------------------------------------------------------


def test_print_through_cups_arrives_marks_printed_and_reprints(
    world: World, lent: SlipView, test_printer: TestPrinter, pdf_tools: None, tmp_path: Path
) -> None:
    ledger, actor = world.ledger, world.actor
    seen: list[str] = []
    result = printing.print_slip(
        ledger,
        actor,
        lent.id,
        printer=test_printer.name,
        progress=lambda status: seen.append(status.name),
    )
    assert result.printer == test_printer.name and "request id is" in result.answer
    assert result.job_id.startswith(f"{test_printer.name}-")
    assert test_printer.name in result.status_text
    assert set(seen) <= {test_printer.name}
    slip = result.slip
    assert (slip.state, slip.printer, slip.print_job, slip.print_count) == (
        SlipState.PRINTED,
        test_printer.name,
        result.job_id,
        1,
    )
    printed = test_printer.output_of(result.job_id)
    assert pdftools.page_count(printed) == 2
    for page in (1, 2):
        assert pdftools.ink_fraction(pdftools.render(printed, page, 50, tmp_path)) > 0.01

    second = printing.print_slip(ledger, actor, lent.id)  # the CUPS default printer
    assert second.printer == test_printer.name and second.slip.print_count == 2
    assert second.job_id != result.job_id
    slips.mark_stamped(ledger, actor, lent.id)
    third = printing.print_slip(ledger, actor, lent.id, printer=test_printer.name)
    assert third.slip.state is SlipState.STAMPED and third.slip.print_count == 2
    [reprint] = _trail(ledger, "slip.reprinted")
    assert _details(reprint)["job"] == third.job_id
    test_printer.output_of(third.job_id)  # the reprint came out too
    assert not _trail(ledger, "slip.print_failed")
    assert verify_trail(ledger).ok


def test_an_unknown_printer_prints_nothing_but_is_on_record(
    world: World, lent: SlipView, test_printer: TestPrinter
) -> None:
    with pytest.raises(DomainError) as failed:
        printing.print_slip(world.ledger, world.actor, lent.id, printer="no-such-printer")
    assert failed.value.key == "error.print.no_printer"
    assert "no-such-printer" in failed.value.message("ja")
    slip = show_slip(world.ledger, lent.id)
    assert (slip.state, slip.printed_at, slip.print_count) == (SlipState.CONFIRMED, None, 0)
    assert not _trail(world.ledger, "slip.printed")
    [entry] = _trail(world.ledger, "slip.print_failed")
    assert _details(entry) == {"printer": "no-such-printer", "reason": "error.print.no_printer"}
    assert verify_trail(world.ledger).ok


def test_cups_down_is_a_clear_error_on_record(
    world: World, lent: SlipView, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd.sock"))
    with pytest.raises(DomainError) as failed:
        printing.print_slip(world.ledger, world.actor, lent.id, printer="desk-printer")
    assert failed.value.key == "error.print.cups_down"
    assert show_slip(world.ledger, lent.id).state is SlipState.CONFIRMED
    [entry] = _trail(world.ledger, "slip.print_failed")
    assert _details(entry) == {"printer": "desk-printer", "reason": "error.print.cups_down"}


def _pending(printer: str) -> str:
    return subprocess.run(
        ["lpstat", "-o", printer], capture_output=True, text=True, check=False
    ).stdout.strip()


def test_a_job_that_never_finishes_is_cancelled_and_not_printed(
    world: World, lent: SlipView, stopped_printer: str
) -> None:
    with pytest.raises(DomainError) as failed:
        printing.print_slip(
            world.ledger, world.actor, lent.id, printer=stopped_printer, wait_timeout=0.3
        )
    assert failed.value.key == "error.print.timeout"
    assert _pending(stopped_printer) == ""  # cancelled: no paper can come out later
    assert show_slip(world.ledger, lent.id).state is SlipState.CONFIRMED
    stop = threading.Event()
    stop.set()
    with pytest.raises(DomainError) as stopped:
        printing.print_slip(
            world.ledger, world.actor, lent.id, printer=stopped_printer, cancel=stop
        )
    assert stopped.value.key == "error.slip_print.cancelled"
    assert _pending(stopped_printer) == ""
    assert [_details(e)["reason"] for e in _trail(world.ledger, "slip.print_failed")] == [
        "error.print.timeout",
        "error.slip_print.cancelled",
    ]
    assert show_slip(world.ledger, lent.id).print_count == 0
    assert verify_trail(world.ledger).ok
