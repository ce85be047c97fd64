"""契約完了報告 (contract close-out summary; 契約状況報告 for a contract still open): one
contract's designated handlers, confirmation sheet results, loans, slips, counts out and
back, certificates, the contractor's erasures, audits and incidents, on A4 with stamp
boxes and a QR code naming the contract and the `contract.closed` trail entry's hash.

Plain data in (texts already in the paper's language), PDF bytes out: the services
layer fills `CloseOutPaper` from the ledger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, data_table, field_table

QR_KIND = "CLOSE"


@dataclass(frozen=True, slots=True)
class PaperTable:
    """One titled table of the summary; `flagged` rows are shaded (e.g. a mismatch)."""

    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...]
    flagged: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CloseOutPaper:
    number: str  # letters, digits and '-' (it goes into the QR code)
    issued_on: date
    issuer: Issuer
    fields: tuple[tuple[str, str], ...]  # label, value
    tables: tuple[PaperTable, ...]
    audit_hash: str = ""
    #: A closed contract's paper is the 契約完了報告; an open one's a 契約状況報告.
    closed: bool = True


def tables_flow(tables: Sequence[PaperTable], styles: FormStyles, empty: str) -> list[Flowable]:
    story: list[Flowable] = []
    for table in tables:
        story += [Spacer(0, 3 * mm), para(table.heading, styles.label), Spacer(0, 1 * mm)]
        if table.rows:
            story.append(
                data_table(
                    table.header,
                    table.rows,
                    [w * mm for w in table.widths_mm],
                    styles,
                    flagged=table.flagged,
                )
            )
        else:
            story.append(para(empty, styles.note))
    return story


def render_closeout_summary(paper: CloseOutPaper, lang: Lang = "ja", copies: int = 1) -> bytes:
    frame = FormFrame(
        title=t("closeout.paper.title" if paper.closed else "closeout.paper.status_title", lang),
        number=paper.number,
        issued_on=paper.issued_on,
        issuer=paper.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=(
            t("closeout.stamp.operator", lang),
            t("closeout.stamp.checker", lang),
            t("closeout.stamp.head", lang),
        ),
        reference=FormReference(QR_KIND, paper.number, paper.audit_hash),
    )

    def body(styles: FormStyles) -> list[Flowable]:
        fields = [Field(label, value) for label, value in paper.fields]
        return [
            para(
                t("closeout.paper.lead" if paper.closed else "closeout.paper.status_lead", lang),
                styles.lead,
            ),
            field_table(fields, styles, CONTENT_WIDTH, dense=True),
            *tables_flow(paper.tables, styles, t("closeout.none", lang)),
        ]

    return render_form(frame, body)
