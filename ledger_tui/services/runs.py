"""Long jobs that survive a kill -9: who runs them, and whether they still live.

A wipe run and a load are recorded "in_progress" before their first byte with the host
and process id running them (`runner`) and a heartbeat (the time of their last
checkpoint). `LiveRuns` keeps the ids of the jobs of one kind this process is running
right now. `is_dead` tells a job left "in_progress" by a crash from one still running:
on this host by its process (gone, or a zombie its parent has not reaped), on another
workstation by a heartbeat older than `STALE_AFTER`. Each kind marks its dead jobs
interrupted itself (a wipe run "interrupted", a load failed with the reason
"interrupted"): both at the desk's start and before the next job or lending of a medium.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["HEARTBEAT_EVERY", "STALE_AFTER", "LiveRuns", "Runner", "is_dead", "process_alive"]

#: A job on another workstation whose heartbeat is older than this is taken as dead.
STALE_AFTER = timedelta(minutes=10)
#: How often a job that has no natural checkpoint (a load) writes its heartbeat.
HEARTBEAT_EVERY = timedelta(seconds=30)


@dataclass(frozen=True, slots=True)
class Runner:
    """The process running a job: recorded with the job before its first byte."""

    host: str
    pid: int

    @classmethod
    def here(cls) -> Runner:
        return cls(socket.gethostname()[:100], os.getpid())


class LiveRuns:
    """The ids of the jobs of one kind this process is running now (thread-safe)."""

    def __init__(self) -> None:
        self._ids: set[int] = set()
        self._lock = threading.Lock()

    def add(self, run_id: int) -> None:
        """Call before the commit that makes the job's row visible to other desks."""
        with self._lock:
            self._ids.add(run_id)

    def forget(self, run_id: int) -> None:
        with self._lock:
            self._ids.discard(run_id)

    def __contains__(self, run_id: object) -> bool:
        with self._lock:
            return run_id in self._ids

    @contextmanager
    def running(self, run_id: int) -> Iterator[None]:
        """Forget the job however the block ends (it was `add`ed before its commit)."""
        try:
            yield
        finally:
            self.forget(run_id)


def process_alive(pid: int) -> bool:
    """Whether process `pid` of this host runs (a zombie counts as dead)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child its parent has not reaped yet is a zombie: dead all the same
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def is_dead(
    live: LiveRuns,
    run_id: int,
    runner: Runner,
    heartbeat: datetime,
    now: datetime,
    stale_after: timedelta = STALE_AFTER,
) -> bool:
    """Whether the job `run_id` left "in_progress" by `runner` is no longer running."""
    if runner.host == socket.gethostname()[:100]:
        if runner.pid == os.getpid():
            return run_id not in live
        if not process_alive(runner.pid):
            return True
    return now - heartbeat > stale_after
