"""A small ledger world for the lending tests: the tax section's servicer contract with
two designated persons, and a blank USB stick, CD-R and paper case (from the seeds)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.services import organisation
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.services.register import media
from tests.conftest import mark_verified_wipe

PROVIDED = ["郵便番号", "住所", "方書", "氏名"]
COLLECTED = ["居住の有無", "表札", "家屋写真", "管理会社"]
RESPONSIBLE_CODE = "RESP01"
HANDLER_CODE = "HAND02"


@dataclass
class World:
    ledger: Ledger
    actor: Actor
    contract_id: int
    responsible_id: int
    handler_id: int  # designated 2025-07-01 .. 2025-12-31 only
    other_contract_id: int
    other_handler_id: int

    def out_form(self, **changes: Any) -> slips.SlipForm:
        form = slips.SlipForm(
            handler_id=self.responsible_id,
            record_count=500,
            transfer_method="hand",
            items=("郵便番号", "住所", "氏名"),
            free_text="転出者リスト 令和7年5月分",
            notes="封筒に入れて手交",
            # the list goes on paper with the stick: lent without an encrypted load
            without_load=True,
        )
        return replace(form, **changes)

    def back_form(self, **changes: Any) -> slips.SlipForm:
        form = slips.SlipForm(
            handler_id=self.responsible_id,
            record_count=500,
            transfer_method="hand",
            items=("居住の有無", "表札"),
        )
        return replace(form, **changes)

    def loan(self, control_number: str = "税-USB-001", **kwargs: Any) -> LoanView:
        return lending.create_loan(
            self.ledger, self.actor, control_number, self.contract_id, **kwargs
        )

    def lend(self, control_number: str = "税-USB-001", **changes: Any) -> tuple[LoanView, SlipView]:
        """Loan, out-slip and counter confirmation: the medium is lent."""
        loan = self.loan(control_number)
        slip = slips.draft_out_slip(self.ledger, self.actor, loan.id, self.out_form(**changes))
        slip = slips.confirm_at_counter(self.ledger, self.actor, slip.id, RESPONSIBLE_CODE)
        return lending.show_loan(self.ledger, loan.id), slip

    def take_back(self, loan_id: int, **changes: Any) -> SlipView:
        slip = slips.draft_back_slip(self.ledger, self.actor, loan_id, self.back_form(**changes))
        return slips.confirm_at_counter(self.ledger, self.actor, slip.id, RESPONSIBLE_CODE)

    def medium_state(self, control_number: str) -> MediumState:
        return media.show_medium(self.ledger, control_number).state


def build_world(ledger: Ledger, admin: Actor) -> World:
    organisation.add_section(ledger, admin, "TAX", "税務課")
    organisation.add_contractor(ledger, admin, "株式会社東京サービサー")
    organisation.add_contractor(ledger, admin, "弁護士法人みなと")
    contract = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title="転出者滞納整理業務委託",
            section_code="TAX",
            contractor_name="株式会社東京サービサー",
            period_start=date(2025, 5, 1),
            period_end=date(2026, 3, 31),
            provided_items=PROVIDED,
            collected_items=COLLECTED,
            allowed_media_kinds=["usb", "cdr", "paper_case"],
            allowed_transfer_methods=["hand", "registered_mail", "locked_case"],
            planned_record_count=500,
        ),
    )
    responsible = organisation.add_handler(
        ledger,
        admin,
        contract.id,
        "山田 太郎",
        "responsible",
        RESPONSIBLE_CODE,
        date(2025, 5, 1),
        None,
        date(2025, 4, 20),
    ).handler
    handler = organisation.add_handler(
        ledger,
        admin,
        contract.id,
        "佐藤 花子",
        "handler",
        HANDLER_CODE,
        date(2025, 7, 1),
        date(2025, 12, 31),
        date(2025, 6, 20),
    ).handler
    other = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title="奨学金返還請求業務委託",
            section_code="TAX",
            contractor_name="弁護士法人みなと",
            period_start=date(2025, 4, 1),
            period_end=date(2025, 9, 30),
            provided_items=["氏名", "住所", "生年月日"],
            collected_items=["交渉記録"],
            allowed_media_kinds=["usb"],
            allowed_transfer_methods=["hand", "email"],
        ),
    )
    other_handler = organisation.add_handler(
        ledger,
        admin,
        other.id,
        "鈴木 一郎",
        "responsible",
        "LAW001",
        date(2025, 4, 1),
        None,
        date(2025, 3, 25),
    ).handler
    for number in ("税-USB-001", "税-USB-002", "税-USB-003"):
        media.register_medium(ledger, admin, media.MediumForm(number, serial=f"SN-{number}"))
        mark_verified_wipe(ledger, admin, number)
    media.register_medium(ledger, admin, media.MediumForm("税-CD-001", kind=MediumKind.CDR))
    media.register_medium(
        ledger,
        admin,
        media.MediumForm("税-CASE-001", kind=MediumKind.PAPER_CASE, seal_number="S-0001"),
    )
    return World(ledger, admin, contract.id, responsible.id, handler.id, other.id, other_handler.id)


def tokyo(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A Tokyo wall-clock moment, as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo("Asia/Tokyo")).astimezone(UTC)
