"""The cycle's order in the services: a blank stick is loaded for a contract (its loan
opens with the load), lent with the load's count, and its next step read from the
ledger at every point."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.domain.journey import Step
from ledger_tui.domain.loans import LoanState
from ledger_tui.services import journey
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.loading.load import load_medium
from tests.integration.lending_world import RESPONSIBLE_CODE
from tests.loading.conftest import DeskMaker
from tests.loading.data import address_csv


def test_load_opens_the_loan_and_the_slip_counts_the_load(
    make_desk: DeskMaker, tmp_path: Path
) -> None:
    desk = make_desk(loan=False)
    ledger, actor, number = desk.ledger, desk.actor, desk.control_number
    assert journey.medium_next_step(ledger, number).step is Step.LOAD
    source = address_csv(tmp_path / "住所録.csv", 7)
    result = load_medium(
        ledger, actor, number, desk.path, [source], contract_id=desk.world.contract_id
    )
    loan = lending.show_loan(ledger, result.loan_id)
    assert (loan.state, loan.contract_id) == (LoanState.LOADED, desk.world.contract_id)
    step = journey.medium_next_step(ledger, number)
    assert (step.step, step.loaded_records, step.loan_id) == (Step.LEND, 7, loan.id)

    form = desk.world.out_form(record_count=500, without_load=False)
    with pytest.raises(InvalidInput) as typed:
        slips.draft_out_slip(ledger, actor, loan.id, form)
    assert typed.value.key == "error.slip.count_not_loaded"
    assert typed.value.field == "record_count"
    slip = slips.draft_out_slip(ledger, actor, loan.id, desk.world.out_form(record_count=7))
    assert journey.medium_next_step(ledger, number).step is Step.CONFIRM
    slips.confirm_at_counter(ledger, actor, slip.id, RESPONSIBLE_CODE)
    assert journey.medium_next_step(ledger, number).step is Step.PRINT


def test_a_failed_load_for_a_contract_leaves_no_loan(make_desk: DeskMaker, tmp_path: Path) -> None:
    desk = make_desk(loan=False)
    missing = tmp_path / "gone.csv"
    with pytest.raises(DomainError):  # the file is missing: refused after the load began
        load_medium(
            desk.ledger,
            desk.actor,
            desk.control_number,
            desk.path,
            [missing],
            contract_id=desk.world.contract_id,
        )
    assert lending.find_open_loan(desk.ledger, desk.control_number) is None
