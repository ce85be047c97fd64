"""パスワード通知書 (password notice): the archive password, sent apart from the medium.

The password prints large in a monospace font, in groups of four, so it can be typed
without confusing 0/O or 1/l. The QR code names the notice, never the password.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.media import MediumKind
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_datetime, local_day
from ledger_tui.system.pdf.layout import (
    CONTENT_WIDTH,
    Copy,
    FormFrame,
    Issuer,
    copy_labels,
    render_form,
)
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import CANCEL_RED, FormStyles, para
from ledger_tui.system.pdf.tables import Field, boxed, field_table

QR_KIND = "PWN"
GROUP = 4


@dataclass(frozen=True, slots=True)
class PasswordNotice:
    number: str
    issued_at: datetime
    issuer: Issuer
    contract_title: str
    contractor: str
    control_number: str
    archive_names: tuple[str, ...]
    password: str
    issued_by: str  # the ward handler who sends the notice (通知者)
    slip_number: str = ""  # the handover slip of the medium, if already issued
    audit_hash: str = ""
    #: What carries the archive, as data so every medium and transfer can use the one
    #: form: a USB stick by hand, a CD-R by registered mail, an e-mail attachment (no
    #: medium: `control_number` empty). Printed when given.
    medium_kind: MediumKind | None = None
    transfer_method: TransferMethod | None = None
    transfer_detail: str = ""  # tracking number, seal number, e-mail address


def password_groups(password: str, size: int = GROUP) -> str:
    """'Xk3p9QwZ2m' -> 'Xk3p 9QwZ 2m'. Generated passwords come grouped already: their
    hyphens are part of the password (what is read out is what is typed), so they print
    exactly as they are."""
    if "-" in password:
        return password
    return " ".join(password[i : i + size] for i in range(0, len(password), size))


def password_lines(password: str, per_line: int = 4) -> list[str]:
    """The password as printed: at most `per_line` hyphen groups a line, each line but
    the last ending in its hyphen (which is typed), so it never wraps at a place the
    reader must guess."""
    groups = password.split("-") if "-" in password else [password_groups(password)]
    lines = ["-".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]
    return [line + "-" for line in lines[:-1]] + lines[-1:]


def _password_cell(notice: PasswordNotice, styles: FormStyles) -> Flowable:
    return para("\n".join(password_lines(notice.password)), styles.password)


def notice_fields(notice: PasswordNotice, lang: Lang, styles: FormStyles) -> list[Field]:
    contract = t("slip.group.contract", lang)
    fields = [
        Field(t("slip.field.contract_title", lang), notice.contract_title, contract),
        Field(t("slip.group.contractor", lang), notice.contractor, contract),
    ]
    if notice.control_number:
        fields.append(
            Field(t("slip.field.control_number", lang), notice.control_number, large=True)
        )
    if notice.medium_kind is not None:
        fields.append(
            Field(t("slip.field.kind", lang), t(f"kind.{notice.medium_kind.value}", lang))
        )
    if notice.transfer_method is not None:
        method = t(f"transfer.{notice.transfer_method.value}", lang)
        detail = f"{method}　{notice.transfer_detail}" if notice.transfer_detail else method
        fields.append(Field(t("slip.field.transfer", lang), detail))
    if notice.slip_number:
        fields.append(Field(t("notice.field.related_slip", lang), notice.slip_number))
    fields += [
        Field(t("notice.field.archives", lang), "\n".join(notice.archive_names)),
        Field(t("notice.field.password", lang), _password_cell(notice, styles), min_height=14 * mm),
        Field(
            t("notice.field.issued_by", lang),
            f"{notice.issued_by}\n{form_datetime(notice.issued_at, lang)}",
        ),
    ]
    return fields


def render_password_notice(notice: PasswordNotice, lang: Lang = "ja", copies: int = 1) -> bytes:
    """The notice as an A4 PDF; one copy (委託先控) unless the desk keeps one too."""
    frame = FormFrame(
        title=t("notice.title", lang),
        number=notice.number,
        issued_on=local_day(notice.issued_at),
        issuer=notice.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang, order=(Copy.CONTRACTOR, Copy.WARD)),
        reference=FormReference(QR_KIND, notice.number, notice.audit_hash),
    )

    def body(styles: FormStyles) -> list[Flowable]:
        warning = boxed(
            para(t("notice.warning", lang), styles.emphasis), styles, CONTENT_WIDTH, CANCEL_RED, 1.6
        )
        return [
            para(t("notice.lead", lang), styles.lead),
            Spacer(0, 1 * mm),
            field_table(notice_fields(notice, lang, styles), styles, CONTENT_WIDTH),
            Spacer(0, 2 * mm),
            para(t("notice.password_hint", lang), styles.note),
            Spacer(0, 7 * mm),
            warning,
        ]

    return render_form(frame, body)
