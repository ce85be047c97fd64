"""What printing a form gives back to the screen and the CLI, the same for every form:
the form's record as it stands after printing, the CUPS job, the printer, lp's own reply
and the printer's state after the job. Each form names its record (`result.slip`,
`result.certificate`, ...) with a one-line subclass."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PrintResult(Generic[T]):
    record: T
    job_id: str
    printer: str
    answer: str = ""
    status_text: str = ""
