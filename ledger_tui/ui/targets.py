"""Open the screen a `services.targets.Target` names: the sheet, audit, incident and
close-out screens are pushed (imported only when opened, so this module loads before
they exist); loans, slips, inspection, the register and contracts are desk areas."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ledger_tui.i18n import t
from ledger_tui.services.oversight import targets
from ledger_tui.services.oversight.targets import Target

if TYPE_CHECKING:
    from ledger_tui.ui.desk import DeskApp

#: Pushed screens: module, class, and how the target becomes its constructor arguments.
PUSHED = {
    targets.SHEET: ("ledger_tui.ui.screens.sheet", "SheetScreen"),
    targets.AUDITS: ("ledger_tui.ui.screens.audits", "AuditsScreen"),
    targets.INCIDENTS: ("ledger_tui.ui.screens.incidents", "IncidentsScreen"),
    targets.CLOSEOUT: ("ledger_tui.ui.screens.closeout", "CloseOutScreen"),
}
AREAS = frozenset(
    {targets.LOANS, targets.SLIPS, targets.INSPECTION, targets.REGISTER, targets.CONTRACTS}
)


def open_target(app: DeskApp, target: Target) -> None:
    if target.screen in AREAS:
        app.action_area(target.screen)
        return
    module_name, class_name = PUSHED[target.screen]
    try:
        screen_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):  # built by another part of the work
        app.notify(t("closeout.screen.pending", screen=target.screen), severity="warning")
        return
    if target.screen == targets.INCIDENTS:
        app.push_screen(screen_class(incident_id=target.ref_id))
    else:
        app.push_screen(screen_class(target.contract_id or target.ref_id))
