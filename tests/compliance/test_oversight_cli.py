"""The audit and incident commands in process through `main([...])` with `--json`, on
SQLite and PostgreSQL and the real clock: plan and record an audit, list what is due,
print the history; report a loss (the stick goes lost), refuse to close without the
written report (exit 3), record it, close, show, list and print."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ledger_tui.db.uow import utc_now
from ledger_tui.domain.clock import local_date, local_zone
from ledger_tui.domain.form_series import INCIDENT
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from tests.conftest import ADMIN_PASSWORD
from tests.integration import test_cli as shared
from tests.integration.lending_world import (
    COLLECTED,
    HANDLER_CODE,
    PROVIDED,
    RESPONSIBLE_CODE,
    World,
)
from tests.integration.test_cli import Cli, Result
from tests.printing import conftest as printing
from tests.printing import pdftools

cli, admin_cli = shared.cli, shared.admin_cli  # fixtures, bound so pytest finds them
pdf_tools = printing.pdf_tools

TODAY = local_date(utc_now())


@pytest.fixture
def desk(admin_cli: Cli, key_dir: Path) -> Cli:
    """Contract 1 running around today with two designated handlers; 税-USB-001 lent."""
    from ledger_tui.services.register import media
    from tests.conftest import mark_verified_wipe

    ledger = open_ledger(admin_cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "TAX", "税務課")
        organisation.add_contractor(ledger, admin, "株式会社東京サービサー")
        contract = organisation.add_contract(
            ledger,
            admin,
            organisation.ContractForm(
                title="転出者滞納整理業務委託",
                section_code="TAX",
                contractor_name="株式会社東京サービサー",
                period_start=TODAY - timedelta(days=30),
                period_end=TODAY + timedelta(days=90),
                provided_items=list(PROVIDED),
                collected_items=list(COLLECTED),
            ),
        )
        start = TODAY - timedelta(days=30)
        responsible = organisation.add_handler(
            ledger,
            admin,
            contract.id,
            "山田 太郎",
            "responsible",
            RESPONSIBLE_CODE,
            start,
            None,
            start,
        ).handler
        handler = organisation.add_handler(
            ledger, admin, contract.id, "佐藤 花子", "handler", HANDLER_CODE, start, None, start
        ).handler
        media.register_medium(ledger, admin, media.MediumForm("税-USB-001", serial="SN-1"))
        mark_verified_wipe(ledger, admin, "税-USB-001")
        World(ledger, admin, contract.id, responsible.id, handler.id, 0, 0).lend("税-USB-001")
    finally:
        ledger.engine.dispose()
    return admin_cli


def _ok(result: Result) -> Result:
    assert result.code == 0, result.err
    return result


def test_audit_commands(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    due = _ok(desk("audit", "list", "--due", "--json")).json()
    assert isinstance(due, list) and [row["contract_id"] for row in due] == [1]
    # due by 31 March or by the contract's end, whichever comes first
    assert due[0]["due_on"] <= (TODAY + timedelta(days=90)).isoformat()
    assert due[0]["days_left"] == (date.fromisoformat(due[0]["due_on"]) - TODAY).days
    planned = _ok(
        desk.as_admin(
            "audit", "add", "1", "--planned", (TODAY + timedelta(days=5)).isoformat(), "--json"
        )
    ).json()
    assert isinstance(planned, dict) and planned["status"] == "planned"
    future = desk.as_admin(
        "audit",
        "done",
        str(planned["id"]),
        "--on",
        (TODAY + timedelta(days=1)).isoformat(),
        "--auditor",
        "監査 次郎",
        "--findings",
        "確認",
    )
    assert future.code == 3 and "未来" in future.err
    done = _ok(
        desk.as_admin(
            "audit",
            "done",
            str(planned["id"]),
            "--on",
            TODAY.isoformat(),
            "--auditor",
            "監査 次郎",
            "--findings",
            "金庫を確認",
            "--json",
        )
    ).json()
    assert isinstance(done, dict) and done["status"] == "done"
    assert _ok(desk("audit", "list", "--due", "--json")).json() == []
    extra = _ok(
        desk.as_admin(
            "audit",
            "add",
            "1",
            "--done",
            TODAY.isoformat(),
            "--auditor",
            "監査 次郎",
            "--findings",
            "鍵が机上",
            "--follow-ups",
            "鍵箱設置",
            "--kind",
            "document",
        )
    ).out
    assert "実施として記録しました" in extra
    listed = _ok(desk("audit", "list", "--contract", "1", "--json")).json()
    assert isinstance(listed, list) and len(listed) == 2
    follow = next(a for a in listed if a["status"] == "follow_ups_open")
    closed = _ok(
        desk.as_admin(
            "audit", "follow-up-closed", str(follow["id"]), "--on", TODAY.isoformat(), "--json"
        )
    ).json()
    assert isinstance(closed, dict) and closed["follow_ups_closed_on"] == TODAY.isoformat()
    no_auditor = desk.as_admin("audit", "add", "1", "--done", TODAY.isoformat(), "--findings", "x")
    assert no_auditor.code == 3
    assert desk.as_admin("audit", "add", "1").code == 2  # --planned or --done
    pdf = tmp_path / "audits.pdf"
    printed = _ok(desk.as_admin("audit", "print", "1", "--pdf", str(pdf), "--json")).json()
    assert isinstance(printed, dict) and printed["number"] == "AUD-C0001"
    assert "監査記録" in pdftools.text(pdf)
    assert "監査次郎" in "".join(_ok(desk("audit", "list")).out.split())


def test_incident_commands(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    now = datetime.now(local_zone()).replace(second=0, microsecond=0)
    discovered = now - timedelta(hours=2)
    number = INCIDENT.number(discovered.date(), 1)
    added = _ok(
        desk.as_admin(
            "incident",
            "add",
            "--contract",
            "1",
            "--kind",
            "loss",
            "--medium",
            "税-USB-001",
            "--handler",
            "1",  # the responsible person's number
            "--handler",
            "2",
            "--discovered",
            discovered.strftime("%Y-%m-%dT%H:%M"),
            "--notified",
            (discovered + timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M"),
            "--notified-by",
            "山田 太郎",
            "--what",
            "訪問先で紛失",
            "--records",
            "40",
            "--json",
        )
    ).json()
    assert isinstance(added, dict) and added["number"] == number
    assert added["medium_state"] == "lost" and added["loan_state"] == "out"
    assert added["handler_names"] == ["山田 太郎", "佐藤 花子"]
    assert added["notification_hours"] == 0.5 and added["late_notification"] is False
    assert _ok(desk("media", "show", "税-USB-001", "--json")).json()["state"] == "lost"  # type: ignore[index]

    refused = desk.as_admin("incident", "close", number, "--note", "完了")
    assert refused.code == 3 and "書面" in refused.err
    updated = _ok(
        desk.as_admin(
            "incident",
            "update",
            number,
            "--report-received",
            TODAY.isoformat(),
            "--instructions",
            "再発防止策を提出",
            "--json",
        )
    ).json()
    assert isinstance(updated, dict) and updated["report_missing"] is False
    found = _ok(desk.as_admin("incident", "found", number.lower(), "--note", "届出あり")).out
    assert "税-USB-001" in found
    closed = _ok(desk.as_admin("incident", "close", number, "--note", "確認済み", "--json")).json()
    assert isinstance(closed, dict) and closed["state"] == "closed"
    assert _ok(desk("incident", "list", "--open", "--json")).json() == []
    assert len(_ok(desk("incident", "list", "--json")).json()) == 1  # type: ignore[arg-type]
    shown = _ok(desk("incident", "show", number)).out
    assert number in shown and "訪問先で紛失" in shown and "完了" in shown
    pdf = tmp_path / "incident.pdf"
    _ok(desk.as_admin("incident", "print", number, "--pdf", str(pdf)))
    assert "事故報告書" in pdftools.text(pdf)
    assert desk("incident", "show", "R9-9999").code == 3
    bad = desk.as_admin(
        "incident",
        "add",
        "--contract",
        "1",
        "--kind",
        "loss",
        "--discovered",
        "yesterday",
        "--what",
        "x",
    )
    assert bad.code == 2
