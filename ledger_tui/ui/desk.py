"""What the screens, widgets and flows may ask of the desk application.

`DeskApp` is the desk as its screens see it: the open ledger, the operator, the
settings, the inserted sticks, the trail's state, and the session's moves. The
application (`ui.app.LedgerApp`) is its one implementation. Screens and flows type
their app as `DeskApp`, so they never import the application that imports them: no
import circle between the app and its screens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from ledger_tui.ui.port import ServiceCalls

if TYPE_CHECKING:
    from ledger_tui.config import Settings
    from ledger_tui.db.uow import Ledger
    from ledger_tui.domain.audit import ChainReport
    from ledger_tui.domain.operators import Actor
    from ledger_tui.services.register.devices import DeviceMatch


class DeskApp(ServiceCalls, App[int]):
    """The desk's application as its screens use it (implemented by `LedgerApp`)."""

    settings: Settings
    ledger: Ledger | None
    actor: Actor | None
    locked: bool
    trail_message: str
    trail_report: ChainReport | None
    devices: dict[str, DeviceMatch]
    devices_ready: bool
    device_source_key: str

    def session(self) -> tuple[Ledger, Actor]:
        """The open ledger and the operator logged in (screens past login only)."""
        raise NotImplementedError

    def logged_in(self, actor: Actor) -> None:
        """Called by the login and first-run screens."""
        raise NotImplementedError

    def logout(self) -> None:
        raise NotImplementedError

    def unlocked(self) -> None:
        raise NotImplementedError

    def action_lock(self, idle: bool = False) -> None:
        raise NotImplementedError

    def action_area(self, area: str) -> None:
        raise NotImplementedError

    def check_trail(self) -> None:
        """Verify the audit trail in the background; warn everywhere if it is broken."""
        raise NotImplementedError

    def ledger_changed(self) -> None:
        raise NotImplementedError

    def device_notice(self, message: str) -> None:
        raise NotImplementedError

    def lend(self, control_number: str | None = None) -> None:
        """Go on to lend a medium (`ui.flows.lend`): a screen asks, the desk runs the flow."""
        raise NotImplementedError

    def lend_transfer(self, loan_id: int, record_count: int | None = None) -> None:
        """Go on to the slip of a transfer without a medium (`ui.flows.lend_transfer`)."""
        raise NotImplementedError
