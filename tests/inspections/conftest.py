"""A register to inspect: the lending world (three blank sticks, a CD-R, a sealed paper
case, a servicer contract) plus a sealed CD-R, with 税-USB-002 lent to the contractor
and 税-USB-003 reported lost. The PDF tools and the CUPS test printer come from the
printing tests."""

from __future__ import annotations

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.services.register import media
from tests.integration.lending_world import World, build_world
from tests.printing.conftest import pdf_tools, save_pdf, test_printer  # noqa: F401

CD_SEAL = "S-0100"


def build_register(ledger: Ledger, admin: Actor) -> World:
    world = build_world(ledger, admin)
    media.register_medium(
        ledger, admin, media.MediumForm("税-CD-002", kind=MediumKind.CDR, seal_number=CD_SEAL)
    )
    world.lend("税-USB-002")
    media.change_state(ledger, admin, "税-USB-003", MediumState.LOST, "紛失届")
    return world


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_register(ledger, admin)
