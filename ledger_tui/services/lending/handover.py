"""The desk's two hand-over actions as single calls: lend a medium out, take it back.

`start_lending` opens the loan (or reuses the medium's draft or loaded loan under the
same contract) and drafts the out-slip; if the draft is refused, a loan opened by this
call is withdrawn again, so a refused form leaves no open loan behind (both steps stay
on the trail). `start_return` finds the medium's loan that is out and drafts the
back-slip. Both return the draft slip for the counter view.
"""

from __future__ import annotations

from datetime import date

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView, slips_of_loan
from ledger_tui.services.lending.slips import SlipForm


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


def loan_to_return(ledger: Ledger, control_number: str) -> tuple[LoanView, SlipView | None]:
    """The medium's loan that is out, with its out-slip (for the count to compare)."""
    loan = lending.find_open_loan(ledger, control_number)
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


def start_return(ledger: Ledger, actor: Actor, control_number: str, form: SlipForm) -> SlipView:
    loan, _ = loan_to_return(ledger, control_number)
    return slips.draft_back_slip(ledger, actor, loan.id, form)
