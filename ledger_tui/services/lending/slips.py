"""Handover slips (受け渡し票): draft, confirm at the counter, print, stamp, cancel.

The two-party flow: the operator drafts a slip; the contractor's officer reads it on the
counter view and confirms with their handler code, and only then does it take effect
(out: loan out, medium lent; back: loan back, medium returned then wipe_pending); the
slip is printed, both sides stamp the paper, the operator marks it stamped. A stamped
slip never changes; a mistake is corrected by a cancelling slip that references it and
undoes the original's effect where nothing has happened since.

Queries and the `SlipView` the counter view and the slip PDF read are in
`services.slip_views`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select

from ledger_tui.db.models import HandlerDesignation, HandoverSlip, Loan, Medium
from ledger_tui.db.models.loads import Load
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork, in_transaction
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.contracts import TransferMethod, normalise_handler_code
from ledger_tui.domain.errors import AuthError, Conflict, IllegalTransition, InvalidInput
from ledger_tui.domain.form_series import HANDOVER_SLIP
from ledger_tui.domain.hashing import verify_secret
from ledger_tui.domain.journey import check_loaded_before_lending
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.loans import (
    LoanState,
    check_loan_transition,
    check_medium_can_go_out,
    check_medium_undo,
)
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.slips import (
    MAX_CONFIRM_ATTEMPTS,
    REMOTE,
    SlipDirection,
    SlipState,
    check_carrier,
    check_count,
    check_handler_designated,
    check_items,
    check_reconciliation,
    check_remote_confirmation,
    check_seal,
    check_slip_date,
    check_slip_transition,
    check_text,
    check_transfer,
)
from ledger_tui.services.form_numbers import next_form_number
from ledger_tui.services.lending.loans import (
    loaded_records,
    loan_label,
    lock_loan_and_medium,
    set_loan_state,
)
from ledger_tui.services.lending.slip_views import SlipView, build_view, get_slip
from ledger_tui.services.lending.unfinished_loads import recover_interrupted_loads, unfinished_load
from ledger_tui.services.register.media import move_medium


@dataclass(frozen=True, slots=True)
class SlipForm:
    """What the operator enters in the lend or return wizard."""

    handler_id: int
    record_count: int
    transfer_method: str
    items: Sequence[str] = field(default_factory=tuple)
    transfer_detail: str = ""
    free_text: str = ""
    notes: str = ""
    #: Back-slips only: why the returned count differs from the out-slip's.
    mismatch_explanation: str = ""
    #: Date and time of the hand-over (aware); default: now.
    handed_at: datetime | None = None
    #: Out-slips only: the operator says this stick goes out without the contract's
    #: data loaded (empty, for collection; the data handed on paper).
    without_load: bool = False


@dataclass(frozen=True, slots=True)
class CancelResult:
    cancelled: SlipView
    cancelling: SlipView


def _operator_id(actor: Actor) -> int:
    if actor.operator_id is None:
        raise AuthError("error.lending.operator_required")
    return actor.operator_id


def _live_slip(uow: UnitOfWork, loan_id: int, direction: SlipDirection) -> HandoverSlip | None:
    return uow.session.scalars(
        select(HandoverSlip).where(
            HandoverSlip.loan_id == loan_id,
            HandoverSlip.direction == direction,
            HandoverSlip.state != SlipState.CANCELLED,
            HandoverSlip.cancels_slip_id.is_(None),
        )
    ).one_or_none()


# --- drafting -----------------------------------------------------------------------


def draft_out_slip_in(uow: UnitOfWork, actor: Actor, loan_id: int, form: SlipForm) -> SlipView:
    """Draft the slip that hands the loan's medium to the contractor (提供)."""
    return _draft(uow, actor, loan_id, form, SlipDirection.OUT)


def draft_back_slip_in(uow: UnitOfWork, actor: Actor, loan_id: int, form: SlipForm) -> SlipView:
    """Draft the slip that takes the loan's medium back from the contractor (返却)."""
    return _draft(uow, actor, loan_id, form, SlipDirection.BACK)


_draft_out_slip = in_transaction(draft_out_slip_in)


def draft_out_slip(ledger: Ledger, actor: Actor, loan_id: int, form: SlipForm) -> SlipView:
    """`draft_out_slip_in` in a unit of work of its own, after marking loads killed
    mid-write as interrupted (a stick whose load did not finish never goes out)."""
    recover_interrupted_loads(ledger)
    return _draft_out_slip(ledger, actor, loan_id, form)


draft_back_slip = in_transaction(draft_back_slip_in)


def _draft(
    uow: UnitOfWork, actor: Actor, loan_id: int, form: SlipForm, direction: SlipDirection
) -> SlipView:
    operator_id = _operator_id(actor)
    loan, medium = lock_loan_and_medium(uow, loan_id)
    contract = loan.contract
    handed_at = form.handed_at or uow.now()
    if handed_at.tzinfo is None:
        raise InvalidInput("error.field.date", field="handed_at")
    day = local_date(handed_at)
    out_slip = _check_direction(uow, loan, medium, direction, handed_at)
    # A medium that comes back late must still be taken in: a back-slip may be
    # dated after the contract ended, with the handler designated on its last day.
    late = direction is SlipDirection.BACK and day > contract.period_end
    check_slip_date(
        day if not late else contract.period_end, contract.period_start, contract.period_end
    )
    handler = uow.session.get(HandlerDesignation, form.handler_id)
    if handler is None:
        raise InvalidInput(
            "error.slip.handler_not_designated", field="handler_id", day=day.isoformat()
        )
    check_handler_designated(
        handler.valid_from,
        handler.valid_to,
        contract.period_end if late else day,
        handler.contract_id == contract.id,
    )
    method, detail = check_transfer(
        form.transfer_method, form.transfer_detail, contract.allowed_transfer_methods
    )
    check_carrier(method, medium is not None, loan.channel, direction is SlipDirection.OUT)
    allowed = (
        contract.provided_items if direction is SlipDirection.OUT else contract.collected_items
    )
    free_text = check_text(form.free_text, "free_text")
    items = check_items(form.items, allowed, free_text)
    count = check_count(form.record_count)
    if direction is SlipDirection.OUT:
        _check_content_loaded(uow, loan, medium, form, count)
    explanation = check_text(form.mismatch_explanation, "mismatch_explanation")
    mismatch = out_slip is not None and check_reconciliation(
        count, out_slip.record_count, explanation
    )
    seal_mismatch = check_seal(
        method,
        detail,
        medium.seal_number if medium is not None else "",
        direction is SlipDirection.OUT,
        explanation,
    )
    if method is TransferMethod.EMAIL and direction is SlipDirection.OUT:
        _check_file_ready(uow, loan)
    live = _live_slip(uow, loan.id, direction)
    if live is not None:
        raise Conflict("error.slip.live_exists", medium=loan_label(loan), number=live.number)
    number, year, sequence = next_form_number(uow, HANDOVER_SLIP, day)
    now = uow.now()
    slip = HandoverSlip(
        number=number,
        fiscal_year=year,
        sequence=sequence,
        direction=direction,
        state=SlipState.DRAFT,
        loan=loan,
        medium=medium,
        contract=contract,
        handler=handler,
        ward_operator_id=operator_id,
        desk=uow.ledger.desk,
        handed_at=handed_at,
        items=items,
        free_text=free_text,
        record_count=count,
        transfer_method=method,
        transfer_detail=detail,
        notes=check_text(form.notes, "notes"),
        expected_return=loan.expected_return if out_slip is None else None,
        out_slip=out_slip,
        count_mismatch=mismatch,
        seal_mismatch=seal_mismatch,
        mismatch_explanation=explanation if mismatch or seal_mismatch else "",
        confirm_attempts=0,
        created_at=now,
        updated_at=now,
    )
    uow.add_unique(slip, Conflict("error.slip.live_exists_concurrent", medium=loan_label(loan)))
    uow.record(
        actor,
        "slip.drafted",
        f"slip:{number}",
        loan=loan.id,
        direction=direction.value,
        medium=medium.control_number if medium is not None else None,
        contract=contract.id,
        handler=handler.id,
        items=items,
        count=count,
        method=method.value,
        count_mismatch=mismatch,
        seal_mismatch=seal_mismatch,
        **({"without_load": True} if form.without_load else {}),
    )
    return build_view(uow.session, slip)


def _check_content_loaded(
    uow: UnitOfWork, loan: Loan, medium: Medium | None, form: SlipForm, count: int
) -> None:
    """A stick goes out with the contract's data loaded (unless the operator says it goes
    out without), and the out-slip counts what the load wrote and read back, not a
    number typed at the desk. (A transfer without a medium: see `_check_file_ready`.)"""
    if medium is not None:
        check_loaded_before_lending(
            medium.kind,
            medium.state,
            bool(loan.contract.provided_items),
            form.without_load,
            medium.control_number,
        )
    if loan.state is LoanState.LOADED:
        loaded = loaded_records(uow.session, loan.id)
        if loaded is not None and count != loaded:
            raise InvalidInput("error.slip.count_not_loaded", field="record_count", loaded=loaded)


def _check_can_go_out(uow: UnitOfWork, loan: Loan, medium: Medium) -> None:
    """The medium may go out under this loan (and no load of it is unfinished)."""
    check_medium_can_go_out(
        medium.kind,
        medium.state,
        loan.state,
        medium.control_number,
        unfinished_load(uow, loan.id),
    )


def _check_direction(
    uow: UnitOfWork,
    loan: Loan,
    medium: Medium | None,
    direction: SlipDirection,
    handed_at: datetime,
) -> HandoverSlip | None:
    """Out: the loan is draft/loaded and the medium ready. Back: the loan is out; returns
    its out-slip, which the back-slip reconciles with."""
    if direction is SlipDirection.OUT:
        if loan.state not in (LoanState.DRAFT, LoanState.LOADED):
            raise IllegalTransition(
                "error.slip.loan_not_ready", medium=loan_label(loan), state=loan.state
            )
        if medium is not None:
            _check_can_go_out(uow, loan, medium)
        return None
    if loan.state is not LoanState.OUT:
        raise IllegalTransition(
            "error.slip.loan_not_out", medium=loan_label(loan), state=loan.state
        )
    out_slip = _live_slip(uow, loan.id, SlipDirection.OUT)
    assert out_slip is not None, "a loan that is out has a live out-slip"
    if handed_at < out_slip.handed_at:
        raise InvalidInput("error.slip.back_before_out", field="handed_at", number=out_slip.number)
    return out_slip


def _check_file_ready(uow: UnitOfWork, loan: Loan) -> None:
    """An e-mail carries the password-protected file the desk made for this transfer."""
    made = uow.session.scalar(
        select(Load.id).where(Load.loan_id == loan.id, Load.state == LoadState.VERIFIED).limit(1)
    )
    if made is None or loan.state is not LoanState.LOADED:
        raise IllegalTransition("error.slip.email_file_missing", medium=loan_label(loan))


# --- counter confirmation, printing, stamping ----------------------------------------


def confirm_at_counter(ledger: Ledger, actor: Actor, slip_id: int, handler_code: str) -> SlipView:
    """The contractor's officer confirms the slip with their handler code (checked
    against its argon2id hash); the slip then takes effect. A wrong code is refused,
    counted and logged; after MAX_CONFIRM_ATTEMPTS wrong codes the slip must be
    cancelled and drafted again."""
    _operator_id(actor)
    recover_interrupted_loads(ledger)  # a stick whose load was killed never goes out
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id, lock=True)
        _confirm_with_code(uow, actor, slip, handler_code, terminal=False)
        uow.commit()
        return build_view(uow.session, slip)


def pending_at_counter(ledger: Ledger, desk_name: str) -> list[SlipView]:
    """The slips drafted at this desk that wait for the contractor's code at its counter
    (oldest first): what the counter terminal shows. `desk_name` is the desk's
    configured name (`LEDGER_TUI_DESK`), or its whole identity "host/name"."""
    with ledger.read_session() as session:
        rows = session.scalars(
            select(HandoverSlip)
            .where(HandoverSlip.state == SlipState.DRAFT, *_at_counter_of(desk_name))
            .order_by(HandoverSlip.handed_at, HandoverSlip.id)
        ).all()
        return [build_view(session, slip) for slip in rows]


def confirm_at_desk_counter(
    ledger: Ledger, desk_name: str, slip_id: int, handler_code: str
) -> SlipView:
    """The counter terminal's one write: the contractor's officer types their code on
    the screen and keys facing them. Nobody logs in there; the confirmation is recorded
    for the operator who drafted the slip at this desk (who must still be active)."""
    recover_interrupted_loads(ledger)
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id, lock=True)
        mine = select(HandoverSlip.id).where(HandoverSlip.id == slip.id, *_at_counter_of(desk_name))
        if slip.state is SlipState.DRAFT and uow.session.scalar(mine) is None:
            raise IllegalTransition("error.counter.not_this_desk", number=slip.number)
        operator = slip.ward_operator
        actor = Actor(
            login=operator.login, operator_id=operator.id, role=operator.role, name=operator.name
        )
        _confirm_with_code(uow, actor, slip, handler_code, terminal=True)
        uow.commit()
        return build_view(uow.session, slip)


def _at_counter_of(desk_name: str) -> tuple[ColumnElement[bool], ...]:
    """A slip for this desk's counter: drafted there (its name, or its whole identity)
    and confirmed at a counter (not sent by e-mail or registered mail)."""
    wanted = desk_name.strip()
    return (
        HandoverSlip.transfer_method.not_in(REMOTE),
        or_(HandoverSlip.desk == wanted, HandoverSlip.desk.endswith("/" + wanted, autoescape=True)),
    )


def _confirm_with_code(
    uow: UnitOfWork, actor: Actor, slip: HandoverSlip, handler_code: str, *, terminal: bool
) -> None:
    check_slip_transition(slip.state, SlipState.CONFIRMED, slip.number)
    if slip.confirm_attempts >= MAX_CONFIRM_ATTEMPTS:
        raise AuthError("error.slip.too_many_attempts", limit=MAX_CONFIRM_ATTEMPTS)
    if not verify_secret(slip.handler.code_hash, normalise_handler_code(handler_code)):
        slip.confirm_attempts += 1
        slip.updated_at = uow.now()
        uow.record(
            actor,
            "slip.confirm_refused",
            f"slip:{slip.number}",
            handler=slip.handler_id,
            attempts=slip.confirm_attempts,
            terminal=terminal,
        )
        uow.commit()  # the refusal itself is kept, then reported
        raise AuthError(
            "error.slip.wrong_code", attempts=slip.confirm_attempts, limit=MAX_CONFIRM_ATTEMPTS
        )
    _take_effect(uow, actor, slip, remote=False, terminal=terminal)


def confirm_sent(ledger: Ledger, actor: Actor, slip_id: int) -> SlipView:
    """The operator confirms that a slip sent by e-mail or registered mail went out (or
    that such a return arrived): nobody stands at the counter to type a handler code.
    The slip then takes effect like one confirmed at the counter."""
    _operator_id(actor)
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id, lock=True)
        check_slip_transition(slip.state, SlipState.CONFIRMED, slip.number)
        check_remote_confirmation(slip.transfer_method, slip.number)
        _take_effect(uow, actor, slip, remote=True)
        uow.commit()
        return build_view(uow.session, slip)


def _take_effect(
    uow: UnitOfWork, actor: Actor, slip: HandoverSlip, *, remote: bool, terminal: bool = False
) -> None:
    """The confirmed slip moves its loan (and medium): out -> lent; back -> returned and
    waiting for its wipe. A transfer without a medium only moves its loan."""
    loan, medium = lock_loan_and_medium(uow, slip.loan_id)
    reason = f"slip.{slip.direction.value}"
    if slip.direction is SlipDirection.OUT:
        check_loan_transition(loan.state, LoanState.OUT, loan_label(loan))
        if medium is not None:
            _check_can_go_out(uow, loan, medium)
            move_medium(uow, actor, medium, MediumState.LENT, reason, slip=slip.number)
        slip.prior_loan_state = set_loan_state(uow, loan, LoanState.OUT)
    else:
        check_loan_transition(loan.state, LoanState.BACK, loan_label(loan))
        if medium is not None:
            move_medium(uow, actor, medium, MediumState.RETURNED, reason, slip=slip.number)
            move_medium(uow, actor, medium, MediumState.WIPE_PENDING, reason, slip=slip.number)
        slip.prior_loan_state = set_loan_state(uow, loan, LoanState.BACK)
    now = uow.now()
    slip.state = SlipState.CONFIRMED
    slip.confirmed_at = slip.updated_at = now
    uow.session.flush()  # bumps the medium's version: the mark of this slip's effect
    slip.effect_medium_version = medium.version if medium is not None else None
    entry = uow.record(
        actor,
        "slip.confirmed",
        f"slip:{slip.number}",
        loan=loan.id,
        direction=slip.direction.value,
        medium=medium.control_number if medium is not None else None,
        handler=slip.handler_id,
        count=slip.record_count,
        loan_state=loan.state.value,
        remote=remote,
        **({"terminal": True} if terminal else {}),
    )
    slip.confirm_seq = entry.seq


def mark_printed(ledger: Ledger, actor: Actor, slip_id: int, printer: str, job_id: str) -> SlipView:
    """The printer accepted the slip (again, for a reprint before stamping)."""
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id, lock=True)
        if slip.state is SlipState.DRAFT:
            raise IllegalTransition("error.slip.draft_not_printable", number=slip.number)
        check_slip_transition(slip.state, SlipState.PRINTED, slip.number)
        slip.state = SlipState.PRINTED
        slip.printed_at = slip.updated_at = uow.now()
        slip.printer = printer.strip()[:200]
        slip.print_job = str(job_id).strip()[:200]
        slip.print_count += 1
        uow.record(
            actor,
            "slip.printed",
            f"slip:{slip.number}",
            printer=slip.printer,
            job=slip.print_job,
            copy=slip.print_count,
        )
        uow.commit()
        return build_view(uow.session, slip)


def record_reprint(ledger: Ledger, actor: Actor, slip_id: int, printer: str, job_id: str) -> None:
    """A copy of a stamped or cancelled slip was printed: only the trail changes."""
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id)
        if slip.state is SlipState.DRAFT:
            raise IllegalTransition("error.slip.draft_not_printable", number=slip.number)
        uow.record(
            actor,
            "slip.reprinted",
            f"slip:{slip.number}",
            printer=printer.strip(),
            job=str(job_id).strip(),
            state=slip.state.value,
        )
        uow.commit()


def mark_stamped(ledger: Ledger, actor: Actor, slip_id: int) -> SlipView:
    """Both sides stamped the printed paper; from now on the slip never changes."""
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id, lock=True)
        if slip.state in (SlipState.DRAFT, SlipState.CONFIRMED):
            raise IllegalTransition("error.slip.not_printed", number=slip.number)
        check_slip_transition(slip.state, SlipState.STAMPED, slip.number)
        slip.state = SlipState.STAMPED
        slip.stamped_at = slip.updated_at = uow.now()
        uow.record(actor, "slip.stamped", f"slip:{slip.number}", loan=slip.loan_id)
        uow.commit()
        return build_view(uow.session, slip)


# --- cancellation ---------------------------------------------------------------------


def cancel_slip(ledger: Ledger, actor: Actor, slip_id: int, reason: str) -> CancelResult:
    """Cancel a slip by a cancelling slip that references it, undoing its effect if it
    took effect and nothing has happened to the medium since. The cancelling slip starts
    confirmed (its trail entry is the cancellation) and is printed and stamped like any."""
    operator_id = _operator_id(actor)
    reason = check_text(reason, "reason")
    if not reason:
        raise InvalidInput("error.slip.reason_required", field="reason")
    with ledger.unit_of_work() as uow:
        slip = get_slip(uow, slip_id, lock=True)
        if slip.cancels_slip_id is not None:
            raise IllegalTransition("error.slip.cancelling_slip", number=slip.number)
        check_slip_transition(slip.state, SlipState.CANCELLED, slip.number)
        loan, medium = lock_loan_and_medium(uow, slip.loan_id)
        now = uow.now()
        # The number before any trail entry: every writer takes the form counter before
        # the trail head, so two desks never wait for each other in opposite order.
        number, year, sequence = next_form_number(uow, HANDOVER_SLIP, local_date(now))
        state_before = slip.state
        if state_before is not SlipState.DRAFT:
            _undo_effect(uow, actor, slip, loan, medium)
        slip.state = SlipState.CANCELLED
        slip.cancelled_at = slip.updated_at = now
        cancelling = HandoverSlip(
            number=number,
            fiscal_year=year,
            sequence=sequence,
            direction=slip.direction,
            state=SlipState.CONFIRMED,
            loan_id=slip.loan_id,
            medium_id=slip.medium_id,
            contract_id=slip.contract_id,
            handler_id=slip.handler_id,
            ward_operator_id=operator_id,
            handed_at=now,
            items=list(slip.items),
            free_text=slip.free_text,
            record_count=slip.record_count,
            transfer_method=slip.transfer_method,
            transfer_detail=slip.transfer_detail,
            notes="",
            expected_return=slip.expected_return,
            out_slip_id=slip.out_slip_id,
            count_mismatch=False,
            mismatch_explanation="",
            cancels_slip_id=slip.id,
            cancel_reason=reason,
            confirm_attempts=0,
            confirmed_at=now,
            created_at=now,
            updated_at=now,
        )
        uow.session.add(cancelling)
        uow.session.flush()
        entry = uow.record(
            actor,
            "slip.cancelled",
            f"slip:{slip.number}",
            cancelling=number,
            loan=loan.id,
            direction=slip.direction.value,
            state_before=state_before.value,
            loan_state=loan.state.value,
            medium_state=medium.state.value if medium is not None else None,
        )
        cancelling.confirm_seq = entry.seq
        uow.commit()
        return CancelResult(build_view(uow.session, slip), build_view(uow.session, cancelling))


def _undo_effect(
    uow: UnitOfWork, actor: Actor, slip: HandoverSlip, loan: Loan, medium: Medium | None
) -> None:
    """Put the loan and the medium back where the slip's confirmation found them."""
    if slip.direction is SlipDirection.OUT:
        back = _live_slip(uow, loan.id, SlipDirection.BACK)
        if back is not None:
            raise Conflict("error.slip.cancel_back_first", number=back.number)
    if medium is None:  # a transfer without a medium: only the loan moved
        expected = LoanState.OUT if slip.direction is SlipDirection.OUT else LoanState.BACK
        if loan.state is not expected:
            raise Conflict("error.slip.effect_superseded", control_number=f"loan:{loan.id}")
        prior = (
            slip.prior_loan_state or LoanState.DRAFT
            if slip.direction is SlipDirection.OUT
            else LoanState.OUT
        )
        set_loan_state(uow, loan, prior)
        return
    if medium.version != slip.effect_medium_version:
        raise Conflict("error.slip.effect_superseded", control_number=medium.control_number)
    if slip.direction is SlipDirection.OUT:
        prior = slip.prior_loan_state or LoanState.DRAFT
        target = MediumState.LOADED if prior is LoanState.LOADED else MediumState.BLANK
    else:
        prior, target = LoanState.OUT, MediumState.LENT
    set_loan_state(uow, loan, prior)
    check_medium_undo(medium.state, target, medium.control_number)
    previous = medium.state
    medium.state = target
    medium.updated_at = uow.now()
    uow.record(
        actor,
        "medium.state",
        f"medium:{medium.control_number}",
        previous=previous.value,
        state=target.value,
        reason="slip.cancelled",
        slip=slip.number,
        undo=True,
    )
