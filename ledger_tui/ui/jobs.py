"""Messages of long jobs (wipe, encrypted load, intake) run in a thread worker: progress
reports that collapse to the latest under a flood, and the outcome or the error."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.message import Message

P = TypeVar("P")
R = TypeVar("R")


def human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:,.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return str(n)


class JobProgressed(Message, Generic[P]):
    def __init__(self, progress: P) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgressed)


class JobStaged(Message):
    def __init__(self, stage: str) -> None:
        super().__init__()
        self.stage = stage


class JobFinished(Message, Generic[R]):
    def __init__(self, outcome: R | None = None, error: BaseException | None = None) -> None:
        super().__init__()
        self.outcome = outcome
        self.error = error
