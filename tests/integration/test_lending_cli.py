"""The lending commands in process through `main([...])`, on SQLite and PostgreSQL:
lend and return with the counter confirmation and the PDF, each slip command, the slip
ledger and loans listings, the slips export, the ward's name, and a refusal of each
with its exit code (2 usage, 3 refused by a rule, 4 authentication).

The commands run on the real clock, so the contracts here run around today.
"""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.db.uow import utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.form_series import HANDOVER_SLIP
from ledger_tui.domain.media import MediumKind
from ledger_tui.domain.operators import Role
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.ledger.export import SLIP_COLUMNS
from ledger_tui.services.register import media
from tests.conftest import mark_verified_wipe
from tests.integration import test_cli as shared
from tests.integration.test_cli import ADMIN_PASSWORD, DESK_PASSWORD, Cli, Result
from tests.printing import conftest as printing_fixtures
from tests.printing import pdftools
from tests.printing.conftest import TestPrinter

# Fixtures of the command-line and printing tests, bound here so pytest finds them.
cli, admin_cli = shared.cli, shared.admin_cli
pdf_tools, test_printer = printing_fixtures.pdf_tools, printing_fixtures.test_printer

TODAY = local_date(utc_now())
OUT_ITEMS = "郵便番号,住所,氏名"


def number(sequence: int) -> str:
    """This fiscal year's slip number, e.g. SLIP-R8-0001."""
    return HANDOVER_SLIP.number(TODAY, sequence)


@pytest.fixture
def desk(admin_cli: Cli, key_dir: Path) -> Cli:
    """Contract 1 (servicer: USB and CD-R, hand or registered mail; handlers SV01, SV02),
    contract 2 (law firm: USB by e-mail; handler SV01 too), blank media, and a desk
    operator `desk`."""
    ledger = open_ledger(admin_cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "ZEI", "税務課")
        organisation.add_contractor(ledger, admin, "株式会社サンプル債権回収")
        organisation.add_contractor(ledger, admin, "弁護士法人サンプル")
        start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=60)
        survey = organisation.add_contract(
            ledger,
            admin,
            organisation.ContractForm(
                title="区外転出者の現地調査業務委託",
                section_code="ZEI",
                contractor_name="株式会社サンプル債権回収",
                period_start=start,
                period_end=end,
                provided_items=["郵便番号", "住所", "方書", "氏名"],
                collected_items=["居住の有無", "表札"],
                allowed_media_kinds=["usb", "cdr"],
                allowed_transfer_methods=["hand", "registered_mail"],
            ),
        )
        law = organisation.add_contract(
            ledger,
            admin,
            organisation.ContractForm(
                title="督促等業務委託",
                section_code="ZEI",
                contractor_name="弁護士法人サンプル",
                period_start=start,
                period_end=end,
                provided_items=["氏名"],
                allowed_media_kinds=["usb"],
                allowed_transfer_methods=["email"],
            ),
        )
        for contract, name, role, code in (
            (survey.id, "佐藤 健一", "responsible", "SV01"),
            (survey.id, "鈴木 美咲", "handler", "SV02"),
            (law.id, "田中 誠", "responsible", "SV01"),
        ):
            organisation.add_handler(
                ledger, admin, contract, name, role, code, start, None, start - timedelta(days=7)
            )
        for control_number in ("税-USB-001", "税-USB-002"):
            media.register_medium(
                ledger, admin, media.MediumForm(control_number, serial=f"SN-{control_number}")
            )
            mark_verified_wipe(ledger, admin, control_number)
        media.register_medium(ledger, admin, media.MediumForm("税-CD-001", kind=MediumKind.CDR))
        auth.add_operator(ledger, admin, "desk", "窓口 花子", DESK_PASSWORD, Role.OPERATOR, "ZEI")
    finally:
        ledger.engine.dispose()
    return admin_cli


def as_desk(runner: Cli, *args: str) -> Result:
    return runner("--operator", "desk", "--password-stdin", *args, stdin=f"{DESK_PASSWORD}\n")


def lend(
    runner: Cli,
    *extra: str,
    medium: str = "税-USB-001",
    handler: str = "1",
    without_load: bool = True,
) -> Result:
    """Lend as the desk; the blank sticks of these tests go out without a load."""
    return as_desk(
        runner,
        "lend",
        *(["--without-load"] if without_load else []),
        "--medium",
        medium,
        "--contract",
        "1",
        "--handler",
        handler,
        "--count",
        "500",
        "--method",
        "hand",
        "--items",
        OUT_ITEMS,
        *extra,
    )


def as_json(result: Result) -> Any:
    assert result.code == 0, result.err
    return result.json()


def trail(runner: Cli, action: str) -> list[dict[str, Any]]:
    rows = runner.sql(f"SELECT details FROM audit_entries WHERE action = '{action}' ORDER BY seq")
    return [json.loads(str(row[0])) for row in rows]


# --- the cycle ----------------------------------------------------------------------------


def test_lend_confirm_pdf_stamp_and_return(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    paper = tmp_path / "out.pdf"
    lent = as_json(
        lend(
            desk,
            "--json",
            "--text",
            "転出者リスト",
            "--notes",
            "封筒で手交",
            "--confirm-code",
            "sv01",
            "--pdf",
            str(paper),
        )
    )
    slip, loan = lent["slip"], lent["loan"]
    assert lent["completed"] is True and slip["number"] == number(1)
    assert (slip["state"], slip["printer"], slip["print_job"]) == ("printed", "pdf:out.pdf", "file")
    assert (loan["state"], loan["medium_state"]) == ("out", "lent")
    assert lent["print"]["pdf"] == str(paper)
    assert paper.stat().st_mode & 0o777 == 0o600
    text = pdftools.text(paper)
    assert number(1) in text and "500件" in text and "佐藤 健一（取扱責任者）" in text

    short = number(1).replace("-000", "-").lower()  # r8-1: as typed at the desk
    shown = desk("slip", "show", short)
    assert shown.code == 0 and number(1) in shown.out and "印刷済" in shown.out
    assert "佐藤 健一（取扱責任者）" in shown.out and "窓口 花子（desk）" in shown.out
    stamped = as_desk(desk, "slip", "stamp", number(1))
    assert stamped.code == 0 and "押印済にしました" in stamped.out
    again = as_desk(desk, "slip", "stamp", number(1))
    assert again.code == 3 and "訂正は取消票で行います" in again.err

    back_args = (
        "return",
        "--medium",
        "税-USB-001",
        "--handler",
        "1",
        "--count",
        "498",
        "--method",
        "hand",
        "--items",
        "居住の有無,表札",
        "--confirm-code",
        "SV01",
    )
    unexplained = as_desk(desk, *back_args)
    assert unexplained.code == 3 and "理由を記入してください" in unexplained.err
    back = as_json(as_desk(desk, "--json", *back_args, "--explain", "2件は転居先不明"))
    assert back["slip"]["number"] == number(2) and back["slip"]["direction"] == "back"
    assert back["slip"]["count_mismatch"] is True and back["slip"]["out_slip_number"] == number(1)
    assert (back["loan"]["state"], back["loan"]["medium_state"]) == ("back", "wipe_pending")
    assert back["print"] is None
    printed = as_desk(desk, "slip", "print", number(2), "--pdf", str(tmp_path / "back.pdf"))
    assert printed.code == 0 and "書き出しました" in printed.out
    assert f"slip stamp {number(2)}" in printed.out
    assert "不一致（差 -2件）" in pdftools.text(tmp_path / "back.pdf")
    assert desk("audit", "verify").code == 0


def test_lend_step_by_step_then_cancel(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    drafted = lend(desk)
    assert drafted.code == 0, drafted.err
    assert "貸出 1 を作成しました（媒体 税-USB-001" in drafted.out
    assert f"受け渡し票 {number(1)}（提供）を作成しました" in drafted.out
    wrong = as_desk(desk, "slip", "confirm", number(1), "--code", "WRONG1")
    assert wrong.code == 4 and "一致しません（1/5 回目）" in wrong.err
    confirmed = as_desk(desk, "slip", "confirm", number(1), "--code", "SV01")
    assert confirmed.code == 0 and "「貸出中」になりました" in confirmed.out
    single = tmp_path / "one.pdf"
    assert (
        as_desk(desk, "slip", "print", number(1), "--pdf", str(single), "--copies", "1").code == 0
    )
    assert pdftools.page_count(single) == 1
    cancelled = as_json(
        as_desk(desk, "--json", "slip", "cancel", number(1), "--reason", "件数の誤記")
    )
    assert cancelled["cancelled"]["state"] == "cancelled"
    assert cancelled["cancelling"]["number"] == number(2)
    assert cancelled["cancelling"]["cancels_number"] == number(1)
    twice = as_desk(desk, "slip", "cancel", number(1), "--reason", "再度")
    assert twice.code == 3 and "変更できません" in twice.err
    undo = as_desk(desk, "slip", "cancel", number(2), "--reason", "再度")
    assert undo.code == 3 and f"取消票 {number(2)} は取り消せません" in undo.err
    assert as_desk(desk, "slip", "cancel", number(2), "--reason", " ").code == 3
    shown = desk("slip", "show", number(1))
    assert f"取消票 {number(2)}: 件数の誤記" in shown.out
    assert f"{number(1)}: 件数の誤記" in desk("slip", "show", number(2)).out
    medium = as_json(desk("--json", "media", "show", "税-USB-001"))
    assert medium["state"] == "blank"  # the cancelling slip undid the hand-over
    assert desk("audit", "verify").code == 0


def test_lend_refusals(desk: Cli) -> None:
    assert lend(desk, medium="税-USB-404").code == 3
    unknown = lend(desk, handler="99")
    assert unknown.code == 3 and "取扱者番号 99" in unknown.err
    other_contracts = lend(desk, handler="3")  # the law firm's handler
    assert other_contracts.code == 3 and "取扱者番号 3" in other_contracts.err
    no_confirm = lend(desk, "--print")
    assert no_confirm.code == 2 and "--confirm-code" in no_confirm.err
    assert lend(desk, "--print", "--pdf", "x.pdf", "--confirm-code", "SV01").code == 2
    assert (
        desk(
            "lend",
            "--medium",
            "税-USB-001",
            "--contract",
            "1",
            "--handler",
            "1",
            "--count",
            "1",
            "--method",
            "hand",
            anonymous=True,
        ).code
        == 2
    )  # no --operator
    method = as_desk(
        desk,
        "lend",
        "--medium",
        "税-USB-001",
        "--without-load",
        "--contract",
        "1",
        "--handler",
        "1",
        "--count",
        "500",
        "--method",
        "email",
        "--items",
        OUT_ITEMS,
    )
    assert method.code == 3 and "認められていません" in method.err
    # one transaction: the loan was never opened, so nothing is withdrawn
    assert "作成しました" not in method.out and "取り下げ" not in method.out
    assert as_json(desk("--json", "loans", "list")) == []

    not_loaded = lend(desk, medium="税-USB-002", without_load=False)
    assert not_loaded.code == 3 and "格納されていません" in not_loaded.err
    assert lend(desk, medium="税-USB-002").code == 0
    other = as_desk(
        desk,
        "lend",
        "--medium",
        "税-USB-002",
        "--contract",
        "2",
        "--handler",
        "3",
        "--count",
        "1",
        "--method",
        "email",
        "--items",
        "氏名",
    )
    assert other.code == 3 and "委託契約 1 の貸出" in other.err
    twice = lend(desk, medium="税-USB-002")
    assert twice.code == 3 and "既に同じ向きの有効な受け渡し票" in twice.err
    due = lend(desk, "--expected-return", TODAY.isoformat(), medium="税-USB-002")
    assert due.code == 3 and "返却予定日は" in due.err

    failed = lend(desk, "--json", "--confirm-code", "WRONG1", medium="税-CD-001")
    assert failed.code == 4 and json.loads(failed.err)["error"] == "error.slip.wrong_code"
    partial = failed.json()
    assert isinstance(partial, dict) and partial["completed"] is False
    assert partial["slip"]["state"] == "draft" and partial["slip"]["confirm_attempts"] == 1

    nothing_out = as_desk(
        desk,
        "return",
        "--medium",
        "税-USB-001",
        "--handler",
        "1",
        "--count",
        "1",
        "--method",
        "hand",
        "--items",
        "表札",
    )
    assert nothing_out.code == 3 and "開いている貸出がありません" in nothing_out.err
    not_out = as_desk(
        desk,
        "return",
        "--medium",
        "税-USB-002",
        "--handler",
        "1",
        "--count",
        "1",
        "--method",
        "hand",
        "--items",
        "表札",
    )
    assert not_out.code == 3 and "返却票を作れません" in not_out.err
    assert desk("slip", "show", "R1-9999").code == 3
    assert desk("audit", "verify").code == 0


def test_slip_print_failure_is_refused_and_on_record(
    desk: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert lend(desk, "--confirm-code", "SV01").code == 0
    failed = as_desk(desk, "slip", "print", number(1), "--printer", "no-such-printer")
    assert failed.code == 3 and failed.err.strip()
    assert trail(desk, "slip.print_failed")[0]["printer"] == "no-such-printer"
    assert as_json(desk("--json", "slip", "show", number(1)))["state"] == "confirmed"
    monkeypatch.setenv("LEDGER_TUI_SLIP_COPIES", "many")
    copies = as_desk(desk, "slip", "print", number(1), "--pdf", "x.pdf")
    # read and checked once at start, with the variable named
    assert copies.code == 2 and "LEDGER_TUI_SLIP_COPIES" in copies.err


def test_lend_and_print_through_cups(desk: Cli, test_printer: TestPrinter) -> None:
    done = lend(desk, "--confirm-code", "SV01", "--print", "--printer", test_printer.name)
    assert done.code == 0, done.err
    assert f"{test_printer.name} で印刷しました" in done.out and "request id is" in done.out
    assert "プリンタの状態" in done.out
    job = trail(desk, "slip.printed")[0]["job"]
    assert test_printer.output_of(job).stat().st_size > 0
    assert as_desk(desk, "slip", "stamp", number(1)).code == 0
    reprint = as_desk(desk, "slip", "print", number(1), "--printer", test_printer.name)
    assert reprint.code == 0 and "再印刷しました" in reprint.out
    assert trail(desk, "slip.reprinted")[0]["state"] == "stamped"


# --- listings, export, the ward -----------------------------------------------------------


def _two_slips(desk: Cli) -> None:
    assert lend(desk, "--confirm-code", "SV01").code == 0
    mailed = as_desk(
        desk,
        "lend",
        "--medium",
        "税-CD-001",
        "--contract",
        "1",
        "--handler",
        "2",
        "--count",
        "4",
        "--method",
        "registered_mail",
        "--detail",
        "1234-5678-9012",
        "--items",
        "氏名",
    )
    assert mailed.code == 0, mailed.err


def test_slips_list_and_filters(desk: Cli) -> None:
    _two_slips(desk)
    rows = as_json(desk("--json", "slips", "list"))
    assert [r["number"] for r in rows] == [number(2), number(1)]  # newest first
    assert set(rows[0]) == set(SLIP_COLUMNS)
    assert [
        r["number"] for r in as_json(desk("--json", "slips", "list", "--medium", "税-CD-001"))
    ] == [number(2)]
    not_its = desk("slips", "list", "--handler", "3", "--contract", "1")
    assert not_its.code == 3 and "contract show 1" in not_its.err
    by_handler = as_json(desk("--json", "slips", "list", "--handler", "1", "--contract", "1"))
    assert [r["number"] for r in by_handler] == [number(1)]
    assert [r["number"] for r in as_json(desk("--json", "slips", "list", "--handler", "2"))] == [
        number(2)
    ]
    assert desk("slips", "list", "--handler", "99").code == 3
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert "該当するものはありません" in desk("slips", "list", "--from", tomorrow).out
    assert len(as_json(desk("--json", "slips", "list", "--to", TODAY.isoformat()))) == 2
    table = desk("slips", "list", "--limit", "1")
    assert "票番号" in table.out and number(2) in table.out and number(1) not in table.out
    assert "1件まで表示しました" in table.out
    assert "Slip no." in desk("--lang", "en", "slips", "list").out


def test_loans_list_overdue_first(desk: Cli) -> None:
    _two_slips(desk)
    loans = as_json(desk("--json", "loans", "list"))
    assert [(loan["control_number"], loan["state"]) for loan in loans] == [
        ("税-USB-001", "out"),
        ("税-CD-001", "draft"),
    ]
    assert as_json(desk("--json", "loans", "list", "--overdue")) == []
    # Days pass: the stick's expected return is now three days ago.
    past = (TODAY - timedelta(days=3)).isoformat()
    desk.sql(f"UPDATE loans SET expected_return = '{past}' WHERE id = 1")
    overdue = as_json(desk("--json", "loans", "list", "--overdue"))
    assert [(loan["control_number"], loan["overdue_days"]) for loan in overdue] == [
        ("税-USB-001", 3)
    ]
    table = desk("loans", "list")
    assert "延滞日数" in table.out and "貸出中" in table.out and "準備中" in table.out


def test_export_slips(desk: Cli, tmp_path: Path) -> None:
    _two_slips(desk)
    assert as_desk(desk, "slip", "cancel", number(1), "--reason", "誤記").code == 0
    target = tmp_path / "slips.csv"
    done = desk("export", "slips", "--format", "csv", "--output", str(target))
    assert done.code == 0 and "3件を" in done.out
    assert target.stat().st_mode & 0o777 == 0o600
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["number"] for r in rows] == [number(1), number(2), number(3)]  # oldest first
    assert rows[2]["cancels"] == number(1) and rows[0]["state"] == "cancelled"
    assert rows[0]["handed_at"].endswith("+09:00") and rows[1]["handler_name"] == "鈴木 美咲"
    streamed = json.loads(desk("export", "slips", "--format", "json").out)
    assert [r["number"] for r in streamed] == [number(1), number(2), number(3)]
    assert trail(desk, "ledger.exported")[0] == {
        "target": "slips",
        "format": "csv",
        "rows": 3,
        "file": "slips.csv",
    }


def test_ward_set_is_for_admins(desk: Cli, tmp_path: Path, pdf_tools: None) -> None:
    refused = as_desk(desk, "ward", "set", "新宿区")
    assert refused.code == 4 and "管理者のみ" in refused.err
    done = desk.as_admin("--json", "ward", "set", " 新宿区 ")
    assert as_json(done) == {"ward_name": "新宿区"}
    assert "「新宿区」にしました" in desk.as_admin("ward", "set", "新宿区").out
    assert trail(desk, "ledger.ward_name")[0]["name"] == "新宿区"
    assert lend(desk, "--confirm-code", "SV01", "--pdf", str(tmp_path / "s.pdf")).code == 0
    assert "新宿区" in pdftools.text(tmp_path / "s.pdf")
