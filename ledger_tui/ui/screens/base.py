"""AreaScreen: the frame every desk area shares (header, warnings, footer)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header, Static

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.operators import Actor
from ledger_tui.i18n import t
from ledger_tui.ui.port import ServiceCalls
from ledger_tui.ui.widgets.device_strip import DeviceStrip, strip_text
from ledger_tui.ui.widgets.footer import LocalizedFooter

if TYPE_CHECKING:
    from textual import getters

    from ledger_tui.ui.desk import DeskApp


class AreaScreen(ServiceCalls, Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    AreaScreen .banner { background: $error; color: $text; text-style: bold;
        padding: 0 1; height: auto; }
    AreaScreen .banner.-hidden { display: none; }
    AreaScreen .area-title { text-style: bold; padding: 0 1; height: 1; }
    """

    area_title_key = ""

    @property
    def desk(self) -> DeskApp:
        return self.app

    @property
    def ledger(self) -> Ledger:
        assert self.desk.ledger is not None
        return self.desk.ledger

    @property
    def actor(self) -> Actor:
        assert self.desk.actor is not None
        return self.desk.actor

    def compose_frame_top(self) -> ComposeResult:
        yield Header()
        if self.desk.settings.allow_loop_devices:
            yield Static(t("app.loop_banner"), classes="banner", id="loop-banner")
        yield Static("", classes="banner -hidden", id="trail-banner")
        if self.area_title_key:
            yield Static(t(self.area_title_key), classes="area-title")

    def compose_frame_bottom(self) -> ComposeResult:
        yield DeviceStrip("", id="device-strip")
        yield LocalizedFooter()

    def on_screen_resume(self) -> None:
        self.show_trail_status()
        self.show_devices()

    def ledger_changed(self) -> None:
        """The ledger changed (this desk or another): show it as on coming back."""
        self.on_screen_resume()

    def show_devices(self) -> None:
        """Redraw the inserted-devices strip (the app calls this on every event)."""
        desk = self.desk
        matches = [desk.devices[node] for node in sorted(desk.devices)]
        self.query_one("#device-strip", DeviceStrip).update(
            strip_text(matches, desk.device_source_key, desk.devices_ready)
        )

    def show_trail_status(self) -> None:
        """Show the latest trail verification (the app calls this when one finishes)."""
        banner = self.query_one("#trail-banner", Static)
        message = self.desk.trail_message
        banner.update(t("app.trail_broken", message=message) if message else "")
        banner.set_class(not message, "-hidden")
