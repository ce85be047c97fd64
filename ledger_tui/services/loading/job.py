"""A running load: what it knows while it works, and how it ends when it fails.

On any failure or cancel the load deletes what it wrote to the stick (where the stick
still lets it), records the load failed or cancelled with the reason's text key (no
personal data: keys, file and device names, numbers) in one unit of work, and moves the
medium blank -> wipe_pending when anything reached the stick. Should recording itself
fail (the database went away), the load stays "in_progress" until it is found
interrupted (`lending.unfinished_loads`: at the desk's start, before the next load or
lending) or an operator resolves it (`load resolve`); the original error is raised.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from ledger_tui.db.models import Medium
from ledger_tui.db.models.loads import Load
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.loads import LoadState, check_load_transition
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState, allowed_targets
from ledger_tui.services.lending.loans import (
    get_loan,
    loan_label,
    lock_medium_by_id,
    set_loan_state,
)
from ledger_tui.services.register.media import move_medium
from ledger_tui.system.archive.errors import Cancelled, StickError
from ledger_tui.system.stick.disc import DiscStore
from ledger_tui.system.stick.folder import ArchiveStore

log = logging.getLogger(__name__)

_PARAM_LIMIT = 200


@dataclass(slots=True)
class LoadJob:
    ledger: Ledger
    actor: Actor
    load_id: int
    loan_id: int
    medium_id: int | None  # None: a transfer without a medium (the archive went to a folder)
    control_number: str
    serial: str  # the register's
    device: str
    stick: ArchiveStore | None = None
    detected: str = ""  # the serial read from the device
    wrote: bool = False  # anything reached the stick
    written: list[str] = field(default_factory=list)  # archives this load wrote to
    #: The load opened its loan (for a contract): a failed load withdraws it again.
    opened_loan: bool = False
    #: A CD-R: what was burned (None until the burn finished), and whether the burn
    #: began (a disc that was burned at all is spent: it goes to its shredding).
    disc: DiscStore | None = None


def failure_reason(error: BaseException) -> tuple[str, dict[str, object]]:
    """The text key and parameters recorded for a failure (no personal data: keys, file
    and device names, numbers)."""
    if isinstance(error, DomainError):
        params: dict[str, object] = {
            name: value
            if isinstance(value, (int, float, bool)) or value is None
            else str(value)[:_PARAM_LIMIT]
            for name, value in error.params.items()
        }
        return error.key, params
    if isinstance(error, KeyboardInterrupt):
        return "archive.cancelled", {}
    return "load.error.unexpected", {"kind": type(error).__name__}


def _clean_stick(job: LoadJob) -> None:
    """Delete what this load wrote, where the stick still lets us (best effort)."""
    if job.stick is None or not job.wrote:
        return
    for name in job.written:
        with contextlib.suppress(StickError, OSError):
            if any(f.name == name for f in job.stick.list_files()):
                job.stick.delete(name)


def _record_failure(job: LoadJob, error: BaseException) -> None:
    key, params = failure_reason(error)
    state = (
        LoadState.CANCELLED
        if isinstance(error, (Cancelled, KeyboardInterrupt))
        else LoadState.FAILED
    )
    with job.ledger.unit_of_work() as uow:
        medium = lock_medium_by_id(uow, job.medium_id) if job.medium_id is not None else None
        load = uow.session.scalars(
            select(Load).where(Load.id == job.load_id).with_for_update()
        ).one()
        if load.state is not LoadState.IN_PROGRESS:
            return
        check_load_transition(load.state, state, loan_label(get_loan(uow, job.loan_id)))
        load.state = state
        load.failure_key = key[:80]
        load.failure_params = params
        load.wrote_to_stick = job.wrote
        load.detected_serial = job.detected[:200]
        load.finished_at = uow.now()
        if medium is not None:
            _needs_wipe(uow, job, medium, state)
        if job.opened_loan:  # a failed load leaves no loan behind that nobody asked for
            loan = get_loan(uow, job.loan_id, lock=True)
            set_loan_state(uow, loan, LoanState.CLOSED)
            uow.record(job.actor, "loan.withdrawn", f"loan:{loan.id}", medium=job.control_number)
        uow.record(
            job.actor,
            f"load.{state.value}",
            f"load:{load.id}",
            loan=job.loan_id,
            medium=job.control_number if medium is not None else None,
            reason=key,
            wrote=job.wrote,
            medium_state=medium.state.value if medium is not None else None,
        )
        uow.commit()


def _needs_wipe(uow: UnitOfWork, job: LoadJob, medium: Medium, state: LoadState) -> None:
    """A stick that received anything goes to wipe_pending (the register: "needs wipe")."""
    touched = job.disc.burn_started if job.disc is not None else job.wrote
    if (
        touched
        and medium.state is not MediumState.WIPE_PENDING
        and MediumState.WIPE_PENDING in allowed_targets(medium.state)
    ):
        move_medium(
            uow,
            job.actor,
            medium,
            MediumState.WIPE_PENDING,
            f"load.{state.value}",
            loan=job.loan_id,
            load=job.load_id,
        )


def fail_load(job: LoadJob, error: BaseException) -> None:
    """Clean the stick and record the failure; never raises (the caller re-raises)."""
    _clean_stick(job)
    try:
        _record_failure(job, error)
    except Exception:  # the original error is what the operator must see
        log.exception("could not record the end of load %s; it stays in_progress", job.load_id)
