"""Putting oversight on paper: the 事故報告書 of an incident and the 監査記録 of a
contract's audits, through the same route as the other forms (`services.printing`):
print through CUPS first and record it after (`incident.printed`, `audit.printed`); a
failed attempt records only the attempt; `save_*_pdf` writes the file instead (`--pdf`).

The incident report's QR code carries its number and the hash of the trail entry that
recorded the incident; the audit history's carries "C<contract id>" and the hash of the
contract's latest audit entry (so a reprint after a new audit is told apart).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, Contract
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, NotFound
from ledger_tui.domain.form_series import ContractPaperKind, contract_paper_number
from ledger_tui.i18n import Lang, t
from ledger_tui.services.oversight.audits import AuditStatus, list_audits
from ledger_tui.services.oversight.incident_views import IncidentView, show_incident
from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    Progress,
    copies_to_print,
    paper_lang,
    print_or_record,
    save_or_record,
    ward_name,
)
from ledger_tui.system.pdf.dates import form_datetime

if TYPE_CHECKING:  # reportlab loads only when a form is actually rendered
    from ledger_tui.system.pdf.audit_history import AuditHistory
    from ledger_tui.system.pdf.incident_report import IncidentReport


@dataclass(frozen=True, slots=True)
class PaperResult:
    """What was printed or saved: the form's number, where it went and the job."""

    number: str
    printer: str
    job_id: str
    answer: str = ""
    path: str = ""


# --- incident report ------------------------------------------------------------------


def incident_report_form(view: IncidentView, ward: str, lang: Lang) -> IncidentReport:
    from ledger_tui.system.pdf.incident_report import IncidentReport
    from ledger_tui.system.pdf.layout import Issuer

    kind = t(f"incident_kind.{view.kind.value}", lang)
    if view.suspected:
        kind += t("incident.suspected", lang)
    loan = (
        ""
        if view.loan_id is None or view.loan_state is None
        else t(
            "incident.value.loan",
            lang,
            medium=view.loan_name,
            state=t(f"state.loan.{view.loan_state.value}", lang),
        )
    )
    closed = (
        ""
        if view.closed_at is None
        else t(
            "incident.value.closed",
            lang,
            moment=form_datetime(view.closed_at, lang),
            note=view.closure_note,
        )
    )
    return IncidentReport(
        number=view.number,
        issued_at=view.recorded_at,
        issuer=Issuer(ward, view.section_name),
        kind=kind,
        status=t(f"incident_state.{view.state.value}", lang),
        contract_title=view.contract_title,
        contractor=view.contractor_name,
        loan=loan,
        medium=view.control_number,
        handlers=view.handler_names,
        occurred_at=view.occurred_at,
        discovered_at=view.discovered_at,
        notified_at=view.notified_at,
        notified_by=view.notified_by,
        notification_hours=view.notification_hours,
        late_notification=view.late_notification,
        description=view.description,
        records_affected=view.records_affected,
        measures_taken=view.measures_taken,
        instructions=view.instructions,
        written_report_on=view.written_report_on,
        closed=closed,
        audit_hash=view.entry_hash,
    )


def incident_document(
    ledger: Ledger, number_or_id: str | int, *, lang: Lang | None = None, copies: int = 1
) -> bytes:
    """The incident's 事故報告書 as an A4 PDF."""
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.incident_report import render_incident_report

    view = show_incident(ledger, number_or_id)
    form = incident_report_form(view, ward_name(ledger, lang), lang)
    return render_incident_report(form, lang, copies_to_print(ledger, copies))


# --- audit history --------------------------------------------------------------------


def history_number(contract_id: int) -> str:
    return contract_paper_number(ContractPaperKind.AUDITS, contract_id)


def audit_history_form(ledger: Ledger, contract_id: int, lang: Lang | None = None) -> AuditHistory:
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.audit_history import AuditHistory, AuditLine
    from ledger_tui.system.pdf.layout import Issuer

    with ledger.read_session() as session:
        contract = session.get(Contract, contract_id)
        if contract is None:
            raise NotFound("error.contract.not_found", ref=contract_id)
        title, contractor = contract.title, contract.contractor.name
        section, start, end = contract.section.name, contract.period_start, contract.period_end
        entry_hash = session.scalar(
            select(AuditEntry.entry_hash)
            .where(
                AuditEntry.subject == f"contract:{contract_id}", AuditEntry.action.like("audit.%")
            )
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
    lines = tuple(
        AuditLine(
            fiscal_year=a.fiscal_year,
            kind=t(f"audit_kind.{a.kind.value}", lang),
            planned_on=a.planned_on,
            done_on=a.done_on,
            auditor=a.auditor,
            findings=a.findings,
            follow_ups=a.follow_ups,
            follow_ups_closed_on=a.follow_ups_closed_on,
            open_follow_ups=a.status is AuditStatus.FOLLOW_UPS_OPEN,
        )
        for a in list_audits(ledger, contract_id)
    )
    return AuditHistory(
        number=history_number(contract_id),
        issued_at=ledger.clock(),
        issuer=Issuer(ward_name(ledger, lang), section),
        contract_title=title,
        contractor=contractor,
        period_start=start,
        period_end=end,
        lines=lines,
        audit_hash=entry_hash or "",
    )


def audit_history_document(
    ledger: Ledger, contract_id: int, *, lang: Lang | None = None, copies: int = 1
) -> bytes:
    """A contract's 監査記録 as an A4 PDF."""
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.audit_history import render_audit_history

    return render_audit_history(
        audit_history_form(ledger, contract_id, lang), lang, copies_to_print(ledger, copies)
    )


# --- print or save, then record --------------------------------------------------------


def _record(ledger: Ledger, actor: Actor, action: str, subject: str, **details: object) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, subject, **details)
        uow.commit()


def _failure_recorder(ledger: Ledger, actor: Actor, area: str, subject: str) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(ledger, actor, f"{area}.print_failed", subject, printer=printer, reason=failure.key)

    return record


def _print(
    ledger: Ledger,
    actor: Actor,
    data: bytes,
    number: str,
    area: str,
    subject: str,
    printer: str | None,
    wait_timeout: float,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> PaperResult:
    job = print_or_record(
        ledger,
        data,
        printer,
        number,
        _failure_recorder(ledger, actor, area, subject),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    _record(ledger, actor, f"{area}.printed", subject, printer=job.printer, job=job.job_id)
    return PaperResult(number, job.printer, job.job_id, job.answer)


def _save(
    ledger: Ledger,
    actor: Actor,
    data: bytes,
    number: str,
    area: str,
    subject: str,
    path: str | os.PathLike[str],
) -> PaperResult:
    printer, written = save_or_record(data, path, _failure_recorder(ledger, actor, area, subject))
    _record(ledger, actor, f"{area}.printed", subject, printer=printer, job=PDF_JOB)
    return PaperResult(number, printer, PDF_JOB, path=str(written))


def print_incident(
    ledger: Ledger,
    actor: Actor,
    number_or_id: str | int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    copies: int = 1,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PaperResult:
    """Print the incident report through CUPS, wait for the job, then record it."""
    lang = paper_lang(ledger, lang)
    view = show_incident(ledger, number_or_id)
    data = incident_document(ledger, view.id, lang=lang, copies=copies)
    return _print(
        ledger,
        actor,
        data,
        view.number,
        "incident",
        f"incident:{view.number}",
        printer,
        wait_timeout,
        progress,
        cancel,
    )


def save_incident_pdf(
    ledger: Ledger,
    actor: Actor,
    number_or_id: str | int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    copies: int = 1,
) -> PaperResult:
    lang = paper_lang(ledger, lang)
    view = show_incident(ledger, number_or_id)
    data = incident_document(ledger, view.id, lang=lang, copies=copies)
    return _save(ledger, actor, data, view.number, "incident", f"incident:{view.number}", path)


def print_audit_history(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    copies: int = 1,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PaperResult:
    """Print the contract's audit history through CUPS, then record it."""
    lang = paper_lang(ledger, lang)
    data = audit_history_document(ledger, contract_id, lang=lang, copies=copies)
    return _print(
        ledger,
        actor,
        data,
        history_number(contract_id),
        "audit",
        f"contract:{contract_id}",
        printer,
        wait_timeout,
        progress,
        cancel,
    )


def save_audit_history_pdf(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    copies: int = 1,
) -> PaperResult:
    lang = paper_lang(ledger, lang)
    data = audit_history_document(ledger, contract_id, lang=lang, copies=copies)
    return _save(
        ledger, actor, data, history_number(contract_id), "audit", f"contract:{contract_id}", path
    )
