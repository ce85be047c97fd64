"""Forms of the register: add or edit a medium, and move it to another state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Checkbox, Select

from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.media import MediumKind, MediumState, manual_targets
from ledger_tui.domain.numbers import BIGINT_MAX
from ledger_tui.i18n import t
from ledger_tui.services import organisation
from ledger_tui.services.organisation import SectionView
from ledger_tui.services.register import media
from ledger_tui.services.register.media import MediumForm, MediumView
from ledger_tui.services.register.weak_identity import register_stick_from_device
from ledger_tui.system.devices.model import DeviceInfo
from ledger_tui.ui.widgets.form import Field, FormScreen, parse_int
from ledger_tui.ui.widgets.text_field import TextField


class MediumFormScreen(FormScreen[MediumView]):
    def __init__(
        self, medium: MediumView | MediumForm | None, device: DeviceInfo | None = None
    ) -> None:
        """Edit `medium` (a MediumView), or register a new one, optionally pre-filled
        (a MediumForm, e.g. from the inserted stick `device`'s detected identity, which
        then registers through the weak-identity rule)."""
        super().__init__()
        self.device = device
        self.prefill = medium if isinstance(medium, MediumForm) else None
        medium = None if isinstance(medium, MediumForm) else medium
        self.medium = medium
        self.title_text = (
            t("medium.form.edit_title", control_number=medium.control_number)
            if medium
            else t("medium.form.add_title")
        )
        if device is not None and device.weak_identity:
            self.title_text += "\n" + t("devices.register.weak_hint")

    def fields(self) -> list[Field]:
        m: Any = self.medium or self.prefill
        kinds = [(t("kind." + k.value), k.value) for k in MediumKind]
        kind = Select(
            kinds,
            value=m.kind.value if m else MediumKind.USB.value,
            allow_blank=False,
            disabled=self.medium is not None,
            compact=True,
        )

        def text(name: str, value: str = "") -> Field:
            return Field(name, t(f"medium.field.{name}"), TextField(value=value, compact=True))

        capacity = str(m.capacity_bytes) if m and m.capacity_bytes else ""
        return [
            text("control_number", m.control_number if m else ""),
            Field("kind", t("medium.field.kind"), kind),
            text("vendor", m.vendor if m else ""),
            text("model", m.model if m else ""),
            text("serial", m.serial if m else ""),
            text("usb_id", m.usb_id if m else ""),
            text("capacity_bytes", capacity),
            Field(
                "hardware_lock",
                t("medium.field.hardware_lock"),
                Checkbox("", m.hardware_lock if m else True, compact=True),
            ),
            text("seal_number", m.seal_number if m else ""),
            text("location", m.location if m else ""),
            Field(
                "section_code",
                t("medium.field.section"),
                Select[str](
                    [],
                    prompt=t("medium.section_unset" if self.medium else "medium.section_default"),
                    compact=True,
                ),
            ),
            text("notes", m.notes if m else ""),
        ]

    def on_mount(self) -> None:
        super().on_mount()
        ledger = self.app.session()[0]
        self.call_service(
            lambda: organisation.list_sections(ledger), self._sections, what="medium-sections"
        )

    def _sections(self, sections: list[SectionView]) -> None:
        """The owning section's choices; an edit shows the medium's own section."""
        select: Select[str] = self.query_one("#field-section_code", Select)
        select.set_options([(f"{s.name} ({s.code})", s.code) for s in sections])
        own = getattr(self.medium or self.prefill, "section_code", "")
        if own and any(s.code == own for s in sections):
            select.value = own

    def submit_values(self, values: dict[str, Any]) -> Callable[[], MediumView]:
        form = MediumForm(
            control_number=values["control_number"],
            kind=MediumKind(values["kind"]),
            vendor=values["vendor"],
            model=values["model"],
            serial=values["serial"],
            usb_id=values["usb_id"],
            capacity_bytes=parse_int(values["capacity_bytes"], "capacity_bytes", limit=BIGINT_MAX),
            hardware_lock=bool(values["hardware_lock"]),
            seal_number=values["seal_number"],
            location=values["location"],
            notes=values["notes"],
            section_code=values["section_code"] or "",
        )
        ledger, actor = self.app.session()
        if self.medium is None and self.device is not None:
            device = self.device
            return lambda: register_stick_from_device(ledger, actor, form, device)
        if self.medium is None:
            return lambda: media.register_medium(ledger, actor, form)
        number, version = self.medium.control_number, self.medium.version
        return lambda: media.edit_medium(ledger, actor, number, form, version)


class StateChangeScreen(FormScreen[MediumView]):
    def __init__(self, medium: MediumView) -> None:
        super().__init__()
        self.medium = medium
        self.title_text = t("medium.state.title", control_number=medium.control_number)

    def fields(self) -> list[Field]:
        targets = manual_targets(self.medium.kind, self.medium.state)
        options = [(t("state." + s.value), s.value) for s in targets]
        select: Select[str] = Select(
            options,
            prompt=t("medium.state.none") if not options else t("medium.state.target"),
            compact=True,
        )
        return [
            Field("target", t("medium.state.target"), select),
            Field("reason", t("medium.state.reason"), TextField(compact=True)),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], MediumView]:
        if not values["target"]:
            raise InvalidInput("error.field.required", field="target")
        ledger, actor = self.app.session()
        number = self.medium.control_number
        target = MediumState(values["target"])
        reason = values["reason"]
        return lambda: media.change_state(ledger, actor, number, target, reason)
