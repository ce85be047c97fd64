"""The USBメモリ管理台帳 printed from the ledger: every medium with every loan it served
(out slip, handler, count, back slip, the certificate that ended it), per section or for
the whole ward, A4 landscape; read a page of media at a time; printing is on the trail.
SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event

from ledger_tui.services import organisation
from ledger_tui.services.register import media
from ledger_tui.services.register.register_paper import (
    print_register,
    register_entries,
    save_register_pdf,
)
from ledger_tui.services.wiping import disposals
from tests.compliance import test_oversight_cli as oversight_cli
from tests.integration.lending_world import World
from tests.integration.test_cli import Cli
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter
from tests.wiping.helpers import assert_trail_ok, lent_and_returned, trail

# the command-line desk: contract 1 of 税務課 with 税-USB-001 lent (fixtures bound here)
cli, admin_cli, desk = oversight_cli.cli, oversight_cli.admin_cli, oversight_cli.desk


def _flat(pdf: Path) -> str:
    return "".join(pdftools.text(pdf).split())


def _history(world: World) -> None:
    """税-CD-001: lent, returned and shredded (R7-0001); then 税-USB-001 lent and still out."""
    lent_and_returned(world, "税-CD-001")
    disposals.destroy_medium(
        world.ledger, world.actor, "税-CD-001", method="shred", witness="山田 太郎"
    )
    world.lend("税-USB-001", record_count=321)


def test_the_register_lists_every_loan_of_every_medium(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    _history(world)
    entries = {entry.control_number: entry for entry in register_entries(world.ledger)}
    assert sorted(entries) == ["税-CASE-001", "税-CD-001", "税-USB-001", "税-USB-002", "税-USB-003"]
    [cd] = entries["税-CD-001"].loans
    assert (cd.out_slip, cd.back_slip, cd.count, cd.back_count) == (
        "SLIP-R7-0001",
        "SLIP-R7-0002",
        500,
        500,
    )
    assert cd.handler == "山田 太郎" and cd.contract == "転出者滞納整理業務委託"
    assert (cd.end_kind, cd.certificate, cd.open) == ("destroy", "CERT-R7-0001", False)
    [usb] = entries["税-USB-001"].loans
    assert usb.out_slip == "SLIP-R7-0003" and usb.count == 321 and usb.back_slip == "" and usb.open
    assert entries["税-USB-002"].loans == ()

    result = save_register_pdf(world.ledger, world.actor, tmp_path / "register.pdf")
    pdf = Path(result.path)
    assert pdftools.page_size_mm(pdf) == (297, 210)
    flat = _flat(pdf)
    for expected in (
        "USBメモリ管理台帳",
        "区全体（全課）",
        "登録媒体5件",
        "SLIP-R7-0001",
        "SLIP-R7-0002",
        "SLIP-R7-0003",
        "CERT-R7-0001",
        "物理破壊",
        "321",
        "（未了）",
        "山田太郎",
        "株式会社東京サービサー",
    ):
        assert expected in flat, expected
    [printed] = trail(world.ledger, "register.printed")
    assert printed["number"] == result.number and printed["media"] == 5
    assert printed["printer"] == "pdf:register.pdf"
    assert_trail_ok(world.ledger)


def test_a_sections_register_holds_the_media_it_owns_lent_or_not(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    """By the medium's own section (保有課), not by the contracts it served: a medium of
    another section lent under this section's contract is not this section's, and one
    of this section never lent is."""
    _history(world)  # 税-CD-001 and 税-USB-001 served 税務課's contract
    ledger, actor = world.ledger, world.actor
    organisation.add_section(ledger, actor, "EDU", "教育調整課")
    moved = media.show_medium(ledger, "税-CD-001")
    form = media.MediumForm("税-CD-001", kind=moved.kind, section_code="EDU")
    media.edit_medium(ledger, actor, "税-CD-001", form, moved.version)
    assert [e.control_number for e in register_entries(ledger, "EDU")] == ["税-CD-001"]
    own = [e.control_number for e in register_entries(ledger, "TAX")]
    assert own == ["税-CASE-001", "税-USB-001", "税-USB-002", "税-USB-003"]
    result = save_register_pdf(ledger, actor, tmp_path / "edu.pdf", "EDU")
    flat = _flat(Path(result.path))
    assert "対象：教育調整課" in flat and "登録媒体1件" in flat and "税-USB-001" not in flat
    assert "SLIP-R7-0001" in flat  # its loans under 税務課's contract come with it
    assert trail(ledger, "register.printed")[0]["_subject"] == "register:section:EDU"


def test_a_medium_shredded_unused_shows_its_certificate(
    world: World, tmp_path: Path, pdf_tools: None
) -> None:
    """A medium that served no loan still ends with a certificate (a spoiled disc, a
    faulty stick shredded): the register prints it in its end column."""
    cert = disposals.destroy_medium(
        world.ledger, world.actor, "税-USB-002", method="shred", witness="山田 太郎"
    )
    assert cert.loan_id is None
    [entry] = [e for e in register_entries(world.ledger) if e.control_number == "税-USB-002"]
    assert entry.loans == () and entry.end is not None
    assert (entry.end.end_kind, entry.end.certificate) == ("destroy", cert.number)
    result = save_register_pdf(world.ledger, world.actor, tmp_path / "register.pdf")
    flat = _flat(Path(result.path))
    assert cert.number in flat and "物理破壊" in flat


def test_a_large_register_is_read_a_page_at_a_time(world: World) -> None:
    for n in range(4, 131):
        media.register_medium(
            world.ledger, world.actor, media.MediumForm(f"税-USB-{n:03d}", serial=f"SN{n}")
        )
    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if "FROM media" in statement:
            statements.append(statement)

    event.listen(world.ledger.engine, "before_cursor_execute", seen)
    try:
        rows = register_entries(world.ledger, page=20)
        first = next(rows)
        assert first.control_number == "税-CASE-001"
        assert len(statements) == 1  # one page read, not the register
        numbers = [first.control_number, *(e.control_number for e in rows)]
    finally:
        event.remove(world.ledger.engine, "before_cursor_execute", seen)
    assert len(numbers) == 132 and numbers == sorted(numbers)
    assert all("LIMIT" in statement for statement in statements)
    assert len(statements) == 7  # 132 media, 20 a page


def test_printing_the_register_through_cups(
    world: World, test_printer: TestPrinter, pdf_tools: None
) -> None:
    _history(world)
    result = print_register(world.ledger, world.actor, printer=test_printer.name)
    assert result.record.media == 5 and result.job_id
    [printed] = trail(world.ledger, "register.printed")
    assert printed["printer"] == test_printer.name and printed["job"] == result.job_id
    out = test_printer.output_of(result.job_id)
    assert result.record.number in _flat(out)  # cups-pdf re-encodes the Japanese text


def test_dates_are_in_the_ledger(world: World) -> None:
    _history(world)
    [cd] = next(e for e in register_entries(world.ledger) if e.control_number == "税-CD-001").loans
    assert cd.ended_on == date(2025, 6, 1)


def test_media_print_on_the_command_line(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    pdf = tmp_path / "register.pdf"
    result = desk.as_admin("media", "print", "--pdf", str(pdf))
    assert result.code == 0, result.err
    assert "USBメモリ管理台帳" in result.out and "1件" in result.out
    flat = _flat(pdf)
    assert "税-USB-001" in flat and "山田太郎" in flat and "（未了）" in flat
    by_section = desk.as_admin("media", "print", "--section", "TAX", "--pdf", str(pdf), "--json")
    assert by_section.code == 0 and by_section.json()["media"] == 1  # type: ignore[index]
    unknown = desk.as_admin("media", "print", "--section", "NOPE", "--pdf", str(pdf))
    assert unknown.code == 3 and "NOPE" in unknown.err


def test_contract_papers_on_the_command_line(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    terms = tmp_path / "terms.pdf"
    result = desk.as_admin("contract", "print", "1", "--paper", "terms", "--pdf", str(terms))
    assert result.code == 0, result.err
    assert "特記事項（別紙） TRM-C0001" in result.out
    flat = _flat(terms)
    assert "（基本的事項）" in flat and "21乙は、第1項から第19項まで" in flat
    handlers = tmp_path / "handlers.pdf"
    result = desk.as_admin("contract", "print", "1", "--paper", "handlers", "--pdf", str(handlers))
    assert result.code == 0, result.err
    flat = _flat(handlers)
    assert "取扱責任者・取扱者指定報告" in flat and "山田太郎" in flat and "佐藤花子" in flat
    assert "RESP01" not in flat  # the counter code stays off paper
    assert (
        desk.as_admin("contract", "print", "9", "--paper", "terms", "--pdf", str(terms)).code == 3
    )
