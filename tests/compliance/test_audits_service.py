"""Audits (監査・立入り調査): planning, recording, follow-ups, and the contracts that still
owe this fiscal year's audit, on SQLite and PostgreSQL with a fake clock."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.compliance import AuditKind
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.services.oversight import audits
from ledger_tui.services.oversight.audits import AuditStatus
from tests.compliance.oversight_world import (
    World,
    add_contract,
    build_world,
    close_contract,
    set_terms,
    tokyo,
    trail,
)
from tests.conftest import FakeClock

TODAY = date(2025, 6, 1)  # the fake clock's day in Tokyo


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def due_ids(ledger: Ledger, today: date) -> dict[int, audits.AuditDue]:
    return {row.contract_id: row for row in audits.audit_status(ledger, today)}


def test_running_contracts_owe_an_audit_with_days_left(world: World) -> None:
    rows = audits.audit_status(world.ledger, TODAY)
    # the law firm's contract ends on 30 September: due then, so it comes first
    assert [r.contract_id for r in rows] == [world.other_contract_id, world.contract_id]
    law, servicer = rows
    assert (law.due_on, law.days_left, law.fiscal_year) == (date(2025, 9, 30), 121, 2025)
    assert (servicer.due_on, servicer.days_left) == (date(2026, 3, 31), 303)
    assert servicer.contract_title == "転出者滞納整理業務委託"
    assert servicer.contractor_name == "株式会社東京サービサー"
    assert servicer.planned_on is None


def test_plan_then_record_done_clears_the_reminder(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    first = audits.plan_audit(ledger, actor, world.contract_id, date(2025, 9, 1))
    audits.plan_audit(
        ledger,
        actor,
        world.contract_id,
        date(2025, 7, 1),
        kind=AuditKind.DOCUMENT,
        auditor="監査 次郎",
    )
    assert first.status is AuditStatus.PLANNED and first.fiscal_year == 2025
    assert due_ids(ledger, TODAY)[world.contract_id].planned_on == date(2025, 7, 1)

    done = audits.record_audit(
        ledger,
        actor,
        world.contract_id,
        date(2025, 6, 1),
        "監査 太郎",
        "金庫の施錠を確認",
        audit_id=first.id,
    )
    assert done.id == first.id and done.status is AuditStatus.DONE
    assert (done.done_on, done.auditor, done.fiscal_year) == (date(2025, 6, 1), "監査 太郎", 2025)
    assert world.contract_id not in due_ids(ledger, TODAY)
    assert world.other_contract_id in due_ids(ledger, TODAY)
    history = audits.list_audits(ledger, world.contract_id)
    assert [a.status for a in history] == [AuditStatus.DONE, AuditStatus.PLANNED]
    entries = trail(ledger, "audit.done")
    assert entries[-1]["audit_id"] == first.id and entries[-1]["planned"] is True
    assert "監査 太郎" not in str(entries) + str(trail(ledger, "audit.planned"))


def test_unplanned_audit_recorded_done(world: World) -> None:
    view = audits.record_audit(
        world.ledger,
        world.actor,
        world.other_contract_id,
        date(2025, 5, 20),
        "監査 太郎",
        "問題なし",
        kind=AuditKind.DOCUMENT,
    )
    assert view.kind is AuditKind.DOCUMENT and view.planned_on is None
    assert world.other_contract_id not in due_ids(world.ledger, TODAY)
    assert trail(world.ledger, "audit.done")[-1]["planned"] is False


def test_fiscal_year_boundary(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    long_one = add_contract(ledger, actor, "複数年度業務委託", date(2025, 4, 1), date(2027, 3, 31))
    clock.now = tokyo(2026, 3, 31, 17)
    audits.record_audit(ledger, actor, long_one, date(2026, 3, 31), "監査 太郎", "確認")
    assert long_one not in due_ids(ledger, date(2026, 3, 31))  # counts for FY2025
    assert audits.list_audits(ledger, long_one)[0].fiscal_year == 2025

    clock.now = tokyo(2026, 4, 1, 9)
    row = due_ids(ledger, date(2026, 4, 1))[long_one]  # a new fiscal year: due again
    assert (row.fiscal_year, row.due_on, row.days_left) == (2026, date(2027, 3, 31), 364)
    # contracts that ended on 31 March no longer run
    assert world.contract_id not in due_ids(ledger, date(2026, 4, 1))


def test_contract_ending_in_june_is_due_by_its_end(world: World, clock: FakeClock) -> None:
    june = add_contract(
        world.ledger, world.actor, "短期業務委託", date(2025, 4, 1), date(2025, 6, 30)
    )
    row = due_ids(world.ledger, TODAY)[june]
    assert (row.due_on, row.days_left) == (date(2025, 6, 30), 29)
    clock.now = tokyo(2025, 7, 2)
    assert due_ids(world.ledger, date(2025, 7, 2))[june].days_left == -2  # overdue


def test_only_running_contracts_with_the_audit_duty(world: World) -> None:
    ledger = world.ledger
    set_terms(ledger, world.contract_id, [1, 2, 11, 12, 13, 19])
    close_contract(ledger, world.other_contract_id)
    add_contract(ledger, world.actor, "来年度業務委託", date(2026, 4, 1), date(2027, 3, 31))
    ended = add_contract(ledger, world.actor, "前年度業務委託", date(2024, 4, 1), date(2025, 3, 31))
    assert due_ids(ledger, TODAY) == {}
    set_terms(ledger, world.contract_id, [16])  # any one of 15-17 carries the duty
    assert list(due_ids(ledger, TODAY)) == [world.contract_id]
    assert ended not in due_ids(ledger, TODAY)


def test_audit_refusals(world: World) -> None:
    ledger, actor, cid = world.ledger, world.actor, world.contract_id
    with pytest.raises(InvalidInput) as past:
        audits.plan_audit(ledger, actor, cid, date(2025, 5, 31))
    assert past.value.field == "planned_on"
    with pytest.raises(InvalidInput) as future:
        audits.record_audit(ledger, actor, cid, date(2025, 6, 2), "監査 太郎", "確認")
    assert future.value.key == "error.date.future"
    with pytest.raises(InvalidInput) as no_auditor:
        audits.record_audit(ledger, actor, cid, TODAY, " ", "確認")
    assert no_auditor.value.field == "auditor"
    with pytest.raises(InvalidInput) as no_findings:
        audits.record_audit(ledger, actor, cid, TODAY, "監査 太郎", "")
    assert no_findings.value.field == "findings"
    with pytest.raises(InvalidInput):
        audits.plan_audit(ledger, actor, cid, date(2025, 7, 1), kind="visit")
    with pytest.raises(NotFound):
        audits.plan_audit(ledger, actor, 999, date(2025, 7, 1))
    planned = audits.plan_audit(ledger, actor, cid, date(2025, 7, 1))
    with pytest.raises(InvalidInput) as other:
        audits.record_audit(
            ledger, actor, world.other_contract_id, TODAY, "監査 太郎", "確認", audit_id=planned.id
        )
    assert other.value.key == "audit.error.other_contract"
    audits.complete_audit(ledger, actor, planned.id, TODAY, "監査 太郎", "確認")
    with pytest.raises(Conflict):
        audits.complete_audit(ledger, actor, planned.id, TODAY, "監査 太郎", "確認")
    close_contract(ledger, world.other_contract_id)
    with pytest.raises(IllegalTransition) as closed:
        audits.plan_audit(ledger, actor, world.other_contract_id, date(2025, 7, 1))
    assert "完了済み" in closed.value.message("ja")


def test_follow_ups_open_until_closed(world: World, clock: FakeClock) -> None:
    ledger, actor, cid = world.ledger, world.actor, world.contract_id
    clean = audits.record_audit(ledger, actor, cid, date(2025, 5, 10), "監査 太郎", "問題なし")
    flagged = audits.record_audit(
        ledger,
        actor,
        cid,
        date(2025, 5, 20),
        "監査 太郎",
        "金庫の鍵が机上にあった",
        "鍵の保管場所を定める",
    )
    planned = audits.plan_audit(ledger, actor, cid, date(2025, 9, 1))
    assert flagged.status is AuditStatus.FOLLOW_UPS_OPEN
    assert [a.id for a in audits.open_follow_ups(ledger)] == [flagged.id]
    with pytest.raises(IllegalTransition):
        audits.close_follow_ups(ledger, actor, clean.id, TODAY)  # nothing to close
    with pytest.raises(IllegalTransition):
        audits.close_follow_ups(ledger, actor, planned.id, TODAY)  # not done yet
    with pytest.raises(InvalidInput):
        audits.close_follow_ups(ledger, actor, flagged.id, date(2025, 5, 19))
    with pytest.raises(InvalidInput):
        audits.close_follow_ups(ledger, actor, flagged.id, date(2025, 6, 2))
    closed = audits.close_follow_ups(ledger, actor, flagged.id, TODAY, "鍵箱を設置")
    assert closed.status is AuditStatus.DONE and closed.follow_ups_closed_on == TODAY
    assert closed.follow_ups.endswith("鍵箱を設置")
    assert audits.open_follow_ups(ledger) == []
    with pytest.raises(Conflict):
        audits.close_follow_ups(ledger, actor, flagged.id, TODAY)
    assert trail(ledger, "audit.follow_ups_closed")[-1]["audit_id"] == flagged.id
