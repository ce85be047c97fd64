"""Incidents (事故報告): numbering per fiscal year, every rule and refusal, a loss moving
the medium to lost (its loan keeps its state), a found medium taken back for the wipe,
the clause-19 flags and the closing rule; on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from ledger_tui.db.models.compliance import Incident
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.compliance import IncidentKind, IncidentState
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.oversight import incidents
from ledger_tui.services.oversight.incidents import IncidentForm
from tests.compliance.oversight_world import World, build_world, tokyo, trail
from tests.conftest import FakeClock


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


def loss(world: World, **changes: object) -> IncidentForm:
    form = IncidentForm(
        contract_id=world.contract_id,
        kind=IncidentKind.LOSS,
        discovered_at=tokyo(2025, 6, 1, 9),
        description="調査員が訪問先でUSBメモリを紛失した",
        control_number="税-USB-001",
        handler_ids=(world.responsible_id,),
        occurred_at=tokyo(2025, 5, 31, 16),
        records_affected=120,
    )
    return replace(form, **changes)  # type: ignore[arg-type]


def count_incidents(ledger: Ledger) -> int:
    with ledger.read_session() as session:
        return int(session.scalar(select(func.count()).select_from(Incident)) or 0)


def test_loss_moves_the_medium_to_lost_and_the_loan_stays(world: World) -> None:
    loan, _ = world.lend("税-USB-001")
    view = incidents.report_incident(world.ledger, world.actor, loss(world))
    assert view.number == "INC-R7-0001" and view.state is IncidentState.OPEN
    assert (view.kind, view.suspected, view.records_affected) == (IncidentKind.LOSS, False, 120)
    assert view.loan_id == loan.id and view.control_number == "税-USB-001"
    assert view.handler_names == ("山田 太郎",)
    assert world.medium_state("税-USB-001") is MediumState.LOST
    assert lending.show_loan(world.ledger, loan.id).state is LoanState.OUT
    reported = trail(world.ledger, "incident.reported")[-1]
    assert (reported["number"], reported["kind"], reported["contract"], reported["medium"]) == (
        "INC-R7-0001",
        "loss",
        world.contract_id,
        "税-USB-001",
    )
    assert reported["_hash"] == view.entry_hash
    assert "山田" not in str(reported) and "紛失した" not in str(reported)
    moved = trail(world.ledger, "medium.state")[-1]
    assert (moved["state"], moved["incident"]) == ("lost", "INC-R7-0001")
    assert [v.number for v in incidents.open_incidents(world.ledger)] == ["INC-R7-0001"]


def test_numbers_restart_each_fiscal_year_of_discovery(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    first = incidents.report_incident(ledger, actor, loss(world, control_number="", kind="leak"))
    second = incidents.report_incident(
        ledger, actor, loss(world, control_number="", kind="other", suspected=True)
    )
    old = incidents.report_incident(
        ledger,
        actor,
        loss(
            world,
            control_number="",
            kind="misdelivery",
            occurred_at=None,
            discovered_at=tokyo(2025, 3, 31, 18),
        ),
    )
    assert (first.number, second.number, old.number) == (
        "INC-R7-0001",
        "INC-R7-0002",
        "INC-R6-0001",
    )
    assert second.suspected
    assert incidents.show_incident(ledger, "r7-0002").id == second.id
    assert incidents.show_incident(ledger, second.id).number == "INC-R7-0002"


def test_leak_names_the_medium_without_moving_it(world: World) -> None:
    world.lend("税-USB-002")
    view = incidents.report_incident(
        world.ledger, world.actor, loss(world, kind=IncidentKind.LEAK, control_number="税-USB-002")
    )
    assert view.control_number == "税-USB-002" and view.loan_id is not None
    assert world.medium_state("税-USB-002") is MediumState.LENT


def test_report_refusals(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    with pytest.raises(NotFound):
        incidents.report_incident(ledger, actor, loss(world, contract_id=999, control_number=""))
    cases: list[tuple[dict[str, object], str]] = [
        ({"description": "  "}, "description"),
        ({"kind": "fire"}, "kind"),
        ({"discovered_at": tokyo(2025, 6, 2, 9)}, "discovered_at"),
        ({"occurred_at": tokyo(2025, 6, 1, 10)}, "occurred_at"),
        ({"notified_at": tokyo(2025, 6, 1, 8), "notified_by": "山田"}, "notified_at"),
        ({"notified_at": tokyo(2025, 6, 1, 10)}, "notified_by"),
        ({"notified_by": "山田"}, "notified_at"),
        ({"records_affected": -1}, "records_affected"),
        ({"handler_ids": (world.other_handler_id,)}, "handlers"),
    ]
    for changes, field in cases:
        with pytest.raises(InvalidInput) as refused:
            incidents.report_incident(ledger, actor, loss(world, **changes))
        assert refused.value.field == field, changes
    other_loan = lending.create_loan(ledger, actor, "税-USB-003", world.other_contract_id)
    with pytest.raises(InvalidInput) as elsewhere:
        incidents.report_incident(ledger, actor, loss(world, control_number="税-USB-003"))
    assert elsewhere.value.key == "incident.error.loan_contract"
    with pytest.raises(InvalidInput):
        incidents.report_incident(
            ledger,
            actor,
            loss(
                world,
                contract_id=world.other_contract_id,
                handler_ids=(),
                control_number="税-USB-001",
                loan_id=other_loan.id,
            ),
        )
    assert count_incidents(ledger) == 0


def test_loss_of_a_medium_that_cannot_move_is_refused_whole(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    world.lend("税-USB-001")
    incidents.report_incident(ledger, actor, loss(world))
    with pytest.raises(IllegalTransition) as refused:
        incidents.report_incident(ledger, actor, loss(world, kind=IncidentKind.THEFT))
    assert "税-USB-001" in refused.value.message("ja")
    assert count_incidents(ledger) == 1
    # the refused report did not use up a number
    later = incidents.report_incident(ledger, actor, loss(world, control_number="", kind="leak"))
    assert later.number == "INC-R7-0002"


def test_notification_flags(world: World, clock: FakeClock) -> None:
    ledger, actor = world.ledger, world.actor
    prompt = incidents.report_incident(
        ledger,
        actor,
        loss(world, control_number="", notified_at=tokyo(2025, 6, 1, 11), notified_by="山田 太郎"),
    )
    assert prompt.notification_hours == 2.0 and not prompt.late_notification
    assert prompt.report_missing
    waiting = incidents.report_incident(ledger, actor, loss(world, control_number=""))
    assert waiting.notification_hours is None and not waiting.late_notification
    clock.advance(hours=24)  # now 2025-06-02 14:05, 29 h after the 09:00 discovery
    assert incidents.show_incident(ledger, waiting.id).late_notification
    late = incidents.update_incident(
        ledger, actor, waiting.id, notified_at=tokyo(2025, 6, 2, 10), notified_by="山田 太郎"
    )
    assert late.late_notification and late.notification_hours == 25.0
    assert trail(ledger, "incident.notified")[-1] == {
        **trail(ledger, "incident.notified")[-1],
        "hours": 25.0,
        "late": True,
    }
    assert incidents.NOTIFICATION_LIMIT == timedelta(hours=24)


def test_updates_each_leave_a_trail_entry(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    view = incidents.report_incident(ledger, actor, loss(world, control_number=""))
    updated = incidents.update_incident(
        ledger,
        actor,
        view.id,
        notified_at=tokyo(2025, 6, 1, 9, 30),
        notified_by="山田 太郎",
        written_report_on=date(2025, 6, 1),
        instructions="再発防止策を書面で提出すること",
        measures_taken="警察へ遺失届",
        records_affected=150,
    )
    assert updated.notified_by == "山田 太郎" and updated.written_report_on == date(2025, 6, 1)
    assert (updated.instructions, updated.measures_taken, updated.records_affected) == (
        "再発防止策を書面で提出すること",
        "警察へ遺失届",
        150,
    )
    assert not updated.report_missing
    for action in (
        "incident.notified",
        "incident.written_report",
        "incident.instructions",
        "incident.measures",
        "incident.records_affected",
    ):
        assert trail(ledger, action)[-1]["_subject"] == f"incident:{view.number}"
    assert trail(ledger, "incident.records_affected")[-1]["previous"] == 120
    with pytest.raises(Conflict):
        incidents.update_incident(
            ledger, actor, view.id, notified_at=tokyo(2025, 6, 1, 10), notified_by="佐藤"
        )
    with pytest.raises(Conflict):
        incidents.update_incident(ledger, actor, view.id, written_report_on=date(2025, 6, 1))
    with pytest.raises(InvalidInput):
        incidents.update_incident(ledger, actor, view.id)
    with pytest.raises(InvalidInput):
        incidents.update_incident(ledger, actor, view.id, records_affected=-5)


def test_written_report_date_rules(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    view = incidents.report_incident(ledger, actor, loss(world, control_number=""))
    with pytest.raises(InvalidInput):
        incidents.update_incident(ledger, actor, view.id, written_report_on=date(2025, 6, 2))
    with pytest.raises(InvalidInput):
        incidents.update_incident(ledger, actor, view.id, written_report_on=date(2025, 5, 31))


def test_close_needs_the_written_report_and_instructions(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    view = incidents.report_incident(ledger, actor, loss(world, control_number=""))
    with pytest.raises(IllegalTransition) as no_report:
        incidents.close_incident(ledger, actor, view.id, "対応完了")
    assert "書面" in no_report.value.message("ja")
    assert "written report" in no_report.value.message("en")
    incidents.update_incident(ledger, actor, view.id, written_report_on=date(2025, 6, 1))
    with pytest.raises(IllegalTransition) as no_instructions:
        incidents.close_incident(ledger, actor, view.id, "対応完了")
    assert "指示" in no_instructions.value.message("ja")
    incidents.update_incident(ledger, actor, view.id, instructions="再発防止策の徹底")
    with pytest.raises(InvalidInput):
        incidents.close_incident(ledger, actor, view.id, " ")
    closed = incidents.close_incident(ledger, actor, view.id, "再発防止策を確認")
    assert closed.state is IncidentState.CLOSED and closed.closed_at is not None
    assert closed.closure_note == "再発防止策を確認"
    assert incidents.open_incidents(ledger) == []
    assert trail(ledger, "incident.closed")[-1]["number"] == view.number
    with pytest.raises(IllegalTransition):
        incidents.update_incident(ledger, actor, view.id, measures_taken="追加")
    with pytest.raises(IllegalTransition):
        incidents.close_incident(ledger, actor, view.id, "again")


def test_found_medium_goes_back_for_the_wipe(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    loan, _ = world.lend("税-USB-001")
    view = incidents.report_incident(ledger, actor, loss(world))
    found = incidents.medium_found(ledger, actor, view.id, "訪問先から届けられた")
    assert world.medium_state("税-USB-001") is MediumState.RETURNED
    assert found.medium_state is MediumState.RETURNED
    assert lending.show_loan(ledger, loan.id).state is LoanState.BACK
    assert "訪問先から届けられた" in found.measures_taken
    entry = trail(ledger, "incident.medium_found")[-1]
    assert (entry["medium"], entry["loan"], entry["loan_back"]) == ("税-USB-001", loan.id, True)
    with pytest.raises(IllegalTransition):
        incidents.medium_found(ledger, actor, view.id, "")
    no_medium = incidents.report_incident(
        ledger, actor, loss(world, control_number="", kind="leak")
    )
    with pytest.raises(IllegalTransition):
        incidents.medium_found(ledger, actor, no_medium.id, "")


def test_lists_put_open_incidents_first(world: World) -> None:
    ledger, actor = world.ledger, world.actor
    closed = incidents.report_incident(ledger, actor, loss(world, control_number=""))
    incidents.update_incident(
        ledger, actor, closed.id, written_report_on=date(2025, 6, 1), instructions="指示"
    )
    incidents.close_incident(ledger, actor, closed.id, "完了")
    newer = incidents.report_incident(ledger, actor, loss(world, control_number="", kind="leak"))
    other = incidents.report_incident(
        ledger,
        actor,
        loss(world, control_number="", handler_ids=(), contract_id=world.other_contract_id),
    )
    rows = incidents.list_incidents(ledger)
    assert [r.state for r in rows] == [IncidentState.OPEN, IncidentState.OPEN, IncidentState.CLOSED]
    assert rows[-1].id == closed.id
    assert {r.id for r in incidents.list_incidents(ledger, open_only=True)} == {newer.id, other.id}
    assert [
        r.id for r in incidents.list_incidents(ledger, contract_id=world.other_contract_id)
    ] == [other.id]
