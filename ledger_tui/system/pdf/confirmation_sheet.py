"""確認記録票 (confirmation record sheet): for one contract, each protective measure the
contractor must take, its current status (済 / 未 / 該当なし, or 未確認 when never
checked), the date it was checked, by whom, and the note; then the open items (未 and
未確認: unchecked is not met) and the stamp boxes. Long sheets run onto more pages
with the table header repeated."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.domain.compliance import CheckStatus
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date, form_date_short
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, data_table, field_table

QR_KIND = "SHEET"
COLUMNS_MM = (8, 67, 15, 28, 18, 34)
COLUMNS = ("no", "measure", "status", "checked_on", "checked_by", "note")


@dataclass(frozen=True, slots=True)
class SheetLine:
    position: int
    label: str
    status: CheckStatus | None  # None: never checked
    checked_on: date | None = None
    checked_by: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class ConfirmationSheet:
    reference: str  # the contract's sheet reference, e.g. C0001
    printed_on: date
    issuer: Issuer
    contract_title: str
    contractor: str
    section: str
    period_start: date
    period_end: date
    lines: tuple[SheetLine, ...]
    audit_hash: str = ""


def status_text(status: CheckStatus | None, lang: Lang) -> str:
    return t(f"check_status.{status.value if status else 'unchecked'}", lang)


def sheet_rows(sheet: ConfirmationSheet, lang: Lang) -> list[list[str]]:
    return [
        [
            str(line.position),
            line.label,
            status_text(line.status, lang),
            form_date_short(line.checked_on, lang),
            line.checked_by,
            line.note,
        ]
        for line in sheet.lines
    ]


def summary_text(sheet: ConfirmationSheet, lang: Lang) -> str:
    counts = Counter(line.status for line in sheet.lines)
    return t(
        "sheet.paper.summary",
        lang,
        met=counts[CheckStatus.MET],
        not_met=counts[CheckStatus.NOT_MET],
        not_applicable=counts[CheckStatus.NOT_APPLICABLE],
        unchecked=counts[None],
    )


def is_open(line: SheetLine) -> bool:
    """Not met, or never checked: an unchecked measure is not a met one."""
    return line.status is None or line.status is CheckStatus.NOT_MET


#: An open item repeats the start of its measure's wording (the table above has it all).
OPEN_LABEL_CHARS = 24


def short_label(label: str) -> str:
    return label if len(label) <= OPEN_LABEL_CHARS else label[:OPEN_LABEL_CHARS] + "…"


def open_items_text(sheet: ConfirmationSheet, lang: Lang) -> str:
    lines = [
        t(
            "sheet.paper.open_item",
            lang,
            position=line.position,
            label=short_label(line.label),
            note=line.note or status_text(line.status, lang),
        )
        for line in sheet.lines
        if is_open(line)
    ]
    return "\n".join(lines) if lines else t("sheet.paper.no_open_items", lang)


def render_confirmation_sheet(
    sheet: ConfirmationSheet, lang: Lang = "ja", copies: int = 1
) -> bytes:
    frame = FormFrame(
        title=t("sheet.paper.title", lang),
        number=sheet.reference,
        issued_on=sheet.printed_on,
        issuer=sheet.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(t("sheet.paper.stamp.checker", lang), t("sheet.paper.stamp.approver", lang)),
        reference=FormReference(QR_KIND, sheet.reference, sheet.audit_hash),
    )
    header = [t(f"sheet.paper.col.{name}", lang) for name in COLUMNS]
    flagged = [
        index for index, line in enumerate(sheet.lines) if line.status is CheckStatus.NOT_MET
    ]

    def body(styles: FormStyles) -> list[Flowable]:
        heading = [
            Field(t("slip.field.contract_title", lang), sheet.contract_title),
            Field(t("sheet.paper.field.section", lang), sheet.section),
            Field(t("slip.group.contractor", lang), sheet.contractor),
            Field(
                t("sheet.paper.field.period", lang),
                t(
                    "sheet.paper.period",
                    lang,
                    start=form_date(sheet.period_start, lang),
                    end=form_date(sheet.period_end, lang),
                ),
            ),
            Field(t("sheet.paper.field.summary", lang), summary_text(sheet, lang)),
        ]
        # In the table's small type: the open items repeat rows printed just above.
        open_items = [
            Field(
                t("sheet.paper.field.open_items", lang),
                para(open_items_text(sheet, lang), styles.cell),
            )
        ]
        return [
            field_table(heading, styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 3 * mm),
            data_table(
                header,
                sheet_rows(sheet, lang),
                [width * mm for width in COLUMNS_MM],
                styles,
                flagged=flagged,
                dense=True,
            ),
            Spacer(0, 3 * mm),
            field_table(open_items, styles, CONTENT_WIDTH, dense=True),
        ]

    return render_form(frame, body)
