"""The media register (USBメモリ管理台帳): keyset-paged list, filter, add, edit, state."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widgets import Static

from ledger_tui.db.paging import KeysetPager, MediaPager, MediaRow
from ledger_tui.domain.clock import format_local
from ledger_tui.domain.media import MediumState
from ledger_tui.i18n import t
from ledger_tui.services.register import media
from ledger_tui.services.register.media import MediumView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.dashboard import STATE_STYLE
from ledger_tui.ui.screens.dialogs import DetailDialog
from ledger_tui.ui.screens.ledger_area import LedgerAreaScreen
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView


def media_columns() -> list[Column[MediaRow]]:
    return [
        Column(t("col.control_number"), 14, lambda r: r.control_number),
        Column(t("col.kind"), 14, lambda r: t("kind." + r.kind)),
        Column(
            t("col.state"),
            16,
            lambda r: t("state." + r.state),
            lambda r: STATE_STYLE[MediumState(r.state)],
        ),
        Column(t("col.vendor"), 12, lambda r: r.vendor),
        Column(t("col.model"), 14, lambda r: r.model),
        Column(t("col.serial"), 18, lambda r: r.serial),
        Column(t("col.location"), 12, lambda r: r.location),
    ]


def medium_pairs(m: MediumView) -> list[tuple[str, str]]:
    capacity = f"{m.capacity_bytes:,}" if m.capacity_bytes else t("common.none")
    return [
        (t("medium.field.control_number"), m.control_number),
        (t("medium.field.kind"), t("kind." + m.kind.value)),
        (t("medium.field.state"), t("state." + m.state.value)),
        (t("medium.field.vendor"), m.vendor),
        (t("medium.field.model"), m.model),
        (t("medium.field.serial"), m.serial),
        (t("medium.field.usb_id"), m.usb_id),
        (t("medium.field.capacity_bytes"), capacity),
        (t("medium.field.hardware_lock"), t("common.yes" if m.hardware_lock else "common.no")),
        (t("medium.field.seal_number"), m.seal_number),
        (t("medium.field.location"), m.location),
        (t("medium.field.notes"), m.notes),
        (t("medium.field.registered_at"), format_local(m.registered_at)),
        (t("medium.field.updated_at"), format_local(m.updated_at)),
    ]


class RegisterScreen(LedgerAreaScreen):
    area_title_key = "register.screen_title"

    BINDINGS = bindings("register")

    ledger_id = "media"
    filter_key = "register.filter"
    empty_key = "register.empty"

    def columns(self) -> list[Column[MediaRow]]:
        return media_columns()

    def make_pager(self, text: str) -> MediaPager:
        return MediaPager(self.ledger.engine, text)

    def after_load(self, pager: KeysetPager[Any]) -> None:
        self.call_service(
            lambda: (pager.needle, pager.count()),
            self._counted,
            what="register-count",
            group="register-count",
            exclusive=True,
        )

    def _counted(self, result: tuple[str, int]) -> None:
        needle, total = result
        if needle == self.filter_text.strip():
            self.query_one("#status", Static).update(t("register.count", total=f"{total:,}"))

    def palette_subject(self) -> str | None:
        """The medium the palette's register actions act on (the highlighted row)."""
        row = self.view.current
        return row.control_number if row is not None else None

    # actions -----------------------------------------------------------------------

    def action_add(self) -> None:
        from ledger_tui.ui.screens.medium_forms import MediumFormScreen

        self.app.push_screen(MediumFormScreen(None), self._saved)

    def action_edit(self) -> None:
        from ledger_tui.ui.screens.medium_forms import MediumFormScreen

        row = self.view.current
        if row is None:
            return
        ledger = self.ledger
        self.call_service(
            lambda: media.show_medium(ledger, row.control_number),
            lambda m: self.app.push_screen(MediumFormScreen(m), self._saved),
            what="medium-edit",
        )

    def action_state(self) -> None:
        from ledger_tui.ui.screens.medium_forms import StateChangeScreen

        row = self.view.current
        if row is None:
            return
        ledger = self.ledger
        self.call_service(
            lambda: media.show_medium(ledger, row.control_number),
            lambda m: self.app.push_screen(StateChangeScreen(m), self._saved),
            what="medium-state",
        )

    def action_register_device(self) -> None:
        """Register the inserted, unregistered stick with its detected identity."""
        from ledger_tui.services.register.devices import MatchOutcome
        from ledger_tui.services.register.media import MediumForm
        from ledger_tui.ui.screens.medium_forms import MediumFormScreen

        unknown = [
            m.device for m in self.desk.devices.values() if m.outcome is MatchOutcome.UNKNOWN
        ]
        if not unknown:
            self.notify(t("devices.none"))
            return
        info = unknown[0]
        # No note pre-filled: a weakly identified stick needs the operator's own note.
        prefill = MediumForm(
            control_number="",
            vendor=info.vendor or "",
            model=info.model or "",
            serial=info.serial or "",
            usb_id=info.usb_id or "",
            capacity_bytes=info.capacity_bytes or None,
            hardware_lock=True,
        )
        self.app.push_screen(MediumFormScreen(prefill, device=info), self._saved)

    def action_wipe(self) -> None:
        """Wipe the selected medium, on the device where it is inserted (if it is)."""
        from ledger_tui.ui.screens.wipe import WipeScreen

        row = self.view.current
        if row is None:
            return
        self.app.push_screen(
            WipeScreen(row.control_number, self._inserted_node(row.control_number))
        )

    def _inserted_node(self, control_number: str) -> str | None:
        return next(
            (
                m.device.node
                for m in self.desk.devices.values()
                if m.medium is not None and m.medium.control_number == control_number
            ),
            None,
        )

    def action_load(self) -> None:
        from ledger_tui.ui.screens.load import LoadScreen

        row = self.view.current
        if row is not None:
            self.app.push_screen(
                LoadScreen(row.control_number, self._inserted_node(row.control_number))
            )

    def action_intake(self) -> None:
        from ledger_tui.ui.screens.load import IntakeScreen

        row = self.view.current
        if row is not None:
            self.app.push_screen(
                IntakeScreen(row.control_number, self._inserted_node(row.control_number))
            )

    def action_lend(self) -> None:
        from ledger_tui.ui import flows

        row = self.view.current
        flows.lend(self.desk, row.control_number if row else None)

    def action_take_return(self) -> None:
        from ledger_tui.ui import flows

        row = self.view.current
        flows.take_return(self.desk, row.control_number if row else None)

    @on(LedgerView.Selected, "#media")
    def _open(self, event: LedgerView.Selected) -> None:
        ledger = self.ledger
        number = event.row.control_number
        self.call_service(
            lambda: media.show_medium(ledger, number),
            lambda m: self.app.push_screen(DetailDialog(m.control_number, medium_pairs(m))),
            what="medium-show",
        )

    def _saved(self, result: MediumView | None) -> None:
        if result is None:
            return
        self.notify(t("medium.saved", control_number=result.control_number))
        self.view.reload()
        self.view.focus()
