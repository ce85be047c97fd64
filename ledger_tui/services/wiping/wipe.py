"""Wipe and initialise a returned USB stick (消去・初期化), and certify it.

`wipe_medium` runs the whole job and is safe to interrupt at any point:
1. In its own committed unit of work, before the first byte: every guard
   (`wipe_guards`) passes under the medium's row lock; a returned or new stick moves to
   "wipe pending"; the run is recorded "in_progress" (`wipe.started`). A refusal is
   recorded as `wipe.refused` with the reason keys and raised.
2. The engine (`system.wipe`) overwrites and reads back every byte. Its checkpoints go
   to the run in short units of work (phase, offset, time: also the run's heartbeat).
3. The file system is made afresh with the control number as label and checked.
4. In ONE unit of work: the run "verified" with its figures, the medium wipe pending ->
   blank, the returned loan closed (`lending.close_loan_after_wipe`), the certificate
   issued (`certificate.issued`, whose hash the paper carries).
A failure, the operator's cancel or a pulled stick marks the run failed or cancelled
with the reason's text key and offsets, and raises it again; the medium stays "wipe
pending". A stick found to keep less than it reports (counterfeit capacity) is also
marked out of service in that unit of work: never lent or loaded again, only destroyed.
A crash leaves the run "in_progress": `recover_interrupted_wipes` (run at the next
wipe, and by the application at start) marks it "interrupted" with its last checkpoint.
The engine's keys live only in its process, so an interrupted run is never resumed: the
next run starts at byte 0. Only a verified run turns a stick blank.

Threads: the caller's thread runs the engine; `progress` (the engine's `WipeProgress`,
at most ~10 a second) and `stage` are called on it. A UI posts them as messages.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import CursorResult, select, update

from ledger_tui.db.models import Medium
from ledger_tui.db.models.wipes import WipeRun
from ledger_tui.db.uow import SYSTEM, Actor, Ledger, UnitOfWork
from ledger_tui.domain.errors import Conflict, DomainError, InvalidInput
from ledger_tui.domain.media import (
    COUNTERFEIT_CAPACITY,
    MediumState,
    normalise_control_number,
)
from ledger_tui.domain.wipes import (
    CertificateKind,
    ErasureCategory,
    WipeState,
    check_wipe_transition,
)
from ledger_tui.services.lending.loans import close_loan_after_wipe, lock_medium_by_id
from ledger_tui.services.register.media import move_medium
from ledger_tui.services.runs import STALE_AFTER, LiveRuns, Runner, is_dead
from ledger_tui.services.wiping.certificates import (
    CertificateView,
    draw_number,
    issue_certificate,
    lock_returned_loan,
    show_certificate,
)
from ledger_tui.services.wiping.guards import (
    WipeTarget,
    check_target,
    record_refusal,
    wipe_target,
)
from ledger_tui.services.wiping.records import WipeRunView, show_wipe_run
from ledger_tui.system.stick.mkfs import FilesystemResult, make_filesystem
from ledger_tui.system.stick.wipe import (
    DEFAULT_CHUNK,
    MIB,
    CounterfeitCapacity,
    ProgressReporter,
    Verification,
    WipeCancelled,
    WipeFailed,
    WipeIOError,
    WipeMethod,
    WipeResult,
    wipe_device,
)

__all__ = [
    "CHECKPOINT_EVERY",
    "STALE_AFTER",
    "WipeOutcome",
    "WipeStage",
    "WipeTarget",
    "failure_reason",
    "recover_interrupted_wipes",
    "wipe_medium",
    "wipe_target",
]

log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 64 * MIB
WITNESS_LIMIT = 200
MKFS_PHASE = "mkfs"

#: Runs this process is executing right now: its own "in_progress" rows are alive.
_active = LiveRuns()


class WipeStage(enum.StrEnum):
    """Where the job is, for the screen (the engine's progress covers WIPING)."""

    CHECKING = "checking"
    WIPING = "wiping"
    INITIALISING = "initialising"
    RECORDING = "recording"
    DONE = "done"


StageReporter = Callable[[WipeStage], None]


@dataclass(frozen=True, slots=True)
class WipeOutcome:
    """A verified wipe: the run, its certificate, the loan it closed, and remarks on the
    new file system (FAT16 on a tiny stick, label derived from the control number)."""

    run: WipeRunView
    certificate: CertificateView
    closed_loan_id: int | None
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Started:
    run_id: int
    control_number: str
    started_at: datetime


def _report(stage: StageReporter | None, step: WipeStage) -> None:
    if stage is not None:
        stage(step)


def _clean_witness(witness: str) -> str:
    cleaned = " ".join(witness.split())
    if len(cleaned) > WITNESS_LIMIT:
        raise InvalidInput("error.field.too_long", field="witness", limit=WITNESS_LIMIT)
    return cleaned


def _method(method: WipeMethod | str) -> WipeMethod:
    try:
        return WipeMethod(method)
    except ValueError:
        raise InvalidInput(
            "error.wiping.method",
            field="method",
            method=str(method),
            choices=", ".join(m.value for m in WipeMethod),
        ) from None


# --- 1. begin -----------------------------------------------------------------------------


def _begin(
    ledger: Ledger,
    actor: Actor,
    number: str,
    device_path: str,
    witness: str,
    method: WipeMethod,
    verification: Verification,
    vendor_key_reset: bool | None = None,
) -> _Started:
    with ledger.unit_of_work() as uow:
        target, medium, _ = check_target(
            uow.session, number, device_path, ledger.settings.allow_loop_devices, lock=True
        )
        if not target.refusals and medium is not None and target.facts is not None:
            if medium.state is not MediumState.WIPE_PENDING:
                move_medium(uow, actor, medium, MediumState.WIPE_PENDING, "wipe.started")
            now, runner = uow.now(), Runner.here()
            run = WipeRun(
                medium=medium,
                loan_id=target.loan_id,
                operator_id=actor.operator_id,
                witness=witness,
                device_node=device_path,
                detected_serial=target.facts.serial or "",
                method=method.value,
                passes=method.passes,
                verification=verification.value,
                state=WipeState.IN_PROGRESS,
                started_at=now,
                checkpoint_phase="",
                checkpoint_offset=0,
                checkpoint_at=now,
                device_bytes=target.facts.size_bytes,
                runner_host=runner.host,
                runner_pid=runner.pid,
                # Operator-attested, not verified; only a hardware-lock stick has a key.
                vendor_key_reset=vendor_key_reset if medium.hardware_lock else None,
            )
            uow.session.add(run)
            uow.session.flush()
            uow.record(
                actor,
                "wipe.started",
                f"wipe:{run.id}",
                medium=number,
                device=device_path,
                method=method.value,
                loan=target.loan_id,
                device_bytes=target.facts.size_bytes,
                vendor_key_reset=run.vendor_key_reset,
            )
            _active.add(run.id)  # before the commit: from then on the row is visible
            try:
                uow.commit()
            except BaseException:
                _active.forget(run.id)
                raise
            return _Started(run.id, number, now)
    record_refusal(ledger, actor, number, device_path, target.refusals)
    raise target.refusals[0]


# --- 2. checkpoints ---------------------------------------------------------------------


def _save_checkpoint(ledger: Ledger, run_id: int, phase: str, offset: int) -> None:
    """Record how far the run got (no trail entry: bookkeeping of a running action).
    A run another desk took for dead is not written over: the wipe stops instead."""
    with ledger.unit_of_work() as uow:
        done = uow.session.execute(
            update(WipeRun)
            .where(WipeRun.id == run_id, WipeRun.state == WipeState.IN_PROGRESS)
            .values(checkpoint_phase=str(phase), checkpoint_offset=offset, checkpoint_at=uow.now())
        )
        assert isinstance(done, CursorResult)  # an UPDATE's result has a row count
        if done.rowcount == 0:
            number = uow.session.scalar(
                select(Medium.control_number).join(WipeRun).where(WipeRun.id == run_id)
            )
            raise Conflict("error.wiping.run_not_running", control_number=number)
        uow.commit()


def _run_clock(started: datetime) -> Callable[[], datetime]:
    """The run's clock: its recorded start plus monotonic time, so the duration on the
    certificate is true even while the ledger's clock is set (tests, a wrong RTC)."""
    origin = time.monotonic()
    return lambda: started + timedelta(seconds=time.monotonic() - origin)


# --- 3./4. the end ----------------------------------------------------------------------


def _lock_run(uow: UnitOfWork, run_id: int) -> WipeRun:
    return uow.session.scalars(
        select(WipeRun)
        .where(WipeRun.id == run_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _error_rows(result: WipeResult) -> list[dict[str, Any]]:
    return [
        {"phase": e.phase.value, "offset": e.offset, "errno": e.errno, "recovered": e.recovered}
        for e in result.errors
    ]


def _fill_run(run: WipeRun, result: WipeResult, filesystem: FilesystemResult | None) -> None:
    run.finished_at = result.ended
    run.device_bytes = result.device_bytes
    run.bytes_written, run.bytes_verified = result.bytes_written, result.bytes_verified
    run.errors = _error_rows(result)
    run.throughput = result.throughput
    run.write_rate, run.verify_rate = result.write_rate, result.verify_rate
    run.tool = result.tool[:400]
    run.verification = result.verification.value
    if filesystem is not None:
        bits = f"{filesystem.fat_bits}" if filesystem.fat_bits else ""
        run.filesystem = f"{filesystem.fs_type}{bits}"
        run.fs_label = filesystem.label
        run.fs_tools = "; ".join(v for v in filesystem.tool_versions if v)[:400]
        run.fs_check = filesystem.check_summary[:400]


def _record_success(
    ledger: Ledger,
    actor: Actor,
    started: _Started,
    result: WipeResult,
    filesystem: FilesystemResult | None,
) -> tuple[int, int | None]:
    """Everything a verified wipe changes, in one unit of work; (certificate, loan)."""
    with ledger.unit_of_work() as uow:
        medium_id = uow.session.execute(
            select(WipeRun.medium_id).where(WipeRun.id == started.run_id)
        ).scalar_one()
        medium = lock_medium_by_id(uow, medium_id)
        run = _lock_run(uow, started.run_id)
        if run.state is not WipeState.IN_PROGRESS:
            raise Conflict("error.wiping.run_not_running", control_number=medium.control_number)
        loan = lock_returned_loan(uow, medium.id)
        drawn = draw_number(uow)  # the form counter before the trail head
        _fill_run(run, result, filesystem)
        check_wipe_transition(run.state, WipeState.VERIFIED, medium.control_number)
        run.state = WipeState.VERIFIED
        run.checkpoint_phase, run.checkpoint_at = MKFS_PHASE if filesystem else "", uow.now()
        run.failure_key, run.failure_params = "", {}
        if loan is not None:
            run.loan_id = loan.id
        move_medium(uow, actor, medium, MediumState.BLANK, "wipe.verified", wipe_run=run.id)
        closed = close_loan_after_wipe(
            uow, actor, medium, certificate=drawn.number, wipe_run=run.id
        )
        uow.record(
            actor,
            "wipe.verified",
            f"wipe:{run.id}",
            medium=medium.control_number,
            method=run.method,
            passes=run.passes,
            verification=run.verification,
            device_bytes=run.device_bytes,
            bytes_written=run.bytes_written,
            bytes_verified=run.bytes_verified,
            errors=len(run.errors),
            filesystem=run.filesystem,
            label=run.fs_label,
            certificate=drawn.number,
        )
        certificate = issue_certificate(
            uow,
            actor,
            drawn,
            kind=CertificateKind.WIPE,
            category=ErasureCategory.CLEAR,
            medium=medium,
            loan_id=closed.id if closed else None,
            wipe_run=run,
        )
        uow.commit()
        return certificate.id, closed.id if closed else None


def failure_reason(error: BaseException) -> tuple[str, dict[str, Any]]:
    """The text key and parameters a failed run keeps (JSON-safe)."""
    if isinstance(error, DomainError):
        return error.key, {
            name: value if isinstance(value, int | float | str | bool) else str(value)
            for name, value in error.params.items()
        }
    if isinstance(error, KeyboardInterrupt):
        return "error.wiping.interrupted_by_operator", {}
    return "error.wiping.unexpected", {"kind": type(error).__name__}


def _failure_rows(error: BaseException) -> list[dict[str, Any]]:
    if not isinstance(error, WipeFailed) or isinstance(error, WipeCancelled):
        return []
    row: dict[str, Any] = {"phase": error.phase.value, "offset": error.offset, "recovered": False}
    if isinstance(error, WipeIOError):
        row["errno"] = error.errno
    else:
        row["mismatch"] = True
    return [row]


def _record_failure(
    ledger: Ledger, actor: Actor, started: _Started, error: BaseException, result: WipeResult | None
) -> None:
    cancelled = isinstance(error, WipeCancelled | KeyboardInterrupt)
    state = WipeState.CANCELLED if cancelled else WipeState.FAILED
    key, params = failure_reason(error)
    with ledger.unit_of_work() as uow:
        medium = None
        if isinstance(error, CounterfeitCapacity):  # the lending services' order: medium first
            medium_id = uow.session.execute(
                select(WipeRun.medium_id).where(WipeRun.id == started.run_id)
            ).scalar_one()
            medium = lock_medium_by_id(uow, medium_id)
        run = _lock_run(uow, started.run_id)
        if run.state is not WipeState.IN_PROGRESS:
            return  # another desk recorded it as interrupted meanwhile: leave that
        if result is not None:  # verified, but the file system or the record failed
            _fill_run(run, result, None)
        check_wipe_transition(run.state, state, run.medium.control_number)
        run.state, run.finished_at = state, uow.now()
        run.failure_key, run.failure_params = key, params
        run.errors = [*(run.errors or []), *_failure_rows(error)]
        if isinstance(error, WipeFailed):
            run.checkpoint_phase, run.checkpoint_offset = error.phase.value, error.offset
            run.checkpoint_at = uow.now()
        uow.record(
            actor,
            f"wipe.{state.value}",
            f"wipe:{run.id}",
            medium=started.control_number,
            reason=key,
            phase=params.get("phase"),
            offset=params.get("offset"),
        )
        if medium is not None:  # a fake-capacity stick: never lent or loaded again
            medium.out_of_service = COUNTERFEIT_CAPACITY
            uow.record(
                actor,
                "medium.out_of_service",
                f"medium:{medium.control_number}",
                reason=COUNTERFEIT_CAPACITY,
                wipe_run=run.id,
                reported_bytes=params.get("reported"),
                real_bytes=params.get("real"),
                first_bad_offset=params.get("offset"),
            )
        uow.commit()


def _record_failure_logged(
    ledger: Ledger, actor: Actor, started: _Started, error: BaseException, result: WipeResult | None
) -> None:
    """Never let the bookkeeping of a failure hide the failure itself (e.g. the database
    is gone too): log it; the run stays in progress and is later found interrupted."""
    try:
        _record_failure(ledger, actor, started, error, result)
    except Exception:
        log.exception("could not record the end of wipe run %s", started.run_id)


# --- the action ---------------------------------------------------------------------------


def wipe_medium(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    device_path: str,
    *,
    witness: str = "",
    method: WipeMethod | str = WipeMethod.CLEAR_RANDOM_VERIFY,
    progress: ProgressReporter | None = None,
    cancel: threading.Event | None = None,
    stage: StageReporter | None = None,
    make_fs: bool = True,
    fs: str = "auto",
    compare_bytes: bool = True,
    checkpoint_every: int = CHECKPOINT_EVERY,
    chunk_size: int = DEFAULT_CHUNK,
    vendor_key_reset: bool | None = None,
) -> WipeOutcome:
    """Wipe the registered stick `control_number` on `device_path`, verify every byte,
    make a fresh file system labelled with the control number, and certify it (see the
    module docstring). Raises the refusal or the failure; the medium is then never
    blank. `cancel` stops at the next chunk (the run is recorded cancelled)."""
    witness = _clean_witness(witness)
    chosen = _method(method)
    number = normalise_control_number(control_number)
    recover_interrupted_wipes(ledger)
    _report(stage, WipeStage.CHECKING)
    verification = Verification.BYTES if compare_bytes else Verification.GMAC
    started = _begin(
        ledger, actor, number, device_path, witness, chosen, verification, vendor_key_reset
    )
    result: WipeResult | None = None
    with _active.running(started.run_id):
        try:
            _report(stage, WipeStage.WIPING)
            result = wipe_device(
                device_path,
                method=chosen,
                progress=progress,
                cancel=cancel,
                checkpoint=partial(_save_checkpoint, ledger, started.run_id),
                checkpoint_every=checkpoint_every,
                chunk_size=chunk_size,
                compare_bytes=compare_bytes,
                clock=_run_clock(started.started_at),
            )
            filesystem = None
            if make_fs:
                _report(stage, WipeStage.INITIALISING)
                _save_checkpoint(ledger, started.run_id, MKFS_PHASE, 0)
                filesystem = make_filesystem(device_path, number, fs)
            _report(stage, WipeStage.RECORDING)
            certificate_id, loan_id = _record_success(ledger, actor, started, result, filesystem)
        except BaseException as error:
            _record_failure_logged(ledger, actor, started, error, result)
            raise
    _report(stage, WipeStage.DONE)
    notes = tuple(filesystem.notes()) if filesystem is not None else ()
    return WipeOutcome(
        show_wipe_run(ledger, started.run_id),
        show_certificate(ledger, certificate_id),
        loan_id,
        notes,
    )


# --- crash recovery -------------------------------------------------------------------------


def _is_dead(run: WipeRun, now: datetime, stale_after: timedelta) -> bool:
    heartbeat = run.checkpoint_at or run.started_at
    runner = Runner(run.runner_host, run.runner_pid)
    return is_dead(_active, run.id, runner, heartbeat, now, stale_after)


def recover_interrupted_wipes(ledger: Ledger, *, stale_after: timedelta = STALE_AFTER) -> list[int]:
    """Runs left "in_progress" by a crash (the process is gone, or another workstation's
    run has not checkpointed for `stale_after`) become "interrupted" with their last
    checkpoint on the trail; their media stay "wipe pending". Returns the run ids."""
    with ledger.read_session() as session:
        running = session.scalars(
            select(WipeRun).where(WipeRun.state == WipeState.IN_PROGRESS)
        ).all()
        now = ledger.clock()
        dead = [run.id for run in running if _is_dead(run, now, stale_after)]
    recovered = []
    for run_id in dead:
        with ledger.unit_of_work() as uow:
            run = _lock_run(uow, run_id)
            if run.state is not WipeState.IN_PROGRESS:
                continue
            check_wipe_transition(run.state, WipeState.INTERRUPTED, run.medium.control_number)
            run.state = WipeState.INTERRUPTED
            run.failure_key = "error.wiping.interrupted"
            run.failure_params = {
                "phase": run.checkpoint_phase or "write",
                "offset": run.checkpoint_offset,
            }
            uow.record(
                SYSTEM,
                "wipe.interrupted",
                f"wipe:{run.id}",
                medium=run.medium.control_number,
                phase=run.checkpoint_phase,
                offset=run.checkpoint_offset,
                checkpoint_at=run.checkpoint_at.isoformat() if run.checkpoint_at else None,
            )
            uow.commit()
            recovered.append(run_id)
    if recovered:
        log.warning("wipe runs found interrupted: %s", recovered)
    return recovered
