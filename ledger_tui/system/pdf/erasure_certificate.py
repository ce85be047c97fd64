"""データ消去証明書 (erasure certificate): who erased which medium, how, when, verified
how, witnessed by whom. The NIST SP 800-88 category is printed as given: Clear for an
overwrite, Purge only for a documented cryptographic erase, Destroy for destruction.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.domain.media import MediumKind
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_datetime, local_day
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, field_table

QR_KIND = "ERASE"


class SanitisationCategory(enum.StrEnum):
    CLEAR = "clear"
    PURGE = "purge"
    DESTROY = "destroy"


@dataclass(frozen=True, slots=True)
class ErasedMedium:
    control_number: str
    kind: MediumKind
    make: str = ""
    model: str = ""
    serial: str = ""
    capacity_bytes: int | None = None


@dataclass(frozen=True, slots=True)
class ErasureCertificate:
    number: str
    issued_at: datetime
    issuer: Issuer  # the issuing section, printed bottom left and in the table
    medium: ErasedMedium
    method: str  # e.g. "全領域上書き＋exFAT 初期化"
    category: SanitisationCategory
    passes: int
    pattern: str  # e.g. "AES-256-CTR 擬似乱数"
    verified: bool | None  # None: no read-back was made
    bytes_written: int
    bytes_verified: int
    started_at: datetime
    finished_at: datetime
    tool: str  # tool and version
    operator: str  # 実施者
    witness: str = ""  # 立会者
    errors: str = ""
    contract_title: str = ""
    contractor: str = ""
    loan_slips: tuple[str, ...] = ()  # the handover slips of the loan the medium served
    audit_hash: str = ""


def capacity_text(capacity: int | None) -> str:
    """'15.4 GB (15,376,000,000 B)': decimal GB as printed on the stick's packaging."""
    if capacity is None:
        return ""
    return f"{capacity / 1e9:.1f} GB ({capacity:,} B)"


def duration_text(seconds: float) -> str:
    """3725 s -> '1:02:05' (hours:minutes:seconds, the same in both languages)."""
    whole = max(0, round(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _verification_text(cert: ErasureCertificate, lang: Lang) -> str:
    if cert.verified is None:
        return t("erasure.not_verified", lang)
    return t("erasure.verified_ok" if cert.verified else "erasure.verified_failed", lang)


def medium_fields(
    issuer: Issuer,
    m: ErasedMedium,
    contract_title: str,
    contractor: str,
    loan_slips: Sequence[str],
    lang: Lang,
) -> list[Field]:
    """The rows both certificates (erasure, disposal) open with: the issuing section,
    the medium, and the contract and loan it served."""
    medium, use = t("slip.group.medium", lang), t("erasure.group.use", lang)
    return [
        Field(t("erasure.field.issuer_section", lang), f"{issuer.ward} {issuer.section}"),
        Field(t("slip.field.control_number", lang), m.control_number, medium, large=True),
        Field(t("slip.field.kind", lang), t(f"kind.{m.kind.value}", lang), medium),
        Field(t("erasure.field.make", lang), m.make, medium),
        Field(t("erasure.field.model", lang), m.model, medium),
        Field(t("slip.field.serial", lang), m.serial, medium),
        Field(t("erasure.field.capacity", lang), capacity_text(m.capacity_bytes), medium),
        Field(t("slip.field.contract_title", lang), contract_title, use),
        Field(t("slip.group.contractor", lang), contractor, use),
        Field(t("erasure.field.loan", lang), t("form.list_separator", lang).join(loan_slips), use),
    ]


def certificate_fields(cert: ErasureCertificate, lang: Lang) -> list[Field]:
    method = t("erasure.group.method", lang)
    verification, timing = t("erasure.group.verification", lang), t("erasure.group.time", lang)
    people = t("erasure.group.people", lang)
    seconds = (cert.finished_at - cert.started_at).total_seconds()
    rate = cert.bytes_written / seconds / 1e6 if seconds > 0 else 0.0
    head = medium_fields(
        cert.issuer, cert.medium, cert.contract_title, cert.contractor, cert.loan_slips, lang
    )
    return [
        *head,
        Field(t("erasure.field.method", lang), cert.method, method),
        Field(
            t("erasure.field.category", lang),
            t(
                "erasure.category",
                lang,
                category=t(f"erasure.category.{cert.category.value}", lang),
            ),
            method,
            large=True,
        ),
        Field(
            t("erasure.field.passes", lang),
            t("erasure.passes", lang, passes=cert.passes, pattern=cert.pattern),
            method,
        ),
        Field(t("erasure.field.tool", lang), cert.tool, method),
        Field(t("erasure.field.verification", lang), _verification_text(cert, lang), verification),
        Field(
            t("erasure.field.bytes", lang),
            t(
                "erasure.bytes",
                lang,
                written=f"{cert.bytes_written:,}",
                verified=f"{cert.bytes_verified:,}",
            ),
            verification,
        ),
        Field(t("erasure.field.errors", lang), cert.errors or t("form.empty", lang), verification),
        Field(t("erasure.field.started", lang), form_datetime(cert.started_at, lang), timing),
        Field(t("erasure.field.finished", lang), form_datetime(cert.finished_at, lang), timing),
        Field(
            t("erasure.field.duration", lang),
            t("erasure.duration", lang, duration=duration_text(seconds), rate=f"{rate:,.1f}"),
            timing,
        ),
        Field(t("erasure.field.operator", lang), cert.operator, people),
        Field(t("erasure.field.witness", lang), cert.witness, people),
    ]


def render_erasure_certificate(
    cert: ErasureCertificate, lang: Lang = "ja", copies: int = 1
) -> bytes:
    """The certificate as an A4 PDF; the ward keeps one copy (区控) unless told otherwise."""
    frame = FormFrame(
        title=t("erasure.title", lang),
        number=cert.number,
        issued_on=local_day(cert.issued_at),
        issuer=cert.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(
            t("erasure.stamp.operator", lang),
            t("erasure.stamp.witness", lang),
            t("erasure.stamp.checker", lang),
        ),
        reference=FormReference(QR_KIND, cert.number, cert.audit_hash),
    )

    def body(styles: FormStyles) -> list[Flowable]:
        return [
            para(t("erasure.lead", lang), styles.lead),
            Spacer(0, 1 * mm),
            field_table(certificate_fields(cert, lang), styles, CONTENT_WIDTH, dense=True),
        ]

    return render_form(frame, body)
