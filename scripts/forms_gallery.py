#!/usr/bin/env python3
"""Render every form of the demo ledger to PDF and PNG pages, for a person to look at.

    .venv/bin/python scripts/forms_gallery.py [--out gallery] [--dpi 60] [--lang ja|en]

Builds a fresh demo ledger in a temporary folder (never the desk's own ledger), then
prints, through the same service functions the desk uses: the USBメモリ管理台帳 (the
ward's and each section's), each handover slip that took effect, every erasure /
destruction / return certificate, each contractor erasure's 消去立会確認書, each
contract's 特記事項（別紙）, 指定報告, 確認記録票, 監査記録 and 契約完了報告 (or
契約状況報告), each incident's 事故報告書, each finished inspection's 点検記録 and the
fiscal year's report. Each PDF lands in `--out` with its pages as PNG (`pdftoppm`),
listed at the end: open them and look at every page.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select

from ledger_tui.db.models import HandoverSlip
from ledger_tui.db.models.inspections import Inspection
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.slips import SlipState
from ledger_tui.domain.wareki import fiscal_year
from ledger_tui.i18n import Lang
from ledger_tui.services.demo.ledger import create_demo_ledger
from ledger_tui.services.inspection.paper import inspection_document
from ledger_tui.services.lending.slip_paper import slip_document
from ledger_tui.services.organisation import list_contracts, list_sections
from ledger_tui.services.oversight import paper as oversight_paper
from ledger_tui.services.oversight.closeout_paper import summary_document
from ledger_tui.services.oversight.incident_views import list_incidents
from ledger_tui.services.oversight.reports import year_document
from ledger_tui.services.oversight.sheet_paper import sheet_document
from ledger_tui.services.oversight.sheet_views import show_sheet
from ledger_tui.services.oversight.terms_paper import ContractPaper, contract_paper_document
from ledger_tui.services.register.register_paper import register_document
from ledger_tui.services.wiping.certificate_paper import certificate_document
from ledger_tui.services.wiping.certificates import list_certificates
from ledger_tui.services.wiping.disposals import list_contractor_erasures
from ledger_tui.services.wiping.erasure_witness import witness_number, witness_record_document

Render = Callable[[], bytes]
#: Who prints the gallery (the register names who prepared it).
ACTOR = Actor(login="demo", name="デモ 担当")


def forms(ledger: Ledger, lang: Lang) -> list[tuple[str, Render]]:
    """(file name, renderer) of every form the demo ledger can print."""
    found: list[tuple[str, Render]] = []
    actor = ACTOR
    found.append(("register-ward", lambda: register_document(ledger, actor, lang=lang)[1]))
    for section in list_sections(ledger):
        found.append(
            (
                f"register-{section.code}",
                lambda code=section.code: register_document(ledger, actor, code, lang=lang)[1],
            )
        )
    with ledger.read_session() as session:
        slips = session.execute(
            select(HandoverSlip.id, HandoverSlip.number)
            .where(HandoverSlip.state != SlipState.DRAFT)
            .order_by(HandoverSlip.id)
        ).all()
        inspections = session.execute(
            select(Inspection.id, Inspection.number)
            .where(Inspection.finished_at.is_not(None))
            .order_by(Inspection.id)
        ).all()
    for slip_id, number in slips:
        found.append((f"slip-{number}", lambda i=slip_id: slip_document(ledger, i, lang=lang)))
    for cert in list_certificates(ledger):
        found.append(
            (f"certificate-{cert.number}", lambda i=cert.id: certificate_document(ledger, i, lang))
        )
    for contract in list_contracts(ledger):
        c = contract.id
        if show_sheet(ledger, c).started:
            found.append((f"sheet-C{c:04d}", lambda c=c: sheet_document(ledger, c, lang)))
        found.append(
            (
                f"audits-C{c:04d}",
                lambda c=c: oversight_paper.audit_history_document(ledger, c, lang=lang),
            )
        )
        found.append((f"report-C{c:04d}", lambda c=c: summary_document(ledger, c, lang)))
        for paper in ContractPaper:
            found.append(
                (
                    f"{paper.value}-C{c:04d}",
                    lambda c=c, p=paper: contract_paper_document(ledger, c, p, lang=lang),
                )
            )
    for erasure in list_contractor_erasures(ledger):
        found.append(
            (
                f"witness-{witness_number(erasure.contract_id, erasure.id)}",
                lambda i=erasure.id: witness_record_document(ledger, i, lang=lang),
            )
        )
    for incident in list_incidents(ledger):
        found.append(
            (
                f"incident-{incident.number}",
                lambda i=incident.id: oversight_paper.incident_document(ledger, i, lang=lang),
            )
        )
    for inspection_id, number in inspections:
        found.append(
            (
                f"inspection-{number}",
                lambda i=inspection_id: inspection_document(ledger, i, lang=lang),
            )
        )
    year = fiscal_year(local_date(ledger.clock()))
    found.append((f"year-{year}", lambda: year_document(ledger, year, lang)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("gallery"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ledger-gallery-") as scratch:
        base = Path(scratch)
        ledger = create_demo_ledger(f"sqlite:///{base / 'demo.sqlite3'}", base / "keys")
        try:
            pages: list[Path] = []
            for name, render in forms(ledger, args.lang):
                pdf = args.out / f"{name}.pdf"
                pdf.write_bytes(render())
                subprocess.run(
                    ["pdftoppm", "-png", "-r", str(args.dpi), str(pdf), str(args.out / name)],
                    check=True,
                )
                pages += sorted(args.out.glob(f"{name}-*.png"))
        finally:
            ledger.engine.dispose()
    for page in pages:
        print(page)
    print(f"{len(pages)} pages in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
