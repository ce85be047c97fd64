"""The next step of a medium in its custody cycle (`domain.journey`), read from the
ledger in one session, with what the screen needs to take it (the loan, the slip
waiting for the next hand, the count of the load)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ledger_tui.db.models import (
    Contract,
    Contractor,
    HandlerDesignation,
    HandoverSlip,
    Loan,
    Medium,
    Section,
)
from ledger_tui.db.models.loads import Intake
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.journey import Situation, Step, next_step
from ledger_tui.domain.loads import IntakeOutcome
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services.lending.loans import loaded_records
from ledger_tui.services.organisation import ContractView
from ledger_tui.services.oversight import targets
from ledger_tui.services.oversight.targets import Target
from ledger_tui.services.register.media import MediumView, medium_by_number

__all__ = [
    "NextStep",
    "SetupItem",
    "Step",
    "loaded_records",
    "medium_next_step",
    "next_steps",
    "setup_checklist",
]


@dataclass(frozen=True, slots=True)
class NextStep:
    control_number: str
    kind: MediumKind
    state: MediumState
    step: Step
    loan_id: int | None = None
    contract_id: int | None = None
    #: The slip waiting for the next hand (confirm, print, stamp).
    slip_id: int | None = None
    #: Records of the verified load of the open loan (the out-slip's count).
    loaded_records: int | None = None
    #: The number of the slip waiting for the next hand (what the status line names).
    slip_number: str | None = None


def _live_slip(session: Session, loan_id: int) -> HandoverSlip | None:
    return session.scalars(
        select(HandoverSlip)
        .where(
            HandoverSlip.loan_id == loan_id,
            HandoverSlip.state != SlipState.CANCELLED,
            HandoverSlip.cancels_slip_id.is_(None),
        )
        .order_by(HandoverSlip.id.desc())
        .limit(1)
    ).first()


def _step_of(session: Session, medium: Medium) -> NextStep:
    loan = session.scalars(
        select(Loan).where(Loan.medium_id == medium.id, Loan.state != LoanState.CLOSED)
    ).one_or_none()
    if loan is None:
        situation = Situation(medium.kind, medium.state)
        return NextStep(medium.control_number, medium.kind, medium.state, next_step(situation))
    slip = _live_slip(session, loan.id)
    waiting = slip if slip is not None and slip.state is not SlipState.STAMPED else None
    records = loaded_records(session, loan.id)
    intake = session.scalar(
        select(Intake.id)
        .where(Intake.loan_id == loan.id, Intake.outcome == IntakeOutcome.VERIFIED)
        .limit(1)
    )
    situation = Situation(
        medium.kind,
        medium.state,
        loan.state,
        waiting.state if waiting is not None else None,
        loaded=records is not None,
        intake_done=intake is not None,
        provides_data=bool(loan.contract.provided_items),
    )
    return NextStep(
        medium.control_number,
        medium.kind,
        medium.state,
        next_step(situation),
        loan.id,
        loan.contract_id,
        waiting.id if waiting is not None else None,
        records,
        waiting.number if waiting is not None else None,
    )


def medium_next_step(ledger: Ledger, control_number: str) -> NextStep:
    """What the desk does next with this medium."""
    with ledger.read_session() as session:
        return _step_of(session, medium_by_number(session, control_number))


def next_steps(ledger: Ledger, control_numbers: list[str]) -> dict[str, NextStep]:
    """The next step of several media at once (the inserted sticks)."""
    with ledger.read_session() as session:
        media = session.scalars(
            select(Medium).where(Medium.control_number.in_(control_numbers))
        ).all()
        return {m.control_number: _step_of(session, m) for m in media}


@dataclass(frozen=True, slots=True)
class LendChoices:
    """What the lend form offers for one medium."""

    medium: MediumView
    contracts: list[ContractView]
    loaded_records: int | None


def lend_choices(ledger: Ledger, control_number: str) -> LendChoices:
    """The contracts the medium may be lent under today (`handover.contracts_to_lend`),
    narrowed to the contract it was loaded (or drafted) for, with the load's count;
    refused with `lend.no_contract` when none is left."""
    from ledger_tui.services.lending import handover

    medium, contracts = handover.contracts_to_lend(ledger, control_number)
    step = medium_next_step(ledger, control_number)
    if step.contract_id is not None:
        contracts = [c for c in contracts if c.id == step.contract_id]
    if not contracts:
        raise InvalidInput("lend.no_contract")
    return LendChoices(medium, contracts, step.loaded_records)


@dataclass(frozen=True, slots=True)
class SetupItem:
    """One thing a new desk sets up before its first lend, and where it is done."""

    key: str  # catalogue key of the item's text (setup.*)
    done: bool
    target: Target


def setup_checklist(ledger: Ledger) -> list[SetupItem]:
    """What an empty ledger needs before its first lend, in order (section, contractor,
    contract, handler, medium, first wipe, first lend); empty once anything was lent."""
    with ledger.read_session() as session:

        def some(stmt: Select[Any]) -> bool:
            return session.scalar(stmt.limit(1)) is not None

        if some(select(Loan.id)):
            return []
        ready = (MediumState.BLANK, MediumState.LOADED)
        facts = [
            ("setup.section", some(select(Section.id)), targets.CONTRACTS),
            ("setup.contractor", some(select(Contractor.id)), targets.CONTRACTS),
            ("setup.contract", some(select(Contract.id)), targets.CONTRACTS),
            ("setup.handler", some(select(HandlerDesignation.id)), targets.CONTRACTS),
            ("setup.medium", some(select(Medium.id)), targets.REGISTER),
            (
                "setup.first_wipe",
                some(select(Medium.id).where(Medium.state.in_(ready))),
                targets.REGISTER,
            ),
            ("setup.first_lend", False, targets.REGISTER),
        ]
    return [SetupItem(key, done, Target(screen)) for key, done, screen in facts]
