"""`inspect start|record|finish|show` in process through `main([...])`, on SQLite and
PostgreSQL: a whole inspection walked from the command line with the record saved as a
PDF, and each refusal with its exit code (2 usage, 3 refused by a rule, 4 login)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.trail.verify import verify_trail
from tests.inspections.conftest import CD_SEAL, build_register
from tests.integration import test_cli as shared
from tests.integration.test_cli import Cli
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter

cli = shared.cli  # the command-line fixture, bound here so pytest finds it


def _register(ledger: Ledger, admin: Actor) -> None:
    build_register(ledger, admin)


def _start(cli: Cli) -> dict[str, Any]:
    done = cli.as_admin("inspect", "start", "--notes", "定期点検", "--json")
    assert done.code == 0, done.err
    started = done.json()
    assert isinstance(started, dict)
    return started


def test_an_inspection_walked_from_the_command_line(
    cli: Cli, ledger: Ledger, admin: Actor, tmp_path: Path, pdf_tools: None
) -> None:
    _register(ledger, admin)
    started = _start(cli)
    number, ident = started["number"], str(started["id"])
    assert started["state"] == "open" and started["counts"]["missing"] == 4

    seen = cli.as_admin("inspect", "record", "--inspection", number, "--medium", "税-USB-001")
    assert (seen.code, seen.out.strip()) == (0, "税-USB-001: 所在確認")
    again = cli.as_admin("inspect", "record", "--inspection", ident, "--medium", "税-USB-001")
    assert (again.code, again.out.strip()) == (0, "税-USB-001: 記録済み（所在確認）")

    sealed = cli.as_admin("inspect", "record", "--inspection", ident, "--medium", "税-CASE-001")
    assert sealed.code == 3 and "封印番号" in sealed.err and sealed.out == ""
    wrong = cli.as_admin(
        "inspect",
        "record",
        "--inspection",
        ident,
        "--medium",
        "税-CASE-001",
        "--seal",
        "S-9999",
        "--json",
    )
    assert wrong.code == 0 and wrong.json()["discrepancy"] == "insp.discrepancy.seal_mismatch"
    by_seal = cli.as_admin(
        "inspect", "record", "--inspection", ident, "--seal", CD_SEAL, "--lang", "en"
    )
    assert (by_seal.code, by_seal.out.strip()) == (0, "税-CD-002: found")
    stranger = cli.as_admin(
        "inspect", "record", "--inspection", ident, "--serial", "STRANGER000042", "--json"
    )
    assert stranger.code == 0
    assert (stranger.json()["result"], stranger.json()["how"]) == ("unexpected", "inserted")
    scanned = cli.as_admin(
        "inspect",
        "record",
        "--inspection",
        ident,
        "--medium",
        "税-USB-777",
        "--how",
        "scanned",
        "--json",
    )
    assert (scanned.json()["result"], scanned.json()["how"]) == ("unexpected", "scanned")

    shown = cli("inspect", "show", number)
    assert shown.code == 0
    for text in (
        number,
        "実施中",
        "所在確認 3",
        "未確認 1",
        "台帳外 2",
        "貸出中 1",
        "税-CD-001",
        "封印番号が台帳と不一致",
        "STRANGER000042",
    ):
        assert text in shown.out, text

    pdf = tmp_path / "inspection.pdf"
    finished = cli.as_admin("inspect", "finish", "--inspection", ident, "--pdf", str(pdf))
    assert finished.code == 0, finished.err
    assert (
        f"点検 {number} を終了しました。所在確認 3、所在不明 1、貸出中 1、台帳外 2。"
        in finished.out
    )
    assert "所在不明: 税-CD-001" in finished.out and str(pdf) in finished.out
    flat = "".join(pdftools.text(pdf).split())
    assert number in flat and "所在不明" in flat and "定期点検" in flat

    report = cli("inspect", "show", ident, "--json").json()
    assert isinstance(report, dict) and report["state"] == "finished"
    assert len(report["audit_hash"]) == 64
    assert cli.as_admin("inspect", "finish", "--inspection", ident).code == 3
    after = cli.as_admin("inspect", "record", "--inspection", ident, "--medium", "税-CD-001")
    assert after.code == 3 and "終了" in after.err
    assert verify_trail(ledger).ok


def test_finish_reports_in_json_and_a_second_start_is_refused(
    cli: Cli, ledger: Ledger, admin: Actor
) -> None:
    _register(ledger, admin)
    ident = str(_start(cli)["id"])
    second = cli.as_admin("inspect", "start", "--json")
    assert second.code == 3 and '"error": "insp.error.already_open"' in second.err
    done = cli.as_admin("inspect", "finish", "--inspection", ident, "--json")
    assert done.code == 0
    body = done.json()
    assert isinstance(body, dict) and body["completed"] is True and body["print"] is None
    assert body["report"]["missing_media"] == [
        "税-CASE-001",
        "税-CD-001",
        "税-CD-002",
        "税-USB-001",
    ]


def test_usage_and_refusals(cli: Cli, ledger: Ledger, admin: Actor) -> None:
    _register(ledger, admin)
    ident = str(_start(cli)["id"])
    record = ("inspect", "record", "--inspection", ident)
    assert cli.as_admin(*record).code == 2  # nothing seen
    assert cli.as_admin(*record, "--serial", "ABCD1234", "--seal", "S-1").code == 2
    assert cli.as_admin(*record, "--serial", "ABCD1234", "--medium", "税-USB-001").code == 2
    assert cli.as_admin(*record, "--seal", "S-1", "--how", "scanned").code == 2
    assert cli(*record, "--medium", "税-USB-001", anonymous=True).code == 2  # who is acting?
    wrong = cli(
        "--operator",
        "admin",
        "--password-stdin",
        *record,
        "--medium",
        "税-USB-001",
        stdin="not-the-password\n",
    )
    assert wrong.code == 4
    weak = cli.as_admin(*record, "--serial", "0123456789ABCDEF")
    assert weak.code == 3 and "管理番号を入力" in weak.err
    assert (
        cli.as_admin("inspect", "record", "--inspection", "999", "--medium", "税-USB-001").code == 3
    )
    missing = cli("inspect", "show", "R7-9999")
    assert missing.code == 3 and "R7-9999" in missing.err
    assert (
        cli.as_admin("inspect", "finish", "--inspection", ident, "--pdf", "x.pdf", "--print").code
        == 2
    )


def test_finish_prints_through_cups(
    cli: Cli, ledger: Ledger, admin: Actor, test_printer: TestPrinter, pdf_tools: None
) -> None:
    _register(ledger, admin)
    ident = str(_start(cli)["id"])
    done = cli.as_admin(
        "inspect",
        "finish",
        "--inspection",
        ident,
        "--print",
        "--printer",
        test_printer.name,
        "--json",
    )
    assert done.code == 0, done.err
    body = done.json()
    assert isinstance(body, dict) and body["print"]["printer"] == test_printer.name
    assert test_printer.output_of(body["print"]["job_id"]).read_bytes().startswith(b"%PDF")
