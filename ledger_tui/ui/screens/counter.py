"""The counter view: what the contractor's officer reads and confirms at the counter.

Large and uncluttered: date and time, both handlers, the medium, the information and
the count. The officer confirms by typing their handler code and Enter; nothing else on
the screen can be changed from here. The desk shows it on its own screen, and the
counter terminal (`ledger-tui counter`, ui/counter_app.py) on the one facing the
contractor: the same screen, with the terminal's own confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Center, Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Digits, Input, Label, Static

from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.wareki import wareki_datetime
from ledger_tui.i18n import current_language, t
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.port import ServiceCalls
from ledger_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from textual import getters

    from ledger_tui.ui.desk import DeskApp


def paren(text: str) -> str:
    """An aside in brackets: full-width on a Japanese screen, ASCII on an English one."""
    return f"（{text}）" if current_language() == "ja" else f" ({text})"


def _medium_text(slip: SlipView) -> str:
    if slip.medium_kind is None:  # a transfer without a medium: what names it
        return f"{slip.control_number}（{t('transfer.no_medium')}）"
    serial = f"  S/N {slip.medium_serial}" if slip.medium_serial else ""
    return f"{slip.control_number}{paren(t('kind.' + slip.medium_kind.value))}{serial}"


def _when_text(slip: SlipView) -> str:
    """和暦 on a Japanese screen; an English screen reads the western date."""
    moment = slip.handed_at_local
    if current_language() == "ja":
        return wareki_datetime(moment)
    return moment.strftime("%Y-%m-%d %H:%M")


def _method_text(slip: SlipView) -> str:
    detail = f"  {slip.transfer_detail}" if slip.transfer_detail else ""
    return t("transfer." + slip.transfer_method.value) + detail


def return_reconciliation(slip: SlipView) -> list[tuple[str, str]]:
    """On a return: the count that went out, the difference and its explanation — what
    the contractor's officer confirms along with the count coming back."""
    if slip.out_record_count is None:
        return []
    difference = slip.record_count - slip.out_record_count
    value = t(
        "counter.out_count.value",
        count=f"{slip.out_record_count:,}",
        number=slip.out_slip_number or "—",
    )
    if difference == 0:
        value += "  " + t("counter.difference.none")
    else:
        value += "  " + t("counter.difference", difference=f"{difference:+,}")
        if slip.mismatch_explanation:
            value += "\n" + t("counter.explanation", text=slip.mismatch_explanation)
    return [(t("counter.out_count"), value)]


class CounterScreen(ServiceCalls, ModalScreen[SlipView | None]):
    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    CounterScreen { align: center middle; background: $background 95%; }
    CounterScreen > VerticalScroll { width: 100; max-width: 100%; height: auto;
        max-height: 100%; padding: 1 4; border: double $accent; background: $surface; }
    CounterScreen .counter-title { text-style: bold; content-align: center middle;
        width: 100%; color: $accent; margin-bottom: 1; }
    CounterScreen Grid { grid-size: 2; grid-columns: 22 1fr; grid-gutter: 1 2;
        height: auto; }
    CounterScreen .label { color: $text-muted; text-style: bold; }
    CounterScreen .value { text-style: bold; }
    CounterScreen Digits { width: auto; }
    CounterScreen .code-prompt { margin-top: 1; }
    CounterScreen #code { width: 40; }
    CounterScreen #counter-error { color: $error; text-style: bold; height: auto; }
    """
    BINDINGS = bindings("counter")

    def __init__(self, slip: SlipView, confirm: Callable[[str], SlipView] | None = None) -> None:
        """`confirm` takes the typed code (one service call); by default the desk's
        operator confirms with `slips.confirm_at_counter`."""
        super().__init__()
        self.slip = slip
        self.confirm = confirm

    def compose(self) -> ComposeResult:
        s = self.slip
        role = t("handler_role." + s.contractor_handler_role.value)
        content = "、".join(s.items) + (f"\n{s.free_text}" if s.free_text else "")
        with VerticalScroll():  # at 80×24 it scrolls; the code field stays in sight
            yield Static(
                t(f"counter.title.{s.direction.value}") + f"  {s.number}", classes="counter-title"
            )
            with Grid():
                for label, value in (
                    ("counter.when", _when_text(s)),
                    ("counter.ward", s.ward_handler_name),
                    ("counter.contractor", s.contractor_handler_name + paren(role)),
                    ("counter.medium", _medium_text(s)),
                    ("counter.content", content),
                ):
                    yield Label(t(label), classes="label")
                    yield Static(value, classes="value")
                yield Label(t("counter.count"), classes="label")
                yield Digits(f"{s.record_count:,}", id="count")
                for label, value in return_reconciliation(s):
                    yield Label(label, classes="label")
                    yield Static(value, classes="value", id="reconciliation")
                yield Label(t("counter.method"), classes="label")
                yield Static(_method_text(s), classes="value")
            yield Static(t("counter.code"), classes="code-prompt")
            with Center():
                yield TextField(id="code", password=True)
            yield Label("", id="counter-error")

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        code = event.value
        event.input.value = ""
        confirm = self.confirm or self._desk_confirm()
        self.call_service(
            lambda: confirm(code),
            self.dismiss,
            on_error=self._refused,
            what="counter-confirm",
        )

    def _desk_confirm(self) -> Callable[[str], SlipView]:
        ledger, actor = self.app.session()
        slip_id = self.slip.id
        return lambda code: slips.confirm_at_counter(ledger, actor, slip_id, code)

    def _refused(self, error: DomainError) -> None:
        self.query_one("#counter-error", Label).update(error.message())
        self.query_one("#code", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
