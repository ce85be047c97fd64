"""A small ledger world for the compliance tests (sheets, audits, incidents, close-out).

One section (税務課), two contractors and two contracts running in fiscal year R7
(April 2025 - March 2026): the servicer's field-investigation contract and the law
firm's office-only contract, each with a designated responsible person and a handler,
plus a plain (non-admin) operator. Built only through the services, so every row has
its trail entry. Other compliance test modules import `build_world`; keep it stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.operators import Role
from ledger_tui.services import auth, organisation

SECTION_CODE = "TAX"
SECTION_NAME = "税務課"
SERVICER = "株式会社東京サービサー"
LAW_FIRM = "弁護士法人みなと"
SERVICER_TITLE = "転出者滞納整理業務委託"
LAW_FIRM_TITLE = "滞納債権回収業務委託"
OPERATOR_LOGIN = "desk1"
OPERATOR_NAME = "窓口 花子"
OPERATOR_PASSWORD = "operator-password-123"
PERIOD_START = date(2025, 5, 1)
PERIOD_END = date(2026, 3, 31)


@dataclass(frozen=True)
class World:
    ledger: Ledger
    admin: Actor
    operator: Actor  # a plain operator: may check items, not edit the sheet
    servicer_contract_id: int
    law_firm_contract_id: int
    servicer_responsible_id: int
    servicer_handler_id: int
    law_firm_responsible_id: int
    law_firm_handler_id: int


def build_world(ledger: Ledger, admin: Actor) -> World:
    """The world above, in an empty ledger whose first admin is `admin`."""
    organisation.add_section(ledger, admin, SECTION_CODE, SECTION_NAME)
    organisation.add_contractor(ledger, admin, SERVICER)
    organisation.add_contractor(ledger, admin, LAW_FIRM)
    servicer = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title=SERVICER_TITLE,
            section_code=SECTION_CODE,
            contractor_name=SERVICER,
            period_start=PERIOD_START,
            period_end=PERIOD_END,
            provided_items=["郵便番号", "住所", "氏名"],
            collected_items=["居住の有無"],
            allowed_media_kinds=["usb", "cdr", "paper_case"],
            allowed_transfer_methods=["hand"],
            planned_record_count=500,
        ),
    )
    law_firm = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title=LAW_FIRM_TITLE,
            section_code=SECTION_CODE,
            contractor_name=LAW_FIRM,
            period_start=PERIOD_START,
            period_end=PERIOD_END,
            provided_items=["氏名", "滞納額"],
            collected_items=["回収額"],
            allowed_media_kinds=["usb"],
            allowed_transfer_methods=["hand"],
            planned_record_count=200,
        ),
    )
    ids = []
    for contract_id, names in (
        (servicer.id, ("山田 太郎", "佐藤 次郎")),
        (law_firm.id, ("鈴木 一子", "高橋 三郎")),
    ):
        for index, (name, role) in enumerate(zip(names, ("responsible", "handler"), strict=True)):
            handler = organisation.add_handler(
                ledger,
                admin,
                contract_id,
                name,
                role,
                f"C{contract_id}H{index + 1}",
                PERIOD_START,
                None,
                date(2025, 4, 20),
            ).handler
            ids.append(handler.id)
    auth.add_operator(
        ledger, admin, OPERATOR_LOGIN, OPERATOR_NAME, OPERATOR_PASSWORD, Role.OPERATOR
    )
    operator = auth.login(ledger, OPERATOR_LOGIN, OPERATOR_PASSWORD)
    return World(ledger, admin, operator, servicer.id, law_firm.id, *ids)
