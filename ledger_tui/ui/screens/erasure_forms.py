"""The contractor's witnessed erasure at the desk: one device at a time (kind, make and
model, serial, what was erased, how, when, by whom, the ward's witness and the ward's
消去後の状況確認), added to a contract's contractor erasure record, as
`ledger-tui contractor-erasure device` does. Inline errors come from the service's
`InvalidInput`; the 消去立会確認書 (`e` on the contracts area) prints them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.widgets import Select

from ledger_tui.domain.wipes import ContractorDeviceKind, ErasureCheck
from ledger_tui.i18n import t
from ledger_tui.services.wiping import erasure_witness
from ledger_tui.services.wiping.disposals import ContractorErasureView
from ledger_tui.services.wiping.erasure_witness import ErasedDeviceForm, ErasedDeviceView
from ledger_tui.ui.screens.oversight_forms import parse_moment
from ledger_tui.ui.widgets.form import Field, FormScreen
from ledger_tui.ui.widgets.text_field import TextField


def _input(name: str, label_key: str, value: str = "") -> Field:
    return Field(name, t(label_key), TextField(value=value, compact=True))


class ErasedDeviceFormScreen(FormScreen[ErasedDeviceView]):
    """One device the contractor erased under the ward's witness, added to `erasure`."""

    def __init__(self, erasure: ContractorErasureView, now: datetime, witness_login: str) -> None:
        super().__init__()
        self.erasure, self.now, self.witness_login = erasure, now, witness_login

    def fields(self) -> list[Field]:
        self.title_text = t(
            "ui.erased_device.title",
            number=erasure_witness.witness_number(self.erasure.contract_id, self.erasure.id),
            certificate=self.erasure.certificate_number,
        )
        kinds = [(t(f"contractor_device.{k.value}"), k.value) for k in ContractorDeviceKind]
        checks = [(t(f"erasure_check.{c.value}"), c.value) for c in ErasureCheck]
        return [
            Field(
                "kind",
                t("ui.erased_device.kind"),
                Select(kinds, value=ContractorDeviceKind.PC.value, allow_blank=False, compact=True),
            ),
            _input("maker_model", "ui.erased_device.maker_model"),
            _input("serial", "ui.erased_device.serial"),
            _input("erased_data", "ui.erased_device.erased_data"),
            _input("method", "ui.erased_device.method"),
            _input("erased_at", "ui.erased_device.erased_at", self.now.strftime("%Y-%m-%d %H:%M")),
            _input("contractor_person", "ui.erased_device.person"),
            _input("witness_login", "ui.erased_device.witness", self.witness_login),
            Field(
                "check",
                t("ui.erased_device.check"),
                Select(checks, value=ErasureCheck.CONFIRMED.value, allow_blank=False, compact=True),
            ),
            _input("check_note", "ui.erased_device.check_note"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], ErasedDeviceView]:
        erased_at = parse_moment(values["erased_at"], "erased_at", required=True)
        assert erased_at is not None
        form = ErasedDeviceForm(
            kind=values["kind"],
            maker_model=values["maker_model"],
            serial=values["serial"],
            erased_data=values["erased_data"],
            method=values["method"],
            erased_at=erased_at,
            contractor_person=values["contractor_person"],
            witness_login=values["witness_login"],
            check=values["check"],
            check_note=values["check_note"],
        )
        ledger, actor = self.app.session()
        erasure_id = self.erasure.id
        return lambda: erasure_witness.record_erased_device(ledger, actor, erasure_id, form)
