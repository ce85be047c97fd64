"""The desk's two hand-over actions as single calls: lend a medium out, take it back.

`start_lending` opens the loan (or reuses the medium's draft or loaded loan under the
same contract) and drafts the out-slip in ONE unit of work: if the draft is refused or
fails, nothing of it stays, neither the loan nor a trail entry. `start_return` finds
the medium's loan that is out and drafts the back-slip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ledger_tui.db.uow import Actor, Ledger, UnitOfWork, in_transaction
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.contracts import lends_today
from ledger_tui.domain.errors import InvalidInput, NotFound
from ledger_tui.domain.loans import CHANNELS, LoanState
from ledger_tui.domain.media import MediumKind
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.services import organisation
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.lending.slip_views import SlipView, slips_of_loan
from ledger_tui.services.lending.slips import SlipForm
from ledger_tui.services.lending.unfinished_loads import recover_interrupted_loads
from ledger_tui.services.organisation import ContractView
from ledger_tui.services.register import media
from ledger_tui.services.register.media import MediumView


@dataclass(frozen=True, slots=True)
class LendingDraft:
    """A lend started: its loan (opened now, or reused) and the draft out-slip."""

    loan: LoanView
    slip: SlipView
    loan_opened: bool


def start_lending_in(
    uow: UnitOfWork,
    actor: Actor,
    control_number: str,
    contract_id: int,
    form: SlipForm,
    expected_return: date | None = None,
) -> LendingDraft:
    """Lend `control_number` under `contract_id`: reuse its draft or loaded loan of that
    contract, or open one, and draft the out-slip; in the caller's unit of work."""
    medium = lending.lock_medium(uow, control_number)
    existing = lending.open_loan_of(uow, medium.id)
    reusable = (
        existing is not None
        and existing.contract_id == contract_id
        and existing.state in (LoanState.DRAFT, LoanState.LOADED)
    )
    if existing is not None and reusable:
        slip = slips.draft_out_slip_in(uow, actor, existing.id, form)
        return LendingDraft(lending.loan_view(existing, local_date(uow.now())), slip, False)
    loan = lending.create_loan_in(uow, actor, medium.control_number, contract_id, expected_return)
    slip = slips.draft_out_slip_in(uow, actor, loan.id, form)
    return LendingDraft(loan, slip, True)


_start_lending = in_transaction(start_lending_in)


def start_lending(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    contract_id: int,
    form: SlipForm,
    expected_return: date | None = None,
) -> LendingDraft:
    """`start_lending_in` in one unit of work, after marking loads killed mid-write as
    interrupted (a stick whose load did not finish never goes out)."""
    recover_interrupted_loads(ledger)
    return _start_lending(ledger, actor, control_number, contract_id, form, expected_return)


def lendable_contracts(ledger: Ledger, kind: MediumKind) -> list[ContractView]:
    """The contracts a medium of this kind may be loaded for or lent under today."""
    today = local_date(ledger.clock())
    return [
        c
        for c in organisation.list_contracts(ledger)
        if lends_today(c.phase_on(today), kind.value, c.allowed_media_kinds)
    ]


def contracts_to_lend(ledger: Ledger, control_number: str) -> tuple[MediumView, list[ContractView]]:
    """The medium and the contracts it can be lent under today (the lend form's
    choice); refused with `lend.no_contract` when there is none."""
    medium = media.show_medium(ledger, control_number)
    contracts = lendable_contracts(ledger, medium.kind)
    if not contracts:
        raise InvalidInput("lend.no_contract")
    return medium, contracts


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
