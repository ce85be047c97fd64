"""The finished inspection on paper: the USBメモリ管理台帳 点検記録 (A4, Japanese), through
the same printing route as the handover slips (services.printing): print first, then
record; a failed print records only the attempt.

Only a finished inspection prints: its QR code carries the hash of the trail entry that
finished it. One copy by default, the ward's (区控): nothing goes to a contractor.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, IllegalTransition
from ledger_tui.i18n import Lang, t
from ledger_tui.services.inspection.views import InspectionView, LineView, show_inspection
from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    PrintResult,
    Progress,
    copies_to_print,
    paper_lang,
    print_or_record,
    save_or_record,
    ward_name,
)

if TYPE_CHECKING:  # reportlab loads only when a record is actually rendered
    from ledger_tui.system.pdf.inspection_record import InspectionLine, InspectionRecord


class InspectionPrintResult(PrintResult[InspectionView]):
    __slots__ = ()

    @property
    def inspection(self) -> InspectionView:
        return self.record


def _note(line: LineView, lang: Lang) -> str:
    parts = []
    if line.how is not None:
        parts.append(t(f"insp.how.{line.how.value}", lang))
    if not line.control_number and line.serial_seen:
        parts.append(t("insp.paper.serial", lang, serial=line.serial_seen))
    elif line.seal_seen and (line.discrepancy or not line.control_number):
        parts.append(t("insp.paper.seal", lang, seal=line.seal_seen))
    if line.discrepancy:
        parts.append(t(line.discrepancy, lang))
    if line.note:
        parts.append(line.note)
    return t("insp.paper.sep", lang).join(parts)


def _line(line: LineView, lang: Lang) -> InspectionLine:
    from ledger_tui.system.pdf.inspection_record import Finding, InspectionLine

    finding = Finding(line.status.value)
    if finding is Finding.FOUND and line.discrepancy:
        finding = Finding.ANOMALY  # seen, but not where or as the register has it
    return InspectionLine(
        control_number=line.control_number or "—",
        finding=finding,
        kind=line.medium_kind,
        register_state=line.register_state,
        note=_note(line, lang),
    )


def inspection_record_form(view: InspectionView, ward: str, lang: Lang) -> InspectionRecord:
    """The printed form's data from the ledger's view of a finished inspection."""
    from ledger_tui.system.pdf.inspection_record import InspectionRecord
    from ledger_tui.system.pdf.layout import Issuer

    if view.is_open or view.finished_at is None:
        raise IllegalTransition("insp.error.not_finished", number=view.number)
    # The register's order, not the screen's (problems first): one finds a medium by
    # its control number; the missing and unexpected rows are flagged on the form.
    lines = sorted(
        view.lines, key=lambda line: (line.control_number == "", line.control_number, line.id)
    )
    return InspectionRecord(
        number=view.number,
        inspected_at=view.finished_at,
        issuer=Issuer(ward, view.inspector_section),
        inspector=view.inspector_name or view.inspector_login,
        lines=tuple(_line(line, lang) for line in lines),
        notes=view.notes,
        audit_hash=view.audit_hash,
    )


def _document(ledger: Ledger, view: InspectionView, lang: Lang, copies: int) -> bytes:
    from ledger_tui.system.pdf.inspection_record import render_inspection_record

    form = inspection_record_form(view, ward_name(ledger, lang), lang)
    return render_inspection_record(form, lang, copies_to_print(ledger, copies))


def inspection_document(
    ledger: Ledger, inspection_id: int, *, lang: Lang | None = None, copies: int = 1
) -> bytes:
    """The finished inspection's record as an A4 PDF."""
    lang = paper_lang(ledger, lang)
    return _document(ledger, show_inspection(ledger, inspection_id), lang, copies)


def _record(
    ledger: Ledger, actor: Actor, view: InspectionView, action: str, **details: object
) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, f"inspection:{view.number}", **details)
        uow.commit()


def _failure_recorder(ledger: Ledger, actor: Actor, view: InspectionView) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(ledger, actor, view, "inspection.print_failed", printer=printer, reason=failure.key)

    return record


def print_inspection(
    ledger: Ledger,
    actor: Actor,
    inspection_id: int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    copies: int = 1,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> InspectionPrintResult:
    """Print the record through CUPS, wait for the job, then record it printed."""
    lang = paper_lang(ledger, lang)
    view = show_inspection(ledger, inspection_id)
    data = _document(ledger, view, lang, copies)
    job = print_or_record(
        ledger,
        data,
        printer,
        view.number,
        _failure_recorder(ledger, actor, view),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    _record(ledger, actor, view, "inspection.printed", printer=job.printer, job=job.job_id)
    return InspectionPrintResult(view, job.job_id, job.printer, job.answer)


def save_inspection_pdf(
    ledger: Ledger,
    actor: Actor,
    inspection_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    copies: int = 1,
) -> Path:
    """Write the record's PDF to `path` (owner-only) and record it like a print."""
    lang = paper_lang(ledger, lang)
    view = show_inspection(ledger, inspection_id)
    data = _document(ledger, view, lang, copies)
    printer, written = save_or_record(data, path, _failure_recorder(ledger, actor, view))
    _record(ledger, actor, view, "inspection.printed", printer=printer, job=PDF_JOB)
    return written
