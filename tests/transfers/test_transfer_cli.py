"""The command line of transfers without a medium, in process through `main([...])`:
`transfer open`, `load --transfer --outbox`, `lend --transfer --sent` with the PDF,
`slip show`, `return --transfer` and `slip sent`, `intake --transfer --file`, and the
usage refusals. The commands run on the real clock, so the contract runs around today."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.db.uow import utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from tests.archive.conftest import run_7z
from tests.integration import test_cli as shared
from tests.integration.test_cli import ADMIN_PASSWORD, Cli, Result
from tests.loading.data import address_csv
from tests.printing import pdftools

cli, admin_cli = shared.cli, shared.admin_cli
TODAY = local_date(utc_now())
RECIPIENT = "houmu@minato-law.example.jp"


@pytest.fixture
def desk(admin_cli: Cli, key_dir: Path) -> Cli:
    """Contract 1: a law firm taking data by e-mail or registered mail (handler LAW01)."""
    ledger = open_ledger(admin_cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "EDU", "教育調整課")
        organisation.add_contractor(ledger, admin, "弁護士法人みなと")
        start, end = TODAY - timedelta(days=30), TODAY + timedelta(days=60)
        law = organisation.add_contract(
            ledger,
            admin,
            organisation.ContractForm(
                title="督促等業務委託",
                section_code="EDU",
                contractor_name="弁護士法人みなと",
                period_start=start,
                period_end=end,
                provided_items=["氏名", "住所"],
                collected_items=["交渉記録"],
                allowed_media_kinds=["cdr", "paper_case"],
                allowed_transfer_methods=["registered_mail", "locked_case", "email"],
            ),
        )
        organisation.add_handler(
            ledger, admin, law.id, "田中 誠", "responsible", "LAW01", start, None, start
        )
    finally:
        ledger.engine.dispose()
    return admin_cli


def ok(result: Result) -> Any:
    assert result.code == 0, result.err
    return result.json()


def test_email_transfer_on_the_command_line(desk: Cli, tmp_path: Path, seven_zip: Path) -> None:
    opened = ok(
        desk.as_admin("--json", "transfer", "open", "--contract", "1", "--channel", "email")
    )
    loan = opened["id"]
    assert opened["medium_id"] is None and opened["expected_return"] is None
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    source = address_csv(tmp_path / "一覧.csv", 3)
    loaded = ok(
        desk.as_admin(
            "--json", "load", "--transfer", str(loan), "--outbox", str(outbox), str(source)
        )
    )
    (archive,) = loaded["archives"]
    assert (outbox / archive["name"]).stat().st_size == archive["size"]

    # Lend without a medium: the e-mail is confirmed as sent and the slip saved.
    paper = tmp_path / "slip.pdf"
    lent = ok(
        desk.as_admin(
            "--json",
            "lend",
            "--contract",
            "1",
            "--transfer",
            str(loan),
            "--handler",
            "1",
            "--count",
            "3",
            "--method",
            "email",
            "--detail",
            RECIPIENT,
            "--items",
            "氏名,住所",
            "--sent",
            "--pdf",
            str(paper),
        )
    )
    assert lent["completed"] is True and lent["loan"]["state"] == "out"
    assert lent["slip"]["files"][0]["sha256"] == archive["sha256"]
    printed = "".join(pdftools.text(paper).split())
    assert archive["name"] in printed and RECIPIENT in printed
    shown = desk("slip", "show", lent["slip"]["number"])
    assert shown.code == 0 and "なし（媒体を使わない受け渡し）" in shown.out

    # The return by e-mail: drafted, confirmed as received, taken in from the file.
    back = desk.as_admin(
        "return",
        "--transfer",
        str(loan),
        "--handler",
        "1",
        "--count",
        "2",
        "--method",
        "email",
        "--detail",
        "kyouiku@city.example.jp",
        "--items",
        "交渉記録",
        "--explain",
        "交渉記録は2名分",
    )
    assert back.code == 0, back.err
    slips = ok(desk("--json", "slips", "list"))
    back_number = next(s["number"] for s in slips if s["direction"] == "back")
    assert back_number in back.out
    assert desk.as_admin("slip", "sent", back_number).code == 0
    work = tmp_path / "reply"
    work.mkdir()
    (work / "交渉記録.csv").write_text("氏名,記録\r\n甲,済\r\n乙,済\r\n", encoding="utf-8")
    reply = work / "reply.zip"
    made = run_7z(
        seven_zip,
        "a",
        "-tzip",
        "-mem=AES256",
        f"-p{archive['password']}",
        reply,
        "交渉記録.csv",
        cwd=work,
    )
    assert made.returncode == 0
    taken = ok(desk.as_admin("--json", "intake", "--transfer", str(loan), "--file", str(reply)))
    assert (taken["returned_records"], taken["count_matches"]) == (2, True)


def test_transfer_usage_and_refusals(desk: Cli, tmp_path: Path) -> None:
    hand = desk.as_admin("transfer", "open", "--contract", "1", "--channel", "hand")
    assert hand.code == 2  # argparse: not a channel
    mail = ok(
        desk.as_admin(
            "--json", "transfer", "open", "--contract", "1", "--channel", "registered_mail"
        )
    )
    no_target = desk.as_admin(
        "lend", "--contract", "1", "--handler", "1", "--count", "1", "--method", "email"
    )
    assert no_target.code == 2 and "--transfer" in no_target.err
    both = desk.as_admin(
        "lend",
        "--contract",
        "1",
        "--transfer",
        str(mail["id"]),
        "--handler",
        "1",
        "--count",
        "1",
        "--method",
        "registered_mail",
        "--detail",
        "1234-5678",
        "--items",
        "氏名",
        "--sent",
        "--confirm-code",
        "LAW01",
    )
    assert both.code == 2
    half = desk.as_admin("intake", "--transfer", str(mail["id"]))
    assert half.code == 2 and "--file" in half.err
    not_email = desk.as_admin(
        "load", "--transfer", str(mail["id"]), "--outbox", str(tmp_path), str(tmp_path / "x")
    )
    assert not_email.code == 3 and "メール送付" in not_email.err


def test_cdr_load_on_the_command_line(desk: Cli, tmp_path: Path, seven_zip: Path) -> None:
    added = desk.as_admin("media", "add", "教-CD-002", "--kind", "cdr")
    assert added.code == 0, added.err
    image = tmp_path / "disc.iso"
    source = address_csv(tmp_path / "一覧.csv", 2)
    loaded = ok(
        desk.as_admin(
            "--json",
            "load",
            "--medium",
            "教-CD-002",
            "--device",
            str(image),
            "--contract",
            "1",
            str(source),
        )
    )
    assert loaded["archives"][0]["name"] == "教-CD-002.zip"
    assert "教-CD-002.zip" in run_7z(seven_zip, "l", image).stdout
    shown = ok(desk("--json", "load", "show", "--load", str(loaded["load_id"])))
    assert shown["state"] == "verified"
    busy = desk.as_admin(
        "load", "--medium", "教-CD-002", "--device", str(image), "--contract", "1", str(source)
    )
    assert busy.code == 3
