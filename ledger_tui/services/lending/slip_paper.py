"""Putting a handover slip on paper: the one route the TUI and the command line share.

`slip_document` turns a slip of the ledger into the printed form (区控 / 委託先控);
`print_slip` sends it to CUPS, waits until the printer has finished, then records it;
`save_slip_pdf` writes the file instead (`--pdf PATH`) and records it the same way.

Why printing runs outside the unit of work that records it (print first, then record):
- a job can take seconds to minutes (a queue, a printer out of paper); holding a
  transaction that long would hold the slip's row lock and, on SQLite, the ledger's
  one write lock, stalling every other desk;
- the ledger must only say "printed" once CUPS has actually finished the job, which is
  known only after the wait;
- a print that fails records nothing as printed, but its attempt is kept: a
  `slip.print_failed` entry in its own unit of work, naming the reason's text key.
A job that does not finish in time is cancelled in CUPS, so no paper can come out later
that the ledger does not know of. Should recording fail after the paper came out (the
database went away), the operator sees the error and prints again: a reprint is always
allowed and recorded.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, IllegalTransition
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.i18n import Lang
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import transfer_label
from ledger_tui.services.lending.slip_views import SlipView, find_slip, show_slip
from ledger_tui.services.paper import (
    PDF_JOB,
    PrintResult,
    Progress,
    copies_to_print,
    paper_lang,
    print_or_record,
    save_or_record,
    status_text,
    ward_name,
)

if TYPE_CHECKING:  # reportlab loads only when a slip is actually rendered
    from ledger_tui.system.pdf.handover_slip import HandoverSlip


class SlipPrintResult(PrintResult[SlipView]):
    __slots__ = ()

    @property
    def slip(self) -> SlipView:
        return self.record


# --- the printed form -------------------------------------------------------------------


def check_printable(view: SlipView) -> None:
    """Paper exists only for a slip with its trail entry: never for an unconfirmed one
    (its QR code would carry no hash, and it took no effect)."""
    if view.entry_hash is None:
        raise IllegalTransition("error.slip.draft_not_printable", number=view.number)


def handover_slip_form(
    view: SlipView,
    ward: str,
    cancel_reason: str = "",
    explanation: str = "",
    lang: Lang = "ja",
) -> HandoverSlip:
    """The printed form's data from the ledger's view of the slip. `cancel_reason` is
    the reason written on the cancelling slip (printed on the slip it cancelled too);
    `explanation` the count difference's explanation of the slip a cancelling slip
    cancels (which it repeats)."""
    from ledger_tui.system.pdf import handover_slip as form
    from ledger_tui.system.pdf.layout import Issuer

    reconciliation = None
    if view.direction is SlipDirection.BACK and view.out_slip_number is not None:
        reconciliation = form.CountReconciliation(
            view.out_slip_number,
            view.out_record_count or 0,
            view.mismatch_explanation or explanation,
        )
    return form.HandoverSlip(
        number=view.number,
        direction=form.SlipDirection(view.direction.value),
        handed_at=view.handed_at,
        issuer=Issuer(ward, view.section_name),
        contract_title=view.contract_title,
        section=view.section_name,
        contractor=view.contractor_name,
        ward_handler=view.ward_handler_name,
        contractor_handler=view.contractor_handler_name,
        contractor_handler_role=view.contractor_handler_role,
        medium=form.SlipMedium(
            view.control_number
            if view.medium_kind is not None
            else transfer_label(view.transfer_method.value, view.loan_id, lang),
            view.medium_kind,
            view.medium_serial,
        ),
        content_items=view.items,
        record_count=view.record_count,
        transfer_method=view.transfer_method,
        transfer_detail=view.transfer_detail,
        content_note=view.free_text,
        expected_return=view.expected_return if view.direction is SlipDirection.OUT else None,
        reconciliation=reconciliation,
        notes=view.notes,
        audit_hash=view.entry_hash or "",
        cancelled_by=view.cancelled_by_number or "",
        cancels=view.cancels_number or "",
        cancel_reason=view.cancel_reason or cancel_reason,
        reprint=view.state is SlipState.STAMPED,
        files=tuple(form.SlipFile(f.name, f.size, f.sha256) for f in view.files),
    )


def _document(ledger: Ledger, view: SlipView, lang: Lang, copies: int | None) -> bytes:
    from ledger_tui.system.pdf.handover_slip import render_handover_slip

    check_printable(view)
    count = copies_to_print(ledger, copies)
    # The reason lives on the cancelling slip, the explanation on the cancelled one:
    # each prints both.
    reason = (
        find_slip(ledger, view.cancelled_by_number).cancel_reason
        if view.cancelled_by_number
        else ""
    )
    explanation = (
        find_slip(ledger, view.cancels_number).mismatch_explanation if view.cancels_number else ""
    )
    form = handover_slip_form(view, ward_name(ledger, lang), reason, explanation, lang)
    return render_handover_slip(form, lang, count)


def slip_document(
    ledger: Ledger, slip_id: int, *, lang: Lang | None = None, copies: int | None = None
) -> bytes:
    """The slip as an A4 PDF with `copies` labelled copies (default 2: 区控, 委託先控)."""
    lang = paper_lang(ledger, lang)
    return _document(ledger, show_slip(ledger, slip_id), lang, copies)


# --- recording --------------------------------------------------------------------------


def _record_printed(
    ledger: Ledger, actor: Actor, view: SlipView, printer: str, job_id: str
) -> SlipView:
    """Confirmed or printed: mark it printed (again). Stamped or cancelled: the paper is
    a reprint, which only the trail records. The state is read again by the service: a
    slip stamped or cancelled meanwhile at another desk is recorded as a reprint."""
    if view.state in (SlipState.CONFIRMED, SlipState.PRINTED):
        try:
            return slips.mark_printed(ledger, actor, view.id, printer, job_id)
        except IllegalTransition:
            pass
    slips.record_reprint(ledger, actor, view.id, printer, job_id)
    return show_slip(ledger, view.id)


def _record_failure(
    ledger: Ledger, actor: Actor, view: SlipView, printer: str, error: DomainError
) -> None:
    """Keep the failed attempt on record (its own unit of work: nothing else changes)."""
    with ledger.unit_of_work() as uow:
        uow.record(
            actor, "slip.print_failed", f"slip:{view.number}", printer=printer, reason=error.key
        )
        uow.commit()


# --- the two routes to paper ------------------------------------------------------------


def print_slip(
    ledger: Ledger,
    actor: Actor,
    slip_id: int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    copies: int | None = None,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> SlipPrintResult:
    """Print the slip through CUPS and wait for the job, then record it printed (first
    time, or again before stamping) or reprinted (stamped, cancelled). A failure raises
    the printing error and records only the attempt. `progress` receives the printer's
    state while the job waits; setting `cancel` cancels the job in CUPS."""
    lang = paper_lang(ledger, lang)
    view = show_slip(ledger, slip_id)
    data = _document(ledger, view, lang, copies)
    job = print_or_record(
        ledger,
        data,
        printer,
        view.number,
        lambda name, failure: _record_failure(ledger, actor, view, name, failure),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    recorded = _record_printed(ledger, actor, view, job.printer, job.job_id)
    return SlipPrintResult(
        recorded, job.job_id, job.printer, job.answer, status_text(job.printer, lang)
    )


def save_slip_pdf(
    ledger: Ledger,
    actor: Actor,
    slip_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    copies: int | None = None,
) -> SlipView:
    """Write the slip's PDF to `path` (owner-only) instead of printing, and record it
    like a print: printer "pdf:<file name>", job "file"."""
    lang = paper_lang(ledger, lang)
    view = show_slip(ledger, slip_id)
    data = _document(ledger, view, lang, copies)
    printer, _ = save_or_record(
        data, path, lambda name, failure: _record_failure(ledger, actor, view, name, failure)
    )
    return _record_printed(ledger, actor, view, printer, PDF_JOB)
