"""Contract close-out (契約の完了): what still blocks it, and closing it.

A contract may be marked closed only when nothing of it is left open: no medium still
with the contractor, every returned stick wiped and every CD-R / paper case destroyed or
returned to file (a loan closes only then), the contractor's own PC/tablet erasure
certificate recorded (clauses 11, 12), a responsible handler designated and reported
(13), an audit done in every fiscal year the contract ran (15-17), no sheet item
currently not met, no open incident, and every handover slip stamped. Duties follow the
contract's special terms (`domain.compliance.duties_of`).

A loan whose medium is lost is not "out": it is covered by its loss/theft incident,
which blocks until closed. `close_contract` re-checks everything under the contract's
row lock inside its unit of work, so a loan opened at another desk meanwhile is seen.
A closed contract can no longer lend (`services.lending` refuses it).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import Contract, HandoverSlip, Loan
from ledger_tui.db.models.wipes import ContractorErasure
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import Duty, duties_of
from ledger_tui.domain.errors import Conflict, IllegalTransition, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.domain.wareki import fiscal_year_prefix
from ledger_tui.i18n import Lang, t
from ledger_tui.services.auth import require_admin
from ledger_tui.services.lending.loans import loan_label, set_loan_state
from ledger_tui.services.oversight import facts, targets
from ledger_tui.services.oversight.closeout_views import CloseOutSummary, closeout_summary
from ledger_tui.services.oversight.targets import Target

#: Slips in these states still wait for the counter, the printer or the stamps.
UNSTAMPED = (SlipState.DRAFT, SlipState.CONFIRMED, SlipState.PRINTED)


class BlockerKind(enum.StrEnum):
    MEDIA_OUT = "media_out"
    LOAN_NOT_OUT = "loan_not_out"  # a draft or loaded loan never handed over
    NOT_WIPED = "not_wiped"
    NOT_DISPOSED = "not_disposed"
    CONTRACTOR_ERASURE_MISSING = "contractor_erasure_missing"
    HANDLER_DESIGNATION_MISSING = "handler_designation_missing"
    AUDIT_MISSING = "audit_missing"
    SHEET_MISSING = "sheet_missing"
    SHEET_UNMET = "sheet_unmet"
    SHEET_UNCHECKED = "sheet_unchecked"
    INCIDENT_OPEN = "incident_open"
    SLIP_UNSTAMPED = "slip_unstamped"


@dataclass(frozen=True, slots=True)
class Blocker:
    """One reason the contract cannot be closed yet, and where it is resolved."""

    kind: BlockerKind
    key: str
    params: dict[str, object] = field(default_factory=dict)
    target: Target | None = None

    def message(self, lang: Lang | None = None) -> str:
        return t(self.key, lang, **self.params)


class CloseOutBlocked(IllegalTransition):
    """The close was refused; `blockers` lists every reason."""

    def __init__(self, blockers: list[Blocker]) -> None:
        self.blockers = blockers
        super().__init__("closeout.error.blocked", count=len(blockers), first=blockers[0].message())

    def message(self, lang: Lang | None = None) -> str:
        # The first blocker in the language asked for, not the one current at refusal.
        return t(self.key, lang, count=len(self.blockers), first=self.blockers[0].message(lang))


def _blocker(which: BlockerKind, target: Target | None, **params: object) -> Blocker:
    return Blocker(which, f"closeout.blocker.{which.value}", dict(params), target)


def _loan_blockers(session: Session, contract: Contract) -> list[Blocker]:
    loans = session.scalars(
        select(Loan)
        .where(Loan.contract_id == contract.id, Loan.state != LoanState.CLOSED)
        .options(joinedload(Loan.medium))
        .order_by(Loan.id)
    ).all()
    found = []
    for loan in loans:
        medium = loan.medium
        if medium is None:
            # A transfer without a medium: nothing comes back once it went out (the
            # contractor's erasure certificate covers the data); a draft still blocks.
            if loan.state in (LoanState.DRAFT, LoanState.LOADED):
                label = loan_label(loan)
                found.append(
                    _blocker(
                        BlockerKind.LOAN_NOT_OUT,
                        Target(targets.LOANS, label, loan.id),
                        medium=label,
                        state=t(f"state.transfer.{loan.state.value}"),
                    )
                )
            continue
        if medium.state is MediumState.LOST:
            continue  # covered by its loss/theft incident
        number = medium.control_number
        if loan.state is LoanState.OUT:
            found.append(
                _blocker(
                    BlockerKind.MEDIA_OUT,
                    Target(targets.LOANS, number, loan.id),
                    control_number=number,
                    expected_return=loan.expected_return.isoformat()
                    if loan.expected_return
                    else "",
                )
            )
        elif loan.state is LoanState.BACK:
            kind = (
                BlockerKind.NOT_WIPED if medium.kind is MediumKind.USB else BlockerKind.NOT_DISPOSED
            )
            found.append(
                _blocker(
                    kind,
                    Target(targets.REGISTER, number, medium.id),
                    control_number=number,
                    state=t(f"state.{medium.state.value}"),
                )
            )
        else:
            found.append(
                _blocker(
                    BlockerKind.LOAN_NOT_OUT,
                    Target(targets.LOANS, number, loan.id),
                    medium=number,
                    state=t(f"state.loan.{loan.state.value}"),
                )
            )
    return found


def _duty_blockers(session: Session, contract: Contract, today: date) -> list[Blocker]:
    duties = duties_of(list(contract.special_terms))
    found = []
    here = Target(targets.CONTRACTS, ref_id=contract.id, contract_id=contract.id)
    if (
        Duty.RETURN_AND_ERASURE in duties
        and session.scalar(
            select(ContractorErasure.id)
            .where(ContractorErasure.contract_id == contract.id)
            .limit(1)
        )
        is None
    ):
        found.append(
            _blocker(
                BlockerKind.CONTRACTOR_ERASURE_MISSING, here, contractor=contract.contractor.name
            )
        )
    if Duty.HANDLER_DESIGNATION in duties and contract.id not in facts.with_responsible_handler(
        session, [contract.id]
    ):
        found.append(_blocker(BlockerKind.HANDLER_DESIGNATION_MISSING, here))
    if Duty.ANNUAL_AUDIT in duties:
        done = facts.audited_years(session, [contract.id])[contract.id]
        for year in facts.years_run(contract, today):
            if year not in done:
                found.append(
                    _blocker(
                        BlockerKind.AUDIT_MISSING,
                        Target(targets.AUDITS, ref_id=contract.id, contract_id=contract.id),
                        year=year,
                        prefix=fiscal_year_prefix(date(year, 4, 1)),
                    )
                )
    return found


def _record_blockers(session: Session, contract: Contract) -> list[Blocker]:
    found = [
        _blocker(
            BlockerKind.SHEET_UNMET,
            Target(targets.SHEET, ref_id=item.item_id, contract_id=contract.id),
            item=item.item_id,
            position=item.position,
            label=item.label,
            since=item.since.isoformat(),
        )
        for item in facts.unmet_items(session, [contract.id])
    ]
    found += [
        _blocker(
            BlockerKind.SHEET_UNCHECKED,
            Target(targets.SHEET, ref_id=item.item_id, contract_id=contract.id),
            item=item.item_id,
            position=item.position,
            label=item.label,
        )
        for item in facts.unchecked_items(session, contract.id)
    ]
    if not facts.sheet_started(session, contract.id):
        found.insert(
            0,
            _blocker(
                BlockerKind.SHEET_MISSING,
                Target(targets.SHEET, ref_id=contract.id, contract_id=contract.id),
            ),
        )
    found += [
        _blocker(
            BlockerKind.INCIDENT_OPEN,
            Target(targets.INCIDENTS, row.number, row.id, contract.id),
            number=row.number,
            incident_kind=t(f"incident_kind.{row.kind}"),
        )
        for row in facts.open_incidents(session, [contract.id])
    ]
    slips = session.execute(
        select(HandoverSlip.id, HandoverSlip.number, HandoverSlip.state)
        .where(HandoverSlip.contract_id == contract.id, HandoverSlip.state.in_(UNSTAMPED))
        .order_by(HandoverSlip.handed_at, HandoverSlip.id)
    ).all()
    found += [
        _blocker(
            BlockerKind.SLIP_UNSTAMPED,
            Target(targets.SLIPS, number, slip_id, contract.id),
            number=number,
            state=t(f"slip_state.{state.value}"),
        )
        for slip_id, number, state in slips
    ]
    return found


def blockers_of(session: Session, contract: Contract, today: date) -> list[Blocker]:
    """Every blocker of `contract`, in the order the close-out screen lists them."""
    return (
        _loan_blockers(session, contract)
        + _duty_blockers(session, contract, today)
        + _record_blockers(session, contract)
    )


def _contract(session: Session, contract_id: int, lock: bool = False) -> Contract:
    stmt = select(Contract).where(Contract.id == contract_id)
    if lock:
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    contract = session.scalars(stmt).one_or_none()
    if contract is None:
        raise NotFound("error.contract.not_found", ref=contract_id)
    return contract


def closeout_blockers(ledger: Ledger, contract_id: int, today: date | None = None) -> list[Blocker]:
    """What keeps the contract from being closed; empty when it may be closed."""
    day = today or local_date(ledger.clock())
    with ledger.read_session() as session:
        return blockers_of(session, _contract(session, contract_id), day)


def _close_transfers(uow: UnitOfWork, actor: Actor, contract: Contract) -> None:
    """Transfers without a medium that went out (and perhaps came back) close with the
    contract: there is no medium whose wipe would close them."""
    open_transfers = uow.session.scalars(
        select(Loan)
        .where(
            Loan.contract_id == contract.id,
            Loan.medium_id.is_(None),
            Loan.state.in_((LoanState.OUT, LoanState.BACK)),
        )
        .with_for_update()
    ).all()
    for loan in open_transfers:
        if loan.state is LoanState.OUT:
            set_loan_state(uow, loan, LoanState.BACK)
        set_loan_state(uow, loan, LoanState.CLOSED)
        uow.record(actor, "loan.closed", f"loan:{loan.id}", medium=None, reason="contract.closed")


def close_contract(ledger: Ledger, actor: Actor, contract_id: int) -> CloseOutSummary:
    """Mark the contract closed (admin only) once nothing blocks it; `contract.closed`."""
    require_admin(actor)
    with ledger.unit_of_work() as uow:
        contract = _contract(uow.session, contract_id, lock=True)
        if contract.closed_at is not None:
            raise Conflict("closeout.error.already_closed", title=contract.title)
        found = blockers_of(uow.session, contract, local_date(uow.now()))
        if found:
            raise CloseOutBlocked(found)
        loans = uow.session.scalar(
            select(Loan.id).where(Loan.contract_id == contract.id).order_by(Loan.id.desc()).limit(1)
        )
        _close_transfers(uow, actor, contract)
        contract.closed_at = uow.now()
        contract.closed_by = actor.operator_id
        entry = uow.record(actor, "contract.closed", f"contract:{contract.id}", last_loan=loans)
        contract.close_seq = entry.seq
        uow.commit()
    return closeout_summary(ledger, contract_id)
