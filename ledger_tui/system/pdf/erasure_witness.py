"""消去立会確認書 (the ward's witness record of a contractor's erasure): the contractor
erased the personal data kept on its PCs and tablets after the work, in the presence of
ward staff, who checked afterwards that nothing can be restored (seed 000: 受託者の運用上
の対策 7, 区のシステム上の対策 2; seed 004: the firm's PCs).

The contract and the contractor's own certificate number at the top; one row per device
(what it is, what was erased and how, when, by whom, under which ward witness, and the
witness's 消去後の状況確認); stamp boxes for both sides. A device where data was found
left is shaded and counted.
"""

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
from ledger_tui.system.pdf.tables import Field, data_table, field_table

QR_KIND = "CERA"
#: No., device, erased data, method and tool, when / who, the check.
COLUMNS_MM = (9, 35, 31, 27, 38, 30)
COLUMNS = ("no", "device", "erased_data", "method", "when_who", "check")


@dataclass(frozen=True, slots=True)
class WitnessedDevice:
    position: int
    kind: str  # label (パソコン, タブレット, ...)
    maker_model: str
    serial: str
    erased_data: str
    method: str
    erased_at: datetime
    contractor_person: str
    witness: str
    #: `domain.wipes.ErasureCheck` value: confirmed or data_left.
    check: str
    check_note: str = ""


@dataclass(frozen=True, slots=True)
class ErasureWitnessRecord:
    number: str
    issued_at: datetime
    issuer: Issuer
    contract_title: str
    contractor: str
    period_start: date
    period_end: date
    contractor_certificate: str
    erased_on: date
    lead_witness: str
    devices: tuple[WitnessedDevice, ...]
    notes: str = ""
    audit_hash: str = ""


def _row(device: WitnessedDevice, lang: Lang) -> list[str]:
    check = t(f"erasure_check.{device.check}", lang)
    return [
        str(device.position),
        "\n".join(p for p in (device.kind, device.maker_model, device.serial) if p),
        device.erased_data,
        device.method,
        t(
            "witness.paper.when_who",
            lang,
            when=form_datetime(device.erased_at, lang),
            person=device.contractor_person,
            witness=device.witness,
        ),
        f"{check}\n{device.check_note}" if device.check_note else check,
    ]


def render_erasure_witness(
    record: ErasureWitnessRecord, lang: Lang = "ja", copies: int = 2
) -> bytes:
    """The 立会確認書, one copy for the ward and one for the contractor by default."""
    frame = FormFrame(
        title=t("witness.paper.title", lang),
        number=record.number,
        issued_on=local_day(record.issued_at),
        issuer=record.issuer,
        lang=lang,
        copy_labels=copy_labels(copies, lang),
        stamp_roles=tuple(
            t(f"witness.paper.stamp.{role}", lang)
            for role in ("contractor_person", "contractor_responsible", "witness", "checker")
        ),
        reference=FormReference(QR_KIND, record.number, record.audit_hash),
    )
    left = [i for i, d in enumerate(record.devices) if d.check != "confirmed"]
    summary = t(
        "witness.paper.summary",
        lang,
        devices=len(record.devices),
        confirmed=len(record.devices) - len(left),
        left=len(left),
    )

    def body(styles: FormStyles) -> list[Flowable]:
        fields = [
            Field(t("witness.paper.field.contract", lang), record.contract_title),
            Field(t("witness.paper.field.contractor", lang), record.contractor),
            Field(
                t("witness.paper.field.period", lang),
                t(
                    "witness.paper.period",
                    lang,
                    start=form_date(record.period_start, lang),
                    end=form_date(record.period_end, lang),
                ),
            ),
            Field(
                t("witness.paper.field.certificate", lang),
                record.contractor_certificate,
                large=True,
            ),
            Field(t("witness.paper.field.erased_on", lang), form_date(record.erased_on, lang)),
            Field(t("witness.paper.field.witness", lang), record.lead_witness),
            Field(t("witness.paper.field.result", lang), summary),
        ]
        story: list[Flowable] = [
            para(t("witness.paper.lead", lang), styles.lead),
            Spacer(0, 1 * mm),
            field_table(fields, styles, CONTENT_WIDTH, dense=True),
            Spacer(0, 4 * mm),
        ]
        if record.devices:
            story.append(
                data_table(
                    [t(f"witness.paper.col.{name}", lang) for name in COLUMNS],
                    [_row(device, lang) for device in record.devices],
                    [w * mm for w in COLUMNS_MM],
                    styles,
                    flagged=left,
                )
            )
        else:
            story.append(para(t("witness.paper.no_devices", lang), styles.value))
        if record.notes:
            story += [
                Spacer(0, 3 * mm),
                field_table(
                    [Field(t("witness.paper.field.notes", lang), record.notes)],
                    styles,
                    CONTENT_WIDTH,
                    dense=True,
                ),
            ]
        return story

    return render_form(frame, body)
