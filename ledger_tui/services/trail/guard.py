"""What a desk does with a verification result: a broken trail stops its writes.

A desk (the TUI at start, the CLI before each command) verifies the whole trail; when it
does not hold, every write of that desk is refused with the reason, unless an
administrator's recorded recovery (`audit.recovered`) acknowledges exactly this fault
(the fault stays in the trail and `audit verify` keeps reporting it).
"""

from __future__ import annotations

import json

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.audit import ChainReport
from ledger_tui.domain.errors import TrailBroken
from ledger_tui.i18n import t
from ledger_tui.services.trail.verify import report_message

RECOVERED = "audit.recovered"


def acknowledging_entry(ledger: Ledger, report: ChainReport) -> int | None:
    """The newest recovery entry that acknowledged this very fault, if any."""
    if report.ok:
        return None
    with ledger.read_session() as session:
        row = session.execute(
            select(AuditEntry.seq, AuditEntry.details)
            .where(AuditEntry.action == RECOVERED)
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    details = json.loads(row[1])
    if details.get("fault") == report.reason and details.get("fault_seq") == report.first_bad_seq:
        return int(row[0])
    return None


def guard_writes(ledger: Ledger, report: ChainReport) -> str:
    """Refuse this desk's writes when the trail is broken (unless acknowledged); return
    the warning to show ("" when the trail is intact)."""
    if report.ok:
        ledger.trail_fault = None
        return ""
    key, params = report_message(report)
    message = t(key, **params)
    acknowledged = acknowledging_entry(ledger, report)
    if acknowledged is None:
        ledger.trail_fault = TrailBroken("error.trail.broken", message=message)
        return message
    ledger.trail_fault = None
    return f"{message} {t('trail.acknowledged', seq=acknowledged)}"
