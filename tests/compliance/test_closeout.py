"""Contract close-out on SQLite and PostgreSQL with a fake clock: each blocker appears
when its cause is there and goes when it is resolved; the close is refused while any
blocker remains (admin only), then allowed, recorded on the trail, and never twice."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, Contract
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import CheckStatus, IncidentKind, SheetTemplate
from ledger_tui.domain.errors import AuthError, Conflict, IllegalTransition
from ledger_tui.services import organisation
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.oversight import sheets
from ledger_tui.services.oversight.closeout import (
    BlockerKind,
    CloseOutBlocked,
    close_contract,
    closeout_blockers,
)
from ledger_tui.services.oversight.closeout_views import closeout_summary
from tests.compliance.closeout_world import CDR, USB1, USB2, Desk, servicer_desk, tokyo
from tests.compliance.world import World
from tests.conftest import FakeClock

B = BlockerKind


@pytest.fixture
def desk(compliance_world: World) -> Desk:
    return servicer_desk(compliance_world)


def kinds(desk: Desk, today: date | None = None) -> list[BlockerKind]:
    return [b.kind for b in closeout_blockers(desk.ledger, desk.contract_id, today)]


def satisfy_duties(desk: Desk) -> None:
    desk.erasure()
    desk.audit(done_on=date(2025, 5, 25))
    desk.sheet_item(CheckStatus.MET, code="handlers_reported")


def test_a_fresh_contract_is_blocked_only_by_its_duties(desk: Desk) -> None:
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [
        B.CONTRACTOR_ERASURE_MISSING,
        B.AUDIT_MISSING,
        B.SHEET_MISSING,
    ]
    assert "株式会社東京サービサー" in blockers[0].message("ja")
    assert blockers[1].params["prefix"] == "R7" and blockers[1].target is not None
    assert blockers[1].target.screen == "audits"
    satisfy_duties(desk)
    assert kinds(desk) == []


def test_media_out_then_not_wiped_then_wiped(desk: Desk) -> None:
    satisfy_duties(desk)
    loan_id, _ = desk.lend(USB1)
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [B.MEDIA_OUT]
    assert blockers[0].target is not None and blockers[0].target.ref == USB1
    assert USB1 in blockers[0].message("en")
    desk.take_back(loan_id)
    assert kinds(desk) == [B.NOT_WIPED]
    desk.wipe(USB1)
    assert kinds(desk) == []


def test_cdr_not_destroyed_blocks_until_shredded(desk: Desk) -> None:
    satisfy_duties(desk)
    loan_id, _ = desk.lend(CDR)
    desk.take_back(loan_id)
    assert kinds(desk) == [B.NOT_DISPOSED]
    desk.destroy(CDR)
    assert kinds(desk) == []


def test_a_draft_loan_blocks_until_withdrawn(desk: Desk) -> None:
    from ledger_tui.services.lending import loans as lending

    satisfy_duties(desk)
    loan = lending.create_loan(desk.ledger, desk.admin, USB2, desk.contract_id)
    assert kinds(desk) == [B.LOAN_NOT_OUT]
    lending.withdraw_loan(desk.ledger, desk.admin, loan.id)
    assert kinds(desk) == []


def test_unstamped_slips_block_until_stamped(desk: Desk) -> None:
    satisfy_duties(desk)
    loan_id, out = desk.lend(USB1, stamp=False)
    assert kinds(desk) == [B.MEDIA_OUT, B.SLIP_UNSTAMPED]
    desk.stamp(out)
    back = desk.take_back(loan_id, stamp=False)
    desk.wipe(USB1)
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [B.SLIP_UNSTAMPED]
    assert blockers[0].params["number"] == back.number
    desk.stamp(back)
    assert kinds(desk) == []


def test_lost_medium_blocks_through_its_incident_only(desk: Desk) -> None:
    satisfy_duties(desk)
    desk.lend(USB1)
    incident = desk.incident(IncidentKind.LOSS, control_number=USB1)
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [B.INCIDENT_OPEN]  # the lost stick is not "out"
    assert blockers[0].target is not None and blockers[0].target.screen == "incidents"
    assert blockers[0].target.ref_id == incident
    desk.close_incident(incident)
    assert kinds(desk) == []


def test_open_incident_blocks(desk: Desk) -> None:
    satisfy_duties(desk)
    incident = desk.incident(IncidentKind.MISDELIVERY)
    assert kinds(desk) == [B.INCIDENT_OPEN]
    desk.close_incident(incident)
    assert kinds(desk) == []


def test_sheet_item_not_met_blocks_until_a_later_check_says_met(desk: Desk) -> None:
    satisfy_duties(desk)
    item = desk.sheet_item(CheckStatus.NOT_MET)
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [B.SHEET_UNMET]
    assert "金庫" in blockers[0].message("ja") and blockers[0].params["item"] == item
    desk.check(item, CheckStatus.MET, date(2025, 5, 30))
    assert kinds(desk) == []
    desk.check(item, CheckStatus.NOT_APPLICABLE, date(2025, 5, 31))
    assert kinds(desk) == []


def test_no_sheet_or_an_unchecked_item_blocks_unchecked_is_not_met(desk: Desk) -> None:
    desk.erasure()
    desk.audit(done_on=date(2025, 5, 25))
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [B.SHEET_MISSING]
    assert "確認記録票が作成されていません" in blockers[0].message("ja")
    assert blockers[0].target is not None and blockers[0].target.screen == "sheet"
    with pytest.raises(CloseOutBlocked):
        close_contract(desk.ledger, desk.admin, desk.contract_id)
    sheets.start_sheet(desk.ledger, desk.admin, desk.contract_id, SheetTemplate.LAW_FIRM)
    blockers = closeout_blockers(desk.ledger, desk.contract_id)
    assert [b.kind for b in blockers] == [B.SHEET_UNCHECKED] * 11
    assert "1. 取扱責任者及び取扱者" in blockers[0].message("ja")
    assert "未確認" in blockers[0].message("ja")
    with pytest.raises(CloseOutBlocked) as refused:
        close_contract(desk.ledger, desk.admin, desk.contract_id)
    assert refused.value.params["count"] == 11
    for row in sheets.show_sheet(desk.ledger, desk.contract_id).rows:
        sheets.check_item(desk.ledger, desk.admin, row.item_id, CheckStatus.MET, date(2025, 5, 20))
    assert kinds(desk) == []


def test_handler_designation_missing_on_a_contract_without_one(compliance_world: World) -> None:
    ledger, admin = compliance_world.ledger, compliance_world.admin
    contract = organisation.add_contract(
        ledger,
        admin,
        organisation.ContractForm(
            title="新規委託",
            section_code="TAX",
            contractor_name="弁護士法人みなと",
            period_start=date(2025, 5, 1),
            period_end=date(2026, 3, 31),
            special_terms=[1, 2, 13],
        ),
    )
    found = [b.kind for b in closeout_blockers(ledger, contract.id)]
    # no 11/12 or 15-17 in its terms
    assert found == [B.HANDLER_DESIGNATION_MISSING, B.SHEET_MISSING]
    organisation.add_handler(
        ledger,
        admin,
        contract.id,
        "田中 一",
        "handler",
        "TNK001",
        date(2025, 5, 1),
        None,
        date(2025, 5, 1),
    )
    assert [b.kind for b in closeout_blockers(ledger, contract.id)] == found  # not responsible
    organisation.add_handler(
        ledger,
        admin,
        contract.id,
        "田中 二",
        "responsible",
        "TNK002",
        date(2025, 5, 1),
        None,
        date(2025, 5, 1),
    )
    assert [b.kind for b in closeout_blockers(ledger, contract.id)] == [B.SHEET_MISSING]


def test_an_audit_is_owed_for_every_fiscal_year_the_contract_ran(
    desk: Desk, clock: FakeClock
) -> None:
    satisfy_duties(desk)
    assert kinds(desk) == []
    # 31 March 2026 is still fiscal year R7; 1 April 2026 is R8 but the contract ended.
    assert kinds(desk, date(2026, 3, 31)) == []
    assert kinds(desk, date(2026, 4, 1)) == []
    with desk.ledger.unit_of_work() as uow:  # the contract is extended into R8
        contract = uow.session.get(Contract, desk.contract_id)
        assert contract is not None
        contract.period_end = date(2026, 6, 30)
        uow.commit()
    assert kinds(desk, date(2026, 3, 31)) == []
    blockers = closeout_blockers(desk.ledger, desk.contract_id, date(2026, 4, 1))
    assert [(b.kind, b.params["year"]) for b in blockers] == [(B.AUDIT_MISSING, 2026)]
    # a planned audit does not count, a done one does
    clock.now = tokyo(date(2026, 4, 20))
    desk.audit(done_on=None, planned_on=date(2026, 5, 10))
    assert kinds(desk, date(2026, 4, 20)) == [B.AUDIT_MISSING]
    desk.audit(done_on=date(2026, 4, 20))
    assert kinds(desk, date(2026, 4, 20)) == []


def test_close_refused_then_allowed_then_never_twice(desk: Desk, ledger: Ledger) -> None:
    loan_id = desk.cycle(USB1)
    desk.cycle(CDR)
    with pytest.raises(CloseOutBlocked) as refused:
        close_contract(ledger, desk.admin, desk.contract_id)
    assert refused.value.params["count"] == 3
    assert [b.kind for b in refused.value.blockers] == [
        B.CONTRACTOR_ERASURE_MISSING,
        B.AUDIT_MISSING,
        B.SHEET_MISSING,
    ]
    assert "2" in refused.value.message("en") and "erasure" in refused.value.message("en")
    with pytest.raises(AuthError):
        close_contract(ledger, desk.world.operator, desk.contract_id)
    satisfy_duties(desk)
    summary = close_contract(ledger, desk.admin, desk.contract_id)
    assert summary.closed_at is not None and summary.closed_by == "管理 一郎"
    assert summary.loans[0].loan_id == loan_id
    assert summary.records_out == 200 and summary.records_back == 200
    assert summary.slip_count == 4 and len(summary.certificates) == 1  # the CD-R's
    with ledger.read_session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "contract.closed")
        ).one()
    assert entry.subject == f"contract:{desk.contract_id}"
    assert summary.close_seq == entry.seq and summary.close_hash == entry.entry_hash
    assert "personal" not in json.loads(entry.details)
    with pytest.raises(Conflict):
        close_contract(ledger, desk.admin, desk.contract_id)
    with pytest.raises(IllegalTransition) as lending_refused:  # nothing more goes out
        lending.create_loan(ledger, desk.admin, USB2, desk.contract_id)
    assert lending_refused.value.key == "error.contract.closed"
    with pytest.raises(IllegalTransition):  # nor is anyone designated any more
        organisation.add_handler(
            ledger,
            desk.admin,
            desk.contract_id,
            "新人 一郎",
            "handler",
            "NEW1",
            date(2025, 6, 1),
            None,
            date(2025, 6, 1),
        )


def test_close_sees_a_loan_opened_after_the_blockers_were_read(desk: Desk) -> None:
    satisfy_duties(desk)
    assert kinds(desk) == []
    desk.lend(USB2)  # another desk lends meanwhile
    with pytest.raises(CloseOutBlocked):
        close_contract(desk.ledger, desk.admin, desk.contract_id)


def test_summary_lists_loans_slips_counts_and_records(desk: Desk, clock: FakeClock) -> None:
    satisfy_duties(desk)
    loan_id, out = desk.lend(USB1)
    clock.advance(days=3)
    back = desk.take_back(loan_id, count=98)
    desk.wipe(USB1)
    desk.incident(IncidentKind.OTHER)
    summary = closeout_summary(desk.ledger, desk.contract_id)
    line = summary.loans[0]
    assert (line.control_number, line.out_slip, line.back_slip) == (USB1, out.number, back.number)
    assert (line.out_count, line.back_count, line.mismatch) == (100, 98, True)
    assert summary.mismatches == 1 and summary.closed_at is None
    assert summary.contractor_erasures[0].certificate_number == "ER-001"
    assert summary.audits[0].done_on == date(2025, 5, 25)
    assert summary.incidents[0].state.value == "open"
    assert summary.period_start + timedelta(days=334) == summary.period_end
