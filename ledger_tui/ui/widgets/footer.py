"""Footer whose binding descriptions are catalogue keys, rendered in the current language.

Bindings are declared at class level (before the language is chosen), so they carry
keys such as "nav.register"; the footer translates them when it composes. The command
palette's key is Textual's own (described "palette"): it gets the catalogue's text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from ledger_tui.i18n import t


class LocalizedFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and widget.description:
                palette = widget.has_class("-command-palette")
                widget.description = t("nav.palette" if palette else widget.description)
            yield widget
