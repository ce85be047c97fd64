"""Small modal dialogs: an error shown once, a yes/no confirmation, a read-only detail."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ledger_tui.i18n import t
from ledger_tui.ui.keys import bindings


class ErrorDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    ErrorDialog { align: center middle; }
    ErrorDialog > Vertical { width: 72; height: auto; border: thick $error;
        background: $surface; padding: 1 2; }
    ErrorDialog .title { text-style: bold; color: $error; }
    """
    BINDINGS = bindings("error")

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("app.error_title"), classes="title")
            yield Static(self.message, id="error-message")
            yield Button(t("common.close"), id="close", variant="error")

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self) -> None:
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """y / n / escape."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 64; height: auto; border: thick $warning;
        background: $surface; padding: 1 2; }
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ConfirmDialog Button { margin-left: 2; }
    """
    BINDINGS = bindings("confirm")

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            with Horizontal():
                yield Button(t("form.no") + " (n)", id="no")
                yield Button(t("form.yes") + " (y)", id="yes", variant="warning")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class DetailDialog(ModalScreen[None]):
    """A read-only list of label/value pairs (medium details, a trail entry)."""

    DEFAULT_CSS = """
    DetailDialog { align: center middle; }
    DetailDialog > Vertical { width: 90; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2; }
    DetailDialog .title { text-style: bold; margin-bottom: 1; }
    DetailDialog .pair { height: auto; }
    """
    BINDINGS = bindings("detail")

    def __init__(self, title: str, pairs: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.pairs = pairs

    def compose(self) -> ComposeResult:
        width = max((len(label) for label, _ in self.pairs), default=8)
        with Vertical():
            yield Static(self.title_text, classes="title")
            for label, value in self.pairs:
                yield Static(
                    Text.assemble((label.ljust(width), "bold"), "  ", value), classes="pair"
                )

    def action_close(self) -> None:
        self.dismiss(None)
