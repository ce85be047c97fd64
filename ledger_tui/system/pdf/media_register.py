"""USBメモリ管理台帳 (media register sheet): every medium, where it is, and its loan.

One row per medium, the header row repeated on every page; the sheet is filed by the
ward, stamped by whoever prepared and checked it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import (
    form_date_cell,
    form_date_short,
    form_datetime,
    form_fiscal_year,
    local_day,
)
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles
from ledger_tui.system.pdf.tables import Field, data_table, field_table

QR_KIND = "REG"
#: Column widths in mm; they add up to the 170 mm between the margins. Pairs that belong
#: together share a cell on two lines so a row of a portrait page stays readable.
COLUMNS_MM = (27, 40, 27, 18, 18, 40)
HEADER_KEYS = (
    ("control_number", "kind"),
    ("make_model", "serial"),
    ("registered",),
    ("location",),
    ("state",),
    ("loan",),
)


@dataclass(frozen=True, slots=True)
class RegisterLoan:
    contract: str
    contractor: str
    since: date
    due: date | None


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    control_number: str
    kind: MediumKind
    make_model: str
    serial: str
    registered_on: date
    location: str
    state: MediumState
    loan: RegisterLoan | None = None


@dataclass(frozen=True, slots=True)
class MediaRegisterSheet:
    number: str
    printed_at: datetime
    issuer: Issuer
    prepared_by: str
    entries: tuple[RegisterEntry, ...]
    audit_hash: str = ""


def _loan_text(loan: RegisterLoan | None, lang: Lang) -> str:
    if loan is None:
        return ""
    return t(
        "register.loan",
        lang,
        contract=loan.contract,
        contractor=loan.contractor,
        since=form_date_short(loan.since, lang),
        due=form_date_short(loan.due, lang),
    )


def register_rows(sheet: MediaRegisterSheet, lang: Lang) -> list[list[str]]:
    return [
        [
            f"{entry.control_number}\n{t(f'kind.{entry.kind.value}', lang)}",
            f"{entry.make_model}\n{entry.serial}",
            form_date_cell(entry.registered_on, lang),
            entry.location,
            t(f"state.{entry.state.value}", lang),
            _loan_text(entry.loan, lang),
        ]
        for entry in sheet.entries
    ]


def render_media_register(sheet: MediaRegisterSheet, lang: Lang = "ja", copies: int = 1) -> bytes:
    printed_on = local_day(sheet.printed_at)
    frame = FormFrame(
        title=t("register.title", lang),
        number=sheet.number,
        issued_on=printed_on,
        issuer=sheet.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(t("register.stamp.prepared_by", lang), t("register.stamp.checker", lang)),
        reference=FormReference(QR_KIND, sheet.number, sheet.audit_hash),
    )
    header = ["\n".join(t(f"register.col.{key}", lang) for key in keys) for keys in HEADER_KEYS]

    def body(styles: FormStyles) -> list[Flowable]:
        summary = [
            Field(t("register.field.printed_at", lang), form_datetime(sheet.printed_at, lang)),
            Field(
                t("register.field.summary", lang),
                t(
                    "register.summary",
                    lang,
                    fiscal_year=form_fiscal_year(printed_on, lang),
                    count=t("form.count", lang, count=len(sheet.entries)),
                ),
            ),
            Field(t("register.field.prepared_by", lang), sheet.prepared_by),
        ]
        return [
            field_table(summary, styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 4 * mm),
            data_table(
                header, register_rows(sheet, lang), [width * mm for width in COLUMNS_MM], styles
            ),
        ]

    return render_form(frame, body)
