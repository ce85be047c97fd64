"""`sheet start|show|check|item-*|print` and `contract terms` in process through
`main([...])`, on SQLite and PostgreSQL, with --json and the exit codes of the other
commands (2 usage, 3 refused by a rule, 4 not allowed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.services.trail.verify import verify_trail
from tests.compliance.world import OPERATOR_LOGIN, OPERATOR_PASSWORD, World, build_world
from tests.integration import test_cli as shared
from tests.integration.test_cli import Cli
from tests.printing import pdftools

cli = shared.cli  # the command-line fixture, bound here so pytest finds it


@pytest.fixture
def world(cli: Cli, ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def _json(done: shared.Result) -> Any:
    assert done.code == 0, done.err
    return done.json()


def _as_operator(cli: Cli, *args: str) -> shared.Result:
    return cli(
        "--operator", OPERATOR_LOGIN, "--password-stdin", *args, stdin=f"{OPERATOR_PASSWORD}\n"
    )


def test_a_sheet_from_the_command_line(
    cli: Cli, world: World, tmp_path: Path, pdf_tools: None
) -> None:
    contract = str(world.servicer_contract_id)
    empty = cli("sheet", "show", contract)
    assert empty.code == 0 and "sheet start" in empty.out
    started = _json(cli.as_admin("sheet", "start", contract, "--template", "servicer", "--json"))
    assert len(started["rows"]) == 21 and started["summary"]["unchecked"] == 21
    again = cli.as_admin("sheet", "start", contract, "--template", "law_firm", "--json")
    assert again.code == 3 and '"sheet.error.already_started"' in again.err

    missing = _as_operator(cli, "sheet", "check", contract, "2", "--status", "not_met")
    assert missing.code == 3 and "備考" in missing.err
    row = _json(
        _as_operator(
            cli,
            "sheet",
            "check",
            contract,
            "2",
            "--status",
            "not_met",
            "--on",
            "2025-05-30",
            "--note",
            "金庫の施錠なし",
            "--json",
        )
    )
    assert (row["position"], row["status"], row["checked_on"], row["checked_by"]) == (
        2,
        "not_met",
        "2025-05-30",
        "窓口 花子",
    )
    # the command line runs on the real clock: "today" is Tokyo's today
    today = local_date(datetime.now(UTC))
    checked = _as_operator(cli, "sheet", "check", contract, "1", "--status", "met")
    assert checked.code == 0 and f"（{today.isoformat()}）" in checked.out
    assert "[済]" in checked.out
    future = _as_operator(
        cli,
        "sheet",
        "check",
        contract,
        "1",
        "--status",
        "met",
        "--on",
        (today + timedelta(days=2)).isoformat(),
    )
    assert future.code == 3 and "checked_on" not in future.out
    nowhere = _as_operator(cli, "sheet", "check", contract, "99", "--status", "met")
    assert nowhere.code == 3 and "99" in nowhere.err
    bad_status = _as_operator(cli, "sheet", "check", contract, "1", "--status", "done")
    assert bad_status.code == 2

    not_admin = _as_operator(cli, "sheet", "item-add", contract, "独自項目")
    assert not_admin.code == 4
    added = _json(cli.as_admin("sheet", "item-add", contract, "鍵の管理簿を備えている", "--json"))
    assert (added["position"], added["code"]) == (22, "custom")
    reworded = _json(cli.as_admin("sheet", "item-reword", contract, "17", "鍵管理簿あり", "--json"))
    assert reworded["label"] == "鍵管理簿あり"
    withdrawn = cli.as_admin("sheet", "item-withdraw", contract, "3", "--reason", "現地調査なし")
    assert withdrawn.code == 0 and "3." in withdrawn.out
    on_withdrawn = _as_operator(cli, "sheet", "check", contract, "3", "--status", "met")
    assert on_withdrawn.code == 3

    shown = _json(cli("sheet", "show", contract, "--json"))
    assert len(shown["rows"]) == 21 and [r["position"] for r in shown["withdrawn"]] == [3]
    assert shown["summary"] == {"met": 1, "not_met": 1, "not_applicable": 0, "unchecked": 19}
    assert shown["rows"][1]["history"][0]["note"] == "金庫の施錠なし"
    text = cli("sheet", "show", contract)
    assert text.code == 0 and "金庫の施錠なし" in text.out and "（取下げ）3." in text.out

    pdf = tmp_path / "sheet.pdf"
    printed = _json(_as_operator(cli, "sheet", "print", contract, "--pdf", str(pdf), "--json"))
    assert printed["reference"] == "CHK-C0001" and printed["print"]["job_id"] == "file"
    assert "確認記録票" in pdftools.text(pdf)
    no_sheet = _as_operator(
        cli, "sheet", "print", str(world.law_firm_contract_id), "--pdf", str(tmp_path / "x.pdf")
    )
    assert no_sheet.code == 3 and not (tmp_path / "x.pdf").exists()
    assert verify_trail(world.ledger).ok


def test_special_terms_from_the_command_line(cli: Cli, world: World) -> None:
    contract = str(world.law_firm_contract_id)
    shown = _json(cli("contract", "terms", contract, "--json"))
    assert shown["special_terms"] == list(range(1, 22)) and len(shown["duties"]) == 5
    chosen = _json(cli.as_admin("contract", "terms", contract, "--set", "1-10,13,15-19", "--json"))
    assert chosen["special_terms"] == [*range(1, 11), 13, 15, 16, 17, 18, 19]
    assert chosen["duties"] == [
        "annual_audit",
        "handler_designation",
        "incident_reporting",
        "training",
    ]
    text = cli("contract", "terms", contract)
    assert text.code == 0 and "1-10,13,15-19" in text.out and "従事者の指定" in text.out
    assert (
        _json(cli("contract", "show", contract, "--json"))["special_terms"]
        == chosen["special_terms"]
    )
    for bad in ("22", "3-1", "a"):
        refused = cli.as_admin("contract", "terms", contract, "--set", bad)
        assert refused.code == 2, bad
    assert _as_operator(cli, "contract", "terms", contract, "--set", "1").code == 4
    assert cli("contract", "terms", "999").code == 3
