"""Two papers of a contract: the 特記事項（別紙）, the special terms attached to the
contract (each clause the contract carries, its heading and its text, as in the seeds),
and the 取扱責任者・取扱者 指定報告, the contractor's report of the persons designated to
handle personal data (clause 13) with their periods and the day each was reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, TableStyle

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.dates import form_date, form_date_cell, local_day
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, FormTable, data_table, field_table

TERMS_QR_KIND = "TERMS"
HANDLERS_QR_KIND = "HANDLERS"
#: No., name, role, from, to, reported. (Not the handler's code: the contractor types it
#: at the counter to confirm a slip, so it never goes on paper.)
HANDLER_COLUMNS_MM = (10, 52, 24, 28, 28, 28)
HANDLER_COLUMNS = ("no", "name", "role", "valid_from", "valid_to", "reported")


@dataclass(frozen=True, slots=True)
class ContractHeading:
    """What both papers say of the contract."""

    number: str
    issued_at: datetime
    issuer: Issuer
    title: str
    contractor: str
    period_start: date
    period_end: date
    audit_hash: str = ""


@dataclass(frozen=True, slots=True)
class Clause:
    number: int
    heading: str  # "" when it stands under the heading of the clause before
    text: str


@dataclass(frozen=True, slots=True)
class DesignatedHandler:
    name: str
    role: str  # label: 取扱責任者 / 取扱者
    valid_from: date
    valid_to: date | None
    reported_on: date


def _contract_fields(head: ContractHeading, lang: Lang) -> list[Field]:
    return [
        Field(t("terms.paper.field.contract", lang), head.title),
        Field(t("terms.paper.field.contractor", lang), head.contractor),
        Field(
            t("terms.paper.field.period", lang),
            t(
                "terms.paper.period",
                lang,
                start=form_date(head.period_start, lang),
                end=form_date(head.period_end, lang),
            ),
        ),
    ]


def _frame(
    head: ContractHeading, title: str, kind: str, roles: Sequence[str], lang: Lang, copies: int
) -> FormFrame:
    return FormFrame(
        title=title,
        number=head.number,
        issued_on=local_day(head.issued_at),
        issuer=head.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=tuple(roles),
        reference=FormReference(kind, head.number, head.audit_hash),
    )


def render_special_terms(
    head: ContractHeading, clauses: Sequence[Clause], lang: Lang = "ja", copies: int = 2
) -> bytes:
    """特記事項（別紙）: each clause with its heading, kept whole on a page."""
    frame = _frame(
        head,
        t("terms.paper.title", lang),
        TERMS_QR_KIND,
        (t("terms.paper.stamp.ward", lang), t("terms.paper.stamp.contractor", lang)),
        lang,
        copies,
    )

    def body(styles: FormStyles) -> list[Flowable]:
        story: list[Flowable] = [
            para(t("terms.paper.lead", lang), styles.lead),
            field_table(_contract_fields(head, lang), styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 4 * mm),
        ]
        for clause in clauses:
            # One cell per clause: the heading never stays behind on the page before.
            cell = [para(f"{clause.number}　{clause.text}", styles.value)]
            if clause.heading:  # "" under the heading of the clause before
                heading = t("terms.paper.heading", lang, heading=clause.heading)
                cell.insert(0, para(heading, styles.label))
            table = FormTable([[cell]], colWidths=[CONTENT_WIDTH])
            table.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), styles.fonts.gothic),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                    ]
                )
            )
            story.append(table)
        return story

    return render_form(frame, body)


def render_handler_report(
    head: ContractHeading,
    handlers: Sequence[DesignatedHandler],
    lang: Lang = "ja",
    copies: int = 2,
) -> bytes:
    """取扱責任者・取扱者 指定報告: every designation of the contract, oldest first."""
    frame = _frame(
        head,
        t("handlers.paper.title", lang),
        HANDLERS_QR_KIND,
        (
            t("handlers.paper.stamp.contractor", lang),
            t("handlers.paper.stamp.received", lang),
            t("handlers.paper.stamp.checker", lang),
        ),
        lang,
        copies,
    )
    rows = [
        [
            str(index),
            h.name,
            h.role,
            form_date_cell(h.valid_from, lang),
            form_date_cell(h.valid_to, lang) if h.valid_to else t("handlers.paper.open_end", lang),
            form_date_cell(h.reported_on, lang),
        ]
        for index, h in enumerate(handlers, start=1)
    ]

    def body(styles: FormStyles) -> list[Flowable]:
        story: list[Flowable] = [
            para(t("handlers.paper.lead", lang), styles.lead),
            field_table(_contract_fields(head, lang), styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 4 * mm),
        ]
        if rows:
            story.append(
                data_table(
                    [t(f"handlers.paper.col.{name}", lang) for name in HANDLER_COLUMNS],
                    rows,
                    [w * mm for w in HANDLER_COLUMNS_MM],
                    styles,
                )
            )
        else:
            story.append(para(t("handlers.paper.none", lang), styles.value))
        return story

    return render_form(frame, body)
