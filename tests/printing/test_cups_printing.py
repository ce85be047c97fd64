"""Printing through a real CUPS: the private cupsd and cups-pdf queue of scripts/test.sh.

cups-pdf rewrites the PDF through Ghostscript, after which pdftotext no longer finds the
Japanese text, so the printed file is checked by rendering it; the text was checked on
our own PDF before printing (test_handover_slip_pdf.py).
"""

from __future__ import annotations

import subprocess
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import DomainError, NotFound
from ledger_tui.services.paper import print_or_record
from ledger_tui.system import printing
from ledger_tui.system.pdf.handover_slip import render_handover_slip
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter
from tests.printing.samples import out_slip


def test_slip_printed_to_the_cups_pdf_queue_arrives_and_renders(
    test_printer: TestPrinter, pdf_tools: None, tmp_path: Path
) -> None:
    job = printing.print_pdf(
        render_handover_slip(out_slip()), printer=test_printer.name, title="R7-0042"
    )
    assert job.printer == test_printer.name
    assert job.job_id.startswith(f"{test_printer.name}-")
    assert "request id is" in job.answer
    assert printing.wait_for_job(job, timeout=120) is True
    assert not printing.job_pending(job)
    printed = test_printer.output_of(job.job_id)
    assert printed.read_bytes().startswith(b"%PDF")
    assert pdftools.page_count(printed) == 2  # 区控 and 委託先控
    for page in (1, 2):
        assert pdftools.ink_fraction(pdftools.render(printed, page, 50, tmp_path)) > 0.01


def test_printer_status_and_list(test_printer: TestPrinter) -> None:
    status = printing.printer_status(test_printer.name)
    assert status.state in (printing.PrinterState.IDLE, printing.PrinterState.PRINTING)
    assert status.accepting
    assert test_printer.name in status.describe("en")
    assert test_printer.name in {p.name for p in printing.list_printers()}


def test_the_ledgers_printer_wins_over_the_cups_default(
    test_printer: TestPrinter, sqlite_ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The printer comes from the settings the ledger was opened with: the environment
    changed after the start changes nothing (it once was read on every print)."""
    assert printing.default_printer() == test_printer.name  # services.sh made it the default
    monkeypatch.setenv("LEDGER_TUI_PRINTER", "no-such-printer")
    failed: list[str] = []
    data = render_handover_slip(out_slip())
    job = print_or_record(sqlite_ledger, data, None, "default", lambda p, _: failed.append(p))
    assert job.printer == test_printer.name and failed == []
    sqlite_ledger.settings = replace(sqlite_ledger.settings, printer="no-such-printer")
    with pytest.raises(NotFound):
        print_or_record(sqlite_ledger, data, None, "configured", lambda p, _: failed.append(p))
    assert failed == ["no-such-printer"]


def test_unknown_printer_is_a_clear_error(test_printer: TestPrinter) -> None:
    with pytest.raises(NotFound) as caught:
        printing.print_pdf(b"%PDF-1.4\n", printer="no-such-printer")
    assert caught.value.key == "error.print.no_printer"
    assert "no-such-printer" in caught.value.message("ja")
    with pytest.raises(NotFound):
        printing.printer_status("no-such-printer")


def test_cups_not_running_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CUPS_SERVER", str(tmp_path / "no-cupsd.sock"))
    for call in (
        lambda: printing.print_pdf(b"%PDF-1.4\n", printer="any"),
        lambda: printing.printer_status("any"),
        printing.list_printers,
    ):
        with pytest.raises(DomainError) as caught:
            call()
        assert caught.value.key == "error.print.cups_down", caught.value.key
        assert "CUPS" in caught.value.message("ja")


def test_bad_copy_count_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        printing.print_pdf(b"%PDF-1.4\n", printer="any", copies=0)
    assert caught.value.key == "error.print.copies"


@pytest.fixture
def stopped_printer(test_printer: TestPrinter) -> Iterator[str]:
    """A queue that accepts jobs but never prints them (disabled), removed afterwards."""
    name = f"ledger-stopped-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [
            "lpadmin",
            "-p",
            name,
            "-v",
            f"cups-pdf:/{name}",
            "-P",
            "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd",
        ],
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(["cupsaccept", name], check=True, capture_output=True)
        yield name
    finally:
        subprocess.run(["lpadmin", "-x", name], check=True, capture_output=True)


def test_a_job_that_never_finishes_times_out_naming_the_printer_state(stopped_printer: str) -> None:
    job = printing.print_pdf(b"%PDF-1.4\n", printer=stopped_printer)
    assert printing.printer_status(stopped_printer).state is printing.PrinterState.DISABLED
    seen: list[printing.PrinterStatus] = []
    with pytest.raises(DomainError) as caught:
        printing.wait_for_job(job, timeout=0.3, progress=seen.append)
    assert caught.value.key == "error.print.timeout"
    assert job.job_id in caught.value.message("en") and "disabled" in caught.value.message("en")
    assert seen and seen[0].name == stopped_printer
    assert printing.job_pending(job)
    cancel = threading.Event()
    cancel.set()
    assert printing.wait_for_job(job, timeout=30, cancel=cancel) is False
    assert not printing.job_pending(job)  # cancelled in CUPS


def test_write_pdf_is_owner_only_and_replaces_atomically(tmp_path: Path) -> None:
    target = tmp_path / "slip.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    written = printing.write_pdf(target, b"%PDF-new")
    assert written == target and target.read_bytes() == b"%PDF-new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["slip.pdf"]  # no temporary left


def test_write_pdf_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DomainError) as caught:
        printing.write_pdf(tmp_path / "missing" / "slip.pdf", b"%PDF")
    assert caught.value.key == "error.print.write_failed"
    assert "missing" in caught.value.message("en")
