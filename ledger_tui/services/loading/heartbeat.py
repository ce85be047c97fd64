"""A running load's heartbeat: how another desk tells it from a load cut short.

A load is recorded "in_progress" with the process running it and a heartbeat
(`services.runs`); loads whose process is gone are failed as interrupted by
`services.lending.unfinished_loads` (a stick whose load did not finish never goes out).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import CursorResult, update

from ledger_tui.db.models.loads import Load
from ledger_tui.db.uow import Ledger, UnitOfWork
from ledger_tui.domain.errors import Conflict
from ledger_tui.domain.loads import LoadState
from ledger_tui.services.lending.loans import get_loan, loan_label
from ledger_tui.services.runs import HEARTBEAT_EVERY

__all__ = ["Heartbeat"]


class Heartbeat:
    """Writes a running load's heartbeat at most every `every` (in the loading thread).
    A load another desk took for dead is not written over: the load stops instead."""

    def __init__(self, ledger: Ledger, load_id: int, every: timedelta = HEARTBEAT_EVERY) -> None:
        self._ledger, self._load_id, self._every = ledger, load_id, every
        self._last: datetime | None = None

    def beat(self) -> None:
        now = self._ledger.clock()
        if self._last is not None and now - self._last < self._every:
            return
        with self._ledger.unit_of_work() as uow:
            done = uow.session.execute(
                update(Load)
                .where(Load.id == self._load_id, Load.state == LoadState.IN_PROGRESS)
                .values(heartbeat_at=uow.now())
            )
            assert isinstance(done, CursorResult)  # an UPDATE's result has a row count
            if done.rowcount == 0:
                raise Conflict(
                    "load.error.no_longer_running_here", medium=_name(uow, self._load_id)
                )
            uow.commit()
        self._last = now


def _name(uow: UnitOfWork, load_id: int) -> str:
    """What the load was of, as the desk knows it (the stick, or the transfer)."""
    load = uow.session.get(Load, load_id)
    assert load is not None
    return loan_label(get_loan(uow, load.loan_id))
