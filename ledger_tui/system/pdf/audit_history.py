"""監査記録 (audit history): one contract's audits and on-site inspections by fiscal
year — planned, done, auditor, findings, follow-ups and the date they were closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date, form_date_cell, form_fiscal_year, local_day
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, data_table, field_table

QR_KIND = "AUDIT"
#: Date columns fit 令和8年12月24日 on one line and its western date on the next.
COLUMNS_MM = (17, 14, 26, 26, 16, 27, 18, 26)
COLUMNS = ("year", "kind", "planned", "done", "auditor", "findings", "follow_ups", "closed")


@dataclass(frozen=True, slots=True)
class AuditLine:
    fiscal_year: int
    kind: str  # label
    planned_on: date | None
    done_on: date | None
    auditor: str
    findings: str
    follow_ups: str
    follow_ups_closed_on: date | None
    open_follow_ups: bool = False


@dataclass(frozen=True, slots=True)
class AuditHistory:
    number: str  # e.g. "C12": the contract the history is of
    issued_at: datetime
    issuer: Issuer
    contract_title: str
    contractor: str
    period_start: date
    period_end: date
    lines: tuple[AuditLine, ...]
    audit_hash: str = ""


def history_rows(history: AuditHistory, lang: Lang) -> list[list[str]]:
    return [
        [
            form_fiscal_year(date(line.fiscal_year, 4, 1), lang),
            line.kind,
            form_date_cell(line.planned_on, lang),
            form_date_cell(line.done_on, lang),
            line.auditor,
            line.findings,
            line.follow_ups,
            form_date_cell(line.follow_ups_closed_on, lang),
        ]
        for line in history.lines
    ]


def render_audit_history(history: AuditHistory, lang: Lang = "ja", copies: int = 1) -> bytes:
    frame = FormFrame(
        title=t("audit.paper.title", lang),
        number=history.number,
        issued_on=local_day(history.issued_at),
        issuer=history.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(t("audit.paper.stamp.checker", lang), t("audit.paper.stamp.head", lang)),
        reference=FormReference(QR_KIND, history.number, history.audit_hash),
    )
    header = [t(f"audit.paper.col.{name}", lang) for name in COLUMNS]
    flagged = [i for i, line in enumerate(history.lines) if line.open_follow_ups]

    def body(styles: FormStyles) -> list[Flowable]:
        summary = [
            Field(t("audit.paper.field.contract", lang), history.contract_title),
            Field(t("audit.paper.field.contractor", lang), history.contractor),
            Field(
                t("audit.paper.field.period", lang),
                t(
                    "audit.paper.period",
                    lang,
                    start=form_date(history.period_start, lang),
                    end=form_date(history.period_end, lang),
                ),
            ),
        ]
        story: list[Flowable] = [
            para(t("audit.paper.lead", lang), styles.lead),
            Spacer(0, 1 * mm),
            field_table(summary, styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 4 * mm),
        ]
        if not history.lines:
            story.append(para(t("audit.paper.none", lang), styles.value))
        else:
            story.append(
                data_table(
                    header,
                    history_rows(history, lang),
                    [w * mm for w in COLUMNS_MM],
                    styles,
                    flagged=flagged,
                )
            )
        return story

    return render_form(frame, body)
