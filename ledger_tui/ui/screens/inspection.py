"""Inspection (点検): walk the register at the desk, keyboard only.

Ctrl+N starts an inspection (or the open one is continued); the operator types or
scans each control number into the input and presses Enter (a sealed CD-R or paper
case then asks for its seal number in the second input, or is checked by the seal
number alone); sticks inserted while the screen is open are recorded by their serial.
The counts and the list show found / not yet seen / unexpected / on loan as they
change (Ctrl+T filters the list). Ctrl+F finishes after a confirmation; Ctrl+O prints
the 点検記録, Ctrl+S saves it as a PDF.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.clock import format_local
from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.domain.inspections import LineResult, SeenHow
from ledger_tui.domain.operators import Actor
from ledger_tui.i18n import t
from ledger_tui.services.inspection import paper as inspection_paper
from ledger_tui.services.inspection import walk as inspections
from ledger_tui.services.inspection.views import (
    InspectionReport,
    InspectionView,
    LineView,
    counts_text_key,
    open_inspection,
    show_inspection,
    status_key,
)
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.screens.dialogs import ConfirmDialog
from ledger_tui.ui.screens.inspection_list import (
    FILTERS,
    KeyBurst,
    LinePager,
    filtered,
    line_columns,
)
from ledger_tui.ui.widgets.form import SavePdfScreen
from ledger_tui.ui.widgets.ledger_view import LedgerView
from ledger_tui.ui.widgets.text_field import TextField


class InspectionScreen(AreaScreen):
    area_title_key = "insp.screen_title"

    BINDINGS = bindings("inspection")

    DEFAULT_CSS = """
    InspectionScreen #insp-header, InspectionScreen #insp-counts { padding: 0 1; height: auto; }
    InspectionScreen #insp-inputs { height: auto; margin: 0 1; }
    InspectionScreen #seen { width: 2fr; }
    InspectionScreen #seal { width: 1fr; margin-left: 1; }
    InspectionScreen #insp-message { padding: 0 1; height: auto; min-height: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.inspection: InspectionView | None = None
        self.list_filter: LineResult | None = None
        self._burst = KeyBurst()
        #: Inserted sticks already handled, by (sys_path, serial), while they stay in.
        self._handled: set[tuple[str, str]] = set()

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield Static(t("insp.loading"), id="insp-header")
        yield Static("", id="insp-counts")
        with Horizontal(id="insp-inputs"):
            yield TextField(placeholder=t("insp.input.seen"), id="seen")
            yield TextField(placeholder=t("insp.input.seal"), id="seal")
        yield LedgerView(line_columns(), empty_text=t("insp.empty"), id="lines")
        yield Static("", id="insp-message")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        self.query_one("#seen", Input).focus()
        ledger = self.ledger
        self.call_service(
            lambda: open_inspection(ledger), self.show_inspection, what="inspection-open"
        )

    # --- showing ---------------------------------------------------------------------

    def show_inspection(self, view: InspectionView | None) -> None:
        self.inspection = view
        header = self.query_one("#insp-header", Static)
        counts = self.query_one("#insp-counts", Static)
        if view is None:
            header.update(t("insp.none_open"))
            counts.update("")
        else:
            header.update(
                Text(
                    t(
                        "insp.header",
                        number=view.number,
                        state=t(f"insp.state.{view.state.value}"),
                        started=format_local(view.started_at),
                        inspector=view.inspector_name or view.inspector_login,
                    ),
                    style="bold",
                )
            )
            c = view.counts
            counts.update(
                t(
                    counts_text_key(view.is_open),
                    found=c[LineResult.FOUND],
                    missing=c[LineResult.MISSING],
                    unexpected=c[LineResult.UNEXPECTED],
                    on_loan=c[LineResult.ON_LOAN],
                )
            )
        self._show_lines()
        self.refresh_bindings()
        self._record_inserted()

    def _show_lines(self) -> None:
        lines = self.inspection.lines if self.inspection else ()
        self.query_one("#lines", LedgerView).set_pager(
            cast(Any, LinePager(filtered(lines, self.list_filter)))
        )

    def say(self, message: str, error: bool = False) -> None:
        self.query_one("#insp-message", Static).update(
            Text(message, style="bold red" if error else "")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.inspection
        is_open = view is not None and view.is_open
        finished = view is not None and not view.is_open
        allowed = {"start": not is_open, "finish": is_open, "print": finished, "pdf": finished}
        return allowed.get(action, True)

    # --- recording ---------------------------------------------------------------------

    @on(Input.Changed, "#seen")
    def _seen_changed(self, event: Input.Changed) -> None:
        self._burst.changed(event.value, time.monotonic())

    @on(Input.Submitted, "#seen")
    def _seen_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            return
        seal = self.query_one("#seal", Input).value.strip()
        how = SeenHow.SCANNED if self._burst.scanned(value) else SeenHow.TYPED
        self._record(control_number=value, seal_number=seal or None, how=how)

    @on(Input.Submitted, "#seal")
    def _seal_submitted(self, event: Input.Submitted) -> None:
        seal = event.value.strip()
        number = self.query_one("#seen", Input).value.strip()
        if not seal:
            return
        how = SeenHow.TYPED if number else SeenHow.SEAL
        self._record(control_number=number or None, seal_number=seal, how=how)

    def _record(
        self,
        *,
        control_number: str | None = None,
        serial: str | None = None,
        seal_number: str | None = None,
        how: SeenHow,
    ) -> None:
        view = self.inspection
        if view is None or not view.is_open:
            self.say(t("insp.none_open"), error=True)
            return
        ledger, actor, inspection_id = self.ledger, self.actor, view.id

        def work() -> tuple[LineView, InspectionView]:
            line = inspections.record_seen(
                ledger,
                actor,
                inspection_id,
                control_number=control_number,
                serial=serial,
                seal_number=seal_number,
                how=how,
            )
            return line, show_inspection(ledger, inspection_id)

        typed = control_number is not None or how is SeenHow.SEAL
        self.call_service(
            work,
            lambda done: self._recorded(done, typed),
            on_error=self._refused,
            what="inspection-record",
        )

    def _recorded(self, done: tuple[LineView, InspectionView], typed: bool) -> None:
        line, view = done
        if typed:
            for name in ("#seen", "#seal"):
                self.query_one(name, Input).value = ""
            self.query_one("#seen", Input).focus()
        what = line.control_number or line.serial_seen or line.seal_seen
        finding = t(status_key(line))
        if line.discrepancy:
            finding += f"（{t(line.discrepancy)}）"
        key = "insp.repeated" if line.repeated else "insp.recorded"
        self.say(
            t(key, what=what, finding=finding),
            error=bool(line.discrepancy) or line.result is LineResult.UNEXPECTED,
        )
        self.show_inspection(view)

    def _refused(self, error: DomainError) -> None:
        self.say(error.message(), error=True)
        if isinstance(error, InvalidInput) and error.field == "seal_number":
            self.query_one("#seal", Input).focus()  # the case's seal number is asked for

    def show_devices(self) -> None:
        super().show_devices()
        self._record_inserted()

    def _record_inserted(self) -> None:
        """Record sticks inserted while the screen is open (and an inspection is)."""
        from ledger_tui.services.register.devices import MatchOutcome

        matches = self.desk.devices
        present = {(m.device.sys_path, m.device.serial or "") for m in matches.values()}
        self._handled &= present  # a stick pulled and inserted again is seen again
        view = self.inspection
        if view is None or not view.is_open:
            return
        for node in sorted(matches):
            match = matches[node]
            info = match.device
            key = (info.sys_path, info.serial or "")
            if key in self._handled:
                continue
            self._handled.add(key)
            if match.outcome is MatchOutcome.MISMATCH:
                self.say(t("insp.device.mismatch", node=node), error=True)
            elif info.weak_identity or not info.serial:
                self.say(t("insp.device.weak", node=node), error=True)
            else:
                self._record(serial=info.serial, how=SeenHow.INSERTED)

    # --- actions -------------------------------------------------------------------------

    def action_focus_input(self) -> None:
        self.query_one("#seen", Input).focus()

    def action_cycle_filter(self) -> None:
        position = FILTERS.index(self.list_filter)
        self.list_filter = FILTERS[(position + 1) % len(FILTERS)]
        name = self.list_filter.value if self.list_filter else "all"
        self.say(t("insp.filter", which=t(f"insp.filter.{name}")))
        self._show_lines()

    def action_start(self) -> None:
        ledger, actor = self.ledger, self.actor
        self._handled.clear()

        def started(view: InspectionView) -> None:
            self.say(t("insp.started", number=view.number))
            self.show_inspection(view)

        self.call_service(
            lambda: inspections.start_inspection(ledger, actor),
            started,
            on_error=self._refused,
            what="inspection-start",
        )

    def action_finish(self) -> None:
        view = self.inspection
        if view is None or not view.is_open:
            return
        pending = view.counts[LineResult.MISSING]

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            ledger, actor = self.ledger, self.actor

            def finished(report: InspectionReport) -> None:
                self.say(
                    t("insp.finished", number=report.inspection.number, missing=report.missing),
                    error=bool(report.missing),
                )
                self.show_inspection(report.inspection)

            self.call_service(
                lambda: inspections.finish_inspection(ledger, actor, view.id),
                finished,
                on_error=self._refused,
                what="inspection-finish",
            )

        self.app.push_screen(
            ConfirmDialog(t("insp.finish_confirm", number=view.number, pending=pending)), answered
        )

    def action_print(self) -> None:
        view = self.inspection
        if view is None or view.is_open:
            return
        ledger, actor = self.ledger, self.actor
        self.say(t("insp.printing"))

        def printed(result: inspection_paper.InspectionPrintResult) -> None:
            self.say(t("insp.printed", printer=result.printer, job=result.job_id))

        self.call_service(
            lambda: inspection_paper.print_inspection(ledger, actor, view.id),
            printed,
            on_error=self._refused,
            what="inspection-print",
        )

    def action_pdf(self) -> None:
        view = self.inspection
        if view is None or view.is_open:
            return
        self.app.push_screen(InspectionPdfScreen(view, self.ledger, self.actor), self._pdf_saved)

    def _pdf_saved(self, path: Path | None) -> None:
        if path is not None:
            self.say(t("insp.pdf_saved", path=str(path)))


class InspectionPdfScreen(SavePdfScreen[Path]):
    """Where to save the finished inspection's record."""

    def __init__(self, view: InspectionView, ledger: Ledger, actor: Actor) -> None:
        super().__init__(
            t("insp.pdf.title", number=view.number),
            f"inspection-{view.number}.pdf",
            lambda path: inspection_paper.save_inspection_pdf(ledger, actor, view.id, path),
        )
