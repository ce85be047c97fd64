"""The desk's footer: the keys of the screen in front, and under them the keys that work
everywhere (F1–F9, Ctrl+P, Ctrl+L, Ctrl+Q), each with its short name. Each part wraps
onto more lines when the terminal is narrow (a key and its name never part), so that at
80×24 every key is in sight and none is drawn over another. Both
rows are generated from the active bindings (the keys table, `ledger_tui.ui.keys`, with
the operator's keymap), and show only keys that act on this screen.

Binding labels and tooltips are catalogue keys (bindings are declared before the language
is chosen); they are translated here.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._toast import ToastRack

from ledger_tui.i18n import CATALOGUE, t
from ledger_tui.ui.keys import BY_ID, KEYS, display_key

#: The keys of the second row: the app's own, shown in the footer.
NAV_IDS = tuple(key.id for key in KEYS["app"] if key.show)


class KeyRows(Widget):
    """Keys with their names, packed into as many lines as the width needs; a key and
    its name never part, and nothing is drawn over anything else."""

    DEFAULT_CSS = """
    KeyRows { height: auto; background: $footer-background; color: $footer-foreground;
        padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Text] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        self.items = self.collect(screen)
        self.display = bool(self.items)
        self.refresh(layout=True)

    def collect(self, screen: Screen[Any]) -> list[Text]:
        raise NotImplementedError

    def lines(self, width: int) -> list[Text]:
        """The items packed into lines of `width` cells, two spaces apart."""
        lines: list[Text] = []
        line = Text()
        for item in self.items:
            if line.cell_len and line.cell_len + 2 + item.cell_len > width:
                lines.append(line)
                line = Text()
            if line.cell_len:
                line.append("  ")
            line.append_text(item)
        if line.cell_len:
            lines.append(line)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines(width)))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width))


def _item(key: str, label: str, enabled: bool) -> Text:
    style = "" if enabled else "dim"
    item = Text(display_key(key), style=f"bold {style}".strip())
    item.append(" " + label, style=style)
    return item


def short_label(key_id: str, label: str = "") -> str:
    """A key's name in the footer: its short name when it has one (the help screen and
    the palette give the full one)."""
    short = f"keys.short.{key_id}"
    if short in CATALOGUE:
        return t(short)
    return t(label or BY_ID[key_id].label)


class ScreenKeys(KeyRows):
    """The first row: the screen's (and its focused widget's) keys."""

    def collect(self, screen: Screen[Any]) -> list[Text]:
        items: list[Text] = []
        seen: set[tuple[str, str]] = set()
        for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items():
            if node is screen.app or not binding.show or binding.description not in CATALOGUE:
                continue
            label = short_label(binding.id or "", binding.description)
            if (binding.action, label) in seen:
                continue
            seen.add((binding.action, label))
            items.append(_item(key, label, enabled))
        return items


class NavKeys(KeyRows):
    """The second row: F1–F9, the command palette, lock and quit, as far as this screen
    lets them act."""

    def collect(self, screen: Screen[Any]) -> list[Text]:
        active = {
            binding.id: (key, enabled)
            for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items()
            if node is screen.app and binding.id
        }
        return [
            _item(active[key_id][0], short_label(key_id), active[key_id][1])
            for key_id in NAV_IDS
            if key_id in active
        ]


class LocalizedFooter(Vertical):
    """Both rows, docked at the bottom of the screen."""

    DEFAULT_CSS = """
    LocalizedFooter { dock: bottom; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield ScreenKeys()
        yield NavKeys()

    def on_resize(self, event: events.Resize) -> None:
        """Notices stand above the footer (Textual's sit one line above the bottom, over
        a footer of two or more lines), so no key is ever hidden under one."""
        for rack in self.screen.query(ToastRack):
            rack.styles.margin = (0, 0, event.size.height, 0)
