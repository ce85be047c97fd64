"""A stick whose load did not finish never goes out: loads cut short by a kill, a crash
or a power cut are found, and their sticks sent to wipe.

A load is recorded "in_progress" before the stick is touched, with the process running
it and a heartbeat (`services.runs`, as a wipe run is). A load left "in_progress" whose
process is gone (or, on another workstation, whose heartbeat is older than
`STALE_AFTER`) is failed with the reason "interrupted" and its medium moved blank ->
wipe_pending through the register's state machine: whatever it wrote is unknown, and a
stick that may carry an archive whose password was never stored must never be lent.
`recover_interrupted_loads` runs at the desk's start and before every load and every
lending (out-slip) of a medium; `load resolve` does the same by hand for one load.

It sits in lending, below loading: lending asks it before a medium goes out, and the
load (`services.loading`, which writes the heartbeat) builds on it.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from ledger_tui.db.models import Medium
from ledger_tui.db.models.loads import Load
from ledger_tui.db.uow import SYSTEM, Actor, Ledger, UnitOfWork
from ledger_tui.domain.errors import IllegalTransition, NotFound
from ledger_tui.domain.loads import LoadState, check_load_transition
from ledger_tui.domain.media import MediumState, allowed_targets
from ledger_tui.services.lending.loans import get_loan, loan_label, lock_medium_by_id
from ledger_tui.services.register.media import move_medium
from ledger_tui.services.runs import STALE_AFTER, LiveRuns, Runner, is_dead

__all__ = [
    "INTERRUPTED",
    "LIVE_LOADS",
    "recover_interrupted_loads",
    "resolve_load",
    "unfinished_load",
]

log = logging.getLogger(__name__)

INTERRUPTED = "load.error.interrupted"

#: Loads this process is running right now: its own "in_progress" rows are alive.
LIVE_LOADS = LiveRuns()


def unfinished_load(uow: UnitOfWork, loan_id: int) -> int | None:
    """The id of the loan's load still "in_progress" (running, or not yet recovered)."""
    return uow.session.scalar(
        select(Load.id).where(Load.loan_id == loan_id, Load.state == LoadState.IN_PROGRESS)
    )


def _dead(load: Load, now: datetime, stale_after: timedelta) -> bool:
    heartbeat = load.heartbeat_at or load.started_at
    runner = Runner(load.runner_host, load.runner_pid)
    return is_dead(LIVE_LOADS, load.id, runner, heartbeat, now, stale_after)


def _mark_interrupted(uow: UnitOfWork, actor: Actor, load: Load, medium: Medium | None) -> None:
    """The load failed as interrupted, its medium to wipe pending (in the caller's unit
    of work, which holds the medium's and the load's row locks)."""
    check_load_transition(load.state, LoadState.FAILED, loan_label(get_loan(uow, load.loan_id)))
    load.state = LoadState.FAILED
    load.failure_key = INTERRUPTED
    load.failure_params = {"heartbeat": (load.heartbeat_at or load.started_at).isoformat()}
    load.wrote_to_stick = True  # unknown: taken as written
    load.finished_at = uow.now()
    if (
        medium is not None  # a transfer's outbox file: no medium to wipe
        and medium.state is not MediumState.WIPE_PENDING
        and MediumState.WIPE_PENDING in allowed_targets(medium.state)
    ):
        move_medium(
            uow,
            actor,
            medium,
            MediumState.WIPE_PENDING,
            "load.interrupted",
            loan=load.loan_id,
            load=load.id,
        )
    uow.record(
        actor,
        "load.interrupted",
        f"load:{load.id}",
        loan=load.loan_id,
        medium=medium.control_number if medium is not None else None,
        reason=INTERRUPTED,
        runner_host=load.runner_host,
        runner_pid=load.runner_pid,
        heartbeat=load.failure_params["heartbeat"],
        medium_state=medium.state.value if medium is not None else None,
    )


def _lock(uow: UnitOfWork, load_id: int) -> tuple[Load, Medium | None]:
    """The medium (if the load has one), then the load: the lending lock order."""
    found = uow.session.execute(select(Load.medium_id).where(Load.id == load_id)).one_or_none()
    if found is None:
        raise NotFound("load.error.not_found", ref=load_id)
    medium = lock_medium_by_id(uow, found[0]) if found[0] is not None else None
    load = uow.session.scalars(
        select(Load)
        .where(Load.id == load_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return load, medium


def recover_interrupted_loads(ledger: Ledger, *, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Loads left "in_progress" by a crash become failed ("interrupted") and their media
    wipe pending, on the trail (`load.interrupted`). Returns the load ids."""
    with ledger.read_session() as session:
        running = session.scalars(select(Load).where(Load.state == LoadState.IN_PROGRESS)).all()
        now = ledger.clock()
        dead = [load.id for load in running if _dead(load, now, stale_after)]
    recovered = []
    for load_id in dead:
        with ledger.unit_of_work() as uow:
            load, medium = _lock(uow, load_id)
            if load.state is not LoadState.IN_PROGRESS:
                continue
            _mark_interrupted(uow, SYSTEM, load, medium)
            uow.commit()
            recovered.append(load_id)
    if recovered:
        log.warning("loads found interrupted: %s", recovered)
    return recovered


def resolve_load(ledger: Ledger, actor: Actor, load_id: int) -> None:
    """An operator closes a load left "in_progress" whose desk will not come back
    (`load resolve`): the same as the automatic recovery, in the operator's name."""
    with ledger.unit_of_work() as uow:
        load, medium = _lock(uow, load_id)
        if load.state is not LoadState.IN_PROGRESS:
            raise IllegalTransition("load.error.not_running", ref=load.id, state=load.state)
        _mark_interrupted(uow, actor, load, medium)
        uow.commit()
