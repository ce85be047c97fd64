"""Several sticks inserted: the operator picks the one a job or a registration acts on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ledger_tui.i18n import t
from ledger_tui.services.register.devices import DeviceMatch
from ledger_tui.ui.keys import bindings


def stick_label(match: DeviceMatch) -> str:
    info = match.device
    if match.medium is not None:
        state = t("state." + match.medium.state.value)
        known = t("devices.strip.known", control_number=match.medium.control_number, state=state)
        return f"{known}  {info.node}"
    return f"{info.vendor or '?'} {info.model or ''}  S/N {info.serial or '—'}  {info.node}"


class PickStickScreen(ModalScreen[DeviceMatch | None]):
    """↑ ↓ and Enter pick a stick; Esc picks none."""

    DEFAULT_CSS = """
    PickStickScreen { align: center middle; }
    PickStickScreen > Vertical { width: 76; max-width: 100%; height: auto;
        border: thick $primary; background: $surface; padding: 1 2; }
    PickStickScreen .title { text-style: bold; margin-bottom: 1; }
    PickStickScreen OptionList { height: auto; max-height: 12; }
    """
    BINDINGS = bindings("stick_pick")

    def __init__(self, matches: list[DeviceMatch]) -> None:
        super().__init__()
        self.matches = matches

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("devices.pick.title"), classes="title")
            yield OptionList(
                *[Option(stick_label(m), id=str(i)) for i, m in enumerate(self.matches)],
                id="sticks",
            )

    def on_mount(self) -> None:
        self.query_one("#sticks", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.matches[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
