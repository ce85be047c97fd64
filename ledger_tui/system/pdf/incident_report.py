"""事故報告書 (incident report): what happened to which contract, loan, medium and
handlers; when it occurred, was discovered and first notified (and by whom); records
possibly affected (a count, never whose), measures, the ward's instructions, the
written report's date and the status. A4, 和暦 dates, stamp boxes, QR with the number
and the hash of the trail entry that recorded it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date, form_datetime, local_day
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, field_table

QR_KIND = "INCIDENT"
#: Room left to write by hand under the longer texts.
TEXT_ROOM = 16 * mm


@dataclass(frozen=True, slots=True)
class IncidentReport:
    number: str
    issued_at: datetime
    issuer: Issuer
    kind: str  # the kind's label, with "(suspected)" when only suspected
    status: str
    contract_title: str
    contractor: str
    loan: str
    medium: str
    handlers: tuple[str, ...]
    occurred_at: datetime | None
    discovered_at: datetime
    notified_at: datetime | None
    notified_by: str
    notification_hours: float | None
    description: str
    records_affected: int | None
    measures_taken: str
    instructions: str
    written_report_on: date | None
    closed: str = ""  # closing moment and note, when closed
    audit_hash: str = ""
    #: Clause 19: the first notice came (or is still missing) more than 24 hours after
    #: the discovery; printed as a mark beside the notice.
    late_notification: bool = False


def hours_text(hours: float) -> str:
    """A duration in hours to one decimal: 25.75 hours print as 25.8."""
    return f"{hours:.1f}"


def _notified(report: IncidentReport, lang: Lang) -> str:
    if report.notified_at is None:
        text = t("incident.value.not_notified", lang)
    else:
        text = t(
            "incident.value.notified",
            lang,
            moment=form_datetime(report.notified_at, lang),
            hours=hours_text(report.notification_hours or 0),
            by=report.notified_by,
        )
    if report.late_notification:
        text += t("incident.value.late_mark", lang)
    return text


def incident_fields(report: IncidentReport, lang: Lang) -> list[Field]:
    when, what = t("incident.paper.group.when", lang), t("incident.paper.group.what", lang)
    handling = t("incident.paper.group.handling", lang)
    empty = t("form.empty", lang)
    records = (
        ""
        if report.records_affected is None
        else t("incident.value.records", lang, count=f"{report.records_affected:,}")
    )
    return [
        Field(t("incident.field.kind", lang), report.kind, large=True),
        Field(t("incident.field.occurred", lang), form_datetime(report.occurred_at, lang), when),
        Field(
            t("incident.field.discovered", lang), form_datetime(report.discovered_at, lang), when
        ),
        Field(t("incident.field.notified", lang), _notified(report, lang), when),
        Field(t("incident.field.contract", lang), report.contract_title, what),
        Field(t("incident.field.contractor", lang), report.contractor, what),
        Field(t("incident.field.loan", lang), report.loan or empty, what),
        Field(t("incident.field.medium", lang), report.medium or empty, what),
        Field(
            t("incident.field.handlers", lang),
            t("form.list_separator", lang).join(report.handlers) or empty,
            what,
        ),
        Field(t("incident.field.what", lang), report.description, min_height=TEXT_ROOM),
        Field(t("incident.field.records", lang), records or empty),
        Field(
            t("incident.field.measures", lang),
            report.measures_taken or empty,
            handling,
            min_height=TEXT_ROOM,
        ),
        Field(
            t("incident.field.instructions", lang),
            report.instructions or empty,
            handling,
            min_height=TEXT_ROOM,
        ),
        Field(
            t("incident.field.report", lang),
            form_date(report.written_report_on, lang) or empty,
            handling,
        ),
        Field(t("incident.field.state", lang), report.status, handling),
        Field(t("incident.field.closed", lang), report.closed or empty, handling),
    ]


def render_incident_report(report: IncidentReport, lang: Lang = "ja", copies: int = 1) -> bytes:
    """The report as an A4 PDF; the ward keeps it (区控)."""
    frame = FormFrame(
        title=t("incident.paper.title", lang),
        number=report.number,
        issued_on=local_day(report.issued_at),
        issuer=report.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(
            t("incident.paper.stamp.reporter", lang),
            t("incident.paper.stamp.checker", lang),
            t("incident.paper.stamp.head", lang),
        ),
        reference=FormReference(QR_KIND, report.number, report.audit_hash),
    )

    def body(styles: FormStyles) -> list[Flowable]:
        return [
            para(t("incident.paper.lead", lang), styles.lead),
            Spacer(0, 1 * mm),
            field_table(incident_fields(report, lang), styles, CONTENT_WIDTH, dense=True),
        ]

    return render_form(frame, body)
