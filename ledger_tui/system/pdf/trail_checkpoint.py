"""監査証跡チェックポイント (audit trail checkpoint): one A4 page naming a point of the
trail (ledger, entry number, hash, time, signature), with a QR code carrying the entry's
hash. Kept in a binder, it lets anyone prove later that the trail still contains that
entry (`ledger-tui audit verify --checkpoint`), whatever happened to the database.

Plain data in (texts already in the paper's language), PDF bytes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable

from ledger_tui.i18n import Lang, t
from ledger_tui.system.pdf.layout import CONTENT_WIDTH, FormFrame, Issuer, copy_labels, render_form
from ledger_tui.system.pdf.qr import FormReference
from ledger_tui.system.pdf.styles import FormStyles, para
from ledger_tui.system.pdf.tables import Field, field_table

QR_KIND = "CHECKPOINT"


@dataclass(frozen=True, slots=True)
class CheckpointPaper:
    number: str  # letters, digits and '-' (it goes into the QR code)
    issued_on: date
    issuer: Issuer
    fields: tuple[tuple[str, str], ...]  # label, value
    audit_hash: str


def render_checkpoint(paper: CheckpointPaper, lang: Lang = "ja") -> bytes:
    frame = FormFrame(
        title=t("checkpoint.paper.title", lang),
        number=paper.number,
        issued_on=paper.issued_on,
        issuer=paper.issuer,
        lang=lang,
        copy_labels=copy_labels(1, lang),
        stamp_roles=(t("checkpoint.stamp.operator", lang), t("checkpoint.stamp.checker", lang)),
        reference=FormReference(QR_KIND, paper.number, paper.audit_hash),
    )

    def body(styles: FormStyles) -> list[Flowable]:
        fields = [Field(label, value) for label, value in paper.fields]
        return [
            para(t("checkpoint.paper.lead", lang), styles.lead),
            field_table(fields, styles, CONTENT_WIDTH),
        ]

    return render_form(frame, body)
