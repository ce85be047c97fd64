"""A contract's own papers: the 特記事項（別紙） attached to the contract (the clauses it
carries, with their text) and the 取扱責任者・取扱者 指定報告 (its designated handlers,
their periods and the day each was reported, clause 13).

Printed like every form (`services.paper`): to CUPS first, recorded after
(`contract.terms_printed`, `contract.handlers_printed`; a failed attempt
`contract.print_failed`). Each paper's QR code carries "T<id>" / "H<id>" and the hash of
the contract's latest trail entry about its terms or its handlers.
"""

from __future__ import annotations

import enum
import os
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.compliance import (
    CLAUSES_UNDER_PREVIOUS_HEADING,
    CLAUSES_WITH_SEED_HEADING,
)
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.form_series import ContractPaperKind, contract_paper_number
from ledger_tui.i18n import Lang, t
from ledger_tui.services.organisation import ContractView, show_contract

if TYPE_CHECKING:  # reportlab loads only when a form is actually rendered
    from ledger_tui.system.pdf.special_terms import ContractHeading

from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    PaperPrint,
    PrintResult,
    Progress,
    copies_to_print,
    print_or_record,
    save_or_record,
    ward_name,
)


class ContractPaper(enum.StrEnum):
    TERMS = "terms"  # 特記事項（別紙）
    HANDLERS = "handlers"  # 取扱責任者・取扱者 指定報告


#: The paper's number prefix and the trail actions its QR hash follows.
_NUMBER = {
    ContractPaper.TERMS: ContractPaperKind.TERMS,
    ContractPaper.HANDLERS: ContractPaperKind.HANDLERS,
}
_ACTIONS = {
    ContractPaper.TERMS: ("contract.added", "contract.terms_set"),
    ContractPaper.HANDLERS: ("contract.added", "handler.%"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ContractPrint(PaperPrint):
    """The contract's paper printed or saved, and which of its papers it was."""

    paper: ContractPaper


def paper_number(paper: ContractPaper, contract_id: int) -> str:
    return contract_paper_number(_NUMBER[paper], contract_id)


def _heading(
    ledger: Ledger, view: ContractView, paper: ContractPaper, lang: Lang
) -> ContractHeading:
    from ledger_tui.system.pdf.layout import Issuer
    from ledger_tui.system.pdf.special_terms import ContractHeading

    first, pattern = _ACTIONS[paper]
    with ledger.read_session() as session:
        entry_hash = session.scalar(
            select(AuditEntry.entry_hash)
            .where(
                AuditEntry.subject == f"contract:{view.id}",
                or_(AuditEntry.action == first, AuditEntry.action.like(pattern)),
            )
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
    return ContractHeading(
        number=paper_number(paper, view.id),
        issued_at=ledger.clock(),
        issuer=Issuer(ward_name(ledger, lang), view.section_name),
        title=view.title,
        contractor=view.contractor_name,
        period_start=view.period_start,
        period_end=view.period_end,
        audit_hash=entry_hash or "",
    )


def _heading_of(clause: int, lang: Lang) -> str:
    """The seed's heading above `clause`; "" under the heading of the clause before."""
    if clause in CLAUSES_UNDER_PREVIOUS_HEADING:
        return ""
    if clause in CLAUSES_WITH_SEED_HEADING:
        return t(f"clause.seed_heading.{clause}", lang)
    return t(f"clause.{clause}", lang)


def contract_paper_document(
    ledger: Ledger,
    contract_id: int,
    paper: ContractPaper | str,
    *,
    lang: Lang = "ja",
    copies: int | None = None,
) -> bytes:
    """The contract's 特記事項（別紙） or 指定報告 as an A4 PDF (区控 and 委託先控)."""
    from ledger_tui.system.pdf.special_terms import (
        Clause,
        DesignatedHandler,
        render_handler_report,
        render_special_terms,
    )

    chosen = ContractPaper(paper)
    view = show_contract(ledger, contract_id)
    head = _heading(ledger, view, chosen, lang)
    count = copies_to_print(ledger, copies)
    if chosen is ContractPaper.TERMS:
        clauses = [
            Clause(n, _heading_of(n, lang), t(f"clause.text.{n}", lang))
            for n in sorted(view.special_terms)
        ]
        return render_special_terms(head, clauses, lang, count)
    handlers = [
        DesignatedHandler(
            h.person_name,
            t(f"handler_role.{h.role.value}", lang),
            h.valid_from,
            h.valid_to,
            h.reported_on,
        )
        for h in sorted(view.handlers, key=lambda h: (h.valid_from, h.id))
    ]
    return render_handler_report(head, handlers, lang, count)


def _record(ledger: Ledger, actor: Actor, action: str, subject: str, **details: object) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, subject, **details)
        uow.commit()


def _failure(ledger: Ledger, actor: Actor, subject: str, paper: ContractPaper) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(
            ledger,
            actor,
            "contract.print_failed",
            subject,
            paper=paper.value,
            printer=printer,
            reason=failure.key,
        )

    return record


def print_contract_paper(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    paper: ContractPaper | str,
    *,
    printer: str | None = None,
    lang: Lang = "ja",
    copies: int | None = None,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PrintResult[ContractPrint]:
    """Print the contract's paper through CUPS, wait for the job, then record it."""
    chosen = ContractPaper(paper)
    data = contract_paper_document(ledger, contract_id, chosen, lang=lang, copies=copies)
    subject, number = f"contract:{contract_id}", paper_number(chosen, contract_id)
    job = print_or_record(
        ledger,
        data,
        printer,
        number,
        _failure(ledger, actor, subject, chosen),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    _record(
        ledger,
        actor,
        f"contract.{chosen.value}_printed",
        subject,
        number=number,
        printer=job.printer,
        job=job.job_id,
    )
    done = ContractPrint(number, job.printer, job.job_id, job.answer, paper=chosen)
    return PrintResult(done, job.job_id, job.printer, job.answer)


def save_contract_paper_pdf(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    paper: ContractPaper | str,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "ja",
    copies: int | None = None,
) -> ContractPrint:
    """Write the contract's paper to `path` instead of printing it, and record that."""
    chosen = ContractPaper(paper)
    data = contract_paper_document(ledger, contract_id, chosen, lang=lang, copies=copies)
    subject, number = f"contract:{contract_id}", paper_number(chosen, contract_id)
    printer, written = save_or_record(data, path, _failure(ledger, actor, subject, chosen))
    _record(
        ledger,
        actor,
        f"contract.{chosen.value}_printed",
        subject,
        number=number,
        printer=printer,
        job=PDF_JOB,
    )
    return ContractPrint(number, printer, PDF_JOB, path=str(written), paper=chosen)
