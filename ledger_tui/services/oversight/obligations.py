"""The dashboard's obligations: everything the desk owes by a date, most urgent first.

Gathered in one read: open incidents (always on top, red: late first notification or
written report missing), returns overdue, audits due in a fiscal year the contract runs
(missed ones red), contracts ending within `ENDING_WINDOW_DAYS` with media still out,
handover slips not yet stamped, sheets with items not met, running contracts without a
sheet, without a designated responsible person (clause 13) or without staff training
confirmed on the sheet (clause 18), a stale inspection (none
finished within `INSPECTION_INTERVAL_DAYS`), and contracts ended but not closed. Each
obligation carries its one-line text (catalogue key and parameters) and the `Target`
screen that resolves it.

Order: incidents; then overdue ones, most days overdue first; then the soonest due;
then the undated. A loan whose medium is lost is covered by its incident, not listed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import Contract, HandoverSlip, Loan, Medium
from ledger_tui.db.models.core import WAITING_SLIP
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.compliance import CheckStatus, Duty, duties_of
from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import TERMINAL, MediumState
from ledger_tui.domain.slips import SlipState
from ledger_tui.domain.wareki import fiscal_year_prefix
from ledger_tui.i18n import Lang, t
from ledger_tui.services.inspection.views import last_inspection_summary
from ledger_tui.services.lending.loans import loan_label
from ledger_tui.services.oversight import facts, targets
from ledger_tui.services.oversight.targets import Target
from ledger_tui.services.register.media import counts_by_state

#: A register not inspected within this many days is stale (a quarterly 点検).
INSPECTION_INTERVAL_DAYS = 90
#: Contracts ending within this many days with media still out are flagged.
ENDING_WINDOW_DAYS = 30
#: Days after the hand-over by which its slip should be printed and stamped.
SLIP_STAMP_DAYS = 3


class ObligationKind(enum.StrEnum):
    INCIDENT_OPEN = "incident_open"
    RETURN_OVERDUE = "return_overdue"
    AUDIT_DUE = "audit_due"
    CONTRACT_ENDING = "contract_ending"
    SLIP_UNSTAMPED = "slip_unstamped"
    SHEET_UNMET = "sheet_unmet"
    INSPECTION_STALE = "inspection_stale"
    CONTRACT_NOT_CLOSED = "contract_not_closed"
    SHEET_MISSING = "sheet_missing"
    HANDLER_MISSING = "handler_missing"
    TRAINING_UNCONFIRMED = "training_unconfirmed"


class Severity(enum.StrEnum):
    RED = "red"
    YELLOW = "yellow"


@dataclass(frozen=True, slots=True)
class Obligation:
    """One thing owed. `days` is today minus `due`: > 0 days overdue, <= 0 days left."""

    kind: ObligationKind
    severity: Severity
    due: date | None
    days: int
    key: str
    params: dict[str, object] = field(default_factory=dict)
    target: Target | None = None

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.days > 0

    def message(self, lang: Lang | None = None) -> str:
        return t(self.key, lang, **self.params)


def _make(
    which: ObligationKind,
    severity: Severity,
    due: date | None,
    today: date,
    target: Target,
    variant: str = "",
    **params: object,
) -> Obligation:
    days = (today - due).days if due is not None else 0
    key = f"obligation.{which.value}{'.' + variant if variant else ''}"
    return Obligation(
        which,
        severity,
        due,
        days,
        key,
        {**params, "days": abs(days), "due": due.isoformat() if due else ""},
        target,
    )


def urgency(item: Obligation) -> tuple[int, int, str]:
    if item.kind is ObligationKind.INCIDENT_OPEN:
        return 0, 0, item.key
    if item.due is None:
        return 3, 0 if item.severity is Severity.RED else 1, item.key
    if item.days > 0:
        return 1, -item.days, item.key
    return 2, -item.days, item.key


def _incidents(session: Session, today: date, now: datetime) -> list[Obligation]:
    found = []
    for row in facts.open_incidents(session):
        late = facts.notification_late(row.discovered_at, row.notified_at, now)
        variant = "late" if late else "no_report" if row.report_missing else "open"
        found.append(
            _make(
                ObligationKind.INCIDENT_OPEN,
                Severity.RED,
                None,
                today,
                Target(targets.INCIDENTS, row.number, row.id, row.contract_id),
                variant,
                number=row.number,
                incident_kind=t(f"incident_kind.{row.kind}"),
                title=row.contract_title,
                medium=row.control_number,
            )
        )
    return found


def _loans_out(session: Session, today: date) -> list[Obligation]:
    loans = session.scalars(
        select(Loan)
        .join(Loan.medium)
        .where(Loan.state == LoanState.OUT, Medium.state != MediumState.LOST)
        .options(joinedload(Loan.medium), joinedload(Loan.contract).joinedload(Contract.contractor))
    ).all()
    found = []
    ending: dict[int, list[Loan]] = {}
    for loan in loans:
        contract = loan.contract
        if loan.expected_return is not None and loan.expected_return < today:
            found.append(
                _make(
                    ObligationKind.RETURN_OVERDUE,
                    Severity.RED,
                    loan.expected_return,
                    today,
                    Target(targets.LOANS, loan_label(loan), loan.id, contract.id),
                    control_number=loan_label(loan),
                    title=contract.title,
                    contractor=contract.contractor.name,
                )
            )
        elif today <= contract.period_end <= today + timedelta(days=ENDING_WINDOW_DAYS):
            ending.setdefault(contract.id, []).append(loan)
    for group in ending.values():
        contract = group[0].contract
        numbers = sorted(loan_label(loan) for loan in group)
        found.append(
            _make(
                ObligationKind.CONTRACT_ENDING,
                Severity.YELLOW,
                contract.period_end,
                today,
                Target(targets.LOANS, numbers[0], group[0].id, contract.id),
                title=contract.title,
                count=len(numbers),
                media="、".join(numbers),
            )
        )
    return found


def _contracts(session: Session, today: date) -> list[Obligation]:
    found = []
    open_contracts = session.scalars(
        select(Contract).where(Contract.closed_at.is_(None)).order_by(Contract.id)
    ).all()
    open_ids = [c.id for c in open_contracts]
    audited = facts.audited_years(session, open_ids)
    planned_on = facts.planned_audits(session, open_ids)
    for contract in open_contracts:
        here = Target(targets.AUDITS, ref_id=contract.id, contract_id=contract.id)
        if Duty.ANNUAL_AUDIT in duties_of(list(contract.special_terms)):
            done = audited[contract.id]
            for year in facts.years_run(contract, today):
                if year in done:
                    continue
                due = facts.audit_due_on(contract, year)
                planned = planned_on.get((contract.id, year))
                found.append(
                    _make(
                        ObligationKind.AUDIT_DUE,
                        Severity.RED if due < today else Severity.YELLOW,
                        due,
                        today,
                        here,
                        "missed" if due < today else "",
                        title=contract.title,
                        prefix=fiscal_year_prefix(date(year, 4, 1)),
                        planned=planned.isoformat() if planned else "-",
                    )
                )
        if contract.period_end < today:
            found.append(
                _make(
                    ObligationKind.CONTRACT_NOT_CLOSED,
                    Severity.YELLOW,
                    contract.period_end,
                    today,
                    Target(targets.CLOSEOUT, ref_id=contract.id, contract_id=contract.id),
                    title=contract.title,
                )
            )
    found += _duties(
        session, [c for c in open_contracts if c.period_start <= today <= c.period_end], today
    )
    unmet: dict[int, list[facts.UnmetFact]] = {}
    for item in facts.unmet_items(session, [c.id for c in open_contracts]):
        unmet.setdefault(item.contract_id, []).append(item)
    titles = {c.id: c.title for c in open_contracts}
    for contract_id, items in unmet.items():
        found.append(
            _make(
                ObligationKind.SHEET_UNMET,
                Severity.YELLOW,
                None,
                today,
                Target(targets.SHEET, ref_id=items[0].item_id, contract_id=contract_id),
                title=titles[contract_id],
                count=len(items),
                since=min(i.since for i in items).isoformat(),
            )
        )
    return found


def _duties(session: Session, running: list[Contract], today: date) -> list[Obligation]:
    """What a running contract owes from its start: a confirmation record sheet
    (the ward's measure 2), the handlers designated and reported (clause 13), and the
    contractor's staff training confirmed on the sheet (clause 18)."""
    found = []
    sheets = facts.sheet_statuses(session, [c.id for c in running])
    responsible = facts.with_responsible_handler(session, [c.id for c in running])
    for contract in running:
        duties = duties_of(list(contract.special_terms))
        due = contract.period_start
        severity = Severity.RED if due < today else Severity.YELLOW
        sheet = Target(targets.SHEET, ref_id=contract.id, contract_id=contract.id)
        if Duty.HANDLER_DESIGNATION in duties and contract.id not in responsible:
            found.append(
                _make(
                    ObligationKind.HANDLER_MISSING,
                    severity,
                    due,
                    today,
                    Target(targets.CONTRACTS, ref_id=contract.id, contract_id=contract.id),
                    title=contract.title,
                )
            )
        statuses = sheets.get(contract.id)
        if statuses is None:
            found.append(
                _make(
                    ObligationKind.SHEET_MISSING, severity, due, today, sheet, title=contract.title
                )
            )
        elif Duty.TRAINING in duties and statuses.get("staff_training") not in (
            CheckStatus.MET,
            CheckStatus.NOT_APPLICABLE,
        ):
            found.append(
                _make(
                    ObligationKind.TRAINING_UNCONFIRMED,
                    Severity.YELLOW,
                    due,
                    today,
                    sheet,
                    title=contract.title,
                )
            )
    return found


def _slips(session: Session, today: date) -> list[Obligation]:
    # The few slips waiting, by their partial index; each medium by its key. Not joined:
    # a join lets the planner walk every medium instead of the handful wanted. A transfer
    # without a medium (e-mail, registered mail, locked case) has no control number: the
    # scalar subquery yields NULL and the slip is named by its channel.
    control_number = (
        select(Medium.control_number).where(Medium.id == HandoverSlip.medium_id).scalar_subquery()
    )
    rows = cast(
        "list[tuple[int, str, SlipState, datetime, int, str | None, TransferMethod, int]]",
        session.execute(
            select(
                HandoverSlip.id,
                HandoverSlip.number,
                HandoverSlip.state,
                HandoverSlip.handed_at,
                HandoverSlip.contract_id,
                control_number,
                HandoverSlip.transfer_method,
                HandoverSlip.loan_id,
            )
            .where(WAITING_SLIP)
            .order_by(HandoverSlip.handed_at, HandoverSlip.id)
        ).all(),
    )
    return [
        _make(
            ObligationKind.SLIP_UNSTAMPED,
            Severity.YELLOW,
            local_date(handed) + timedelta(days=SLIP_STAMP_DAYS),
            today,
            Target(targets.SLIPS, number, slip_id, contract_id),
            "print" if state is SlipState.CONFIRMED else "stamp",
            number=number,
            control_number=control_number or t(f"transfer.channel.{method.value}", number=loan_id),
        )
        for slip_id, number, state, handed, contract_id, control_number, method, loan_id in rows
    ]


def _inspection(ledger: Ledger, session: Session, today: date) -> list[Obligation]:
    held = sum(n for state, n in counts_by_state(session).items() if state not in TERMINAL)
    if not held:
        return []
    last = last_inspection_summary(ledger)
    target = Target(targets.INSPECTION)
    if last is None:
        return [
            _make(ObligationKind.INSPECTION_STALE, Severity.YELLOW, None, today, target, "never")
        ]
    due = last.finished_on + timedelta(days=INSPECTION_INTERVAL_DAYS)
    if due >= today:  # inspected within the interval
        return []
    return [
        _make(
            ObligationKind.INSPECTION_STALE,
            Severity.YELLOW,
            due,
            today,
            target,
            number=last.number,
            last=last.finished_on.isoformat(),
        )
    ]


def obligations(ledger: Ledger, today: date | None = None) -> list[Obligation]:
    """Every obligation of the ledger on `today` (default: the ledger's today), sorted."""
    now = ledger.clock()
    day = today or local_date(now)
    with ledger.read_session() as session:
        found = (
            _incidents(session, day, now)
            + _loans_out(session, day)
            + _contracts(session, day)
            + _slips(session, day)
            + _inspection(ledger, session, day)
        )
    return sorted(found, key=urgency)
