"""Every desk action in the command palette (Ctrl+P), in the current language."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from ledger_tui.i18n import t
from ledger_tui.ui import flows

if TYPE_CHECKING:
    from ledger_tui.ui.app import LedgerApp


def desk_commands(app: LedgerApp) -> Iterator[SystemCommand]:
    def area(name: str) -> Callable[[], None]:
        return lambda: app.action_area(name)

    def in_area(name: str, action: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await app.switch_mode(name)
            await app.screen.run_action(action)

        return run

    yield SystemCommand(t("nav.dashboard"), t("cmd.dashboard.help"), area("dashboard"))
    yield SystemCommand(t("nav.register"), t("cmd.register.help"), area("register"))
    yield SystemCommand(t("cmd.add_medium"), t("cmd.add_medium.help"), in_area("register", "add"))
    yield SystemCommand(
        t("cmd.register_device"),
        t("cmd.register_device.help"),
        in_area("register", "register_device"),
    )
    yield SystemCommand(t("cmd.wipe"), t("cmd.wipe.help"), in_area("register", "wipe"))
    yield SystemCommand(t("cmd.load"), t("cmd.load.help"), in_area("register", "load"))
    yield SystemCommand(t("cmd.intake"), t("cmd.intake.help"), in_area("register", "intake"))
    yield SystemCommand(t("cmd.lend"), t("cmd.lend.help"), lambda: flows.lend(app))
    yield SystemCommand(t("cmd.return"), t("cmd.return.help"), lambda: flows.take_return(app))
    yield SystemCommand(t("nav.loans"), t("cmd.loans.help"), area("loans"))
    yield SystemCommand(t("nav.slips"), t("cmd.slips.help"), area("slips"))
    yield SystemCommand(t("nav.inspection"), t("cmd.inspection.help"), area("inspection"))
    yield SystemCommand(t("nav.contracts"), t("cmd.contracts.help"), area("contracts"))
    for action in ("sheet", "audits", "closeout"):
        yield SystemCommand(
            t(f"cmd.{action}"), t("cmd.compliance.help"), in_area("contracts", action)
        )
    yield SystemCommand(
        t("cmd.incidents"), t("cmd.incidents.help"), in_area("contracts", "incidents")
    )
    yield SystemCommand(t("nav.trail"), t("cmd.trail.help"), area("trail"))
    yield SystemCommand(t("cmd.verify"), t("cmd.verify.help"), in_area("trail", "verify"))
    if app.actor is not None and app.actor.is_admin:
        yield SystemCommand(
            t("cmd.add_contract"), t("cmd.contracts.help"), in_area("contracts", "add_contract")
        )
        yield SystemCommand(
            t("cmd.add_handler"), t("cmd.contracts.help"), in_area("contracts", "add_handler")
        )
        yield SystemCommand(
            t("cmd.add_section"), t("cmd.contracts.help"), in_area("contracts", "add_section")
        )
        yield SystemCommand(
            t("cmd.add_contractor"), t("cmd.contracts.help"), in_area("contracts", "add_contractor")
        )
        yield SystemCommand(t("nav.operators"), t("cmd.operators.help"), area("operators"))
        yield SystemCommand(
            t("cmd.add_operator"), t("cmd.operators.help"), in_area("operators", "add")
        )
    yield SystemCommand(t("nav.lock"), t("cmd.lock.help"), app.action_lock)
    yield SystemCommand(t("nav.logout"), t("cmd.logout.help"), app.logout)
