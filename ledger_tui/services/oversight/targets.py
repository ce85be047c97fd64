"""Where a reminder or a close-out blocker is resolved: the screen and the reference.

The dashboard and the close-out screen open `Target.screen` with `ref` (a control
number, slip number, incident number) or `ref_id` (a contract, item or incident id).
Plain data, so the CLI prints it as JSON and the core stays free of Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

SHEET: Final = "sheet"  # ui.screens.sheet.SheetScreen(contract_id)
AUDITS: Final = "audits"  # ui.screens.audits.AuditsScreen(contract_id)
INCIDENTS: Final = "incidents"  # ui.screens.incidents.IncidentsScreen(incident_id)
CLOSEOUT: Final = "closeout"  # ui.screens.closeout.CloseOutScreen(contract_id)
LOANS: Final = "loans"  # the loans area (return, overdue)
SLIPS: Final = "slips"  # the slip ledger area (print, stamp)
INSPECTION: Final = "inspection"  # the inspection area
REGISTER: Final = "register"  # the media register (wipe, destroy)
CONTRACTS: Final = "contracts"  # the contracts area (handlers, contractor erasure)

SCREENS: frozenset[str] = frozenset(
    {SHEET, AUDITS, INCIDENTS, CLOSEOUT, LOANS, SLIPS, INSPECTION, REGISTER, CONTRACTS}
)


@dataclass(frozen=True, slots=True)
class Target:
    """The screen that resolves something, and what to open there."""

    screen: str
    ref: str = ""
    ref_id: int | None = None
    contract_id: int | None = None

    def __post_init__(self) -> None:
        if self.screen not in SCREENS:
            raise ValueError(f"unknown target screen {self.screen!r}")
