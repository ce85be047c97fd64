"""LedgerAreaScreen: an area that is one big ledger (register, trail, slips) under a
filter line. Each keystroke in the filter asks a worker for a fresh keyset pager and its
first page; results of older keystrokes are dropped. Subclasses give the columns and
build the pager from the filter text (which may be refused with a message)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from ledger_tui.domain.clock import local
from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.services.pagers import Pager
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.widgets.ledger_view import Column, LedgerView
from ledger_tui.ui.widgets.text_field import TextField


class LedgerAreaScreen(AreaScreen):
    BINDINGS = bindings("ledger")

    DEFAULT_CSS = """
    LedgerAreaScreen #filter { margin: 0 1; }
    LedgerAreaScreen #status { padding: 0 1; height: auto; color: $text-muted; }
    """

    ledger_id = "ledger"
    filter_key = ""
    empty_key = ""
    #: When the rows shown were read (the status line says so).
    refreshed_at: datetime | None = None

    def columns(self) -> list[Column[Any]]:
        raise NotImplementedError

    def make_pager(self, text: str) -> Pager[Any]:
        """Runs in a worker: the pager for this filter text (may raise DomainError)."""
        raise NotImplementedError

    def after_load(self, pager: Pager[Any]) -> None:
        """Hook: the view now shows `pager`'s first page."""

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield TextField(placeholder=t(self.filter_key), id="filter")
        yield LedgerView(
            self.columns(),
            empty_text=t(self.empty_key) if self.empty_key else "",
            id=self.ledger_id,
        )
        yield Static("", id="status")
        yield from self.compose_frame_bottom()

    @property
    def view(self) -> LedgerView:
        return self.query_one(f"#{self.ledger_id}", LedgerView)

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    def on_mount(self) -> None:
        self.view.focus()
        self.call_after_refresh(self.load, "")

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if self.view.pager is not None:
            self.view.reload()
            self._refreshed()
            self.after_load(self.view.pager)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.load(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.view.focus()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.view.focus()

    def load(self, text: str) -> None:
        size = self.view.page_size

        def fetch() -> tuple[str, Pager[Any], list[Any]]:
            pager = self.make_pager(text)
            return text, pager, pager.page_after(None, size)

        self.query_one("#status", Static).update("")
        self.call_service(
            fetch,
            self._loaded,
            on_error=self._refused,
            what=f"{self.ledger_id}-page",
            group=f"{self.ledger_id}-filter",
            exclusive=True,
        )

    def _refused(self, error: DomainError) -> None:
        self.query_one("#status", Static).update(error.message())

    def _loaded(self, result: tuple[str, Pager[Any], list[Any]]) -> None:
        text, pager, rows = result
        if text != self.filter_text:
            return  # a newer keystroke is on its way
        self.view.set_pager(pager, rows)
        self._refreshed()
        self.after_load(pager)

    def _refreshed(self) -> None:
        """The rows shown were just read: the title line says when."""
        ledger = self.app.ledger  # its clock: fixed in tests and snapshots
        self.refreshed_at = local(ledger.clock()) if ledger else datetime.now().astimezone()
        if self.area_title_key:
            stamp = t("list.refreshed", time=self.refreshed_at.strftime("%H:%M:%S"))
            self.query_one(".area-title", Static).update(f"{t(self.area_title_key)}  ({stamp})")
