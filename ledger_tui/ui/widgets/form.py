"""FormScreen: a modal form with labelled fields, inline errors and keyboard submit.

Subclasses list their fields and implement `submit_values`, which returns the service
call to run. Errors from the service (`InvalidInput.field`) appear under their field;
other refusals under the form. Escape cancels, Ctrl+S (or Enter on the last field) saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static

from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.domain.numbers import INT_MAX, check_whole
from ledger_tui.i18n import t
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.port import ServiceCalls
from ledger_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from textual import getters

    from ledger_tui.ui.desk import DeskApp

R = TypeVar("R")


@dataclass
class Field:
    name: str
    label: str
    widget: Widget


class FormScreen(ServiceCalls, ModalScreen[R]):
    """Base of every add/edit form; `R` is what its service call returns (the screen's
    result, None when cancelled)."""

    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    FormScreen #form-fields { height: auto; max-height: 60vh; }
    FormScreen .form-title { text-style: bold; margin-bottom: 1; }
    FormScreen .field-row { height: auto; margin-bottom: 1; }
    FormScreen .field-label { width: 30; color: $text-muted; }
    FormScreen .field-row > Input, FormScreen .field-row > Select,
    FormScreen .field-row > Checkbox, FormScreen .field-row > SelectionList { width: 1fr; }
    FormScreen .field-row > SelectionList { height: auto; max-height: 8; }
    FormScreen .field-row > Input { background: $boost; }
    FormScreen .field-row > Input:focus { background: $primary 20%; }
    FormScreen .field-error { color: $error; height: auto; padding-left: 30; }
    FormScreen .field-error.-empty, FormScreen .form-error.-empty { display: none; }
    FormScreen .form-error { color: $error; margin-top: 1; height: auto; }
    FormScreen .buttons { height: auto; margin-top: 1; align-horizontal: right; }
    FormScreen .buttons Button { min-width: 10; }
    FormScreen .buttons Button { margin-left: 2; }
    """

    BINDINGS = bindings("form")

    title_text = ""

    def fields(self) -> list[Field]:
        raise NotImplementedError

    def submit_values(self, values: dict[str, Any]) -> Callable[[], R]:
        """Turn the field values into the service call to run (in a worker)."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        self._fields = self.fields()
        # The fields scroll; the title, the form's error and the buttons (with their
        # keys) stay in sight however small the terminal.
        with Vertical():
            yield Static(self.title_text, classes="form-title")
            with VerticalScroll(id="form-fields"):
                for field in self._fields:
                    field.widget.id = f"field-{field.name}"
                    if isinstance(field.widget, Select) and field.widget.prompt == "Select":
                        field.widget.prompt = t("form.select")  # Textual's own is English
                    with Horizontal(classes="field-row"):
                        yield Label(field.label, classes="field-label")
                        yield field.widget
                    yield Label("", id=f"error-{field.name}", classes="field-error -empty")
            yield Label("", id="form-error", classes="form-error -empty")
            with Horizontal(classes="buttons"):
                yield Button(f"{t('form.cancel')} (Esc)", id="cancel", compact=True)
                yield Button(
                    f"{t('form.save')} (Ctrl+S)", id="save", variant="primary", compact=True
                )

    def on_mount(self) -> None:
        if self._fields:
            self._fields[0].widget.focus()

    # values ------------------------------------------------------------------------

    def value(self, name: str) -> Any:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Input):
            return widget.value.strip()
        if isinstance(widget, Checkbox):
            return widget.value
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        raise TypeError(widget)

    def values(self) -> dict[str, Any]:
        return {field.name: self.value(field.name) for field in self._fields}

    # submit ------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.query(".field-error, .form-error").results(Label):
            label.update("")
            label.add_class("-empty")

    def _say(self, selector: str, message: str) -> None:
        label = self.query_one(selector, Label)
        label.update(message)
        label.remove_class("-empty")

    def show_error(self, error: DomainError) -> None:
        message = error.message()
        field = error.field if isinstance(error, InvalidInput) else ""
        target = f"#error-{field}"
        if field and self.query(target):
            self._say(target, message)
            self._say("#form-error", t("form.fix_errors"))
            self.query_one(f"#field-{field}").focus()
            self.call_after_refresh(self.query_one(target).scroll_visible)
        else:
            self._say("#form-error", message)

    def action_submit(self) -> None:
        self.clear_errors()
        try:
            call = self.submit_values(self.values())
        except DomainError as error:
            self.show_error(error)
            return
        self.call_service(
            call,
            self.dismiss,
            on_error=self.show_error,
            what=type(self).__name__,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_submit()
        else:
            self.action_cancel()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":  # on a list, a checkbox or a button, Enter is theirs
            return isinstance(self.focused, Input)
        return True

    def action_next_field(self) -> None:
        """Enter in a text field: the next field, or save from the last one. Taken as the
        key arrives (a priority binding), so that keys typed after it in one burst land
        in the next field rather than in the one being left."""
        inputs = [f.widget for f in self._fields if isinstance(f.widget, Input)]
        if inputs and self.focused is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()


class SavePdfScreen(FormScreen[R]):
    """Where to save a printed form as PDF: one path, defaulting to the home folder.
    `save(path)` is the service call that renders, writes and records it; the screen is
    dismissed with its result."""

    def __init__(self, title: str, file_name: str, save: Callable[[Path], R]) -> None:
        super().__init__()
        self.title_text = title
        self.file_name, self.save = file_name, save

    def fields(self) -> list[Field]:
        return [
            Field(
                "path",
                t("form.pdf_path"),
                TextField(value=str(Path.home() / self.file_name), compact=True),
            )
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], R]:
        if not values["path"]:
            raise InvalidInput("error.field.required", field="path")
        path, save = Path(values["path"]), self.save
        return lambda: save(path)


def parse_date(text: str, field: str, required: bool = True) -> date | None:
    if not text:
        if required:
            raise InvalidInput("error.field.required", field=field)
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("error.field.date", field=field) from None


def parse_int(text: str, field: str, required: bool = False, limit: int = INT_MAX) -> int | None:
    if not text:
        if required:
            raise InvalidInput("error.field.required", field=field)
        return None
    cleaned = text.replace(",", "").replace("_", "")
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > len(str(limit)):
        raise InvalidInput("error.field.integer", field=field, limit=limit)
    return check_whole(int(cleaned), field, limit)


def split_items(text: str) -> list[str]:
    return [item for item in text.replace("、", ",").replace("，", ",").split(",")]
