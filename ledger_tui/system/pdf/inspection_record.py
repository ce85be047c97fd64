"""点検記録 (inspection record): on a date, an inspector checked every registered medium
against the register: found, out on loan, missing, found but not in the register, or
found against the register (an anomaly: e.g. on loan by the register but in the safe)."""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_datetime, local_day
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles
from ledger_tui.system.pdf.tables import Field, data_table, field_table

QR_KIND = "INSP"
COLUMNS_MM = (12, 32, 26, 30, 24, 46)


class Finding(enum.StrEnum):
    FOUND = "found"
    ON_LOAN = "on_loan"
    MISSING = "missing"
    UNEXPECTED = "unexpected"  # on the shelf but not in the register
    #: Found, but not as the register has it (on loan, destroyed, another seal): its own
    #: result, marked and counted, never a plain 所在確認.
    ANOMALY = "anomaly"


@dataclass(frozen=True, slots=True)
class InspectionLine:
    control_number: str
    finding: Finding
    kind: MediumKind | None = None  # unknown for a medium not in the register
    register_state: MediumState | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class InspectionRecord:
    number: str
    inspected_at: datetime
    issuer: Issuer
    inspector: str
    lines: tuple[InspectionLine, ...]
    notes: str = ""
    audit_hash: str = ""


#: Findings that need someone's attention: shaded and marked ※ on paper.
FLAGGED = frozenset({Finding.MISSING, Finding.UNEXPECTED, Finding.ANOMALY})


def inspection_rows(record: InspectionRecord, lang: Lang) -> list[list[str]]:
    return [
        [
            str(index),
            line.control_number,
            t(f"kind.{line.kind.value}", lang) if line.kind else "",
            t(f"state.{line.register_state.value}", lang) if line.register_state else "",
            t(f"inspection.finding.{line.finding.value}", lang)
            + (t("inspection.flag_mark", lang) if line.finding in FLAGGED else ""),
            line.note,
        ]
        for index, line in enumerate(record.lines, start=1)
    ]


def summary_text(record: InspectionRecord, lang: Lang) -> str:
    counts = Counter(line.finding for line in record.lines)
    return t("inspection.summary", lang, **{finding.value: counts[finding] for finding in Finding})


def render_inspection_record(record: InspectionRecord, lang: Lang = "ja", copies: int = 1) -> bytes:
    frame = FormFrame(
        title=t("inspection.title", lang),
        number=record.number,
        issued_on=local_day(record.inspected_at),
        issuer=record.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(t("inspection.stamp.inspector", lang), t("inspection.stamp.checker", lang)),
        reference=FormReference(QR_KIND, record.number, record.audit_hash),
    )
    header = [
        t(f"inspection.col.{name}", lang)
        for name in ("no", "control_number", "kind", "register_state", "finding", "note")
    ]

    flagged = [index for index, line in enumerate(record.lines) if line.finding in FLAGGED]

    def body(styles: FormStyles) -> list[Flowable]:
        summary = [
            Field(t("inspection.field.date", lang), form_datetime(record.inspected_at, lang)),
            Field(t("inspection.field.inspector", lang), record.inspector),
            Field(t("inspection.field.summary", lang), summary_text(record, lang)),
            Field(t("slip.field.notes", lang), record.notes),
        ]
        return [
            field_table(summary, styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 4 * mm),
            data_table(
                header,
                inspection_rows(record, lang),
                [width * mm for width in COLUMNS_MM],
                styles,
                flagged=flagged,
            ),
        ]

    return render_form(frame, body)
