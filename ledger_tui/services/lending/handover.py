"""The desk's two hand-over actions as single calls: lend a medium out, take it back.

`start_lending` opens the loan (or reuses the medium's draft or loaded loan under the
same contract) and drafts the out-slip; if the draft is refused, a loan opened by this
call is withdrawn again, so a refused form leaves no open loan behind (both steps stay
on the trail). `start_return` finds the medium's loan that is out and drafts the
back-slip. Both return the draft slip for the counter view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import DomainError, NotFound
from ledger_tui.domain.loans import CHANNELS, LoanState
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.services import organisation
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import EndedContractRow, LoanView
from ledger_tui.services.lending.slip_views import SlipView, count_mismatches, slips_of_loan
from ledger_tui.services.lending.slips import SlipForm
from ledger_tui.services.organisation import ContractView


def start_lending(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    contract_id: int,
    form: SlipForm,
    expected_return: date | None = None,
) -> SlipView:
    existing = lending.find_open_loan(ledger, control_number)
    reusable = (
        existing is not None
        and existing.contract_id == contract_id
        and existing.state in (LoanState.DRAFT, LoanState.LOADED)
    )
    if reusable:
        assert existing is not None
        return slips.draft_out_slip(ledger, actor, existing.id, form)
    loan = lending.create_loan(ledger, actor, control_number, contract_id, expected_return)
    try:
        return slips.draft_out_slip(ledger, actor, loan.id, form)
    except DomainError:
        lending.withdraw_loan(ledger, actor, loan.id)
        raise


def loan_to_return(
    ledger: Ledger, control_number: str, loan_id: int | None = None
) -> tuple[LoanView, SlipView | None]:
    """The medium's loan that is out (or the transfer `loan_id` without a medium), with
    its out-slip (for the count to compare)."""
    loan = (
        lending.show_loan(ledger, loan_id)
        if loan_id is not None
        else lending.find_open_loan(ledger, control_number)
    )
    if loan is None or loan.state is not LoanState.OUT:
        raise NotFound("error.handover.not_out", control_number=control_number)
    out_slips = [
        s
        for s in slips_of_loan(ledger, loan.id)
        if s.direction is SlipDirection.OUT
        and s.state is not SlipState.CANCELLED
        and not s.is_cancelling
    ]
    return loan, (out_slips[-1] if out_slips else None)


def start_return(
    ledger: Ledger, actor: Actor, control_number: str, form: SlipForm, loan_id: int | None = None
) -> SlipView:
    loan, _ = loan_to_return(ledger, control_number, loan_id)
    return slips.draft_back_slip(ledger, actor, loan.id, form)


def transfer_contracts(ledger: Ledger) -> list[ContractView]:
    """Running contracts that allow a transfer without a medium (e-mail, registered mail)."""
    today = local_date(ledger.clock())
    return [
        c
        for c in organisation.list_contracts(ledger)
        if c.period_start <= today <= c.period_end
        and c.closed_at is None
        and CHANNEL_VALUES & set(c.allowed_transfer_methods)
    ]


CHANNEL_VALUES = frozenset(m.value for m in CHANNELS)


@dataclass(frozen=True, slots=True)
class LendingOverview:
    """What the dashboard shows about lending."""

    open_loans: int
    overdue: list[LoanView]
    ended_with_media_out: list[EndedContractRow]
    count_mismatches: int
    to_print_or_stamp: int


def lending_overview(ledger: Ledger) -> LendingOverview:
    from ledger_tui.db.paging import SlipFilter, SlipPager

    loans = lending.open_loans(ledger)
    waiting = sum(
        SlipPager(ledger.engine, slip_filter=SlipFilter(state=state)).count()
        for state in (SlipState.CONFIRMED, SlipState.PRINTED)
    )
    return LendingOverview(
        open_loans=len(loans),
        overdue=[loan for loan in loans if loan.overdue_days > 0],
        ended_with_media_out=lending.ended_contracts_with_media_out(ledger),
        count_mismatches=len(count_mismatches(ledger)),
        to_print_or_stamp=waiting,
    )
