"""The dashboard's obligations on SQLite and PostgreSQL with a fake clock: each kind
appears when owed and goes when done; overdue thresholds, the 30-day window before a
contract's end, fiscal-year boundaries for audits; and the order (incidents first, then
most overdue, then soonest due)."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_tui.domain.compliance import CheckStatus, IncidentKind
from ledger_tui.services.oversight.obligations import (
    INSPECTION_INTERVAL_DAYS,
    Obligation,
    ObligationKind,
    Severity,
    obligations,
)
from tests.compliance.closeout_world import USB1, USB2, Desk, servicer_desk, tokyo
from tests.compliance.world import PERIOD_START, SECTION_CODE, SERVICER, World
from tests.conftest import FakeClock

K = ObligationKind


@pytest.fixture
def desk(compliance_world: World) -> Desk:
    return servicer_desk(compliance_world)


def of(desk: Desk, kind: ObligationKind, today: date | None = None) -> list[Obligation]:
    return [o for o in obligations(desk.ledger, today) if o.kind is kind]


def test_overdue_return_from_the_day_after_the_expected_return(
    desk: Desk, clock: FakeClock
) -> None:
    from ledger_tui.services.lending import loans as lending

    loan = lending.create_loan(
        desk.ledger, desk.admin, USB1, desk.contract_id, expected_return=date(2025, 6, 10)
    )
    desk.stamp(desk.lend_existing(loan.id))
    assert of(desk, K.RETURN_OVERDUE, date(2025, 6, 10)) == []
    late = of(desk, K.RETURN_OVERDUE, date(2025, 6, 13))
    assert len(late) == 1 and late[0].days == 3 and late[0].severity is Severity.RED
    assert late[0].target is not None and late[0].target.screen == "loans"
    assert late[0].target.ref == USB1 and "3" in late[0].message("ja")
    clock.now = tokyo(date(2025, 6, 13))
    desk.take_back(loan.id)
    assert of(desk, K.RETURN_OVERDUE, date(2025, 6, 13)) == []


def test_contract_ending_within_thirty_days_with_media_out(desk: Desk) -> None:
    desk.lend(USB1)  # expected back on the contract's last day, 2026-03-31
    assert of(desk, K.CONTRACT_ENDING, date(2026, 2, 28)) == []  # 31 days left
    ending = of(desk, K.CONTRACT_ENDING, date(2026, 3, 1))
    assert len(ending) == 1 and ending[0].days == -30 and ending[0].params["count"] == 1
    assert of(desk, K.CONTRACT_ENDING, date(2026, 3, 31))[0].days == 0
    # the day after, it is an overdue return instead (and the contract is not closed)
    assert of(desk, K.CONTRACT_ENDING, date(2026, 4, 1)) == []
    assert len(of(desk, K.RETURN_OVERDUE, date(2026, 4, 1))) == 1
    assert len(of(desk, K.CONTRACT_NOT_CLOSED, date(2026, 4, 1))) == 2  # both world contracts


def test_audit_due_this_fiscal_year_then_missed_at_the_boundary(desk: Desk) -> None:
    due = of(desk, K.AUDIT_DUE, date(2025, 6, 1))
    servicer = [o for o in due if o.target and o.target.contract_id == desk.contract_id]
    assert len(servicer) == 1 and servicer[0].due == date(2026, 3, 31)
    assert servicer[0].days == -303 and servicer[0].severity is Severity.YELLOW
    assert servicer[0].params["prefix"] == "R7"
    missed = [
        o
        for o in of(desk, K.AUDIT_DUE, date(2026, 4, 1))
        if o.target and o.target.contract_id == desk.contract_id
    ]
    assert len(missed) == 1 and missed[0].severity is Severity.RED and missed[0].days == 1
    desk.audit(done_on=date(2025, 11, 5))
    assert [
        o
        for o in of(desk, K.AUDIT_DUE, date(2026, 4, 1))
        if o.target and o.target.contract_id == desk.contract_id
    ] == []


def test_sheet_with_unmet_items(desk: Desk) -> None:
    item = desk.sheet_item(CheckStatus.NOT_MET)
    found = of(desk, K.SHEET_UNMET)
    assert len(found) == 1 and found[0].params["count"] == 1 and found[0].due is None
    assert found[0].target is not None and found[0].target.screen == "sheet"
    assert found[0].target.contract_id == desk.contract_id
    desk.check(item, CheckStatus.MET, date(2025, 5, 31))
    assert of(desk, K.SHEET_UNMET) == []


def test_open_incidents_are_red_and_on_top(desk: Desk, clock: FakeClock) -> None:
    desk.lend(USB1)
    late = desk.incident(IncidentKind.LEAK, notified=False)
    desk.incident(IncidentKind.OTHER, report=False)
    assert of(desk, K.INCIDENT_OPEN)[0].key.endswith(".no_report")  # not late yet
    clock.advance(hours=25)  # clause 19: at once; a day without a notification is late
    found = obligations(desk.ledger, date(2026, 4, 10))  # returns overdue, audits missed
    assert [o.kind for o in found[:2]] == [K.INCIDENT_OPEN, K.INCIDENT_OPEN]
    assert all(o.severity is Severity.RED for o in found[:2])
    assert found[0].key.endswith(".late") and found[0].target is not None
    assert found[0].target.ref_id == late and found[1].key.endswith(".no_report")
    desk.close_incident(late)
    assert len(of(desk, K.INCIDENT_OPEN)) == 1


def test_unstamped_slips_to_print_then_to_stamp(desk: Desk) -> None:
    _, slip = desk.lend(USB1, stamp=False)
    found = of(desk, K.SLIP_UNSTAMPED)
    assert len(found) == 1 and found[0].key.endswith(".print")
    assert found[0].target is not None and found[0].target.ref == slip.number
    desk.stamp(slip)
    assert of(desk, K.SLIP_UNSTAMPED) == []


def test_inspection_never_done_then_stale_after_the_interval(desk: Desk, clock: FakeClock) -> None:
    from ledger_tui.services.inspection import walk as inspections

    never = of(desk, K.INSPECTION_STALE)
    assert len(never) == 1 and never[0].due is None and never[0].key.endswith(".never")
    started = inspections.start_inspection(desk.ledger, desk.admin)
    inspections.finish_inspection(desk.ledger, desk.admin, started.id)
    assert of(desk, K.INSPECTION_STALE) == []
    day = date(2025, 6, 1)
    from datetime import timedelta

    assert of(desk, K.INSPECTION_STALE, day + timedelta(days=INSPECTION_INTERVAL_DAYS)) == []
    stale = of(desk, K.INSPECTION_STALE, day + timedelta(days=INSPECTION_INTERVAL_DAYS + 5))
    assert len(stale) == 1 and stale[0].days == 5 and stale[0].target is not None
    assert stale[0].target.screen == "inspection"


def test_sorted_by_urgency(desk: Desk) -> None:
    from ledger_tui.services.lending import loans as lending

    for number, due in ((USB1, date(2025, 6, 5)), (USB2, date(2025, 6, 8))):
        loan = lending.create_loan(
            desk.ledger, desk.admin, number, desk.contract_id, expected_return=due
        )
        desk.stamp(desk.lend_existing(loan.id))
    desk.sheet_item(CheckStatus.NOT_MET)
    desk.incident(IncidentKind.OTHER)
    found = obligations(desk.ledger, date(2025, 6, 20))
    kinds = [o.kind for o in found]
    assert kinds[0] is K.INCIDENT_OPEN
    overdue = [o for o in found if o.kind is K.RETURN_OVERDUE]
    assert [o.days for o in overdue] == [15, 12]  # most overdue first
    assert kinds.index(K.RETURN_OVERDUE) < kinds.index(K.AUDIT_DUE) < kinds.index(K.SHEET_UNMET)
    dated = [o for o in found if o.due is not None and o.days <= 0]
    assert [o.due for o in dated] == sorted(o.due for o in dated)  # soonest due first


def test_a_running_contract_owes_a_sheet_then_training_confirmed_on_it(desk: Desk) -> None:
    from ledger_tui.domain.compliance import SheetTemplate
    from ledger_tui.services.oversight import sheets

    mine = [
        o
        for o in of(desk, K.SHEET_MISSING)
        if o.target and o.target.contract_id == desk.contract_id
    ]
    assert len(mine) == 1 and mine[0].target is not None and mine[0].target.screen == "sheet"
    assert mine[0].due == PERIOD_START and mine[0].severity is Severity.RED
    assert "確認記録票が未作成" in mine[0].message("ja")
    sheets.start_sheet(desk.ledger, desk.admin, desk.contract_id, SheetTemplate.SERVICER)
    assert [
        o
        for o in of(desk, K.SHEET_MISSING)
        if o.target and o.target.contract_id == desk.contract_id
    ] == []
    training = [
        o
        for o in of(desk, K.TRAINING_UNCONFIRMED)
        if o.target and o.target.contract_id == desk.contract_id
    ]
    assert len(training) == 1 and "第18項" in training[0].message("ja")
    view = sheets.show_sheet(desk.ledger, desk.contract_id)
    item = next(row for row in view.rows if row.code == "staff_training")
    sheets.check_item(
        desk.ledger,
        desk.admin,
        item.item_id,
        CheckStatus.NOT_MET,
        date(2025, 6, 1),
        "研修記録の提出待ち",
    )
    assert (
        len(
            [
                o
                for o in of(desk, K.TRAINING_UNCONFIRMED)
                if o.target and o.target.contract_id == desk.contract_id
            ]
        )
        == 1
    )
    sheets.check_item(desk.ledger, desk.admin, item.item_id, CheckStatus.MET, date(2025, 6, 1), "")
    assert [
        o
        for o in of(desk, K.TRAINING_UNCONFIRMED)
        if o.target and o.target.contract_id == desk.contract_id
    ] == []
    # without clause 18 the duty is not owed at all
    sheets.set_special_terms(
        desk.ledger, desk.admin, desk.contract_id, [n for n in range(1, 22) if n != 18]
    )
    sheets.check_item(
        desk.ledger, desk.admin, item.item_id, CheckStatus.NOT_MET, date(2025, 6, 1), "未実施"
    )
    assert [
        o
        for o in of(desk, K.TRAINING_UNCONFIRMED)
        if o.target and o.target.contract_id == desk.contract_id
    ] == []


def test_a_running_contract_without_a_responsible_person(desk: Desk) -> None:
    from ledger_tui.services import organisation

    assert [
        o
        for o in of(desk, K.HANDLER_MISSING)
        if o.target and o.target.contract_id == desk.contract_id
    ] == []
    bare = organisation.add_contract(
        desk.ledger,
        desk.admin,
        organisation.ContractForm(
            title="担当者未報告の委託",
            section_code=SECTION_CODE,
            contractor_name=SERVICER,
            period_start=date(2025, 5, 1),
            period_end=date(2025, 12, 31),
        ),
    )
    owed = [o for o in of(desk, K.HANDLER_MISSING) if o.target and o.target.contract_id == bare.id]
    assert len(owed) == 1 and owed[0].target is not None
    assert owed[0].target.screen == "contracts" and "第13項" in owed[0].message("ja")
    assert owed[0].severity is Severity.RED  # it began a month ago
    organisation.add_handler(
        desk.ledger,
        desk.admin,
        bare.id,
        "山本 一郎",
        "responsible",
        "RS01",
        date(2025, 5, 1),
        None,
        date(2025, 4, 25),
    )
    assert [
        o for o in of(desk, K.HANDLER_MISSING) if o.target and o.target.contract_id == bare.id
    ] == []
