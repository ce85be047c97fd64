"""Putting an erasure certificate on paper: the one route the TUI and the command line
share, the same way handover slips go (`services.printing`).

`certificate_document` renders the A4 form: a wipe's データ消去証明書 fills the shared
form (`system.pdf.erasure_certificate`) with the run's figures, labelled honestly per
NIST SP 800-88 (an overwrite is Clear); a shredding's certificate (Destroy) and a
return-to-file record print their own, shorter field table on the same page layout.
`print_certificate` sends it to CUPS, waits until the printer has finished, then records
it (`certificate.printed`); `save_certificate_pdf` writes the file instead (`--pdf`).
Printing runs outside the unit of work that records it, for the reasons given in
`services.printing`; a failed attempt is kept as `certificate.print_failed`.
"""

from __future__ import annotations

import os
import re
import threading
from typing import TYPE_CHECKING

from sqlalchemy import select

from ledger_tui.db.models.wipes import ErasureCertificate
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.domain.wipes import CertificateKind
from ledger_tui.i18n import Lang, t
from ledger_tui.services.paper import (
    PDF_JOB,
    PrintResult,
    Progress,
    paper_lang,
    print_or_record,
    save_or_record,
    status_text,
    ward_name,
)
from ledger_tui.services.wiping.certificates import CertificateView, show_certificate
from ledger_tui.system import printing as cups

if TYPE_CHECKING:  # reportlab loads only when a certificate is actually rendered
    from reportlab.platypus import Flowable

    from ledger_tui.system.pdf.erasure_certificate import ErasureCertificate as WipeForm
    from ledger_tui.system.pdf.layout import Issuer
    from ledger_tui.system.pdf.tables import Field

#: The ward keeps the certificate; more copies on request (e.g. one for the contractor).
DEFAULT_COPIES = 1
_FILESYSTEMS = {"vfat32": "FAT32", "vfat16": "FAT16", "exfat": "exFAT"}


class CertificatePrintResult(PrintResult[CertificateView]):
    __slots__ = ()

    @property
    def certificate(self) -> CertificateView:
        return self.record


# --- the printed form -------------------------------------------------------------------


def _issuer(ledger: Ledger, view: CertificateView, lang: Lang) -> Issuer:
    from ledger_tui.system.pdf.layout import Issuer

    section = (
        view.section_name
        or view.medium_section
        or view.operator_section
        or t("certificate.section_unset", lang)
    )
    return Issuer(ward_name(ledger, lang), section)


def _errors_text(view: CertificateView, lang: Lang) -> str:
    assert view.wipe is not None
    lines = []
    for row in view.wipe.errors:
        phase = t(f"wipe.phase.{row.get('phase', 'write')}", lang)
        key = "certificate.error.recovered" if row.get("recovered") else "certificate.error"
        lines.append(
            t(
                key,
                lang,
                phase=phase,
                offset=f"{int(row.get('offset', 0)):,}",
                errno=row.get("errno", "-"),
            )
        )
    return "\n".join(lines)


def _filesystem_text(view: CertificateView, lang: Lang) -> str:
    assert view.wipe is not None
    run = view.wipe
    if not run.filesystem:
        return t("certificate.no_filesystem", lang)
    return t(
        "certificate.filesystem",
        lang,
        filesystem=_FILESYSTEMS.get(run.filesystem, run.filesystem),
        label=run.fs_label,
    )


_TOOL = re.compile(r"^ledger_tui wipe (?P<version>[^,]+), .*\(cryptography (?P<crypto>[^)]+)\)")


def tool_text(tool: str, maker: str, lang: Lang) -> str:
    """The wipe tool and the file-system maker in the paper's language: the ledger keeps
    the tool's own (English) description; a description it does not know prints as is."""
    match = _TOOL.match(tool)
    text = t("certificate.tool", lang, **match.groupdict()) if match else tool
    return t("certificate.tool_and_maker", lang, tool=text, maker=maker) if maker else text


def wipe_form(view: CertificateView, issuer: Issuer, lang: Lang) -> WipeForm:
    """The shared erasure-certificate form's data from a wipe's certificate."""
    from ledger_tui.system.pdf.erasure_certificate import (
        ErasedMedium,
        ErasureCertificate,
        SanitisationCategory,
    )

    run, category = view.wipe, view.category
    assert run is not None and run.finished_at is not None and category is not None
    method = t(
        "certificate.method",
        lang,
        verification=t(f"certificate.verification.{run.verification}", lang),
        filesystem=_filesystem_text(view, lang),
    )
    if run.vendor_key_reset is not None:  # beside the verified overwrite, as attested
        answer = "done" if run.vendor_key_reset else "not_done"
        method += "\n" + t(f"certificate.vendor_key_reset.{answer}", lang)
    # The file-system maker's version; the checkers' are in the ledger (`fs_tools`).
    tool = tool_text(run.tool, run.fs_tools.split("; ")[0], lang)
    return ErasureCertificate(
        number=view.number,
        issued_at=view.issued_at,
        issuer=issuer,
        medium=ErasedMedium(
            view.control_number,
            view.medium_kind,
            view.medium_vendor,
            view.medium_model,
            run.detected_serial or view.medium_serial,
            run.device_bytes or view.capacity_bytes,
        ),
        method=method,
        category=SanitisationCategory(category.value),
        passes=run.passes,
        pattern=t(f"certificate.pattern.{run.passes}", lang),
        verified=run.bytes_verified == run.bytes_written > 0,
        bytes_written=run.bytes_written,
        bytes_verified=run.bytes_verified,
        started_at=run.started_at,
        finished_at=run.finished_at,
        tool=tool,
        operator=view.operator_name,
        witness=run.witness,
        errors=_errors_text(view, lang),
        contract_title=view.contract_title,
        contractor=view.contractor_name,
        loan_slips=view.loan_slips,
        audit_hash=view.entry_hash,
    )


def _medium_fields(view: CertificateView, lang: Lang) -> list[Field]:
    """The medium's rows of a disposal paper: only those it has (a paper case has no
    make, serial or capacity; its seal is what identifies it)."""
    from ledger_tui.system.pdf.erasure_certificate import capacity_text
    from ledger_tui.system.pdf.tables import Field

    medium = t("slip.group.medium", lang)
    rows = [
        Field(t("slip.field.control_number", lang), view.control_number, medium, large=True),
        Field(t("slip.field.kind", lang), t(f"kind.{view.medium_kind.value}", lang), medium),
    ]
    optional = (
        ("erasure.field.make", view.medium_vendor),
        ("erasure.field.model", view.medium_model),
        ("slip.field.serial", view.medium_serial),
        ("erasure.field.capacity", capacity_text(view.capacity_bytes)),
    )
    rows += [Field(t(key, lang), value, medium) for key, value in optional if value]
    return rows


def _disposal_fields(view: CertificateView, issuer: Issuer, lang: Lang) -> list[Field]:
    """A shredding certificate: how and when it was destroyed (NIST Destroy). A return
    to the section's files: when the papers went back, no erasure rows at all."""
    from ledger_tui.system.pdf.dates import form_date
    from ledger_tui.system.pdf.tables import Field

    disposal = view.disposal
    assert disposal is not None
    use, people = t("erasure.group.use", lang), t("erasure.group.people", lang)
    returned = view.kind is CertificateKind.RETURN_TO_FILE
    fields = [
        Field(t("erasure.field.issuer_section", lang), f"{issuer.ward} {issuer.section}"),
        *_medium_fields(view, lang),
        Field(t("slip.field.contract_title", lang), view.contract_title, use),
        Field(t("slip.group.contractor", lang), view.contractor_name, use),
        Field(
            t("erasure.field.loan", lang), t("form.list_separator", lang).join(view.loan_slips), use
        ),
    ]
    if returned:
        done = t("certificate.return.group", lang)
        fields += [
            Field(t("certificate.return.where", lang), view.section_name or issuer.section, done),
            Field(
                t("certificate.return.returned_on", lang),
                form_date(disposal.performed_on, lang),
                done,
            ),
        ]
    else:
        method = t("certificate.destroy.group", lang)
        category = (
            t("erasure.category", lang, category=t(f"erasure.category.{view.category.value}", lang))
            if view.category is not None
            else t("certificate.category.none", lang)
        )
        fields += [
            Field(
                t("certificate.destroy.method", lang),
                t(f"disposal.method.{disposal.method.value}", lang),
                method,
            ),
            Field(t("erasure.field.category", lang), category, method, large=True),
            Field(
                t("certificate.destroy.performed_on", lang),
                form_date(disposal.performed_on, lang),
                method,
            ),
        ]
    return [
        *fields,
        Field(t("erasure.field.operator", lang), view.operator_name, people),
        Field(t("erasure.field.witness", lang), disposal.witness, people),
        Field(t("certificate.field.notes", lang), disposal.notes or t("form.empty", lang)),
    ]


def _disposal_document(view: CertificateView, issuer: Issuer, lang: Lang, copies: int) -> bytes:
    from ledger_tui.system.pdf.dates import local_day
    from ledger_tui.system.pdf.erasure_certificate import QR_KIND
    from ledger_tui.system.pdf.layout import (
        CONTENT_WIDTH,
        FormFrame,
        copy_labels,
        render_form,
    )
    from ledger_tui.system.pdf.qr import FormReference
    from ledger_tui.system.pdf.styles import FormStyles, para
    from ledger_tui.system.pdf.tables import field_table

    returned = view.kind is CertificateKind.RETURN_TO_FILE
    frame = FormFrame(
        title=t("certificate.return.title" if returned else "certificate.destroy.title", lang),
        number=view.number,
        issued_on=local_day(view.issued_at),
        issuer=issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(
            t("erasure.stamp.operator", lang),
            t("erasure.stamp.witness", lang),
            t("erasure.stamp.checker", lang),
        ),
        reference=FormReference(QR_KIND, view.number, view.entry_hash),
    )
    lead = t("certificate.return.lead" if returned else "certificate.destroy.lead", lang)

    def body(styles: FormStyles) -> list[Flowable]:
        return [
            para(lead, styles.lead),
            field_table(_disposal_fields(view, issuer, lang), styles, CONTENT_WIDTH, dense=True),
        ]

    return render_form(frame, body)


def _copies(copies: int | None) -> int:
    count = DEFAULT_COPIES if copies is None else copies
    if isinstance(count, bool) or not 1 <= count <= cups.MAX_COPIES:
        raise InvalidInput("error.print.copies", field="copies", maximum=cups.MAX_COPIES)
    return count


def render_certificate(
    ledger: Ledger, view: CertificateView, lang: Lang | None = None, copies: int | None = None
) -> bytes:
    lang = paper_lang(ledger, lang)
    issuer = _issuer(ledger, view, lang)
    count = _copies(copies)
    if view.kind is CertificateKind.WIPE:
        from ledger_tui.system.pdf.erasure_certificate import render_erasure_certificate

        return render_erasure_certificate(wipe_form(view, issuer, lang), lang, count)
    return _disposal_document(view, issuer, lang, count)


def certificate_document(
    ledger: Ledger, certificate_id: int, lang: Lang | None = None, copies: int | None = None
) -> bytes:
    """The certificate as an A4 PDF (one copy, 区控, unless told otherwise)."""
    lang = paper_lang(ledger, lang)
    return render_certificate(ledger, show_certificate(ledger, certificate_id), lang, copies)


# --- recording ----------------------------------------------------------------------------


def _record_printed(
    ledger: Ledger, actor: Actor, view: CertificateView, printer: str, job_id: str
) -> CertificateView:
    with ledger.unit_of_work() as uow:
        cert = uow.session.scalars(
            select(ErasureCertificate)
            .where(ErasureCertificate.id == view.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        cert.printed_at = uow.now()
        cert.printer, cert.print_job = printer[:200], job_id[:200]
        cert.print_count += 1
        uow.record(
            actor,
            "certificate.printed",
            f"certificate:{cert.number}",
            printer=cert.printer,
            job=cert.print_job,
            copy=cert.print_count,
        )
        uow.commit()
    return show_certificate(ledger, view.id)


def _record_failure(
    ledger: Ledger, actor: Actor, view: CertificateView, printer: str, error: DomainError
) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(
            actor,
            "certificate.print_failed",
            f"certificate:{view.number}",
            printer=printer,
            reason=error.key,
        )
        uow.commit()


def print_certificate(
    ledger: Ledger,
    actor: Actor,
    certificate_id: int,
    *,
    printer: str | None = None,
    lang: Lang | None = None,
    copies: int | None = None,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> CertificatePrintResult:
    """Print through CUPS, wait for the job, then record it printed (every print counts:
    the first and any reprint). A failure raises the printing error and records only
    the attempt. `progress` gets the printer's state while waiting; `cancel` cancels."""
    lang = paper_lang(ledger, lang)
    view = show_certificate(ledger, certificate_id)
    data = render_certificate(ledger, view, lang, copies)
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
    return CertificatePrintResult(
        recorded, job.job_id, job.printer, job.answer, status_text(job.printer, lang)
    )


def save_certificate_pdf(
    ledger: Ledger,
    actor: Actor,
    certificate_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang | None = None,
    copies: int | None = None,
) -> CertificateView:
    """Write the certificate's PDF to `path` (owner-only) instead of printing, and
    record it like a print: printer "pdf:<file name>", job "file"."""
    lang = paper_lang(ledger, lang)
    view = show_certificate(ledger, certificate_id)
    data = render_certificate(ledger, view, lang, copies)
    printer, _ = save_or_record(
        data, path, lambda name, failure: _record_failure(ledger, actor, view, name, failure)
    )
    return _record_printed(ledger, actor, view, printer, PDF_JOB)
