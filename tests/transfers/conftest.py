"""A law-firm contract as seed 004 describes it: data goes out on CD-R, on paper in a
locked case, by registered mail and by e-mail with a password-protected file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.media import MediumKind
from ledger_tui.services import organisation
from ledger_tui.services.lending import slips
from ledger_tui.services.register import media
from tests.archive.conftest import run_7z, seven_zip  # noqa: F401  (shared fixture)

LAW_CODE = "LAW001"
PROVIDED = ["氏名", "住所", "生年月日", "連絡先", "債権金額"]
COLLECTED = ["交渉記録"]
RECIPIENT = "houmu@minato-law.example.jp"


@dataclass
class LawFirm:
    ledger: Ledger
    actor: Actor
    contract_id: int
    handler_id: int

    def form(self, method: str, detail: str = "", **changes: Any) -> slips.SlipForm:
        form = slips.SlipForm(
            handler_id=self.handler_id,
            record_count=4,
            transfer_method=method,
            transfer_detail=detail,
            items=("氏名", "住所", "債権金額"),
        )
        return replace(form, **changes)

    def back_form(self, method: str, detail: str = "", **changes: Any) -> slips.SlipForm:
        return self.form(method, detail, items=("交渉記録",), **changes)


def build_law_firm(ledger: Ledger, admin: Actor) -> LawFirm:
    organisation.add_section(ledger, admin, "EDU", "教育調整課")
    organisation.add_contractor(ledger, admin, "弁護士法人みなと")
    contract = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title="債権（奨学資金貸付金）回収に係る督促等業務",
            section_code="EDU",
            contractor_name="弁護士法人みなと",
            period_start=date(2025, 4, 1),
            period_end=date(2026, 3, 31),
            provided_items=PROVIDED,
            collected_items=COLLECTED,
            allowed_media_kinds=["cdr", "paper_case"],
            allowed_transfer_methods=["hand", "registered_mail", "locked_case", "email"],
            planned_record_count=4,
        ),
    )
    handler = organisation.add_handler(
        ledger,
        admin,
        contract.id,
        "鈴木 一郎",
        "responsible",
        LAW_CODE,
        date(2025, 4, 1),
        None,
        date(2025, 3, 25),
    ).handler
    media.register_medium(ledger, admin, media.MediumForm("教-CD-001", kind=MediumKind.CDR))
    media.register_medium(
        ledger,
        admin,
        media.MediumForm("教-CASE-001", kind=MediumKind.PAPER_CASE, seal_number="S-0101"),
    )
    return LawFirm(ledger, admin, contract.id, handler.id)


@pytest.fixture
def law(ledger: Ledger, admin: Actor) -> LawFirm:
    return build_law_firm(ledger, admin)
