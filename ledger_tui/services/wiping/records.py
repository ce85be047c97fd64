"""Reading wipe runs back: the `WipeRunView` the wipe screen, the certificate and the
command line show, and the lookups by id and by medium."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import Medium
from ledger_tui.db.models.wipes import WipeRun
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import NotFound
from ledger_tui.domain.media import normalise_control_number
from ledger_tui.domain.wipes import WipeState
from ledger_tui.i18n import Lang, t


@dataclass(frozen=True, slots=True)
class WipeRunView:
    """One wipe run as recorded. Times are UTC; byte counts cover every pass."""

    id: int
    control_number: str
    medium_id: int
    loan_id: int | None
    state: WipeState
    operator_login: str
    operator_name: str
    witness: str
    device_node: str
    detected_serial: str
    method: str
    passes: int
    verification: str
    started_at: datetime
    finished_at: datetime | None
    checkpoint_phase: str
    checkpoint_offset: int
    checkpoint_at: datetime | None
    device_bytes: int
    bytes_written: int
    bytes_verified: int
    errors: tuple[dict[str, Any], ...]
    throughput: float
    write_rate: float
    verify_rate: float
    tool: str
    filesystem: str
    fs_label: str
    fs_tools: str
    fs_check: str
    failure_key: str
    failure_params: dict[str, Any]
    #: The workstation and process that ran (or runs) it.
    runner_host: str
    runner_pid: int
    #: Hardware-lock sticks: the operator says the vendor's full initialisation (key
    #: reset) was also done (True) or not (False); None when not asked.
    vendor_key_reset: bool | None = None

    @property
    def duration_seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    def failure_message(self, lang: Lang | None = None) -> str:
        """Why the run did not verify, in the words of the refusal it raised."""
        if not self.failure_key:
            return ""
        params = dict(self.failure_params)
        if "phase" in params:  # the engine's messages name the phase in words
            params["phase"] = t(f"wipe.phase.{params['phase']}", lang)
        try:
            return t(self.failure_key, lang, **params)
        except (KeyError, IndexError, ValueError):
            return self.failure_key  # a text changed since: show the key, never crash


def run_view(run: WipeRun) -> WipeRunView:
    operator = run.operator
    return WipeRunView(
        id=run.id,
        control_number=run.medium.control_number,
        medium_id=run.medium_id,
        loan_id=run.loan_id,
        state=run.state,
        operator_login=operator.login if operator else "",
        operator_name=operator.name if operator else "",
        witness=run.witness,
        device_node=run.device_node,
        detected_serial=run.detected_serial,
        method=run.method,
        passes=run.passes,
        verification=run.verification,
        started_at=run.started_at,
        finished_at=run.finished_at,
        checkpoint_phase=run.checkpoint_phase,
        checkpoint_offset=run.checkpoint_offset,
        checkpoint_at=run.checkpoint_at,
        device_bytes=run.device_bytes,
        bytes_written=run.bytes_written,
        bytes_verified=run.bytes_verified,
        errors=tuple(run.errors or ()),
        throughput=run.throughput,
        write_rate=run.write_rate,
        verify_rate=run.verify_rate,
        tool=run.tool,
        filesystem=run.filesystem,
        fs_label=run.fs_label,
        fs_tools=run.fs_tools,
        fs_check=run.fs_check,
        failure_key=run.failure_key,
        failure_params=dict(run.failure_params or {}),
        runner_host=run.runner_host,
        runner_pid=run.runner_pid,
        vendor_key_reset=run.vendor_key_reset,
    )


_PARTS = (joinedload(WipeRun.medium), joinedload(WipeRun.operator))


def get_run(session: Session, run_id: int) -> WipeRun:
    run = session.scalars(select(WipeRun).where(WipeRun.id == run_id).options(*_PARTS)).first()
    if run is None:
        raise NotFound("error.wiping.run_not_found", ref=run_id)
    return run


def show_wipe_run(ledger: Ledger, run_id: int) -> WipeRunView:
    with ledger.read_session() as session:
        return run_view(get_run(session, run_id))


def wipe_runs_of_medium(ledger: Ledger, control_number: str) -> list[WipeRunView]:
    """Every wipe of the medium, newest first (failed and interrupted ones included)."""
    number = normalise_control_number(control_number)
    with ledger.read_session() as session:
        runs = session.scalars(
            select(WipeRun)
            .join(WipeRun.medium)
            .where(Medium.control_number == number)
            .options(*_PARTS)
            .order_by(WipeRun.id.desc())
        ).all()
        return [run_view(run) for run in runs]


def list_wipe_runs(
    ledger: Ledger, state: WipeState | None = None, limit: int | None = None
) -> list[WipeRunView]:
    """Wipe runs newest first, optionally only those in `state` (e.g. interrupted)."""
    stmt = select(WipeRun).options(*_PARTS).order_by(WipeRun.id.desc())
    if state is not None:
        stmt = stmt.where(WipeRun.state == WipeState(state))
    if limit is not None:
        stmt = stmt.limit(limit)
    with ledger.read_session() as session:
        return [run_view(run) for run in session.scalars(stmt).all()]
