"""Erasure certificates on paper: through the private CUPS queue (the job arrives and
renders, each print counted on the certificate and the trail), to a file (owner-only,
recorded like a print), and a failed print recorded as an attempt only."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ledger_tui.domain.errors import DomainError
from ledger_tui.services.wiping import certificate_paper, certificates
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.wiping.certificates import CertificateView
from tests.integration.lending_world import World
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter
from tests.wiping.conftest import StickFactory
from tests.wiping.helpers import assert_trail_ok, trail


@pytest.fixture
def certificate(world: World, stick_factory: StickFactory) -> CertificateView:
    stick = stick_factory()
    return wiping.wipe_medium(
        world.ledger, world.actor, stick.control_number, stick.device, witness="山田 太郎"
    ).certificate


def test_print_through_cups_arrives_renders_and_counts(
    world: World,
    certificate: CertificateView,
    test_printer: TestPrinter,
    pdf_tools: None,
    tmp_path: Path,
) -> None:
    ledger, actor = world.ledger, world.actor
    seen: list[str] = []
    result = certificate_paper.print_certificate(
        ledger,
        actor,
        certificate.id,
        printer=test_printer.name,
        progress=lambda status: seen.append(status.name),
    )
    assert result.printer == test_printer.name and "request id is" in result.answer
    assert set(seen) <= {test_printer.name} and test_printer.name in result.status_text
    printed = result.certificate
    assert (printed.printer, printed.print_job, printed.print_count) == (
        test_printer.name,
        result.job_id,
        1,
    )
    assert printed.printed_at is not None
    paper = test_printer.output_of(result.job_id)
    assert pdftools.page_count(paper) == 1
    assert pdftools.ink_fraction(pdftools.render(paper, 1, 50, tmp_path)) > 0.01

    again = certificate_paper.print_certificate(ledger, actor, certificate.id, copies=2)
    assert again.printer == test_printer.name and again.certificate.print_count == 2
    assert pdftools.page_count(test_printer.output_of(again.job_id)) == 2  # 区控, 委託先控
    entries = trail(ledger, "certificate.printed")
    assert [(e["job"], e["copy"]) for e in entries] == [(result.job_id, 1), (again.job_id, 2)]
    assert entries[0]["_subject"] == f"certificate:{certificate.number}"
    assert trail(ledger, "certificate.print_failed") == []
    assert_trail_ok(ledger)


def test_save_pdf_is_owner_only_and_recorded(
    world: World, certificate: CertificateView, tmp_path: Path, pdf_tools: None
) -> None:
    path = tmp_path / "消去証明書.pdf"
    saved = certificate_paper.save_certificate_pdf(world.ledger, world.actor, certificate.id, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert f"No. {certificate.number}" in pdftools.text(path)
    assert (saved.printer, saved.print_job, saved.print_count) == ("pdf:消去証明書.pdf", "file", 1)
    assert certificates.show_certificate(world.ledger, certificate.id) == saved


def test_a_failed_print_is_an_attempt_on_record(
    world: World, certificate: CertificateView, test_printer: TestPrinter, tmp_path: Path
) -> None:
    with pytest.raises(DomainError) as failed:
        certificate_paper.print_certificate(
            world.ledger, world.actor, certificate.id, printer="no-such-printer"
        )
    assert failed.value.key == "error.print.no_printer"
    with pytest.raises(DomainError) as unwritable:
        certificate_paper.save_certificate_pdf(
            world.ledger, world.actor, certificate.id, tmp_path / "missing" / "c.pdf"
        )
    assert unwritable.value.key == "error.print.write_failed"
    shown = certificates.show_certificate(world.ledger, certificate.id)
    assert (shown.printed_at, shown.print_count) == (None, 0)
    assert [e["reason"] for e in trail(world.ledger, "certificate.print_failed")] == [
        "error.print.no_printer",
        "error.print.write_failed",
    ]
    assert_trail_ok(world.ledger)
