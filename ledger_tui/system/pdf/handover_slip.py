"""個人情報受け渡し票 (handover slip): one hand-over out (提供) or back (返却).

Both sides stamp it; by default two copies print (区控 and 委託先控). A slip cancelled
later prints with a 取消 mark; the cancelling slip itself prints as a 取消票 naming the
slip it cancels. Services fill `HandoverSlip` from the ledger.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.media import MediumKind
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date, form_datetime, local_day
from ledger_tui.system.pdf.layout import (
    CONTENT_WIDTH,
    FormFrame,
    Issuer,
    copy_labels,
    render_form,
)
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, field_table

QR_KIND = "SLIP"


class SlipDirection(enum.StrEnum):
    OUT = "out"  # 提供: ward -> contractor
    BACK = "back"  # 返却: contractor -> ward


@dataclass(frozen=True, slots=True)
class SlipMedium:
    """The medium handed over; `kind` None for a transfer without a medium, whose
    `control_number` then names the transfer."""

    control_number: str
    kind: MediumKind | None
    serial: str = ""


@dataclass(frozen=True, slots=True)
class SlipFile:
    """A password-protected file sent by e-mail."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class CountReconciliation:
    """A back-slip's count compared with the out-slip's; `explanation` when they differ."""

    out_slip_number: str
    out_count: int
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class HandoverSlip:
    number: str
    direction: SlipDirection
    handed_at: datetime
    issuer: Issuer
    contract_title: str
    section: str
    contractor: str
    ward_handler: str
    contractor_handler: str
    contractor_handler_role: HandlerRole
    medium: SlipMedium
    content_items: tuple[str, ...]
    record_count: int
    transfer_method: TransferMethod
    transfer_detail: str = ""  # tracking no., seal no. or file name, as the method needs
    content_note: str = ""  # free text beside the item names
    expected_return: date | None = None  # out only
    reconciliation: CountReconciliation | None = None  # back only
    notes: str = ""
    audit_hash: str = ""  # hash of the slip's audit-trail entry, printed in the QR code
    cancelled_by: str = ""  # number of the slip that cancelled this one: prints 取消
    cancels: str = ""  # this is a cancelling slip (取消票) for that number
    cancel_reason: str = ""
    reprint: bool = False  # the slip was stamped already: this paper is a 再印刷
    #: An e-mail's files (the password goes separately by another channel).
    files: tuple[SlipFile, ...] = ()


_DETAIL_KEYS = {
    TransferMethod.REGISTERED_MAIL: "slip.transfer.tracking",
    TransferMethod.LOCKED_CASE: "slip.transfer.seal",
    TransferMethod.EMAIL: "slip.transfer.recipient",
}


def slip_title(slip: HandoverSlip, lang: Lang) -> str:
    title = t(f"slip.title.{slip.direction.value}", lang)
    return f"{title} {t('slip.title.cancelling', lang)}" if slip.cancels else title


def transfer_text(slip: HandoverSlip, lang: Lang) -> str:
    method = t(f"transfer.{slip.transfer_method.value}", lang)
    if not slip.transfer_detail:
        return method
    key = _DETAIL_KEYS.get(slip.transfer_method)
    detail = t(key, lang, value=slip.transfer_detail) if key else slip.transfer_detail
    return t("slip.transfer.detail", lang, method=method, detail=detail)


def _content_text(slip: HandoverSlip, lang: Lang) -> str:
    items = t("form.list_separator", lang).join(slip.content_items)
    return "\n".join(part for part in (items, slip.content_note) if part) or t("form.empty", lang)


def _reconciliation_fields(slip: HandoverSlip, lang: Lang) -> list[Field]:
    check = slip.reconciliation
    if check is None:
        return []
    group = t("slip.group.reconciliation", lang)
    difference = slip.record_count - check.out_count
    result = (
        t("slip.reconciliation.match", lang)
        if difference == 0
        else t("slip.reconciliation.differ", lang, difference=f"{difference:+d}")
    )
    fields = [
        Field(t("slip.field.out_slip", lang), check.out_slip_number, group),
        Field(t("slip.field.out_count", lang), t("form.count", lang, count=check.out_count), group),
        Field(t("slip.field.result", lang), result, group),
    ]
    if difference or check.explanation:
        fields.append(Field(t("slip.field.explanation", lang), check.explanation, group))
    return fields


def _cancellation_fields(slip: HandoverSlip, lang: Lang) -> list[Field]:
    group = t("slip.group.cancellation", lang)
    if slip.cancels:
        head = Field(t("slip.field.cancels", lang), slip.cancels, group, large=True)
    elif slip.cancelled_by:
        head = Field(t("slip.field.cancelled_by", lang), slip.cancelled_by, group, large=True)
    else:
        return []
    return [head, Field(t("slip.field.cancel_reason", lang), slip.cancel_reason, group)]


def _medium_fields(slip: HandoverSlip, lang: Lang, group: str) -> list[Field]:
    medium = slip.medium
    if medium.kind is None:
        fields = [
            Field(t("slip.field.control_number", lang), medium.control_number, group),
            Field(t("slip.field.kind", lang), t("transfer.no_medium", lang), group),
        ]
        if slip.files:
            lines = [
                t("transfer.file_line", lang, name=f.name, size=f"{f.size:,}", sha256=f.sha256)
                for f in slip.files
            ]
            lines.append(t("transfer.password_separately", lang))
            fields.append(Field(t("slip.field.files", lang), "\n".join(lines), group))
        return fields
    return [
        Field(t("slip.field.control_number", lang), medium.control_number, group, large=True),
        Field(t("slip.field.kind", lang), t(f"kind.{medium.kind.value}", lang), group),
        Field(t("slip.field.serial", lang), medium.serial, group),
    ]


def slip_fields(slip: HandoverSlip, lang: Lang) -> list[Field]:
    role = t(f"handler_role.{slip.contractor_handler_role.value}", lang)
    contract, contractor = t("slip.group.contract", lang), t("slip.group.contractor", lang)
    ward, medium = t("slip.group.ward", lang), t("slip.group.medium", lang)
    fields = [
        Field(t("slip.field.datetime", lang), form_datetime(slip.handed_at, lang)),
        Field(t("slip.field.contract_title", lang), slip.contract_title, contract),
        Field(t("slip.field.section", lang), slip.section, contract),
        Field(t("slip.field.contractor_name", lang), slip.contractor, contractor),
        Field(
            t("slip.field.contractor_handler", lang),
            f"{slip.contractor_handler}（{role}）"
            if lang == "ja"
            else f"{slip.contractor_handler} ({role})",
            contractor,
        ),
        Field(t("slip.field.ward_handler", lang), slip.ward_handler, ward),
        *_medium_fields(slip, lang, medium),
        Field(t("slip.field.content", lang), _content_text(slip, lang), min_height=12 * mm),
        Field(
            t("slip.field.count", lang), t("form.count", lang, count=slip.record_count), large=True
        ),
        Field(t("slip.field.transfer", lang), transfer_text(slip, lang)),
    ]
    if slip.direction is SlipDirection.OUT:
        due = (
            form_date(slip.expected_return, lang)
            if slip.medium.kind is not None
            else t("transfer.no_return", lang)
        )
        fields.append(Field(t("slip.field.expected_return", lang), due))
    fields += _reconciliation_fields(slip, lang)
    if slip.cancels:  # a cancelling slip says first what it cancels
        fields[1:1] = _cancellation_fields(slip, lang)
    else:
        fields += _cancellation_fields(slip, lang)
    fields.append(Field(t("slip.field.notes", lang), slip.notes, min_height=22 * mm))
    return fields


def render_handover_slip(slip: HandoverSlip, lang: Lang = "ja", copies: int = 2) -> bytes:
    """The slip as an A4 PDF, `copies` copies (区控, 委託先控, 控3, ...) in one file."""
    frame = FormFrame(
        title=slip_title(slip, lang),
        number=slip.number,
        issued_on=local_day(slip.handed_at),
        issuer=slip.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(
            t("slip.stamp.ward_handler", lang),
            t("slip.stamp.ward_checker", lang),
            t("slip.stamp.contractor_handler", lang),
        ),
        reference=FormReference(QR_KIND, slip.number, slip.audit_hash),
        cancelled=bool(slip.cancelled_by),
        reprint=slip.reprint,
    )

    def body(styles: FormStyles) -> list[Flowable]:
        lead = (
            t("slip.lead.cancelling", lang, number=slip.cancels)
            if slip.cancels
            else t(f"slip.lead.{slip.direction.value}", lang)
        )
        return [
            para(lead, styles.lead),
            Spacer(0, 1 * mm),
            field_table(slip_fields(slip, lang), styles, CONTENT_WIDTH),
        ]

    return render_form(frame, body)
