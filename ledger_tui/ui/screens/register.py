"""The media register (USBメモリ管理台帳): keyset-paged list, filter, add, edit, state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.widgets import Static

from ledger_tui.domain.clock import format_local
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.journey import Step
from ledger_tui.domain.media import LockKind, MediumKind, MediumState
from ledger_tui.i18n import t
from ledger_tui.services import journey
from ledger_tui.services.journey import NextStep
from ledger_tui.services.lending import handover
from ledger_tui.services.pagers import MediaRow, Pager, media_pager
from ledger_tui.services.register import media
from ledger_tui.services.register.devices import DeviceMatch
from ledger_tui.services.register.media import MediumView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.dashboard import STATE_STYLE
from ledger_tui.ui.screens.dialogs import DetailDialog
from ledger_tui.ui.screens.ledger_area import LedgerAreaScreen
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView


def media_columns() -> list[Column[MediaRow]]:
    return [
        Column(t("col.control_number"), 14, lambda r: r.control_number),
        Column(t("col.kind"), 14, lambda r: t("kind.short." + r.kind)),
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
        *media.out_of_service_rows(m),
        (t("medium.field.vendor"), m.vendor),
        (t("medium.field.model"), m.model),
        (t("medium.field.serial"), m.serial),
        (t("medium.field.usb_id"), m.usb_id),
        (t("medium.field.capacity_bytes"), capacity),
        (t("medium.field.hardware_lock"), t("common.yes" if m.hardware_lock else "common.no")),
        (t("cli.field.lock_kind"), t(f"lock_kind.{m.lock_kind.value}")),
        (t("medium.field.seal_number"), m.seal_number),
        (t("medium.field.location"), m.location),
        (t("medium.field.notes"), m.notes),
        (t("medium.field.registered_at"), format_local(m.registered_at)),
        (t("medium.field.updated_at"), format_local(m.updated_at)),
    ]


#: The register counts matches up to this many and then says "more than" (typing never
#: waits on a count of a million rows).
COUNT_CAP = 1_000


class RegisterScreen(LedgerAreaScreen):
    area_title_key = "register.screen_title"

    BINDINGS = bindings("register")

    ledger_id = "media"
    filter_key = "register.filter"
    empty_key = "register.empty"
    total: int | None = None
    next_step: NextStep | None = None

    def columns(self) -> list[Column[MediaRow]]:
        return media_columns()

    def make_pager(self, text: str) -> Pager[MediaRow]:
        return media_pager(self.ledger, text)

    def after_load(self, pager: Pager[Any]) -> None:
        self.call_service(
            lambda: (pager.needle, pager.count(cap=COUNT_CAP)),
            self._counted,
            what="register-count",
            group="register-count",
            exclusive=True,
        )

    def _counted(self, result: tuple[str, int]) -> None:
        needle, total = result
        if needle == self.filter_text.strip():
            self.total = total
            self._show_status()

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
        """Register the inserted, unregistered stick with its detected identity (several
        inserted: the operator picks)."""
        from ledger_tui.services.register.devices import MatchOutcome

        unregistered = [m for m in self._inserted() if m.outcome is MatchOutcome.UNKNOWN]
        unknown = [m for m in unregistered if not m.device.locked]
        if not unknown:
            self._none_usable(unregistered, t("devices.none"))
            return
        self._pick(unknown, self._register_stick)

    def _register_stick(self, match: DeviceMatch) -> None:
        from ledger_tui.services.register.media import MediumForm
        from ledger_tui.ui.screens.medium_forms import MediumFormScreen

        info = match.device
        # No note pre-filled: a weakly identified stick needs the operator's own note.
        prefill = MediumForm(
            control_number="",
            vendor=info.vendor or "",
            model=info.model or "",
            serial=info.serial or "",
            usb_id=info.usb_id or "",
            capacity_bytes=info.capacity_bytes or None,
            hardware_lock=True,
            # A CD-ROM unit with the vendor's tool beside the disk: a software-unlock stick.
            lock_kind=LockKind.SOFTWARE.value if info.unlock_unit else "",
        )
        self.app.push_screen(MediumFormScreen(prefill, device=info), self._saved)

    # --- the inserted stick -------------------------------------------------------------

    def stick_inserted(self, match: DeviceMatch) -> None:
        """A registered stick was inserted: its row is highlighted, so its next step is
        one `n` away (the app calls this on every new insertion)."""
        if match.medium is not None and self.view.pager is not None:
            self.view.show_key(match.medium.control_number)

    def _inserted(self) -> list[DeviceMatch]:
        devices = self.desk.devices
        return [devices[node] for node in sorted(devices)]

    def _none_usable(self, inserted: list[DeviceMatch], otherwise: str) -> None:
        """No inserted stick can be acted on: a locked one says what to do about it."""
        locked = [m for m in inserted if m.device.locked]
        if locked:
            self.notify(t("error.stick.locked", device=locked[0].device.node), severity="warning")
        else:
            self.notify(otherwise)

    def _pick(self, matches: list[DeviceMatch], then: Callable[[DeviceMatch], None]) -> None:
        """One stick: that one; several: the operator picks."""
        from ledger_tui.ui.screens.stick_pick import PickStickScreen

        if len(matches) == 1:
            then(matches[0])
            return

        def picked(match: DeviceMatch | None) -> None:
            if match is not None:
                then(match)

        self.app.push_screen(PickStickScreen(matches), picked)

    def _node_of(self, serial: str) -> str | None:
        """The inserted device whose serial is this medium's (matched afresh: a stick
        registered a moment ago is still 'unknown' in the strip's last reading)."""
        if not serial:
            return None
        return next((m.device.node for m in self._inserted() if m.device.serial == serial), None)

    def _on_inserted_stick(self, then: Callable[[str, str | None], None]) -> None:
        """Jobs act on the inserted stick matched to the register; with none inserted, on
        the highlighted stick, whose device the operator then types (expert fallback)."""
        from ledger_tui.services.register.devices import MatchOutcome

        inserted = self._inserted()
        known = [
            m
            for m in inserted
            if m.outcome is MatchOutcome.KNOWN and m.medium is not None and not m.device.locked
        ]
        if not known and any(m.device.locked for m in inserted):
            self._none_usable(inserted, "")  # never a job on a locked stick
            return
        if known:

            def chosen(match: DeviceMatch) -> None:
                assert match.medium is not None  # only sticks matched to a medium are offered
                then(match.medium.control_number, match.device.node)

            self._pick(known, chosen)
            return
        row = self.view.current
        if row is None or row.kind != MediumKind.USB.value:
            self.notify(t("devices.none_registered"))
            return
        then(row.control_number, self._node_of(row.serial))

    def action_wipe(self) -> None:
        """Wipe the inserted stick (as matched to the register)."""
        self._on_inserted_stick(self._open_wipe)

    def action_load(self) -> None:
        row = self.view.current
        if row is not None and row.kind == MediumKind.CDR.value:
            # A CD-R is burned on the desk's burner (or, typed instead, an image file).
            self._open_load(row.control_number, self.desk.settings.burner)
            return
        self._on_inserted_stick(self._open_load)

    def action_intake(self) -> None:
        self._on_inserted_stick(self._open_intake)

    def _open_wipe(self, control_number: str, node: str | None) -> None:
        from ledger_tui.ui.screens.wipe import WipeScreen

        self.app.push_screen(WipeScreen(control_number, node))

    def _open_load(self, control_number: str, node: str | None) -> None:
        from ledger_tui.ui.screens.load import LoadScreen

        ledger = self.ledger

        def gather() -> list[tuple[str, int]] | None:
            step = journey.medium_next_step(ledger, control_number)
            if step.loan_id is not None:
                return None  # loaded for its loan's contract
            contracts = handover.lendable_contracts(ledger, step.kind)
            if not contracts:
                raise InvalidInput("lend.no_contract")
            return [(c.title, c.id) for c in contracts]

        def show(contracts: list[tuple[str, int]] | None) -> None:
            self.app.push_screen(LoadScreen(control_number, node, contracts))

        self.call_service(gather, show, what="load-start")

    def _open_intake(self, control_number: str, node: str | None) -> None:
        from ledger_tui.ui.screens.load import IntakeScreen

        self.app.push_screen(IntakeScreen(control_number, node))

    # --- the next step of the highlighted medium ----------------------------------------

    @on(LedgerView.Highlighted, "#media")
    def _highlighted(self, event: LedgerView.Highlighted) -> None:
        ledger, number = self.ledger, event.row.control_number
        self.call_service(
            lambda: journey.medium_next_step(ledger, number),
            self._show_step,
            on_error=lambda _: None,
            what="register-next",
            group="register-next",
        )

    def _show_step(self, step: NextStep) -> None:
        current = self.view.current
        if current is None or current.control_number != step.control_number:
            return
        self.next_step = step
        self._show_status()

    def _show_status(self) -> None:
        parts = []
        if self.total is not None:
            key = "register.count_over" if self.total > COUNT_CAP else "register.count"
            parts.append(t(key, total=f"{min(self.total, COUNT_CAP):,}"))
        step = self.next_step
        if step is not None:
            parts.append(
                t(
                    "journey.next",
                    control_number=step.control_number,
                    state=t("state." + step.state.value),
                    step=step_text(step),
                )
            )  # (its key, n, is in the footer)
        self.query_one("#status", Static).update("  ".join(parts))

    def action_next_step(self) -> None:
        """The one action that moves the highlighted medium on in its cycle."""
        row = self.view.current
        if row is None:
            return
        ledger, number = self.ledger, row.control_number
        self.call_service(
            lambda: journey.medium_next_step(ledger, number),
            lambda step: self._take_step(step, row.serial),
            what="next-step",
        )

    def _take_step(self, step: NextStep, serial: str) -> None:
        from ledger_tui.ui import flows

        number, node = step.control_number, self._node_of(serial)
        match step.step:
            case Step.FIRST_WIPE | Step.WIPE:
                self._open_wipe(number, node)
            case Step.LOAD:
                self._open_load(
                    number, self.desk.settings.burner if step.kind is MediumKind.CDR else node
                )
            case Step.INTAKE:
                self._open_intake(number, node)
            case Step.LEND:
                flows.lend(self.desk, number)
            case Step.RETURN:
                flows.take_return(self.desk, number)
            case Step.CONFIRM | Step.PRINT | Step.STAMP:
                assert step.slip_id is not None
                flows.open_slip_by_id(self.desk, step.slip_id, counter=step.step is Step.CONFIRM)
            case Step.DESTROY:
                self.notify(t("journey.destroy_hint", control_number=number))
            case Step.NONE:
                self.notify(
                    t(
                        "journey.nothing",
                        control_number=number,
                        state=t("state." + step.state.value),
                    )
                )

    def action_lend(self) -> None:
        from ledger_tui.ui import flows

        row = self.view.current
        flows.lend(self.desk, row.control_number if row else None)

    def action_take_return(self) -> None:
        from ledger_tui.ui import flows

        row = self.view.current
        flows.take_return(self.desk, row.control_number if row else None)

    def action_print_register(self) -> None:
        from ledger_tui.services.register import register_paper

        ledger, actor = self.ledger, self.actor
        self.call_service(
            lambda: register_paper.print_register(ledger, actor).record,
            lambda done: self.notify(
                t("ui.register.printed", number=done.number, media=done.media, printer=done.printer)
            ),
            what="register.print",
        )

    def action_save_register(self) -> None:
        from ledger_tui.services.register import register_paper
        from ledger_tui.ui.widgets.form import SavePdfScreen

        ledger, actor = self.ledger, self.actor

        def saved(result: register_paper.RegisterPrint | None) -> None:
            if result is not None:
                self.notify(t("ui.pdf_saved", path=result.path))

        self.app.push_screen(
            SavePdfScreen(
                t("cmd.save_register"),
                "media-register.pdf",
                lambda path: register_paper.save_register_pdf(ledger, actor, path),
            ),
            saved,
        )

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
        self.view.show_key(result.control_number)
        self.view.focus()
        self.desk.ledger_changed()


def step_text(step: NextStep) -> str:
    """The next step as the status line names it: with the slip that waits for it (a
    drafted slip's counter confirmation is the step of a still blank medium)."""
    label = t("step." + step.step.value)
    if step.slip_number is None:
        return label
    return t("journey.step_slip", step=label, number=step.slip_number)
