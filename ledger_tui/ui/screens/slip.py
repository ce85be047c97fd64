"""One handover slip: its details and the steps after the counter — print (and reprint),
save as PDF, mark stamped, cancel by a cancelling slip."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.operators import Actor
from ledger_tui.domain.slips import SlipState
from ledger_tui.i18n import t
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import SlipView, show_slip
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.port import ServiceCalls
from ledger_tui.ui.screens.counter import (
    CounterScreen,
    _medium_text,
    _method_text,
    _when_text,
    paren,
)
from ledger_tui.ui.screens.dialogs import ConfirmDialog
from ledger_tui.ui.widgets.footer import LocalizedFooter
from ledger_tui.ui.widgets.form import Field, FormScreen, SavePdfScreen
from ledger_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from textual import getters

    from ledger_tui.services.lending.slip_paper import SlipPrintResult
    from ledger_tui.services.lending.slips import CancelResult
    from ledger_tui.ui.desk import DeskApp


def slip_lines(s: SlipView) -> list[tuple[str, str]]:
    role = t("handler_role." + s.contractor_handler_role.value)
    lines = [
        (t("slip.state"), t("state.slip." + s.state.value)),
        (t("counter.when"), _when_text(s)),
        (t("col.contract"), s.contract_title + paren(s.section_name)),
        (t("contracts.contractor"), s.contractor_name),
        (t("counter.ward"), s.ward_handler_name),
        (t("counter.contractor"), s.contractor_handler_name + paren(role)),
        (t("counter.medium"), _medium_text(s)),
        (t("counter.content"), "、".join(s.items) + (f" / {s.free_text}" if s.free_text else "")),
        (t("counter.count"), f"{s.record_count:,}"),
        (t("counter.method"), _method_text(s)),
    ]
    if s.expected_return:
        lines.append((t("lend.field.expected_return"), s.expected_return.isoformat()))
    if s.out_slip_number:
        lines.append(
            (
                t("lend.out_count", count=s.out_record_count, number=s.out_slip_number),
                t("slip.mismatch") + f": {s.mismatch_explanation}" if s.count_mismatch else "✓",
            )
        )
    if s.notes:
        lines.append((t("lend.field.notes"), s.notes))
    if s.printer:
        lines.append((t("slip.print"), f"{s.printer} / {s.print_job} ×{s.print_count}"))
    if s.cancels_number:
        lines.append((t("slip.cancel"), f"→ {s.cancels_number}: {s.cancel_reason}"))
    if s.cancelled_by_number:
        lines.append((t("slip.cancel"), f"← {s.cancelled_by_number}"))
    return lines


class SlipScreen(ServiceCalls, Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    SlipScreen #slip { padding: 1 2; height: 1fr; }
    SlipScreen #print-status { padding: 0 2; height: auto; color: $text-muted; }
    """
    BINDINGS = bindings("slip")

    def __init__(self, slip: SlipView, autoprint: bool = False) -> None:
        super().__init__()
        self.slip = slip
        self.autoprint = autoprint

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="slip"):
            yield Static("", id="slip-body")
        yield Static("", id="print-status")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.show(self.slip)
        if self.autoprint and self.slip.state is SlipState.CONFIRMED:
            self.action_print()

    def show(self, slip: SlipView) -> None:
        self.slip = slip
        body = Text(
            t("slip.title", number=slip.number)
            + "  "
            + t("direction." + slip.direction.value)
            + "\n\n",
            style="bold",
        )
        for label, value in slip_lines(slip):
            body.append(f"{label}　", style="bold")
            body.append(f"{value}\n")
        self.query_one("#slip-body", Static).update(body)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.slip.state
        allowed = {
            "counter": state is SlipState.DRAFT,
            "print": state in (SlipState.CONFIRMED, SlipState.PRINTED, SlipState.STAMPED),
            "pdf": state in (SlipState.CONFIRMED, SlipState.PRINTED, SlipState.STAMPED),
            "stamp": state is SlipState.PRINTED,
            "cancel": state is not SlipState.CANCELLED and not self.slip.is_cancelling,
        }
        return allowed.get(action, True)

    def _reload(self, _: object = None) -> None:
        ledger, _ = self.app.session()
        slip_id = self.slip.id
        self.app.call_service(
            lambda: show_slip(ledger, slip_id),
            self.show,
            what="slip-show",
        )

    def _status(self, text: str) -> None:
        self.query_one("#print-status", Static).update(text)

    def action_counter(self) -> None:
        self.app.push_screen(CounterScreen(self.slip), self._after_counter)

    def _after_counter(self, slip: SlipView | None) -> None:
        if slip is not None:
            self.show(slip)
            self.notify(t("counter.confirmed"))
            self.action_print()

    def action_print(self) -> None:
        from ledger_tui.services.lending.slip_paper import print_slip

        ledger, actor = self.app.session()
        slip_id = self.slip.id
        self._status(t("slip.printing"))

        def printed(result: SlipPrintResult) -> None:
            self._status(
                t("slip.printed", printer=result.printer, job=result.job_id, answer=result.answer)
            )
            self.show(result.slip)

        def failed(error: DomainError) -> None:
            self._status(error.message())
            self.notify(error.message(), severity="error", timeout=10)

        self.call_service(
            lambda: print_slip(ledger, actor, slip_id),
            printed,
            on_error=failed,
            what="slip-print",
        )

    def action_pdf(self) -> None:
        ledger, actor = self.app.session()
        self.app.push_screen(SlipPdfScreen(self.slip, ledger, actor), self._pdf_saved)

    def _pdf_saved(self, result: tuple[str, SlipView] | None) -> None:
        if result is not None:
            path, slip = result
            self._status(t("slip.pdf_saved", path=path))
            self.show(slip)

    def action_stamp(self) -> None:
        def answered(yes: bool | None) -> None:
            if not yes:
                return
            ledger, actor = self.app.session()
            slip_id = self.slip.id

            def done(slip: SlipView) -> None:
                self.show(slip)
                self.notify(t("slip.stamped"))

            self.call_service(
                lambda: slips.mark_stamped(ledger, actor, slip_id),
                done,
                what="slip-stamp",
            )

        self.app.push_screen(ConfirmDialog(t("slip.stamp_confirm")), answered)

    def action_cancel(self) -> None:
        self.app.push_screen(CancelSlipScreen(self.slip), self._cancelled)

    def _cancelled(self, result: CancelResult | None) -> None:
        if result is None:
            return
        self.notify(t("slip.cancelled", number=result.cancelling.number))
        self.show(result.cancelled)


class CancelSlipScreen(FormScreen["CancelResult"]):
    def __init__(self, slip: SlipView) -> None:
        super().__init__()
        self.slip = slip
        self.title_text = t("slip.cancel.title", number=slip.number)

    def fields(self) -> list[Field]:
        return [Field("reason", t("slip.cancel.reason"), TextField(compact=True))]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], CancelResult]:
        ledger, actor = self.app.session()
        slip_id, reason = self.slip.id, values["reason"]
        return lambda: slips.cancel_slip(ledger, actor, slip_id, reason)


class SlipPdfScreen(SavePdfScreen[tuple[str, SlipView]]):
    def __init__(self, slip: SlipView, ledger: Ledger, actor: Actor) -> None:
        from ledger_tui.services.lending.slip_paper import save_slip_pdf

        super().__init__(
            t("slip.pdf.title"),
            f"slip-{slip.number}.pdf",
            lambda path: (str(path), save_slip_pdf(ledger, actor, slip.id, path)),
        )
