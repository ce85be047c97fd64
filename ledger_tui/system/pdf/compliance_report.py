"""The fiscal-year compliance report (個人情報取扱委託 監督状況報告): one table row per
contract that ran in the year — loans, slips (unstamped), records out and back, audits,
sheet items not met, incidents (open), closed — on as many A4 pages as it takes, the
header row repeated and every page numbered in its footer.

Plain data in (cells already in the paper's language), PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.layout import FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import data_table

QR_KIND = "COMPL"
COLUMNS = (
    "contract",
    "period",
    "loans",
    "slips",
    "records",
    "audits",
    "sheet",
    "incidents",
    "closed",
)
WIDTHS_MM = (44, 22, 10, 16, 18, 22, 13, 14, 11)


@dataclass(frozen=True, slots=True)
class ComplianceReport:
    number: str  # e.g. R7 (letters, digits, '-')
    year_text: str  # 令和7年度
    issued_on: date
    issuer: Issuer
    rows: tuple[tuple[str, ...], ...]
    flagged: tuple[int, ...] = ()  # rows with something still open


def render_compliance_report(report: ComplianceReport, lang: Lang = "ja") -> bytes:
    frame = FormFrame(
        title=t("compliance.paper.title", lang, year=report.year_text),
        number=report.number,
        issued_on=report.issued_on,
        issuer=report.issuer,
        lang=lang,
        copy_labels=copy_labels(1, lang),
        stamp_roles=(
            t("closeout.stamp.operator", lang),
            t("closeout.stamp.checker", lang),
            t("closeout.stamp.head", lang),
        ),
        reference=FormReference(QR_KIND, report.number),
    )
    header = [t(f"compliance.col.{name}", lang) for name in COLUMNS]

    def body(styles: FormStyles) -> list[Flowable]:
        return [
            para(t("compliance.paper.lead", lang, year=report.year_text), styles.lead),
            data_table(
                header, report.rows, [w * mm for w in WIDTHS_MM], styles, flagged=report.flagged
            ),
        ]

    return render_form(frame, body)
