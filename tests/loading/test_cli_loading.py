"""`load` and `intake` on the command line, in process through `main([...])`, on SQLite
and PostgreSQL with a real FAT32 loop device: the plan, the load (its JSON carries the
password once), password retrieval and the notice, show, the intake with the loan's and
the contractor's password, and refusals with their exit codes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.db.uow import utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.lending import slips
from ledger_tui.services.register import media
from ledger_tui.system.archive.reader import ArchiveReader
from ledger_tui.system.stick.fatfs import Stick
from tests.conftest import mark_verified_wipe
from tests.integration import test_cli as shared
from tests.integration.test_cli import ADMIN_PASSWORD, Cli
from tests.loading.conftest import format_fat
from tests.loading.data import address_csv

cli, admin_cli = shared.cli, shared.admin_cli

CONTROL = "税-USB-201"
CODE = "SV01"


@pytest.fixture
def loop_desk(
    admin_cli: Cli, key_dir: Path, loop_device_factory: Any, allow_loop_devices: None
) -> tuple[Cli, Any, int]:
    """A current contract, a handler, and a blank registered stick (a FAT32 loop device)."""
    device = loop_device_factory(size_mib=64, name="cli")
    format_fat(device, "-F", "32")
    today = local_date(utc_now())
    ledger = open_ledger(admin_cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        organisation.add_section(ledger, admin, "ZEI", "税務課")
        organisation.add_contractor(ledger, admin, "株式会社サンプル債権回収")
        start, end = today - timedelta(days=30), today + timedelta(days=60)
        contract = organisation.add_contract(
            ledger,
            admin,
            organisation.ContractForm(
                title="区外転出者の現地調査業務委託",
                section_code="ZEI",
                contractor_name="株式会社サンプル債権回収",
                period_start=start,
                period_end=end,
                provided_items=["郵便番号", "住所", "方書", "氏名"],
                collected_items=["居住の有無"],
                allowed_media_kinds=["usb"],
                allowed_transfer_methods=["hand"],
            ),
        )
        organisation.add_handler(
            ledger,
            admin,
            contract.id,
            "佐藤 健一",
            "responsible",
            CODE,
            start,
            None,
            start - timedelta(days=7),
        )
        media.register_medium(ledger, admin, media.MediumForm(CONTROL, serial=str(device.backing)))
        mark_verified_wipe(ledger, admin, CONTROL)
    finally:
        ledger.engine.dispose()
    return admin_cli, device, contract.id


def _lend_out(cli: Cli, key_dir: Path, contract: int, loan_id: int, count: int) -> None:
    ledger = open_ledger(cli.db_url, key_dir)
    try:
        admin = auth.login(ledger, "admin", ADMIN_PASSWORD)
        handler = organisation.show_contract(ledger, contract).handlers[0].id
        slip = slips.draft_out_slip(
            ledger,
            admin,
            loan_id,
            slips.SlipForm(
                handler_id=handler,
                record_count=count,
                transfer_method="hand",
                items=("住所", "氏名"),
            ),
        )
        slips.confirm_at_counter(ledger, admin, slip.id, CODE)
    finally:
        ledger.engine.dispose()


def test_load_password_notice_and_intake(
    loop_desk: tuple[Cli, Any, int], tmp_path: Path, key_dir: Path
) -> None:
    cli, device, contract = loop_desk
    source = address_csv(tmp_path / "住所録.csv", 30, areas=True)

    plan = cli("load", "--plan", "--split-column", "地区", str(source), "--json")
    assert plan.code == 0, plan.err
    assert [a["records"] for a in plan.json()["archives"]] == [10, 10, 10]  # type: ignore[index]
    said = cli("load", "--plan", "--split-column", "地区", str(source))
    assert "[新宿] 10 件" in said.out and "合計 30 件、書庫 3 個" in said.out

    done = cli.as_admin(
        "load",
        "--medium",
        CONTROL,
        "--device",
        device.path,
        "--contract",
        str(contract),
        str(source),
        "--json",
    )
    assert done.code == 0, done.err
    result: dict[str, Any] = done.json()  # type: ignore[assignment]
    assert result["records"] == 30
    (archive,) = result["archives"]
    password = archive["password"]
    with Stick(device.path).open(archive["name"]) as handle:
        contents = ArchiveReader(handle).extract_all(password)
    assert contents.archive_sha256 == archive["sha256"]

    again = cli.as_admin("load", "password", "--load", str(result["load_id"]), "--json")
    assert again.code == 0, again.err
    assert again.json()["password"] == password  # type: ignore[index]
    notice = tmp_path / "notice.pdf"
    printed = cli.as_admin("load", "notice", "--load", str(result["load_id"]), "--pdf", str(notice))
    assert printed.code == 0, printed.err
    assert notice.read_bytes().startswith(b"%PDF")
    shown = cli("load", "show", "--load", str(result["load_id"]), "--json")
    assert shown.json()["state"] == "verified"  # type: ignore[index]
    assert password not in shown.out

    _lend_out(cli, key_dir, contract, result["loan_id"], 30)
    dest = tmp_path / "dest"
    dest.mkdir()
    taken = cli.as_admin(
        "intake", "--medium", CONTROL, "--device", device.path, "--dest", str(dest)
    )
    assert taken.code == 0, taken.err
    assert "30" in taken.out and str(dest) in taken.out
    assert (dest / "税-USB-201" / "住所録.csv").is_file()
    contractor = cli.as_admin(
        "intake",
        "--medium",
        CONTROL,
        "--device",
        device.path,
        "--contractor-password",
        "--json",
        stdin=f"{password}\n",
    )
    assert contractor.code == 0, contractor.err
    sources = [a["password_source"] for a in contractor.json()["archives"]]  # type: ignore
    assert sources == ["given"]


def test_refusals_and_exit_codes(
    loop_desk: tuple[Cli, Any, int], tmp_path: Path, loop_device_factory: Any
) -> None:
    cli, device, contract = loop_desk
    source = address_csv(tmp_path / "a.csv", 3)
    usage = cli.as_admin("load", str(source))
    assert usage.code == 2

    other = loop_device_factory(size_mib=64, name="other")
    format_fat(other, "-F", "32")
    refused = cli.as_admin(
        "load",
        "--medium",
        CONTROL,
        "--device",
        other.path,
        "--contract",
        str(contract),
        str(source),
        "--json",
    )
    assert refused.code == 3
    assert '"load.stick.wrong_stick"' in refused.err
    # the loan opened for the load was withdrawn again; the medium is still blank
    assert cli.sql("SELECT state FROM loans") == [("closed",)]
    assert cli.sql(f"SELECT state FROM media WHERE control_number = '{CONTROL}'") == [("blank",)]
    assert cli.sql("SELECT state, failure_key FROM loads") == [("failed", "load.stick.wrong_stick")]

    no_load = cli.as_admin("load", "password", "--load", "99")
    assert no_load.code == 3
    missing = cli.as_admin("intake", "--medium", CONTROL, "--device", device.path)
    assert missing.code == 3
