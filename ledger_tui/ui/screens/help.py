"""The help screen (F1): the keys of the screen in front, generated from its active
bindings (the same rows as its footer and the command palette), with their longer text;
keys not usable right now are marked."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from ledger_tui.i18n import t
from ledger_tui.ui.keys import BY_ID, bindings, display_key, what


def key_rows(screen: Screen[Any]) -> list[tuple[str, str, bool]]:
    """(key, what it does, usable now) of every binding active on `screen`."""
    rows: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
        desk_key = BY_ID.get(binding.id or "")
        if desk_key is None or desk_key.id in seen or desk_key.id == "nav.help":
            continue
        seen.add(desk_key.id)
        rows.append((display_key(key), what(desk_key), enabled))
    return rows


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 110; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1; }
    HelpScreen .help-title { text-style: bold; margin-bottom: 1; }
    """
    BINDINGS = bindings("help")

    def __init__(self, of: Screen[Any], screen_name: str, remap_path: str) -> None:
        super().__init__()
        self.rows = key_rows(of)
        self.screen_name = screen_name
        self.remap_path = remap_path

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_edge=False, pad_edge=False)
        table.add_column(t("help.col.key"), no_wrap=True, style="bold")
        table.add_column(t("help.col.what"), ratio=1)
        for key, text, enabled in self.rows:
            if not enabled:
                text += " " + t("help.unavailable")
            table.add_row(key, text, style="" if enabled else "dim")
        with VerticalScroll():
            yield Static(t("help.title", screen=self.screen_name), classes="help-title")
            yield Static(table)
            yield Static(t("help.remap", path=self.remap_path))

    def action_close(self) -> None:
        self.dismiss(None)
