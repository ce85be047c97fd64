"""Loans (貸出): open one for a medium and a contract, load it, close it after the wipe,
and the queries the dashboard and the loans view need.

Handover slips, which move a loan out and back, are in `services.slips`.

Concurrency: every action that can open or move a loan first locks the medium row
(SELECT ... FOR UPDATE on PostgreSQL; SQLite writers already hold the write lock), so
two desks lending the same medium are serialised and the second sees the first's loan.
The partial unique index `uq_loans_open_medium` is the guarantee below that.
Lock order, shared by every lending action so that desks wait but never deadlock:
slip, medium, loan, form counter, trail head (`uow.record` takes the head last).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVarTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import Contract, HandoverSlip, Loan, Medium
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork, in_transaction
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.loans import (
    LoanState,
    check_channel,
    check_expected_return,
    check_loan_transition,
    default_expected_return,
    overdue_days,
)
from ledger_tui.domain.media import (
    MediumKind,
    MediumState,
    check_in_service,
    normalise_control_number,
)
from ledger_tui.domain.slips import SlipState
from ledger_tui.i18n import Lang, t
from ledger_tui.services.organisation import open_contract
from ledger_tui.services.register.media import move_medium

Ts = TypeVarTuple("Ts")


@dataclass(frozen=True, slots=True)
class LoanView:
    """One loan. A transfer without a medium (e-mail, registered mail of papers) has no
    medium (`medium_id` None, `control_number` ""), no expected return, and a `channel`."""

    id: int
    state: LoanState
    medium_id: int | None
    control_number: str
    medium_kind: MediumKind | None
    medium_serial: str
    medium_state: MediumState | None
    contract_id: int
    contract_title: str
    section_name: str
    contractor_name: str
    period_end: date
    expected_return: date | None
    overdue_days: int
    created_at: datetime
    closed_at: datetime | None
    channel: TransferMethod | None = None

    @property
    def has_medium(self) -> bool:
        return self.medium_id is not None

    def label(self, lang: Lang | None = None) -> str:
        """The medium's control number, or what a transfer without one is (メール送付)."""
        if self.channel is None:
            return self.control_number
        return t(f"transfer.channel.{self.channel.value}", lang, number=self.id)

    def state_label(self, lang: Lang | None = None) -> str:
        """The loan's state as the desk reads it: a transfer without a medium is sent and
        answered, not lent and returned to be wiped."""
        prefix = "state.loan." if self.channel is None else "state.transfer."
        return t(prefix + self.state.value, lang)


@dataclass(frozen=True, slots=True)
class EndedContractRow:
    """A contract whose period ended while media are still with the contractor."""

    contract_id: int
    contract_title: str
    section_name: str
    contractor_name: str
    period_end: date
    days_since_end: int
    control_numbers: tuple[str, ...]
    loan_ids: tuple[int, ...]


def loan_view(loan: Loan, today: date) -> LoanView:
    medium, contract = loan.medium, loan.contract
    return LoanView(
        id=loan.id,
        state=loan.state,
        medium_id=medium.id if medium else None,
        control_number=medium.control_number if medium else "",
        medium_kind=medium.kind if medium else None,
        medium_serial=medium.serial if medium else "",
        medium_state=medium.state if medium else None,
        contract_id=contract.id,
        contract_title=contract.title,
        section_name=contract.section.name,
        contractor_name=contract.contractor.name,
        period_end=contract.period_end,
        expected_return=loan.expected_return,
        overdue_days=overdue_days(loan.state, loan.expected_return, today),
        created_at=loan.created_at,
        closed_at=loan.closed_at,
        channel=loan.channel,
    )


def due_text(expected_return: date | None, lang: Lang | None = None) -> str:
    """The expected return as shown, or that nothing comes back (no medium)."""
    return expected_return.isoformat() if expected_return else t("transfer.no_return", lang)


def held_state(loan: LoanView, lang: Lang | None = None) -> str:
    """The medium's state, or the loan's for a transfer without a medium."""
    if loan.medium_state is None:
        return t(f"loan_state.{loan.state.value}", lang)
    return t(f"state.{loan.medium_state.value}", lang)


def loan_label(loan: Loan, lang: Lang | None = None) -> str:
    """What names a loan on a screen or in a message: its medium or its channel."""
    if loan.medium is not None:
        return loan.medium.control_number
    return transfer_label(loan.channel.value if loan.channel else "email", loan.id, lang)


def transfer_label(channel: str, loan_id: int, lang: Lang | None = None) -> str:
    """What names a transfer without a medium ("メール送付 No.12"), in `lang`: paper
    makes it in the paper's language from the view's channel and loan."""
    return t(f"transfer.channel.{channel}", lang, number=loan_id)


# --- building blocks other services use inside their unit of work -------------------


def _locked(stmt: Select[*Ts]) -> Select[*Ts]:
    """FOR UPDATE, and refresh an object the session already holds with what the lock
    returned (another desk may have changed it while we waited)."""
    return stmt.with_for_update().execution_options(populate_existing=True)


def lock_medium(uow: UnitOfWork, control_number: str) -> Medium:
    number = normalise_control_number(control_number)
    medium = uow.session.scalars(
        _locked(select(Medium).where(Medium.control_number == number))
    ).one_or_none()
    if medium is None:
        raise NotFound("error.medium.not_found", control_number=number)
    return medium


def lock_medium_by_id(uow: UnitOfWork, medium_id: int) -> Medium:
    return uow.session.scalars(_locked(select(Medium).where(Medium.id == medium_id))).one()


def get_loan(uow: UnitOfWork, loan_id: int, lock: bool = False) -> Loan:
    stmt = select(Loan).where(Loan.id == loan_id)
    loan = uow.session.scalars(_locked(stmt) if lock else stmt).one_or_none()
    if loan is None:
        raise NotFound("error.loan.not_found", ref=loan_id)
    return loan


def lock_loan_and_medium(uow: UnitOfWork, loan_id: int) -> tuple[Loan, Medium | None]:
    """Lock the loan's medium (if it has one), then the loan. Every lending action takes
    its locks in this order (a slip before both), and so does the wipe, which holds the
    medium when it closes the loan: two desks wait for each other but never deadlock."""
    found = uow.session.execute(select(Loan.medium_id).where(Loan.id == loan_id)).one_or_none()
    if found is None:
        raise NotFound("error.loan.not_found", ref=loan_id)
    medium = lock_medium_by_id(uow, found[0]) if found[0] is not None else None
    return get_loan(uow, loan_id, lock=True), medium


def lock_loan(uow: UnitOfWork, loan_id: int) -> tuple[Loan, Medium]:
    """`lock_loan_and_medium` for a loan that must have a medium."""
    loan, medium = lock_loan_and_medium(uow, loan_id)
    if medium is None:
        raise IllegalTransition("error.loan.no_medium", medium=loan_label(loan))
    return loan, medium


def open_loan_of(uow: UnitOfWork, medium_id: int) -> Loan | None:
    return uow.session.scalars(
        select(Loan).where(Loan.medium_id == medium_id, Loan.state != LoanState.CLOSED)
    ).one_or_none()


def set_loan_state(uow: UnitOfWork, loan: Loan, target: LoanState) -> LoanState:
    """Move the loan through its table; the caller writes the step's trail entry."""
    check_loan_transition(loan.state, target, loan_label(loan))
    previous = loan.state
    loan.state = target
    loan.updated_at = uow.now()
    if target is LoanState.CLOSED:
        loan.closed_at = loan.updated_at
    return previous


# --- user actions -------------------------------------------------------------------


def create_loan_in(
    uow: UnitOfWork,
    actor: Actor,
    control_number: str,
    contract_id: int,
    expected_return: date | None = None,
) -> LoanView:
    """Open a draft loan of a blank medium under a contract that allows its kind."""
    medium = lock_medium(uow, control_number)
    loan = open_draft_loan(uow, actor, medium, contract_id, expected_return)
    return loan_view(loan, local_date(uow.now()))


create_loan = in_transaction(create_loan_in)


def open_draft_loan(
    uow: UnitOfWork,
    actor: Actor,
    medium: Medium,
    contract_id: int,
    expected_return: date | None = None,
) -> Loan:
    """The draft loan of a blank, locked medium, inside the caller's unit of work (the
    lend wizard, or an encrypted load for a contract). The caller commits."""
    contract, today = _running_contract(uow, contract_id)
    if medium.kind.value not in contract.allowed_media_kinds:
        raise InvalidInput("error.loan.kind_not_allowed", field="contract_id", kind=medium.kind)
    busy = open_loan_of(uow, medium.id)
    if busy is not None:
        raise Conflict(
            "error.loan.medium_busy",
            control_number=medium.control_number,
            contract=busy.contract.title,
        )
    check_in_service(medium.out_of_service, medium.control_number)
    if medium.state is not MediumState.BLANK:
        raise IllegalTransition(
            "error.loan.medium_not_blank",
            control_number=medium.control_number,
            state=medium.state.value,
        )
    expected = expected_return or default_expected_return(contract.period_end)
    check_expected_return(expected, today, contract.period_start, contract.period_end)
    now = uow.now()
    loan = Loan(
        medium=medium,
        contract=contract,
        state=LoanState.DRAFT,
        expected_return=expected,
        created_by=actor.operator_id,
        created_at=now,
        updated_at=now,
    )
    # Only refused here if the row lock was bypassed; the index still holds.
    busy_now = Conflict("error.loan.medium_busy_concurrent", control_number=medium.control_number)
    uow.add_unique(loan, busy_now)
    uow.record(
        actor,
        "loan.created",
        f"loan:{loan.id}",
        medium=medium.control_number,
        contract=contract.id,
        expected_return=expected.isoformat(),
    )
    return loan


def _running_contract(uow: UnitOfWork, contract_id: int) -> tuple[Contract, date]:
    """The open contract to lend under, and today; refused once its period has ended."""
    contract = open_contract(uow, contract_id)
    today = local_date(uow.now())
    if today > contract.period_end:
        raise InvalidInput(
            "error.loan.contract_ended",
            field="contract_id",
            end=contract.period_end.isoformat(),
        )
    return contract, today


def create_transfer(ledger: Ledger, actor: Actor, contract_id: int, channel: str) -> LoanView:
    """Open a draft transfer without a medium under a contract that allows its channel:
    an e-mail with a password-protected file, or papers by registered mail. Nothing is
    lent and nothing is due back; the slip records how it travelled."""
    with ledger.unit_of_work() as uow:
        contract, today = _running_contract(uow, contract_id)
        method = check_channel(channel, contract.allowed_transfer_methods)
        now = uow.now()
        loan = Loan(
            medium=None,
            contract=contract,
            state=LoanState.DRAFT,
            expected_return=None,
            channel=method,
            created_by=actor.operator_id,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(loan)
        uow.session.flush()
        uow.record(
            actor,
            "loan.created",
            f"loan:{loan.id}",
            medium=None,
            channel=method.value,
            contract=contract.id,
        )
        uow.commit()
        return loan_view(loan, today)


def withdraw_loan(ledger: Ledger, actor: Actor, loan_id: int) -> LoanView:
    """Close a draft loan opened by mistake (no live slips). The medium is untouched."""
    with ledger.unit_of_work() as uow:
        loan = get_loan(uow, loan_id, lock=True)
        if loan.state is not LoanState.DRAFT:
            raise IllegalTransition(
                "error.loan.not_draft", medium=loan_label(loan), state=loan.state
            )
        live = uow.session.scalar(
            select(HandoverSlip.number)
            .where(
                HandoverSlip.loan_id == loan.id,
                HandoverSlip.state != SlipState.CANCELLED,
                HandoverSlip.cancels_slip_id.is_(None),
            )
            .limit(1)
        )
        if live is not None:
            raise Conflict("error.loan.has_slips", medium=loan_label(loan))
        set_loan_state(uow, loan, LoanState.CLOSED)
        uow.record(
            actor,
            "loan.withdrawn",
            f"loan:{loan.id}",
            medium=loan.medium.control_number if loan.medium else None,
        )
        uow.commit()
        return loan_view(loan, local_date(uow.now()))


# --- hooks for later issues (encrypted load, wipe) ------------------------------------


#: Media an encrypted archive is written onto: a stick, a CD-R.
LOADABLE: frozenset[MediumKind] = frozenset({MediumKind.USB, MediumKind.CDR})


def mark_loaded(uow: UnitOfWork, actor: Actor, loan_id: int, **details: object) -> Loan:
    """The encrypted load finished on the loan's stick: loan draft -> loaded, medium
    blank -> loaded. Runs in the caller's unit of work; `details` (archive names,
    hashes, sizes; never personal data) go into the trail. The caller commits."""
    loan, medium = lock_loan_and_medium(uow, loan_id)
    if medium is not None and medium.kind not in LOADABLE:
        raise InvalidInput(
            "error.loan.load_needs_usb",
            field="control_number",
            control_number=medium.control_number,
        )
    check_loan_transition(loan.state, LoanState.LOADED, loan_label(loan))
    if medium is not None:
        move_medium(uow, actor, medium, MediumState.LOADED, "loan.loaded", loan=loan.id)
    set_loan_state(uow, loan, LoanState.LOADED)
    uow.record(
        actor,
        "loan.loaded",
        f"loan:{loan.id}",
        medium=medium.control_number if medium is not None else None,
        **details,
    )
    return loan


def abandon_load(uow: UnitOfWork, actor: Actor, loan_id: int, reason: str) -> Loan:
    """A failed or abandoned load: loan loaded -> draft, the stick goes to wipe_pending.
    `reason` is a short code (e.g. "load_failed"), not free text. The caller commits."""
    loan, medium = lock_loan(uow, loan_id)
    check_loan_transition(loan.state, LoanState.DRAFT, loan_label(loan))
    move_medium(uow, actor, medium, MediumState.WIPE_PENDING, reason, loan=loan.id)
    set_loan_state(uow, loan, LoanState.DRAFT)
    uow.record(
        actor, "loan.load_abandoned", f"loan:{loan.id}", medium=medium.control_number, reason=reason
    )
    return loan


def close_loan_after_wipe(
    uow: UnitOfWork, actor: Actor, medium: Medium, **details: object
) -> Loan | None:
    """Call after moving a returned medium out of wipe_pending (to blank, or destroyed):
    its loan goes back -> closed. Returns None when the medium has no returned loan
    (e.g. a new stick's first wipe). Runs in the caller's unit of work; the caller
    commits. `details` (e.g. the erasure certificate number) go into the trail."""
    loan = uow.session.scalars(
        _locked(select(Loan).where(Loan.medium_id == medium.id, Loan.state == LoanState.BACK))
    ).one_or_none()
    if loan is None:
        return None
    if medium.state not in (MediumState.BLANK, MediumState.DESTROYED):
        raise IllegalTransition(
            "error.loan.illegal_transition",
            medium=loan_label(loan),
            current=loan.state,
            target=LoanState.CLOSED,
        )
    set_loan_state(uow, loan, LoanState.CLOSED)
    uow.record(
        actor,
        "loan.closed",
        f"loan:{loan.id}",
        medium=medium.control_number,
        medium_state=medium.state.value,
        **details,
    )
    return loan


def loaded_records(session: Session, loan_id: int) -> int | None:
    """The record count of the loan's verified load (its manifest), None if never
    loaded. The out-slip of a loaded stick carries this count."""
    from ledger_tui.db.models.loads import Load
    from ledger_tui.domain.loads import LoadState

    return session.scalar(
        select(func.sum(Load.record_count)).where(
            Load.loan_id == loan_id, Load.state == LoadState.VERIFIED
        )
    )


# --- queries for the screens ----------------------------------------------------------

_LOAN_PARTS = (
    joinedload(Loan.medium),
    joinedload(Loan.contract).joinedload(Contract.section),
    joinedload(Loan.contract).joinedload(Contract.contractor),
)


def _loans(session: Session, stmt: Select[Loan]) -> list[Loan]:
    return list(session.scalars(stmt.options(*_LOAN_PARTS)).unique())


def show_loan(ledger: Ledger, loan_id: int) -> LoanView:
    with ledger.read_session() as session:
        loans = _loans(session, select(Loan).where(Loan.id == loan_id))
        if not loans:
            raise NotFound("error.loan.not_found", ref=loan_id)
        return loan_view(loans[0], local_date(ledger.clock()))


def find_open_loan(ledger: Ledger, control_number: str) -> LoanView | None:
    """The medium's open loan, for the return wizard (scan the stick, find the loan)."""
    number = normalise_control_number(control_number)
    stmt = (
        select(Loan)
        .join(Loan.medium)
        .where(Medium.control_number == number, Loan.state != LoanState.CLOSED)
    )
    with ledger.read_session() as session:
        loans = _loans(session, stmt)
        return loan_view(loans[0], local_date(ledger.clock())) if loans else None


def open_loans(ledger: Ledger, overdue_only: bool = False) -> list[LoanView]:
    """Loans not yet closed, the most overdue first, then by expected return."""
    today = local_date(ledger.clock())
    stmt = select(Loan).where(Loan.state != LoanState.CLOSED)
    if overdue_only:
        stmt = stmt.where(Loan.state == LoanState.OUT, Loan.expected_return < today)
    with ledger.read_session() as session:
        views = [loan_view(loan, today) for loan in _loans(session, stmt)]
    # A transfer without a medium has no expected return: it sorts after every date.
    return sorted(
        views,
        key=lambda v: (
            -v.overdue_days,
            v.expected_return is None,
            v.expected_return or today,
            v.id,
        ),
    )


def overdue_loans(ledger: Ledger, today: date, limit: int) -> list[LoanView]:
    """The `limit` most overdue loans (out, past their expected return), most days first."""
    stmt = (
        select(Loan)
        .where(Loan.state == LoanState.OUT, Loan.expected_return < today)
        .order_by(Loan.expected_return, Loan.id)
        .limit(limit)
    )
    with ledger.read_session() as session:
        return [loan_view(loan, today) for loan in _loans(session, stmt)]


def ended_contracts_with_media_out(ledger: Ledger) -> list[EndedContractRow]:
    """Contracts whose period ended while some of their media are still out (red)."""
    today = local_date(ledger.clock())
    stmt = (
        select(Loan)
        .join(Loan.contract)
        .where(
            Loan.state == LoanState.OUT,
            Loan.medium_id.is_not(None),
            Contract.period_end < today,
        )
    )
    grouped: dict[int, list[Loan]] = {}
    with ledger.read_session() as session:
        for loan in _loans(session, stmt):
            grouped.setdefault(loan.contract_id, []).append(loan)
        rows = []
        for loans in grouped.values():
            contract = loans[0].contract
            loans.sort(key=loan_label)
            rows.append(
                EndedContractRow(
                    contract_id=contract.id,
                    contract_title=contract.title,
                    section_name=contract.section.name,
                    contractor_name=contract.contractor.name,
                    period_end=contract.period_end,
                    days_since_end=(today - contract.period_end).days,
                    control_numbers=tuple(loan_label(loan) for loan in loans),
                    loan_ids=tuple(loan.id for loan in loans),
                )
            )
    return sorted(rows, key=lambda r: (r.period_end, r.contract_id))
