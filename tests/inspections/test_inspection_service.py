"""Inspections on SQLite and PostgreSQL: the snapshot of the register, each result kind,
the seal-number check, missing media at the finish, unexpected things, one open
inspection at a time, the dashboard summary, and every step on an intact trail."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import SYSTEM, Actor, Ledger
from ledger_tui.domain.errors import AuthError, Conflict, IllegalTransition, InvalidInput
from ledger_tui.domain.inspections import Expectation, LineResult, SeenHow
from ledger_tui.services.inspection.views import (
    InspectionView,
    LineView,
    last_inspection_summary,
    open_inspection,
    show_inspection,
)
from ledger_tui.services.inspection.walk import finish_inspection, record_seen, start_inspection
from ledger_tui.services.trail.verify import verify_trail
from tests.conftest import FakeClock
from tests.inspections.conftest import CD_SEAL
from tests.integration.lending_world import World


def _line(view: InspectionView, control_number: str) -> LineView:
    return next(line for line in view.lines if line.control_number == control_number)


def _trail(ledger: Ledger, prefix: str = "inspection.") -> list[tuple[str, dict[str, object]]]:
    with ledger.read_session() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.details)
            .where(AuditEntry.action.startswith(prefix))
            .order_by(AuditEntry.seq)
        ).all()
    return [(action, json.loads(details)) for action, details in rows]


def test_snapshot_expects_media_in_custody_present_or_on_loan(
    ledger: Ledger, admin: Actor, world: World
) -> None:
    view = start_inspection(ledger, admin, "年度末定期点検")
    assert (view.number, view.is_open, view.notes) == ("INSP-R7-0001", True, "年度末定期点検")
    assert view.inspector_login == "admin"
    expected = {line.control_number: line.expected for line in view.lines}
    # 税-USB-003 is reported lost: not expected, so not in the snapshot.
    assert expected == {
        "税-USB-001": Expectation.PRESENT,
        "税-USB-002": Expectation.ON_LOAN,
        "税-CD-001": Expectation.PRESENT,
        "税-CD-002": Expectation.PRESENT,
        "税-CASE-001": Expectation.PRESENT,
    }
    assert all(line.result is None and not line.seen for line in view.lines)
    assert view.counts == {
        LineResult.FOUND: 0,
        LineResult.MISSING: 4,
        LineResult.UNEXPECTED: 0,
        LineResult.ON_LOAN: 1,
    }
    assert open_inspection(ledger) == view
    assert show_inspection(ledger, "r7-0001") == show_inspection(ledger, view.id)
    assert _trail(ledger) == [
        ("inspection.started", {"expected_present": 4, "expected_on_loan": 1})
    ]


def test_each_result_kind_and_missing_at_the_finish(
    ledger: Ledger, admin: Actor, world: World, clock: FakeClock
) -> None:
    inspection = start_inspection(ledger, admin).id
    typed = record_seen(ledger, admin, inspection, control_number="税-USB-001")
    assert (typed.result, typed.how, typed.discrepancy, typed.repeated) == (
        LineResult.FOUND,
        SeenHow.TYPED,
        "",
        False,
    )
    # full-width input is folded like everywhere else
    again = record_seen(
        ledger, admin, inspection, control_number="税－ＵＳＢ－００１", how="scanned"
    )
    assert again.repeated and again.how is SeenHow.TYPED

    stranger = record_seen(
        ledger, admin, inspection, control_number="税-USB-999", how=SeenHow.SCANNED
    )
    assert (stranger.result, stranger.medium_id, stranger.how) == (
        LineResult.UNEXPECTED,
        None,
        SeenHow.SCANNED,
    )
    stick = record_seen(ledger, admin, inspection, serial="4C530099887766554433")
    assert (stick.result, stick.control_number, stick.serial_seen, stick.how) == (
        LineResult.UNEXPECTED,
        "",
        "4C530099887766554433",
        SeenHow.INSERTED,
    )
    assert record_seen(ledger, admin, inspection, serial="4C530099887766554433").repeated
    lost = record_seen(ledger, admin, inspection, serial="SN-税-USB-003")
    assert (lost.result, lost.discrepancy, lost.expected) == (
        LineResult.UNEXPECTED,
        "insp.discrepancy.not_in_custody",
        None,
    )

    clock.advance(hours=2)
    report = finish_inspection(ledger, admin, inspection, notes="棚Bは未確認")
    assert (report.found, report.missing, report.on_loan, report.unexpected) == (1, 3, 1, 3)
    assert report.missing_media == ("税-CASE-001", "税-CD-001", "税-CD-002")
    view = report.inspection
    assert not view.is_open and view.finished_at == clock.now and view.notes == "棚Bは未確認"
    assert _line(view, "税-USB-002").result is LineResult.ON_LOAN
    assert all(line.result is not None for line in view.lines)
    assert len(view.audit_hash) == 64

    with pytest.raises(IllegalTransition):
        finish_inspection(ledger, admin, inspection)
    with pytest.raises(IllegalTransition):
        record_seen(ledger, admin, inspection, control_number="税-CD-001")
    finished = [details for action, details in _trail(ledger) if action == "inspection.finished"]
    assert finished == [
        {
            "found": 1,
            "missing": 3,
            "on_loan": 1,
            "unexpected": 3,
            "discrepancies": 1,
            "missing_media": ["税-CASE-001", "税-CD-001", "税-CD-002"],
        }
    ]


def test_a_lent_medium_seen_in_the_ward_is_a_discrepancy(
    ledger: Ledger, admin: Actor, world: World
) -> None:
    inspection = start_inspection(ledger, admin).id
    line = record_seen(ledger, admin, inspection, serial="SN-税-USB-002")
    assert (line.result, line.how, line.discrepancy) == (
        LineResult.FOUND,
        SeenHow.INSERTED,
        "insp.discrepancy.expected_on_loan",
    )
    report = finish_inspection(ledger, admin, inspection)
    assert (report.found, report.on_loan) == (1, 0)
    assert [d.control_number for d in report.discrepancies] == ["税-USB-002"]


def test_sealed_cases_are_checked_by_seal_number(
    ledger: Ledger, admin: Actor, world: World
) -> None:
    inspection = start_inspection(ledger, admin).id
    with pytest.raises(InvalidInput) as caught:
        record_seen(ledger, admin, inspection, control_number="税-CASE-001")
    assert caught.value.field == "seal_number"
    assert "税-CASE-001" in caught.value.message("ja")

    wrong = record_seen(
        ledger, admin, inspection, control_number="税-CASE-001", seal_number="S-9999"
    )
    assert (wrong.result, wrong.discrepancy, wrong.seal_seen) == (
        LineResult.FOUND,
        "insp.discrepancy.seal_mismatch",
        "S-9999",
    )
    # The operator looks again: the right seal clears the finding (a typo, on the trail).
    right = record_seen(
        ledger, admin, inspection, control_number="税-CASE-001", seal_number="S-0001"
    )
    assert (right.discrepancy, right.repeated, right.seal_seen) == ("", False, "S-0001")
    assert record_seen(ledger, admin, inspection, seal_number="S-0001").repeated

    by_seal = record_seen(ledger, admin, inspection, seal_number=CD_SEAL)
    assert (by_seal.control_number, by_seal.result, by_seal.how) == (
        "税-CD-002",
        LineResult.FOUND,
        SeenHow.SEAL,
    )
    unknown_seal = record_seen(ledger, admin, inspection, seal_number="S-4242")
    assert (unknown_seal.result, unknown_seal.seal_seen) == (LineResult.UNEXPECTED, "S-4242")
    # a CD-R registered without a seal number is checked by its control number alone
    assert (
        record_seen(ledger, admin, inspection, control_number="税-CD-001").result
        is LineResult.FOUND
    )
    with pytest.raises(InvalidInput) as not_sealed:
        record_seen(ledger, admin, inspection, control_number="税-USB-001", seal_number="S-0001")
    assert not_sealed.value.field == "seal_number"

    seen = [details for action, details in _trail(ledger) if action == "inspection.seen"]
    assert [(d["medium"], d["seal"], d["discrepancy"]) for d in seen] == [
        ("税-CASE-001", "S-9999", "insp.discrepancy.seal_mismatch"),
        ("税-CASE-001", "S-0001", ""),
        ("税-CD-002", CD_SEAL, ""),
        ("", "S-4242", ""),
        ("税-CD-001", "", ""),
    ]


def test_refusals_name_their_field(ledger: Ledger, admin: Actor, world: World) -> None:
    inspection = start_inspection(ledger, admin).id
    cases = [
        ({}, "control_number"),
        ({"serial": "ABCD1234", "seal_number": "S-1"}, "serial"),
        ({"serial": "0123456789ABCDEF"}, "serial"),
        ({"serial": ""}, "control_number"),
        ({"control_number": "税-USB-001", "how": "guessed"}, "how"),
    ]
    for kwargs, field in cases:
        with pytest.raises(InvalidInput) as caught:
            record_seen(ledger, admin, inspection, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field, kwargs
    with pytest.raises(AuthError):
        start_inspection(ledger, SYSTEM)
    with pytest.raises(AuthError):
        record_seen(ledger, SYSTEM, inspection, control_number="税-USB-001")


def test_one_open_inspection_at_a_time_and_numbers_per_fiscal_year(
    ledger: Ledger, admin: Actor, world: World, clock: FakeClock
) -> None:
    first = start_inspection(ledger, admin)
    with pytest.raises(Conflict) as caught:
        start_inspection(ledger, admin)
    assert first.number in caught.value.message("en")
    finish_inspection(ledger, admin, first.id)
    assert start_inspection(ledger, admin).number == "INSP-R7-0002"


def test_two_desks_starting_at_once_open_one_inspection(
    ledger: Ledger, admin: Actor, world: World
) -> None:
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def desk() -> None:
        barrier.wait()
        try:
            outcomes.append(start_inspection(ledger, admin))
        except Conflict as refused:
            outcomes.append(refused)

    threads = [threading.Thread(target=desk) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["Conflict", "InspectionView"]


def test_dashboard_summary_of_the_last_inspection(
    ledger: Ledger, admin: Actor, world: World, clock: FakeClock
) -> None:
    assert last_inspection_summary(ledger) is None
    first = start_inspection(ledger, admin).id
    for number in ("税-USB-001", "税-CD-001"):
        record_seen(ledger, admin, first, control_number=number)
    record_seen(ledger, admin, first, control_number="税-CASE-001", seal_number="S-0001")
    finish_inspection(ledger, admin, first)
    summary = last_inspection_summary(ledger)
    assert summary is not None
    assert (summary.number, summary.finished_on, summary.not_seen) == (
        "INSP-R7-0001",
        date(2025, 6, 1),
        ("税-CD-002",),
    )

    clock.advance(days=30)  # a later inspection that saw everything replaces it
    second = start_inspection(ledger, admin).id
    assert last_inspection_summary(ledger) == summary  # an open one does not count
    for number in ("税-USB-001", "税-CD-001"):
        record_seen(ledger, admin, second, control_number=number)
    for seal in ("S-0001", CD_SEAL):
        record_seen(ledger, admin, second, seal_number=seal)
    finish_inspection(ledger, admin, second)
    assert last_inspection_summary(ledger) == type(summary)("INSP-R7-0002", date(2025, 7, 1), ())


def test_every_step_is_on_an_intact_trail(ledger: Ledger, admin: Actor, world: World) -> None:
    inspection = start_inspection(ledger, admin).id
    record_seen(ledger, admin, inspection, control_number="税-USB-001")
    record_seen(ledger, admin, inspection, control_number="税-USB-001")  # repeat: no entry
    record_seen(ledger, admin, inspection, serial="UNKNOWNSTICK42")
    finish_inspection(ledger, admin, inspection)
    assert [action for action, _ in _trail(ledger)] == [
        "inspection.started",
        "inspection.seen",
        "inspection.seen",
        "inspection.finished",
    ]
    assert verify_trail(ledger).ok
