"""What the dashboard, the loans view and the slip ledger read: overdue loans, contracts
that ended with media out, and the keyset-paged slip ledger with its filters."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_tui.db.paging import SlipFilter, SlipPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import find_slip
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import FakeClock
from tests.integration.lending_world import RESPONSIBLE_CODE, World, build_world, tokyo


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def _lend_until(world: World, control_number: str, expected: date) -> int:
    loan = world.loan(control_number, expected_return=expected)
    slip = slips.draft_out_slip(world.ledger, world.actor, loan.id, world.out_form())
    slips.confirm_at_counter(world.ledger, world.actor, slip.id, RESPONSIBLE_CODE)
    return loan.id


def test_open_loans_overdue_first(world: World, clock: FakeClock) -> None:
    a = _lend_until(world, "税-USB-001", date(2025, 6, 20))
    b = _lend_until(world, "税-USB-002", date(2025, 6, 10))
    c = world.loan("税-USB-003", expected_return=date(2025, 6, 5)).id  # draft: not out
    d = _lend_until(world, "税-CD-001", date(2025, 7, 31))
    clock.now = tokyo(2025, 6, 25, 8)
    rows = lending.open_loans(world.ledger)
    assert [(r.id, r.overdue_days) for r in rows] == [(b, 15), (a, 5), (c, 0), (d, 0)]
    assert [r.id for r in lending.open_loans(world.ledger, overdue_only=True)] == [b, a]
    assert rows[0].control_number == "税-USB-002" and rows[0].contractor_name
    # Not overdue on the expected day itself (local date).
    clock.now = tokyo(2025, 6, 10, 23, 59)
    assert [r.id for r in lending.open_loans(world.ledger, overdue_only=True)] == []
    assert verify_trail(world.ledger).ok


def test_contracts_that_ended_with_media_still_out(world: World, clock: FakeClock) -> None:
    other = world.other_contract_id
    for number in ("税-USB-002", "税-USB-001"):
        loan = lending.create_loan(world.ledger, world.actor, number, other)
        slip = slips.draft_out_slip(
            world.ledger,
            world.actor,
            loan.id,
            slips.SlipForm(
                handler_id=world.other_handler_id,
                record_count=4,
                transfer_method="hand",
                items=("氏名", "住所"),
                without_load=True,
            ),
        )
        slips.confirm_at_counter(world.ledger, world.actor, slip.id, "LAW001")
    _lend_until(world, "税-USB-003", date(2025, 9, 1))  # the running contract: not listed
    clock.now = tokyo(2025, 9, 30, 23)
    assert lending.ended_contracts_with_media_out(world.ledger) == []
    clock.now = tokyo(2025, 10, 2, 9)
    [row] = lending.ended_contracts_with_media_out(world.ledger)
    assert (row.contract_id, row.days_since_end) == (other, 2)
    assert row.control_numbers == ("税-USB-001", "税-USB-002")
    assert row.contractor_name == "弁護士法人みなと"
    assert lending.find_open_loan(world.ledger, "税-USB-001") is not None
    assert lending.find_open_loan(world.ledger, "税-CD-001") is None


def test_slip_ledger_pages_and_filters(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    # Nine slips over three days, three media; the clock moves between them.
    loans = {n: world.loan(n).id for n in ("税-USB-001", "税-USB-002", "税-CD-001")}
    made = []
    for day in (2, 3, 4):
        for loan_id in loans.values():
            clock.now = tokyo(2025, 6, day, 10)
            slip = slips.draft_out_slip(ledger, actor, loan_id, world.out_form())
            made.append(slip)
            if day < 4:
                slips.cancel_slip(ledger, actor, slip.id, "やり直し")
    # 9 drafts + 6 cancelling slips
    pager = SlipPager(ledger.engine)
    assert pager.count() == 15
    first = pager.page_after(None, 4)
    assert first[0].number == made[-1].number  # newest first
    second = pager.page_after(first[-1].key, 4)
    assert second[0].handed_at <= first[-1].handed_at
    everything = [r.number for r in first + second + pager.page_after(second[-1].key, 20)]
    assert len(everything) == len(set(everything)) == 15
    assert [r.number for r in pager.page_before(second[0].key, 4)] == [r.number for r in first]

    by_medium = SlipPager(ledger.engine, slip_filter=SlipFilter(control_number="税-CD-001"))
    assert {r.control_number for r in by_medium.page_after(None, 50)} == {"税-CD-001"}
    assert by_medium.count() == 5
    day3 = SlipFilter(
        date_from=date(2025, 6, 3), date_to=date(2025, 6, 3), direction=SlipDirection.OUT
    )
    assert SlipPager(ledger.engine, slip_filter=day3).count() == 6  # 3 drafts + 3 cancelling
    live = SlipFilter(state=SlipState.DRAFT)
    assert SlipPager(ledger.engine, slip_filter=live).count() == 3
    assert (
        SlipPager(
            ledger.engine, slip_filter=SlipFilter(contract_id=world.other_contract_id)
        ).count()
        == 0
    )
    assert (
        SlipPager(ledger.engine, slip_filter=SlipFilter(handler_id=world.responsible_id)).count()
        == 15
    )
    assert [r.number for r in SlipPager(ledger.engine, "r7-2").page_after(None, 5)] == [
        "SLIP-R7-0002"
    ]
    assert find_slip(ledger, "SLIP-R7-0002").cancels_number == "SLIP-R7-0001"
    with pytest.raises(NotFound):
        find_slip(ledger, "R7-9999")
    assert verify_trail(ledger).ok
