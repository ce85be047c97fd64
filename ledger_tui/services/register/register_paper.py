"""The USBメモリ管理台帳 on paper: every medium of the ward (or of one section) with every
loan it served, read from the ledger a page of media at a time.

A large ward's register runs to thousands of media and tens of thousands of loans: the
rows are read by keyset (control-number order, `PAGE` media per query, their loans,
slips and certificates in three more), turned into one small table per medium and laid
out as they come (`system.pdf.layout.StreamedStory`); no query and no list holds the
whole register. The sheet's number and QR code name the trail head it was read at
("REG-<sequence>" and that entry's hash); printing it, or saving it as a PDF, is a trail
entry (`register.printed`, a failed attempt `register.print_failed`).
"""

from __future__ import annotations

import os
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ledger_tui.db.models import (
    AuditHead,
    Contract,
    Contractor,
    HandlerDesignation,
    HandoverSlip,
    Loan,
    Medium,
    Section,
)
from ledger_tui.db.models.wipes import ErasureCertificate
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import DomainError, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.slips import TOOK_EFFECT, SlipDirection
from ledger_tui.i18n import Lang
from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    PaperPrint,
    PrintResult,
    Progress,
    print_or_record,
    save_or_record,
    ward_name,
)

if TYPE_CHECKING:  # reportlab loads only when a form is actually rendered
    from ledger_tui.system.pdf.media_register import (
        MediaRegisterSheet,
        RegisterEntry,
        RegisterLoan,
    )

#: Media read per query.
PAGE = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterPrint(PaperPrint):
    """The sheet printed or saved, and how many media it lists."""

    media: int


@dataclass(frozen=True, slots=True)
class _Scope:
    section_id: int | None
    section_name: str
    subject: str


def _scope(session: Session, section_code: str | None) -> _Scope:
    if not section_code:
        return _Scope(None, "", "register:ward")
    section = session.scalars(select(Section).where(Section.code == section_code.strip())).first()
    if section is None:
        raise NotFound("error.section.not_found", code=section_code)
    return _Scope(section.id, section.name, f"register:section:{section.code}")


def _media_query(scope: _Scope) -> Select[Medium]:
    stmt = select(Medium)
    if scope.section_id is not None:
        # A section's media: those it owns (保有課), lent or not, whoever's contract
        # they served.
        stmt = stmt.where(Medium.section_id == scope.section_id)
    return stmt


def _unlent_ends(session: Session, media: list[Medium]) -> dict[int, RegisterLoan]:
    """The certificates of `media` that no loan ties to (a spoiled CD-R shredded, a new
    stick's first wipe): the latest per medium, as the end of a row without a loan."""
    from ledger_tui.system.pdf.media_register import RegisterLoan

    found: dict[int, RegisterLoan] = {}
    for cert in session.scalars(
        select(ErasureCertificate)
        .where(
            ErasureCertificate.medium_id.in_([medium.id for medium in media]),
            ErasureCertificate.loan_id.is_(None),
        )
        .order_by(ErasureCertificate.issued_at, ErasureCertificate.id)
    ):
        found[cert.medium_id] = RegisterLoan(
            contract="",
            contractor="",
            end_kind=cert.kind.value,
            certificate=cert.number,
            ended_on=local_date(cert.issued_at),
        )
    return found


def _loans_of(session: Session, media: list[Medium]) -> dict[int, list[RegisterLoan]]:
    """The loans of `media` that went out (drafts never left the desk), oldest first,
    with their slips that took effect and the certificate that ended each."""
    from ledger_tui.system.pdf.media_register import RegisterLoan

    ids = [medium.id for medium in media]
    loans = session.execute(
        select(Loan, Contract.title, Contractor.name)
        .join(Contract, Contract.id == Loan.contract_id)
        .join(Contractor, Contractor.id == Contract.contractor_id)
        .where(Loan.medium_id.in_(ids), Loan.state != LoanState.DRAFT)
        .order_by(Loan.medium_id, Loan.created_at, Loan.id)
    ).all()
    loan_ids = [loan.id for loan, _, _ in loans]
    slips: dict[tuple[int, SlipDirection], HandoverSlip] = {}
    handlers: dict[int, str] = {}
    for slip, handler in session.execute(
        select(HandoverSlip, HandlerDesignation.person_name)
        .join(HandlerDesignation, HandlerDesignation.id == HandoverSlip.handler_id)
        .where(
            HandoverSlip.loan_id.in_(loan_ids),
            HandoverSlip.state.in_(TOOK_EFFECT),
            HandoverSlip.cancels_slip_id.is_(None),
        )
        .order_by(HandoverSlip.handed_at)
    ).all():
        slips[(slip.loan_id, slip.direction)] = slip  # the latest of each direction
        handlers[slip.id] = handler
    certificates = {
        cert.loan_id: cert
        for cert in session.scalars(
            select(ErasureCertificate).where(ErasureCertificate.loan_id.in_(loan_ids))
        )
    }
    found: dict[int, list[RegisterLoan]] = defaultdict(list)
    for loan, title, contractor in loans:
        out = slips.get((loan.id, SlipDirection.OUT))
        back = slips.get((loan.id, SlipDirection.BACK))
        cert = certificates.get(loan.id)
        assert loan.medium_id is not None
        found[loan.medium_id].append(
            RegisterLoan(
                contract=title,
                contractor=contractor,
                handler=handlers.get(out.id, "") if out is not None else "",
                out_at=out.handed_at if out is not None else None,
                out_slip=out.number if out is not None else "",
                count=out.record_count if out is not None else None,
                due=(out.expected_return if out is not None else None) or loan.expected_return,
                back_at=back.handed_at if back is not None else None,
                back_slip=back.number if back is not None else "",
                back_count=back.record_count if back is not None else None,
                end_kind=cert.kind.value if cert is not None else "",
                certificate=cert.number if cert is not None else "",
                ended_on=local_date(cert.issued_at) if cert is not None else None,
                open=loan.state is not LoanState.CLOSED,
            )
        )
    return found


def register_entries(
    ledger: Ledger, section_code: str | None = None, *, page: int = PAGE
) -> Iterator[RegisterEntry]:
    """Every medium of the register (owned by `section_code`, or of the ward) in
    control-number order with its loans, oldest first: read `page` media at a time, each
    page in its own short read."""
    from ledger_tui.system.pdf.media_register import RegisterEntry

    with ledger.read_session() as session:
        scope = _scope(session, section_code)
    after = ""
    while True:
        with ledger.read_session() as session:
            media = list(
                session.scalars(
                    _media_query(scope)
                    .where(Medium.control_number > after)
                    .order_by(Medium.control_number)
                    .limit(page)
                )
            )
            if not media:
                return
            loans = _loans_of(session, media)
            ends = _unlent_ends(session, media)
        for medium in media:
            yield RegisterEntry(
                control_number=medium.control_number,
                kind=medium.kind,
                make_model=" ".join(p for p in (medium.vendor, medium.model) if p),
                serial=medium.serial,
                registered_on=local_date(medium.registered_at),
                location=medium.location,
                state=medium.state,
                loans=tuple(loans.get(medium.id, ())),
                end=ends.get(medium.id),
            )
        after = media[-1].control_number
        if len(media) < page:
            return


def register_sheet(
    ledger: Ledger, actor: Actor, section_code: str | None = None, *, lang: Lang = "ja"
) -> MediaRegisterSheet:
    """The sheet of the register as it stands: its rows are read as it is laid out."""
    from ledger_tui.system.pdf.layout import Issuer
    from ledger_tui.system.pdf.media_register import MediaRegisterSheet

    with ledger.read_session() as session:
        scope = _scope(session, section_code)
        head = session.get(AuditHead, 1)
        count = session.scalar(select(func.count()).select_from(_media_query(scope).subquery()))
    seq, entry_hash = (head.seq, head.entry_hash) if head is not None else (0, "")
    return MediaRegisterSheet(
        number=f"REG-{seq}",
        printed_at=ledger.clock(),
        issuer=Issuer(ward_name(ledger, lang), scope.section_name),
        prepared_by=actor.name or actor.login,
        entries=register_entries(ledger, section_code),
        audit_hash=entry_hash,
        scope=scope.section_name,
        count=count or 0,
    )


def register_document(
    ledger: Ledger, actor: Actor, section_code: str | None = None, *, lang: Lang = "ja"
) -> tuple[MediaRegisterSheet, bytes]:
    """The register as an A4 landscape PDF (one copy: the ward files it)."""
    from ledger_tui.system.pdf.media_register import render_media_register

    sheet = register_sheet(ledger, actor, section_code, lang=lang)
    return sheet, render_media_register(sheet, lang)


def _record(ledger: Ledger, actor: Actor, action: str, subject: str, **details: object) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, subject, **details)
        uow.commit()


def _failure(ledger: Ledger, actor: Actor, subject: str) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(
            ledger, actor, "register.print_failed", subject, printer=printer, reason=failure.key
        )

    return record


def _subject(section_code: str | None) -> str:
    return f"register:section:{section_code.strip()}" if section_code else "register:ward"


def print_register(
    ledger: Ledger,
    actor: Actor,
    section_code: str | None = None,
    *,
    printer: str | None = None,
    lang: Lang = "ja",
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PrintResult[RegisterPrint]:
    """Print the register through CUPS, wait for the job, then record it."""
    sheet, data = register_document(ledger, actor, section_code, lang=lang)
    subject = _subject(section_code)
    job = print_or_record(
        ledger,
        data,
        printer,
        sheet.number,
        _failure(ledger, actor, subject),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    media = sheet.count or 0
    _record(
        ledger,
        actor,
        "register.printed",
        subject,
        number=sheet.number,
        media=media,
        printer=job.printer,
        job=job.job_id,
    )
    done = RegisterPrint(sheet.number, job.printer, job.job_id, job.answer, media=media)
    return PrintResult(done, job.job_id, job.printer, job.answer)


def save_register_pdf(
    ledger: Ledger,
    actor: Actor,
    path: str | os.PathLike[str],
    section_code: str | None = None,
    *,
    lang: Lang = "ja",
) -> RegisterPrint:
    """Write the register to `path` instead of printing it, and record that."""
    sheet, data = register_document(ledger, actor, section_code, lang=lang)
    subject = _subject(section_code)
    printer, written = save_or_record(data, path, _failure(ledger, actor, subject))
    media = sheet.count or 0
    _record(
        ledger,
        actor,
        "register.printed",
        subject,
        number=sheet.number,
        media=media,
        printer=printer,
        job=PDF_JOB,
    )
    return RegisterPrint(sheet.number, printer, PDF_JOB, path=str(written), media=media)
