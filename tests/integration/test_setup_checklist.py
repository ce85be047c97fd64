"""The first-run checklist on an empty ledger's dashboard: what is set up, in order,
until the first lend; gone once anything was lent."""

from __future__ import annotations

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.journey import setup_checklist
from ledger_tui.services.oversight import targets
from tests.integration.lending_world import build_world

ORDER = [
    "setup.section",
    "setup.contractor",
    "setup.contract",
    "setup.handler",
    "setup.medium",
    "setup.first_wipe",
    "setup.first_lend",
]


def test_checklist_from_empty_to_first_lend(ledger: Ledger, admin: Actor) -> None:
    empty = setup_checklist(ledger)
    assert [i.key for i in empty] == ORDER
    assert not any(i.done for i in empty)
    assert empty[0].target.screen == targets.CONTRACTS
    assert empty[-1].target.screen == targets.REGISTER

    world = build_world(ledger, admin)  # sections, contracts, handlers, blank media
    ready = {i.key: i.done for i in setup_checklist(ledger)}
    assert ready == {key: key != "setup.first_lend" for key in ORDER}

    world.lend("税-USB-001")
    assert setup_checklist(ledger) == []
