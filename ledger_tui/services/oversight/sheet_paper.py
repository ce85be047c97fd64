"""The confirmation record sheet (確認記録票) on paper, through the same printing route as
every form (`services.printing`): print first through CUPS and wait, then record
(`sheet.printed`); a failed print records only the attempt (`sheet.print_failed`).
`save_sheet_pdf` writes the file instead (`--pdf`).

The QR code carries the sheet's reference (C0001 for contract 1) and the hash of the
latest trail entry that changed the sheet, so a paper copy names the state it shows.
One copy, the ward's (区控).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import Conflict, DomainError
from ledger_tui.domain.form_series import ContractPaperKind, contract_paper_number
from ledger_tui.i18n import Lang
from ledger_tui.services.organisation import show_contract
from ledger_tui.services.oversight.sheet_views import SheetView, sheet_subject, show_sheet
from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    PrintResult,
    Progress,
    paper_lang,
    print_or_record,
    save_or_record,
    status_text,
    ward_name,
)

if TYPE_CHECKING:  # reportlab loads only when a sheet is actually rendered
    from ledger_tui.system.pdf.confirmation_sheet import ConfirmationSheet


class SheetPrintResult(PrintResult[SheetView]):
    __slots__ = ()

    @property
    def sheet(self) -> SheetView:
        return self.record


def sheet_reference(contract_id: int) -> str:
    """The sheet's reference on paper and in its QR code (CHK-C0012)."""
    return contract_paper_number(ContractPaperKind.SHEET, contract_id)


def sheet_form(ledger: Ledger, view: SheetView, lang: Lang | None = None) -> ConfirmationSheet:
    """The printed form's data from a started sheet (read in `lang`: item labels)."""
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.confirmation_sheet import ConfirmationSheet, SheetLine
    from ledger_tui.system.pdf.layout import Issuer

    if not view.started:
        raise Conflict("sheet.error.no_sheet", contract=view.contract_title)
    contract = show_contract(ledger, view.contract_id)
    return ConfirmationSheet(
        reference=sheet_reference(view.contract_id),
        printed_on=local_date(ledger.clock()),
        issuer=Issuer(ward_name(ledger, lang), view.section_name),
        contract_title=view.contract_title,
        contractor=view.contractor_name,
        section=view.section_name,
        period_start=contract.period_start,
        period_end=contract.period_end,
        lines=tuple(
            SheetLine(row.position, row.label, row.status, row.checked_on, row.checked_by, row.note)
            for row in view.rows
        ),
        audit_hash=view.audit_hash,
    )


def _render(ledger: Ledger, view: SheetView, lang: Lang) -> bytes:
    from ledger_tui.system.pdf.confirmation_sheet import render_confirmation_sheet

    return render_confirmation_sheet(sheet_form(ledger, view, lang), lang)


def sheet_document(ledger: Ledger, contract_id: int, lang: Lang | None = None) -> bytes:
    """The contract's sheet as an A4 PDF."""
    lang = paper_lang(ledger, lang)
    return _render(ledger, show_sheet(ledger, contract_id, lang), lang)


def _record(ledger: Ledger, actor: Actor, view: SheetView, action: str, **details: object) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, sheet_subject(view.contract_id), **details)
        uow.commit()


def _failure_recorder(ledger: Ledger, actor: Actor, view: SheetView) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(ledger, actor, view, "sheet.print_failed", printer=printer, reason=failure.key)

    return record


def print_sheet(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> SheetPrintResult:
    """Print through CUPS, wait for the job, then record it printed."""
    lang = paper_lang(ledger, lang)
    view = show_sheet(ledger, contract_id, lang)
    data = _render(ledger, view, lang)
    job = print_or_record(
        ledger,
        data,
        printer,
        sheet_reference(contract_id),
        _failure_recorder(ledger, actor, view),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    _record(
        ledger,
        actor,
        view,
        "sheet.printed",
        printer=job.printer,
        job=job.job_id,
        sheet_hash=view.audit_hash,
    )
    return SheetPrintResult(
        view, job.job_id, job.printer, job.answer, status_text(job.printer, lang)
    )


def save_sheet_pdf(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
) -> Path:
    """Write the sheet's PDF to `path` (owner-only) and record it like a print."""
    lang = paper_lang(ledger, lang)
    view = show_sheet(ledger, contract_id, lang)
    data = _render(ledger, view, lang)
    printer, written = save_or_record(data, path, _failure_recorder(ledger, actor, view))
    _record(
        ledger,
        actor,
        view,
        "sheet.printed",
        printer=printer,
        job=PDF_JOB,
        sheet_hash=view.audit_hash,
    )
    return written
