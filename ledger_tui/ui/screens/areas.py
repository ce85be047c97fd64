"""AREA_SCREENS maps each navigation area to its screen class (imported after login)."""

from __future__ import annotations

from ledger_tui.ui.screens.contracts import ContractsScreen
from ledger_tui.ui.screens.dashboard import DashboardScreen
from ledger_tui.ui.screens.inspection import InspectionScreen
from ledger_tui.ui.screens.loans import LoansScreen
from ledger_tui.ui.screens.operators import OperatorsScreen
from ledger_tui.ui.screens.register import RegisterScreen
from ledger_tui.ui.screens.slips import SlipLedgerScreen
from ledger_tui.ui.screens.trail import TrailScreen

AREA_SCREENS = {
    "dashboard": DashboardScreen,
    "register": RegisterScreen,
    "loans": LoansScreen,
    "slips": SlipLedgerScreen,
    "inspection": InspectionScreen,
    "contracts": ContractsScreen,
    "trail": TrailScreen,
    "operators": OperatorsScreen,
}
