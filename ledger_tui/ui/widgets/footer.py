"""The desk's footer: the keys of the screen in front on one row, and under it the keys
that work everywhere (F1–F9, Ctrl+L, Ctrl+Q) with short names, wrapped onto a second
line when the terminal is narrow, so that at 80×24 every F-key is still in sight. Both
rows are generated from the active bindings (the keys table, `ledger_tui.ui.keys`, with
the operator's keymap), and show only keys that act on this screen.

Binding labels and tooltips are catalogue keys (bindings are declared before the language
is chosen); they are translated here.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from ledger_tui.i18n import CATALOGUE, t
from ledger_tui.ui.keys import BY_ID, KEYS, display_key

#: The keys of the second row: the app's own, shown in the footer.
NAV_IDS = tuple(key.id for key in KEYS["app"] if key.show and key.id != "nav.palette")


def _app_keys(screen: Screen[Any]) -> set[str]:
    return {key for key, (node, *_rest) in screen.active_bindings.items() if node is screen.app}


class ScreenKeys(Footer):
    """The first row: the screen's (and its focused widget's) keys."""

    DEFAULT_CSS = """
    ScreenKeys { dock: none; }
    """

    def compose(self) -> ComposeResult:
        app_keys = _app_keys(self.screen)
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                if widget.key in app_keys and "-command-palette" not in widget.classes:
                    continue  # on the second row
                if widget.description:
                    widget.description = t(widget.description)
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = t(widget.tooltip)
            yield widget


def short_label(key_id: str) -> str:
    short = f"keys.short.{key_id}"
    return t(short) if short in CATALOGUE else t(BY_ID[key_id].label)


class NavKeys(Static):
    """The second row: F1–F9, lock and quit, as far as this screen lets them act."""

    DEFAULT_CSS = """
    NavKeys { height: auto; background: $footer-background; color: $footer-foreground;
        padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        active = {
            binding.id: (key, enabled)
            for key, (node, binding, enabled, _tooltip) in screen.active_bindings.items()
            if node is screen.app and binding.id
        }
        text = Text()
        for key_id in NAV_IDS:
            if key_id not in active:
                continue
            key, enabled = active[key_id]
            if text:
                text.append("  ")
            style = "" if enabled else "dim"
            text.append(display_key(key), style=f"bold {style}".strip())
            text.append(" " + short_label(key_id), style=style)
        self.update(text)
        self.display = bool(text)


class LocalizedFooter(Vertical):
    """Both rows, docked at the bottom of the screen."""

    DEFAULT_CSS = """
    LocalizedFooter { dock: bottom; height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield ScreenKeys(compact=True)
        yield NavKeys()
