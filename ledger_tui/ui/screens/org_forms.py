"""Admin forms: section, contractor, contract, handler designation, operator."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.widgets import Select

from ledger_tui.domain.compliance import DEFAULT_CLAUSES, format_clauses, parse_clauses
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.media import MediumKind
from ledger_tui.domain.operators import Role
from ledger_tui.i18n import t
from ledger_tui.services import auth, organisation
from ledger_tui.services.auth import OperatorView
from ledger_tui.services.organisation import (
    ContractForm,
    ContractorView,
    ContractView,
    HandlerCode,
    SectionView,
)
from ledger_tui.ui.widgets.form import Field, FormScreen, parse_date, parse_int, split_items
from ledger_tui.ui.widgets.text_field import TextField


def _input(
    name: str, label_key: str, value: str = "", password: bool = False, placeholder: str = ""
) -> Field:
    return Field(
        name,
        t(label_key),
        TextField(value=value, password=password, placeholder=placeholder, compact=True),
    )


class SectionFormScreen(FormScreen[SectionView]):
    title_text = ""

    def fields(self) -> list[Field]:
        self.title_text = t("section.form.title")
        return [_input("code", "section.field.code"), _input("name", "section.field.name")]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], SectionView]:
        ledger, actor = self.app.session()
        return lambda: organisation.add_section(ledger, actor, values["code"], values["name"])


class ContractorFormScreen(FormScreen[ContractorView]):
    def fields(self) -> list[Field]:
        self.title_text = t("contractor.form.title")
        return [
            _input("name", "contractor.field.name"),
            _input("address", "contractor.field.address"),
            _input("phone", "contractor.field.phone"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], ContractorView]:
        ledger, actor = self.app.session()
        return lambda: organisation.add_contractor(
            ledger, actor, values["name"], values["address"], values["phone"]
        )


class ContractFormScreen(FormScreen[ContractView]):
    def __init__(self, sections: list[SectionView], contractors: list[ContractorView]) -> None:
        super().__init__()
        self.sections = sections
        self.contractors = contractors

    def fields(self) -> list[Field]:
        self.title_text = t("contract.form.title")
        hint = t("contracts.items_hint")
        kinds = ", ".join(k.value for k in MediumKind)
        methods = ", ".join(m.value for m in TransferMethod)
        return [
            _input("title", "contracts.title_field"),
            Field(
                "section_code",
                t("contracts.section"),
                Select([(f"{s.name} ({s.code})", s.code) for s in self.sections], compact=True),
            ),
            Field(
                "contractor_name",
                t("contracts.contractor"),
                Select([(c.name, c.name) for c in self.contractors], compact=True),
            ),
            _input("purpose", "contracts.purpose"),
            _input("period_start", "contract.field.start", placeholder="YYYY-MM-DD"),
            _input("period_end", "contract.field.end", placeholder="YYYY-MM-DD"),
            _input("provided_items", "contracts.provided", placeholder=hint),
            _input("collected_items", "contracts.collected", placeholder=hint),
            _input("allowed_media_kinds", "contracts.media", value="usb", placeholder=kinds),
            _input(
                "allowed_transfer_methods", "contracts.methods", value="hand", placeholder=methods
            ),
            _input("planned_record_count", "contracts.planned", value="0"),
            _input(
                "special_terms",
                "contracts.special_terms",
                value=format_clauses(list(DEFAULT_CLAUSES)),
                placeholder="1-10,13,15-19",
            ),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], ContractView]:
        if not values["section_code"]:
            raise InvalidInput("error.field.required", field="section_code")
        if not values["contractor_name"]:
            raise InvalidInput("error.field.required", field="contractor_name")
        start = parse_date(values["period_start"], "period_start")
        end = parse_date(values["period_end"], "period_end")
        assert start is not None and end is not None
        form = ContractForm(
            title=values["title"],
            section_code=values["section_code"],
            contractor_name=values["contractor_name"],
            period_start=start,
            period_end=end,
            purpose=values["purpose"],
            provided_items=split_items(values["provided_items"]),
            collected_items=split_items(values["collected_items"]),
            allowed_media_kinds=split_items(values["allowed_media_kinds"]),
            allowed_transfer_methods=split_items(values["allowed_transfer_methods"]),
            planned_record_count=parse_int(values["planned_record_count"], "planned_record_count")
            or 0,
            special_terms=parse_clauses(values["special_terms"]),
        )
        ledger, actor = self.app.session()
        return lambda: organisation.add_contract(ledger, actor, form)


class HandlerFormScreen(FormScreen[HandlerCode]):
    def __init__(self, contract: ContractView, today: date) -> None:
        super().__init__()
        self.contract = contract
        self.today = today

    def fields(self) -> list[Field]:
        self.title_text = t("handler.form.title", contract=self.contract.title)
        roles = [(t("handler_role." + r.value), r.value) for r in HandlerRole]
        return [
            _input("person_name", "handler.field.name"),
            Field(
                "role",
                t("handler.field.role"),
                Select(roles, value=HandlerRole.HANDLER.value, allow_blank=False, compact=True),
            ),
            _input("code", "handler.field.code", password=True),
            _input(
                "valid_from",
                "handler.field.from",
                value=max(self.today, self.contract.period_start).isoformat(),
            ),
            _input("valid_to", "handler.field.to", value=self.contract.period_end.isoformat()),
            _input("reported_on", "handler.field.reported", value=self.today.isoformat()),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], HandlerCode]:
        valid_from = parse_date(values["valid_from"], "valid_from")
        valid_to = parse_date(values["valid_to"], "valid_to", required=False)
        reported = parse_date(values["reported_on"], "reported_on")
        assert valid_from is not None and reported is not None
        ledger, actor = self.app.session()
        contract_id = self.contract.id
        return lambda: organisation.add_handler(
            ledger,
            actor,
            contract_id,
            values["person_name"],
            values["role"],
            values["code"],
            valid_from,
            valid_to,
            reported,
        )


class HandlerCodeFormScreen(FormScreen[HandlerCode]):
    """A new counter code for one of the contract's handlers (forgotten, or seen)."""

    def __init__(self, contract: ContractView) -> None:
        super().__init__()
        self.contract = contract

    def fields(self) -> list[Field]:
        self.title_text = t("handler.code_form.title", contract=self.contract.title)
        people = [
            (f"No.{h.id} {h.person_name}（{t('handler_role.' + h.role.value)}）", h.id)
            for h in self.contract.handlers
        ]
        first = people[0][1] if people else Select.BLANK
        return [
            Field(
                "handler",
                t("handler.code_form.handler"),
                Select(people, value=first, allow_blank=False, compact=True),
            ),
            _input("code", "handler.field.code", password=True),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], HandlerCode]:
        ledger, actor = self.app.session()
        handler_id = int(values["handler"])
        return lambda: organisation.reset_handler_code(ledger, actor, handler_id, values["code"])


class OperatorFormScreen(FormScreen[OperatorView]):
    def __init__(self, sections: list[SectionView]) -> None:
        super().__init__()
        self.sections = sections

    def fields(self) -> list[Field]:
        self.title_text = t("operator.form.title")
        roles = [(t("role." + r.value), r.value) for r in Role]
        return [
            _input("login", "operators.login"),
            _input("name", "operators.name"),
            Field(
                "role",
                t("operators.role"),
                Select(roles, value=Role.OPERATOR.value, allow_blank=False, compact=True),
            ),
            Field(
                "section_code",
                t("operators.section"),
                Select([(f"{s.name} ({s.code})", s.code) for s in self.sections], compact=True),
            ),
            _input("password", "login.password", password=True),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], OperatorView]:
        ledger, actor = self.app.session()
        return lambda: auth.add_operator(
            ledger,
            actor,
            values["login"],
            values["name"],
            values["password"],
            Role(values["role"]),
            values["section_code"] or "",
        )


class PasswordResetScreen(FormScreen[str]):
    def __init__(self, login: str) -> None:
        super().__init__()
        self.login = login

    def fields(self) -> list[Field]:
        self.title_text = t("operator.reset.title", login=self.login)
        return [_input("password", "login.password", password=True)]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], str]:
        ledger, actor = self.app.session()
        login = self.login

        def reset() -> str:
            auth.reset_password(ledger, actor, login, values["password"])
            return login

        return reset
