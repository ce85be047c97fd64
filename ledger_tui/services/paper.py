"""Every form's way to paper (handover slip, erasure certificate, inspection record,
close-out summary, compliance sheet, oversight forms): the issuing ward, sending a PDF to
CUPS and waiting for the job, or writing it to a file, and what a print gives back.

A form's own module lays out its data and records its prints; a failed attempt is handed
to the form's `FailureRecorder` to go on the trail, then raised. See
`services/lending/slip_paper.py` for why printing runs outside the unit of work that
records it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from ledger_tui.db.models import LedgerMeta
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.i18n import Lang, t
from ledger_tui.services.auth import require_admin
from ledger_tui.system import printing as cups

T = TypeVar("T")

#: ledger_meta key of the ward's name, printed bottom left on every form.
WARD_NAME_KEY = "ward_name"
#: ledger_meta key of the ledger's name given at `init` (checkpoints, the desk's title).
LEDGER_NAME_KEY = "ledger_name"
WARD_NAME_LIMIT = 100
#: The printer and job recorded for a form written to a file instead of printed.
PDF_PRINTER_PREFIX = "pdf:"
PDF_JOB = "file"

Progress = Callable[[cups.PrinterStatus], None]


@dataclass(frozen=True, slots=True)
class PrintResult(Generic[T]):
    """What printing a form gives back to the screen and the CLI: the form's record as
    it stands after printing, the CUPS job, the printer, lp's own reply and the
    printer's state after the job. Each form names its record (`result.slip`, ...)
    with a one-line subclass."""

    record: T
    job_id: str
    printer: str
    answer: str = ""
    status_text: str = ""


@dataclass(frozen=True, slots=True)
class PaperPrint:
    """What printing or saving a numbered form gave, for the record of a form that keeps
    no row of its own (the register sheet, a contract's papers, the erasure witness
    record): its number, where it went (the printer, or "pdf:<file>" when saved), the
    CUPS job ("file" when saved), lp's reply and the file written ("" when printed). A
    form with more to say adds keyword-only fields in a subclass."""

    number: str
    printer: str
    job_id: str
    answer: str = ""
    path: str = ""


# --- the issuer -----------------------------------------------------------------------


def ledger_name(ledger: Ledger) -> str:
    """The ledger's name given at `init` ("" when none was given)."""
    with ledger.read_session() as session:
        row = session.get(LedgerMeta, LEDGER_NAME_KEY)
    return row.value if row is not None else ""


def ward_name(ledger: Ledger, lang: Lang | None = None) -> str:
    """The ward printed as issuer; a visible placeholder until an admin sets it."""
    with ledger.read_session() as session:
        row = session.get(LedgerMeta, WARD_NAME_KEY)
    return row.value if row is not None else t("slip_print.ward_unset", lang)


def set_ward_name(ledger: Ledger, actor: Actor, name: str) -> str:
    """Set the ward's name printed on every form (admin; configured once per ledger)."""
    require_admin(actor)
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("error.field.required", field="ward_name")
    if len(name) > WARD_NAME_LIMIT:
        raise InvalidInput("error.field.too_long", field="ward_name", limit=WARD_NAME_LIMIT)
    with ledger.unit_of_work() as uow:
        previous = uow.meta(WARD_NAME_KEY) or ""
        uow.set_meta(WARD_NAME_KEY, name)
        # An organisation's name, never a person's: fit for the trail.
        uow.record(
            actor, "ledger.ward_name", f"ledger:{ledger.ledger_id}", name=name, previous=previous
        )
        uow.commit()
    return name


def paper_lang(ledger: Ledger, lang: Lang | None = None) -> Lang:
    """The language a form prints in: `lang` when the caller names one, else the paper
    language the ledger was opened with (`LEDGER_TUI_PAPER_LANG`, default ja; never the
    screen's)."""
    return ledger.settings.paper_lang if lang is None else lang


def copies_to_print(ledger: Ledger, copies: int | None = None) -> int:
    """`copies` (1 to the printing limit), else the copies of a form the ledger was
    opened with (`LEDGER_TUI_SLIP_COPIES`, default 2: one for each party)."""
    if copies is None:
        return ledger.settings.slip_copies
    if isinstance(copies, bool) or not 1 <= copies <= cups.MAX_COPIES:
        raise InvalidInput("error.print.copies", field="copies", maximum=cups.MAX_COPIES)
    return copies


# --- the two routes to paper -------------------------------------------------------------


#: Records a failed attempt on the trail: (printer or "pdf:<file>", the error).
FailureRecorder = Callable[[str, DomainError], None]


def print_or_record(
    ledger: Ledger,
    data: bytes,
    printer: str | None,
    title: str,
    on_failure: FailureRecorder,
    *,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> cups.PrintJob:
    """Print on `printer` (when None, the printer the ledger was opened with, else the
    CUPS default) and wait for the job — every form's way to paper: a failure is handed
    to `on_failure` to go on the trail, then raised. The caller records the print itself
    once this returns."""
    name = printer or ledger.settings.printer
    try:
        name = name or cups.default_printer()
        return send_and_wait(
            data, name, title, wait_timeout=wait_timeout, progress=progress, cancel=cancel
        )
    except DomainError as failure:
        on_failure(name, failure)
        raise


def save_or_record(
    data: bytes, path: str | os.PathLike[str], on_failure: FailureRecorder
) -> tuple[str, Path]:
    """Write the PDF to `path` (owner-only) instead of printing; returns the pseudo printer
    a saved form is recorded under ("pdf:<file name>") and the file written. A failure is
    handed to `on_failure`, then raised."""
    printer = f"{PDF_PRINTER_PREFIX}{Path(path).name}"
    try:
        return printer, cups.write_pdf(path, data)
    except DomainError as failure:
        on_failure(printer, failure)
        raise


def send_and_wait(
    data: bytes,
    printer: str,
    title: str,
    *,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> cups.PrintJob:
    """Send a PDF to CUPS and wait until the job is done — the one way every form
    (slip, certificate, inspection record) reaches paper. A timeout, CUPS going away or
    the operator's cancel cancels the job, so no paper can come out later that the
    ledger does not know of; the error is raised for the caller to record."""
    job = cups.print_pdf(data, printer=printer, title=title)
    try:
        finished = cups.wait_for_job(job, wait_timeout, cancel=cancel, progress=progress)
    except BaseException:  # a timeout, CUPS gone, or the operator's Ctrl-C
        _cancel_quietly(job)
        raise
    if not finished:
        raise DomainError("error.slip_print.cancelled", job=job.job_id)
    return job


def _cancel_quietly(job: cups.PrintJob) -> None:
    try:
        cups.cancel_job(job)
    except DomainError:
        pass  # CUPS is unreachable: the timeout already names the printer's state


def status_text(printer: str, lang: Lang) -> str:
    """The printer's state after the job, for the screen; empty if CUPS will not say
    (the job itself finished, so that is no reason to report a failure)."""
    try:
        return cups.printer_status(printer).describe(lang)
    except DomainError:
        return ""
