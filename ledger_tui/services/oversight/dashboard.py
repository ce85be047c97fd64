"""Everything the dashboard shows, in one read whose cost does not grow with the ledger.

Every figure is an aggregate query or an indexed lookup: counts of media by state, of
running contracts, of open and overdue loans, of slips waiting to be printed or stamped
and of back-slips whose count differs from their out-slip's. Only the few rows the
dashboard lists are built as views (the `OVERDUE_SHOWN` most overdue loans, contracts
ended with media out, the obligations). A test holds the number of queries equal on a
small and a ten times larger ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from ledger_tui.db.models import HandoverSlip, Loan
from ledger_tui.db.models.core import WAITING_SLIP
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.services import organisation
from ledger_tui.services.inspection.views import LastInspection, last_inspection_summary
from ledger_tui.services.journey import SetupItem, setup_checklist
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.loans import EndedContractRow, LoanView
from ledger_tui.services.oversight.obligations import Obligation, obligations
from ledger_tui.services.register import media

#: How many overdue loans the dashboard names (the count covers all of them).
OVERDUE_SHOWN = 5


@dataclass(frozen=True, slots=True)
class LendingOverview:
    """What the dashboard shows about lending."""

    open_loans: int
    overdue_count: int
    #: The most overdue loans, at most `OVERDUE_SHOWN` of them.
    overdue: list[LoanView]
    ended_with_media_out: list[EndedContractRow]
    count_mismatches: int
    to_print_or_stamp: int


@dataclass(frozen=True, slots=True)
class DashboardFacts:
    counts: dict[MediumState, int]
    running_contracts: int
    lending: LendingOverview
    last_inspection: LastInspection | None
    obligations: list[Obligation]
    setup: list[SetupItem]


def lending_overview(ledger: Ledger, today: date | None = None) -> LendingOverview:
    day = today or local_date(ledger.clock())
    overdue_where = (Loan.state == LoanState.OUT, Loan.expected_return < day)
    with ledger.read_session() as session:
        open_count = session.scalar(
            select(func.count()).select_from(Loan).where(Loan.state != LoanState.CLOSED)
        )
        overdue_count = session.scalar(select(func.count()).select_from(Loan).where(*overdue_where))
        mismatches = session.scalar(
            select(func.count())
            .select_from(HandoverSlip)
            .where(
                HandoverSlip.count_mismatch.is_(True),
                HandoverSlip.state != SlipState.CANCELLED,
                HandoverSlip.cancels_slip_id.is_(None),
            )
        )
        waiting = session.scalar(select(func.count()).select_from(HandoverSlip).where(WAITING_SLIP))
    most_overdue = lending.overdue_loans(ledger, day, limit=OVERDUE_SHOWN)
    return LendingOverview(
        open_loans=int(open_count or 0),
        overdue_count=int(overdue_count or 0),
        overdue=most_overdue,
        ended_with_media_out=lending.ended_contracts_with_media_out(ledger),
        count_mismatches=int(mismatches or 0),
        to_print_or_stamp=int(waiting or 0),
    )


def dashboard_facts(ledger: Ledger) -> DashboardFacts:
    """The dashboard's figures and obligations for the ledger's today."""
    today = local_date(ledger.clock())
    return DashboardFacts(
        media.count_by_state(ledger),
        organisation.count_running_contracts(ledger, today),
        lending_overview(ledger, today),
        last_inspection_summary(ledger),
        obligations(ledger, today),
        setup_checklist(ledger),
    )
