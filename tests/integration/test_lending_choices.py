"""Which contracts a medium can be lent under: one rule (`domain.contracts.lends_today`)
that the lend form's choice comes from and the lend service agrees with. The form used
to offer a closed contract, which the service then refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from ledger_tui.db.models import Contract
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.contracts import ContractPhase, contract_phase
from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.services.lending import handover
from tests.conftest import FakeClock
from tests.integration.lending_world import World, build_world


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def _offered(world: World, control_number: str) -> list[int]:
    _, contracts = handover.contracts_to_lend(world.ledger, control_number)
    return sorted(c.id for c in contracts)


def _lends(world: World, control_number: str, contract_id: int) -> bool:
    try:
        handover.start_lending(
            world.ledger, world.actor, control_number, contract_id, world.out_form()
        )
    except DomainError:
        return False
    return True


def test_the_choice_and_the_service_agree(world: World, clock: FakeClock) -> None:
    both = sorted([world.contract_id, world.other_contract_id])
    assert _offered(world, "税-USB-001") == both
    assert _offered(world, "税-CD-001") == [world.contract_id]  # the other: USB only
    # the other contract closed out: neither offered nor lent under
    with world.ledger.unit_of_work() as uow:
        other = uow.session.get(Contract, world.other_contract_id)
        assert other is not None
        other.closed_at = clock()
        uow.commit()
    assert _offered(world, "税-USB-001") == [world.contract_id]
    assert not _lends(world, "税-USB-001", world.other_contract_id)
    assert _lends(world, "税-USB-001", world.contract_id)
    # after both periods: nothing to offer, with a message for the screen
    clock.now = datetime(2026, 4, 2, 3, tzinfo=UTC)
    with pytest.raises(InvalidInput) as none:
        handover.contracts_to_lend(world.ledger, "税-USB-002")
    assert none.value.key == "lend.no_contract"
    assert not _lends(world, "税-USB-002", world.contract_id)


def test_contract_phase() -> None:
    start, end = date(2025, 5, 1), date(2026, 3, 31)
    assert contract_phase(start, end, False, date(2025, 4, 30)) is ContractPhase.NOT_STARTED
    assert contract_phase(start, end, False, start) is ContractPhase.RUNNING
    assert contract_phase(start, end, False, end) is ContractPhase.RUNNING
    assert contract_phase(start, end, False, date(2026, 4, 1)) is ContractPhase.ENDED
    assert contract_phase(start, end, True, date(2025, 6, 1)) is ContractPhase.CLOSED
