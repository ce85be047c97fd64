"""Putting the close-out summary (契約完了報告; 契約状況報告 while the contract is open) on
paper, the way certificates go
(`services.certificate_paper`): render the A4 form from the ledger, print through CUPS
and wait for the printer, and only then record it (`contract.summary_printed`); or
save the PDF instead (`--pdf`). A failed attempt is kept as `contract.summary_print_failed`.
"""

from __future__ import annotations

import os
import threading
from datetime import date
from typing import TYPE_CHECKING

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import CheckStatus, format_clauses
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.form_series import ContractPaperKind, contract_paper_number
from ledger_tui.domain.wareki import fiscal_year_text
from ledger_tui.i18n import Lang, t
from ledger_tui.services.lending.loans import transfer_label
from ledger_tui.services.organisation import show_contract
from ledger_tui.services.oversight.closeout_views import CloseOutSummary, closeout_summary
from ledger_tui.services.oversight.sheet_views import show_sheet
from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    PrintResult,
    Progress,
    paper_lang,
    print_or_record,
    save_or_record,
    ward_name,
)
from ledger_tui.system.pdf.dates import form_date, form_date_short, form_datetime

if TYPE_CHECKING:
    from ledger_tui.system.pdf.closeout_summary import CloseOutPaper, PaperTable


class SummaryPrintResult(PrintResult[CloseOutSummary]):
    __slots__ = ()

    @property
    def summary(self) -> CloseOutSummary:
        return self.record


def _year(year: int, lang: Lang) -> str:
    """令和8年度 on Japanese paper, FY2026 on English."""
    return fiscal_year_text(date(year, 4, 1)) if lang == "ja" else f"FY{year}"


def paper_number(summary: CloseOutSummary) -> str:
    """The reference printed and encoded: contract id and close-out trail entry."""
    seq = f"-{summary.close_seq}" if summary.close_seq is not None else ""
    return contract_paper_number(ContractPaperKind.REPORT, summary.contract_id, seq)


def _count(value: int | None) -> str:
    return "" if value is None else f"{value:,}"


def _tables(s: CloseOutSummary, lang: Lang) -> tuple[PaperTable, ...]:
    from ledger_tui.system.pdf.closeout_summary import PaperTable

    def col(*names: str) -> tuple[str, ...]:
        return tuple(t(f"closeout.col.{n}", lang) for n in names)

    mark = t("closeout.mark", lang)
    loans = PaperTable(
        t("closeout.section.loans", lang),
        col(
            "medium",
            "kind",
            "out_slip",
            "back_slip",
            "out_count",
            "back_count",
            "mismatch",
            "certificate",
        ),
        tuple(
            (
                transfer_label(ln.channel, ln.loan_id, lang) if ln.channel else ln.control_number,
                t(f"kind.{ln.medium_kind.value}", lang)
                if ln.medium_kind
                else t("transfer.no_medium", lang),
                ln.out_slip,
                ln.back_slip,
                _count(ln.out_count),
                _count(ln.back_count),
                mark if ln.mismatch else "",
                t("form.list_separator", lang).join(ln.certificates),
            )
            for ln in s.loans
        ),
        (26, 22, 22, 22, 18, 18, 14, 28),
        tuple(i for i, ln in enumerate(s.loans) if ln.mismatch),
    )
    erasures = PaperTable(
        t("closeout.section.erasures", lang),
        col("number", "medium", "date", "detail"),
        tuple(
            (
                c.number,
                c.control_number,
                form_date_short(local_date(c.issued_at), lang),
                t("closeout.row.certificate", lang),
            )
            for c in s.certificates
        )
        + tuple(
            (
                e.certificate_number,
                "",
                form_date_short(e.erased_on, lang),
                t(
                    "closeout.row.contractor_erasure_detail",
                    lang,
                    devices=e.devices,
                    witness=e.witness_name,
                ),
            )
            for e in s.contractor_erasures
        ),
        (30, 30, 34, 76),
    )
    audits = PaperTable(
        t("closeout.section.audits", lang),
        col("fiscal_year", "planned", "done", "auditor"),
        tuple(
            (
                _year(a.fiscal_year, lang),
                form_date_short(a.planned_on, lang),
                form_date_short(a.done_on, lang),
                a.auditor,
            )
            for a in s.audits
        ),
        (24, 40, 40, 66),
    )
    incidents = PaperTable(
        t("closeout.section.incidents", lang),
        col("number", "detail", "date", "state"),
        tuple(
            (
                i.number,
                t(f"incident_kind.{i.kind}", lang),
                form_date_short(local_date(i.discovered_at), lang),
                t(f"incident_state.{i.state.value}", lang),
            )
            for i in s.incidents
        ),
        (30, 50, 50, 40),
    )
    return loans, erasures, audits, incidents


def clause_ranges(clauses: tuple[int, ...] | list[int], lang: Lang) -> str:
    """Clauses as ranges: 第1〜21項 on Japanese paper, 1-21 on English; runs joined by 、."""
    runs = format_clauses(list(clauses)).split(",")
    if lang != "ja":
        return ", ".join(runs)
    return "、".join(run.replace("-", "〜") for run in runs)


def _sheet_table(ledger: Ledger, contract_id: int, lang: Lang) -> PaperTable:
    from ledger_tui.system.pdf.closeout_summary import PaperTable
    from ledger_tui.system.pdf.confirmation_sheet import status_text

    sheet = show_sheet(ledger, contract_id, lang)
    return PaperTable(
        t("closeout.section.sheet", lang),
        tuple(t(f"sheet.paper.col.{n}", lang) for n in ("no", "measure", "status", "checked_on")),
        tuple(
            (
                str(row.position),
                row.label,
                status_text(row.status, lang),
                form_date_short(row.checked_on, lang),
            )
            for row in sheet.rows
        ),
        (10, 112, 20, 28),
        tuple(i for i, row in enumerate(sheet.rows) if row.status in (None, CheckStatus.NOT_MET)),
    )


def _handlers_table(ledger: Ledger, contract_id: int, lang: Lang) -> PaperTable:
    from ledger_tui.system.pdf.closeout_summary import PaperTable

    handlers = show_contract(ledger, contract_id).handlers
    return PaperTable(
        t("closeout.section.handlers", lang),
        tuple(
            t(f"closeout.col.{n}", lang)
            for n in ("handler_name", "handler_role", "handler_period", "handler_reported")
        ),
        tuple(
            (
                h.person_name,
                t(f"handler_role.{h.role.value}", lang),
                t(
                    "closeout.handler_period",
                    lang,
                    start=form_date_short(h.valid_from, lang),
                    end=form_date_short(h.valid_to, lang),
                ),
                form_date_short(h.reported_on, lang),
            )
            for h in handlers
        ),
        (40, 30, 70, 30),
    )


def summary_paper(ledger: Ledger, s: CloseOutSummary, lang: Lang | None = None) -> CloseOutPaper:
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.closeout_summary import CloseOutPaper
    from ledger_tui.system.pdf.layout import Issuer

    closed = (
        f"{form_datetime(s.closed_at, lang)} {s.closed_by}"
        if s.closed_at
        else t("closeout.paper.not_closed", lang)
    )
    fields = (
        (t("closeout.field.contract", lang), s.title),
        (t("closeout.field.section", lang), s.section_name),
        (t("closeout.field.contractor", lang), s.contractor_name),
        (
            t("closeout.field.period", lang),
            t(
                "closeout.period",
                lang,
                start=form_date(s.period_start, lang),
                end=form_date(s.period_end, lang),
            ),
        ),
        (
            t("closeout.field.special_terms", lang),
            t("closeout.clauses", lang, clauses=clause_ranges(s.special_terms, lang)),
        ),
        (
            t("closeout.field.totals", lang),
            t(
                "closeout.totals",
                lang,
                loans=len(s.loans),
                slips=s.slip_count,
                out=f"{s.records_out:,}",
                back=f"{s.records_back:,}",
                mismatch=s.mismatches,
            ),
        ),
        (t("closeout.field.closed", lang), closed),
    )
    issued = local_date(s.closed_at or ledger.clock())
    return CloseOutPaper(
        paper_number(s),
        issued,
        Issuer(ward_name(ledger, lang), s.section_name),
        fields,
        (
            _handlers_table(ledger, s.contract_id, lang),
            _sheet_table(ledger, s.contract_id, lang),
            *_tables(s, lang),
        ),
        s.close_hash,
        closed=s.closed_at is not None,
    )


def summary_document(
    ledger: Ledger, contract_id: int, lang: Lang | None = None, copies: int = 1
) -> bytes:
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.closeout_summary import render_closeout_summary

    paper = summary_paper(ledger, closeout_summary(ledger, contract_id), lang)
    return render_closeout_summary(paper, lang, copies)


def _record(ledger: Ledger, actor: Actor, contract_id: int, action: str, **details: object) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, f"contract:{contract_id}", **details)
        uow.commit()


def _failure_recorder(ledger: Ledger, actor: Actor, contract_id: int) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(
            ledger,
            actor,
            contract_id,
            "contract.summary_print_failed",
            printer=printer,
            reason=failure.key,
        )

    return record


def print_summary(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> SummaryPrintResult:
    """Print through CUPS, wait for the job, then record it; a failure records only the
    attempt and raises the printing error."""
    lang = paper_lang(ledger, lang)
    data = summary_document(ledger, contract_id, lang)
    job = print_or_record(
        ledger,
        data,
        printer,
        contract_paper_number(ContractPaperKind.REPORT, contract_id),
        _failure_recorder(ledger, actor, contract_id),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    _record(
        ledger, actor, contract_id, "contract.summary_printed", printer=job.printer, job=job.job_id
    )
    return SummaryPrintResult(closeout_summary(ledger, contract_id), job.job_id, job.printer)


def save_summary_pdf(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
) -> SummaryPrintResult:
    """Write the summary's PDF to `path` (owner-only) and record it like a print."""
    lang = paper_lang(ledger, lang)
    data = summary_document(ledger, contract_id, lang)
    printer, _ = save_or_record(data, path, _failure_recorder(ledger, actor, contract_id))
    _record(ledger, actor, contract_id, "contract.summary_printed", printer=printer, job=PDF_JOB)
    return SummaryPrintResult(closeout_summary(ledger, contract_id), PDF_JOB, printer)
