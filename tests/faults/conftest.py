"""Fixtures of the fault tests: a ledger on the real clock (the command line runs in
child processes that share it) with a running contract and its responsible handler, and
registered blank sticks on real FAT loop devices."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from ledger_tui.config import Settings
from ledger_tui.db.uow import Actor, Ledger, utc_now
from ledger_tui.domain.clock import local_date
from ledger_tui.services import auth, organisation
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.register import media
from tests.conftest import ADMIN_PASSWORD, LoopDevice, mark_verified_wipe

HANDLER_CODE = "FLT01"


@dataclass
class Desk:
    """A ledger on the real clock with one running contract that allows USB sticks."""

    url: str
    key_dir: Path
    ledger: Ledger
    actor: Actor
    contract_id: int
    handler_id: int

    def blank_stick(self, device: LoopDevice, number: str) -> lending.LoanView:
        """`number` registered on `device` (serial: its backing file), blank, with a
        draft loan under the contract."""
        media.register_medium(
            self.ledger, self.actor, media.MediumForm(number, serial=str(device.backing))
        )
        mark_verified_wipe(self.ledger, self.actor, number)
        return lending.create_loan(self.ledger, self.actor, number, self.contract_id)

    def out_form(self, records: int = 1) -> slips.SlipForm:
        return slips.SlipForm(
            handler_id=self.handler_id,
            record_count=records,
            transfer_method="hand",
            items=("住所",),
        )

    def medium_state(self, number: str) -> media.MediumState:
        return media.show_medium(self.ledger, number).state


def build_desk(url: str, key_dir: Path) -> Desk:
    # A fault desk loads onto loop devices standing in for sticks.
    settings = Settings(db_url=url, key_dir=key_dir, allow_loop_devices=True)
    ledger = open_ledger(url, key_dir, settings=settings)
    actor = auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    today = local_date(utc_now())
    start, end = today - timedelta(days=30), today + timedelta(days=90)
    organisation.add_section(ledger, actor, "ZEI", "税務課")
    organisation.add_contractor(ledger, actor, "株式会社サンプル債権回収")
    contract = organisation.add_contract(
        ledger,
        actor,
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
    handler = organisation.add_handler(
        ledger, actor, contract.id, "佐藤 健一", "responsible", HANDLER_CODE, start, None, start
    ).handler
    return Desk(url, key_dir, ledger, actor, contract.id, handler.id)


@pytest.fixture
def fault_desk(sqlite_url: str, key_dir: Path, allow_loop_devices: None) -> Iterator[Desk]:
    desk = build_desk(sqlite_url, key_dir)
    yield desk
    desk.ledger.engine.dispose()


@pytest.fixture
def fat_stick(tmp_path: Path) -> Iterator[Callable[[str, float], LoopDevice]]:
    """FAT loop devices made one at a time and detached when the test ends (or by the
    test itself with `.close()`, to hold few of the shared loop devices at once)."""
    made: list[LoopDevice] = []

    def make(name: str, size_mib: float = 40) -> LoopDevice:
        device = LoopDevice(tmp_path / f"{name}.img", int(size_mib * 1024 * 1024))
        made.append(device)
        subprocess.run(["mkfs.vfat", "-n", "LEDGER", device.path], check=True, capture_output=True)
        return device

    yield make
    for device in made:
        device.close()
