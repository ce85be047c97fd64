"""Each navigation area's screen, imported the first time the area is opened: the
dashboard loads at login, the trail or the register only when the operator goes there."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

AREA_SCREENS = {
    "dashboard": "ledger_tui.ui.screens.dashboard:DashboardScreen",
    "register": "ledger_tui.ui.screens.register:RegisterScreen",
    "loans": "ledger_tui.ui.screens.loans:LoansScreen",
    "slips": "ledger_tui.ui.screens.slips:SlipLedgerScreen",
    "inspection": "ledger_tui.ui.screens.inspection:InspectionScreen",
    "contracts": "ledger_tui.ui.screens.contracts:ContractsScreen",
    "trail": "ledger_tui.ui.screens.trail:TrailScreen",
    "operators": "ledger_tui.ui.screens.operators:OperatorsScreen",
}


def area_screen(area: str) -> Screen[object]:
    """A new screen of `area` (its module imported on first use)."""
    module, _, name = AREA_SCREENS[area].partition(":")
    screen: Screen[object] = getattr(importlib.import_module(module), name)()
    return screen
