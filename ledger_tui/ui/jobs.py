"""Messages of long jobs (wipe, encrypted load, intake) run in a thread worker: progress
reports that collapse to the latest under a flood, and the outcome or the error."""

from __future__ import annotations

from typing import Any

from textual.message import Message


def human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:,.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return str(n)


class JobProgressed(Message):
    def __init__(self, progress: Any) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgressed)


class JobStaged(Message):
    def __init__(self, stage: str) -> None:
        super().__init__()
        self.stage = stage


class JobFinished(Message):
    def __init__(self, outcome: Any = None, error: BaseException | None = None) -> None:
        super().__init__()
        self.outcome = outcome
        self.error = error
