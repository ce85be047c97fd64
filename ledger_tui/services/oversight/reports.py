"""Compliance exports for the council: per contract and per fiscal year, as CSV (UTF-8,
optional BOM for Excel, like `services.export`) or PDF.

Per contract: the CSV has one row per record of the close-out summary (each loan with
its slips and counts, each certificate, contractor erasure, audit, incident and sheet
item not met); the PDF is the close-out summary (契約完了報告). Per fiscal year: one
row per contract that ran in the year (loans, slips and unstamped slips, records out
and back, audits done, sheet items not met, incidents and open ones, closed); the PDF
is the multi-page compliance report. Files are written owner-only and renamed into
place when complete; the trail notes each export (`compliance.exported`), never its
contents.
"""

from __future__ import annotations

import csv
import enum
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import IncidentState
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.wareki import ERAS, fiscal_year_prefix, fiscal_year_text
from ledger_tui.i18n import Lang, t
from ledger_tui.services.ledger.export import private_file
from ledger_tui.services.oversight.closeout_views import (
    CloseOutSummary,
    closeout_summary,
    contracts_of_year,
)
from ledger_tui.services.paper import paper_lang, ward_name
from ledger_tui.system import printing as cups

CONTRACT_COLUMNS = (
    "record",
    "reference",
    "control_number",
    "state",
    "date",
    "out_slip",
    "back_slip",
    "out_count",
    "back_count",
    "mismatch",
    "detail",
)
YEAR_COLUMNS = (
    "contract_id",
    "title",
    "contractor",
    "period_start",
    "period_end",
    "loans",
    "slips",
    "slips_unstamped",
    "records_out",
    "records_back",
    "mismatches",
    "audits_done",
    "audit_dates",
    "sheet_unmet",
    "incidents",
    "incidents_open",
    "closed_on",
)

Row = dict[str, Any]
_FY = re.compile(r"^([A-Z])(\d{1,2})$")


class ReportFormat(enum.StrEnum):
    CSV = "csv"
    PDF = "pdf"


def parse_fiscal_year(raw: str) -> int:
    """2025 or R7 (or r7, Ｒ７) -> 2025, the calendar year the fiscal year starts in."""
    value = raw.strip().upper().translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})
    if value.isdigit() and len(value) == 4:
        return int(value)
    match = _FY.match(value)
    era = next((e for e in ERAS if match and e.letter == match.group(1)), None)
    if match is None or era is None or int(match.group(2)) < 1:
        raise InvalidInput("closeout.error.fiscal_year", field="fiscal_year")
    return era.start.year + int(match.group(2)) - 1


def _day(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else ""


def contract_rows(s: CloseOutSummary) -> Iterator[Row]:
    def row(record: str, reference: str = "", **values: object) -> Row:
        return (
            {name: "" for name in CONTRACT_COLUMNS}
            | {"record": record, "reference": reference}
            | values
        )

    for ln in s.loans:
        yield row(
            "loan",
            str(ln.loan_id),
            control_number=ln.control_number,
            state=ln.state.value,
            date=_day(ln.out_at and local_date(ln.out_at)),
            out_slip=ln.out_slip,
            back_slip=ln.back_slip,
            out_count="" if ln.out_count is None else ln.out_count,
            back_count="" if ln.back_count is None else ln.back_count,
            mismatch=int(ln.mismatch),
            detail=" ".join(ln.certificates),
        )
    for c in s.certificates:
        yield row(
            "certificate",
            c.number,
            control_number=c.control_number,
            state=c.kind,
            date=_day(local_date(c.issued_at)),
        )
    for e in s.contractor_erasures:
        yield row(
            "contractor_erasure", e.certificate_number, date=_day(e.erased_on), detail=e.devices
        )
    for a in s.audits:
        yield row(
            "audit",
            str(a.fiscal_year),
            state="done" if a.done_on else "planned",
            date=_day(a.done_on or a.planned_on),
            detail=a.auditor,
        )
    for i in s.incidents:
        yield row(
            "incident",
            i.number,
            state=i.state.value,
            date=_day(local_date(i.discovered_at)),
            detail=i.kind,
        )
    for label in s.sheet_unmet:
        yield row("sheet_unmet", state="not_met", detail=label)
    yield row(
        "contract",
        str(s.contract_id),
        state="closed" if s.closed_at else "open",
        date=_day(s.closed_at and local_date(s.closed_at)),
        detail=s.title,
    )


def year_row(s: CloseOutSummary) -> Row:
    done = sorted(a.done_on for a in s.audits if a.done_on is not None)
    return {
        "contract_id": s.contract_id,
        "title": s.title,
        "contractor": s.contractor_name,
        "period_start": s.period_start.isoformat(),
        "period_end": s.period_end.isoformat(),
        "loans": len(s.loans),
        "slips": s.slip_count,
        "slips_unstamped": sum(ln.slips_unstamped for ln in s.loans),
        "records_out": s.records_out,
        "records_back": s.records_back,
        "mismatches": s.mismatches,
        "audits_done": len(done),
        "audit_dates": " ".join(d.isoformat() for d in done),
        "sheet_unmet": len(s.sheet_unmet),
        "incidents": len(s.incidents),
        "incidents_open": sum(i.state is IncidentState.OPEN for i in s.incidents),
        "closed_on": _day(s.closed_at and local_date(s.closed_at)),
    }


def write_csv(path: Path, columns: tuple[str, ...], rows: list[Row], bom: bool) -> int:
    with private_file(path) as out:
        if bom:
            out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([row[name] for name in columns] for row in rows)
    return len(rows)


def _year_cells(s: CloseOutSummary, lang: Lang) -> tuple[str, ...]:
    r = year_row(s)
    audits = r["audit_dates"] or t("compliance.audit_none", lang)
    return (
        f"{s.title}\n{s.contractor_name}",
        f"{r['period_start']}\n{r['period_end']}",
        str(r["loans"]),
        t("compliance.count_of", lang, count=r["slips"], of=r["slips_unstamped"]),
        f"{r['records_out']:,}/{r['records_back']:,}",
        audits,
        str(r["sheet_unmet"]),
        t("compliance.count_of", lang, count=r["incidents"], of=r["incidents_open"]),
        r["closed_on"] or "-",
    )


def year_document(ledger: Ledger, year: int, lang: Lang | None = None) -> bytes:
    lang = paper_lang(ledger, lang)
    from ledger_tui.system.pdf.compliance_report import (
        ComplianceReport,
        render_compliance_report,
    )
    from ledger_tui.system.pdf.layout import Issuer

    summaries = contracts_of_year(ledger, year)
    first = date(year, 4, 1)
    flagged = tuple(
        i
        for i, s in enumerate(summaries)
        if s.sheet_unmet
        or any(x.state is IncidentState.OPEN for x in s.incidents)
        or not any(a.done_on and a.fiscal_year == year for a in s.audits)
    )
    year_text = fiscal_year_text(first) if lang == "ja" else f"FY{year}"
    sections = sorted({s.section_name for s in summaries})
    report = ComplianceReport(
        fiscal_year_prefix(first),
        year_text,
        local_date(ledger.clock()),
        Issuer(ward_name(ledger, lang), t("form.list_separator", lang).join(sections)),
        tuple(_year_cells(s, lang) for s in summaries),
        flagged,
    )
    return render_compliance_report(report, lang)


def _record(
    ledger: Ledger, actor: Actor, scope: str, fmt: ReportFormat, rows: int, path: Path
) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, "compliance.exported", scope, format=fmt.value, rows=rows, file=path.name)
        uow.commit()


def _format(fmt: str) -> ReportFormat:
    try:
        return ReportFormat(fmt)
    except ValueError:
        raise InvalidInput("closeout.error.format", field="format") from None


def export_contract(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    fmt: str,
    path: str | Path,
    *,
    bom: bool = False,
    lang: Lang | None = None,
) -> int:
    """Write the contract's report; returns the CSV's row count (the PDF's: 1)."""
    lang = paper_lang(ledger, lang)
    chosen, target = _format(fmt), Path(path)
    summary = closeout_summary(ledger, contract_id)
    if chosen is ReportFormat.CSV:
        rows = write_csv(target, CONTRACT_COLUMNS, list(contract_rows(summary)), bom)
    else:
        from ledger_tui.services.oversight.closeout_paper import summary_document

        cups.write_pdf(target, summary_document(ledger, contract_id, lang))
        rows = 1
    _record(ledger, actor, f"contract:{contract_id}", chosen, rows, target)
    return rows


def export_year(
    ledger: Ledger,
    actor: Actor,
    year: int,
    fmt: str,
    path: str | Path,
    *,
    bom: bool = False,
    lang: Lang | None = None,
) -> int:
    """Write the fiscal year's report; returns the number of contracts in it."""
    lang = paper_lang(ledger, lang)
    chosen, target = _format(fmt), Path(path)
    if chosen is ReportFormat.CSV:
        rows = write_csv(
            target, YEAR_COLUMNS, [year_row(s) for s in contracts_of_year(ledger, year)], bom
        )
    else:
        rows = len(contracts_of_year(ledger, year))
        cups.write_pdf(target, year_document(ledger, year, lang))
    _record(ledger, actor, f"fiscal_year:{year}", chosen, rows, target)
    return rows
