"""The confirmation record sheet and special terms, on SQLite and PostgreSQL: every rule
and refusal, history kept, the current-status rule, unmet items across contracts."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, Contract
from ledger_tui.db.models.compliance import SheetItem
from ledger_tui.domain.compliance import (
    CUSTOM_MEASURE,
    DEFAULT_CLAUSES,
    TEMPLATES,
    CheckStatus,
    Duty,
    SheetTemplate,
)
from ledger_tui.domain.errors import AuthError, Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.i18n import t
from ledger_tui.services import organisation
from ledger_tui.services.oversight import sheets
from ledger_tui.services.oversight.sheet_views import UnmetItem
from ledger_tui.services.trail import verify as audit
from tests.compliance.world import OPERATOR_NAME, World
from tests.conftest import FakeClock

TODAY = date(2025, 6, 1)  # the FakeClock's day in Tokyo
MET, NOT_MET, NA = CheckStatus.MET, CheckStatus.NOT_MET, CheckStatus.NOT_APPLICABLE


def _start(
    world: World, contract_id: int | None = None, template: SheetTemplate = SheetTemplate.SERVICER
) -> sheets.SheetView:
    return sheets.start_sheet(
        world.ledger, world.admin, contract_id or world.servicer_contract_id, template
    )


def _trail(world: World, action: str) -> list[dict[str, object]]:
    with world.ledger.read_session() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq)
        ).all()
        return [json.loads(row.details) | {"subject": row.subject} for row in rows]


def test_start_from_each_template(compliance_world: World) -> None:
    w = compliance_world
    servicer = _start(w)
    law_firm = _start(w, w.law_firm_contract_id, SheetTemplate.LAW_FIRM)
    assert [r.code for r in servicer.rows] == list(TEMPLATES[SheetTemplate.SERVICER])
    assert [r.position for r in servicer.rows] == list(range(1, len(servicer.rows) + 1))
    assert [r.code for r in law_firm.rows] == list(TEMPLATES[SheetTemplate.LAW_FIRM])
    assert "remote_wipe" not in {r.code for r in law_firm.rows}
    assert servicer.rows[0].label == t("measure.handlers_reported")
    assert servicer.summary.unchecked == len(servicer.rows) and servicer.summary.met == 0
    assert servicer.contract_title == "転出者滞納整理業務委託"
    assert servicer.contractor_name == "株式会社東京サービサー"
    assert servicer.section_name == "税務課" and servicer.started
    started = _trail(w, "sheet.started")
    assert started[0] == {
        "template": "servicer",
        "items": 21,
        "subject": f"contract:{w.servicer_contract_id}",
    }
    assert servicer.audit_hash  # ties the paper to the trail


def test_start_refused_twice_and_for_operators(compliance_world: World) -> None:
    w = compliance_world
    with pytest.raises(AuthError):
        sheets.start_sheet(w.ledger, w.operator, w.servicer_contract_id, SheetTemplate.SERVICER)
    _start(w)
    with pytest.raises(Conflict) as refused:
        _start(w, template=SheetTemplate.LAW_FIRM)
    assert refused.value.key == "sheet.error.already_started"
    assert "転出者滞納整理業務委託" in refused.value.message("ja")
    assert "already has a sheet" in refused.value.message("en")
    with pytest.raises(InvalidInput):
        sheets.start_sheet(w.ledger, w.admin, w.law_firm_contract_id, "bank")
    with pytest.raises(NotFound):
        sheets.start_sheet(w.ledger, w.admin, 999, SheetTemplate.SERVICER)
    assert len(sheets.show_sheet(w.ledger, w.servicer_contract_id).rows) == 21


def test_not_started_sheet_is_empty(compliance_world: World) -> None:
    view = sheets.show_sheet(compliance_world.ledger, compliance_world.law_firm_contract_id)
    assert not view.started and view.rows == () and view.summary.total == 0
    assert view.audit_hash == ""


def test_edit_items_keeps_history(compliance_world: World) -> None:
    w = compliance_world
    view = _start(w, w.law_firm_contract_id, SheetTemplate.LAW_FIRM)
    n = len(view.rows)
    added = sheets.add_item(
        w.ledger, w.admin, w.law_firm_contract_id, "  訴訟記録の保管庫を施錠している "
    )
    assert (added.position, added.code, added.label) == (
        n + 1,
        CUSTOM_MEASURE,
        "訴訟記録の保管庫を施錠している",
    )
    first = view.rows[0]
    sheets.check_item(w.ledger, w.operator, first.item_id, MET, TODAY, "")
    reworded = sheets.reword_item(w.ledger, w.admin, first.item_id, "取扱者名簿を提出")
    assert reworded.label == "取扱者名簿を提出" and reworded.status is MET
    withdrawn = sheets.withdraw_item(w.ledger, w.admin, first.item_id, "契約変更により不要")
    assert not withdrawn.active and len(withdrawn.history) == 1
    after = sheets.show_sheet(w.ledger, w.law_firm_contract_id)
    assert first.item_id not in {r.item_id for r in after.rows}
    assert [r.item_id for r in after.withdrawn] == [first.item_id]
    assert after.withdrawn[0].history[0].checked_by == OPERATOR_NAME
    with w.ledger.read_session() as session:  # never deleted
        assert session.get(SheetItem, first.item_id) is not None
    # a new item still goes last, after the withdrawn one's number too
    again = sheets.add_item(w.ledger, w.admin, w.law_firm_contract_id, "追加項目")
    assert again.position == n + 2
    assert after.row_at(1).item_id == first.item_id
    # the withdrawn item takes no more changes
    for change in (
        lambda: sheets.check_item(w.ledger, w.operator, first.item_id, MET, TODAY),
        lambda: sheets.reword_item(w.ledger, w.admin, first.item_id, "x"),
        lambda: sheets.withdraw_item(w.ledger, w.admin, first.item_id, "x"),
    ):
        with pytest.raises(Conflict) as refused:
            change()
        assert refused.value.key == "sheet.error.withdrawn"
    trail = _trail(w, "sheet.item_withdrawn")
    assert trail[0]["item_id"] == first.item_id and trail[0]["reason"] == "契約変更により不要"
    assert _trail(w, "sheet.item_added")[0]["position"] == n + 1
    assert "label" not in _trail(w, "sheet.item_reworded")[0]
    assert audit.verify_trail(w.ledger).ok


def test_editing_is_admin_only_and_validated(compliance_world: World) -> None:
    w = compliance_world
    item = _start(w).rows[0]
    for change in (
        lambda: sheets.add_item(w.ledger, w.operator, w.servicer_contract_id, "x"),
        lambda: sheets.reword_item(w.ledger, w.operator, item.item_id, "x"),
        lambda: sheets.withdraw_item(w.ledger, w.operator, item.item_id, "x"),
    ):
        with pytest.raises(AuthError):
            change()
    for change in (
        lambda: sheets.add_item(w.ledger, w.admin, w.servicer_contract_id, "  "),
        lambda: sheets.reword_item(w.ledger, w.admin, item.item_id, "x" * 401),
        lambda: sheets.withdraw_item(w.ledger, w.admin, item.item_id, ""),
    ):
        with pytest.raises(InvalidInput):
            change()
    with pytest.raises(NotFound):
        sheets.reword_item(w.ledger, w.admin, 9999, "x")
    with pytest.raises(NotFound):
        sheets.add_item(w.ledger, w.admin, 9999, "x")


def test_check_rules(compliance_world: World, clock: FakeClock) -> None:
    w = compliance_world
    item = _start(w).rows[1]
    with pytest.raises(InvalidInput) as refused:
        sheets.check_item(w.ledger, w.operator, item.item_id, NOT_MET, TODAY, "  ")
    assert refused.value.key == "sheet.error.note_required.not_met"
    assert refused.value.field == "note"
    with pytest.raises(InvalidInput) as refused:
        sheets.check_item(w.ledger, w.operator, item.item_id, NA, TODAY)
    assert refused.value.key == "sheet.error.note_required.not_applicable"
    with pytest.raises(InvalidInput) as refused:
        sheets.check_item(w.ledger, w.operator, item.item_id, MET, date(2025, 6, 2))
    assert refused.value.key == "error.date.future" and refused.value.field == "checked_on"
    with pytest.raises(InvalidInput):
        sheets.check_item(w.ledger, w.operator, item.item_id, "done", TODAY)
    with pytest.raises(InvalidInput):
        sheets.check_item(w.ledger, w.operator, item.item_id, MET, TODAY, "x" * 1001)
    with pytest.raises(NotFound):
        sheets.check_item(w.ledger, w.operator, 9999, MET, TODAY)
    with pytest.raises(AuthError):  # the system account is no named operator
        from ledger_tui.db.uow import SYSTEM

        sheets.check_item(w.ledger, SYSTEM, item.item_id, MET, TODAY)
    assert sheets.show_sheet(w.ledger, w.servicer_contract_id).rows[1].history == ()
    # "today" is Tokyo's: at 23:30 on 1 June UTC it is already 2 June in Tokyo
    clock.now = datetime(2025, 6, 1, 15, 30, tzinfo=UTC)
    row = sheets.check_item(w.ledger, w.operator, item.item_id, MET, date(2025, 6, 2))
    assert row.status is MET and row.checked_on == date(2025, 6, 2)
    assert row.checked_by == OPERATOR_NAME
    checked = _trail(w, "sheet.checked")
    assert checked == [
        {
            "item_id": item.item_id,
            "code": "safe_storage",
            "status": "met",
            "checked_on": "2025-06-02",
            "subject": f"contract:{w.servicer_contract_id}",
        }
    ]


def test_current_status_is_latest_by_date_then_entry(compliance_world: World) -> None:
    w = compliance_world
    item = _start(w).rows[0].item_id
    check = sheets.check_item
    check(w.ledger, w.operator, item, NOT_MET, date(2025, 5, 20), "責任者の報告なし")
    row = check(w.ledger, w.operator, item, MET, date(2025, 5, 28), "報告書受領")
    assert row.status is MET
    # written up late: an older check recorded now does not override the newer one
    row = check(w.ledger, w.admin, item, NOT_MET, date(2025, 5, 25), "電話で確認: 未提出")
    assert row.status is MET and row.checked_on == date(2025, 5, 28)
    assert [c.checked_on for c in row.history] == [
        date(2025, 5, 20),
        date(2025, 5, 25),
        date(2025, 5, 28),
    ]
    # same day: the later entry wins
    row = check(w.ledger, w.admin, item, NOT_MET, date(2025, 5, 28), "名簿に誤り")
    assert row.status is NOT_MET and row.note == "名簿に誤り"
    assert row.checked_by == "管理 一郎" and len(row.history) == 4
    view = sheets.show_sheet(w.ledger, w.servicer_contract_id)
    assert view.summary.not_met == 1 and view.summary.unchecked == 20
    assert [r.item_id for r in view.open_items] == [item]


def test_summary_counts(compliance_world: World) -> None:
    w = compliance_world
    rows = _start(w).rows
    sheets.check_item(w.ledger, w.operator, rows[0].item_id, MET, TODAY)
    sheets.check_item(w.ledger, w.operator, rows[1].item_id, MET, TODAY)
    sheets.check_item(w.ledger, w.operator, rows[2].item_id, NOT_MET, TODAY, "名札なし")
    sheets.check_item(w.ledger, w.operator, rows[3].item_id, NA, TODAY, "タブレット不使用")
    summary = sheets.show_sheet(w.ledger, w.servicer_contract_id).summary
    assert (summary.met, summary.not_met, summary.not_applicable, summary.unchecked) == (
        2,
        1,
        1,
        17,
    )


def test_unmet_items_across_contracts(compliance_world: World) -> None:
    w = compliance_world
    servicer = _start(w).rows
    law = _start(w, w.law_firm_contract_id, SheetTemplate.LAW_FIRM).rows
    check = sheets.check_item
    check(w.ledger, w.operator, servicer[4].item_id, NOT_MET, date(2025, 5, 10), "ワイヤーなし")
    check(w.ledger, w.operator, servicer[4].item_id, NOT_MET, date(2025, 5, 30), "まだ")
    check(w.ledger, w.operator, law[2].item_id, NOT_MET, date(2025, 5, 20), "証明書未提出")
    check(w.ledger, w.operator, servicer[5].item_id, NOT_MET, date(2025, 5, 1), "未返還")
    check(w.ledger, w.operator, servicer[5].item_id, MET, date(2025, 5, 15))  # resolved
    check(w.ledger, w.operator, servicer[6].item_id, NOT_MET, date(2025, 5, 5), "x")
    sheets.withdraw_item(w.ledger, w.admin, servicer[6].item_id, "対象外")  # not counted
    everything = sheets.unmet_items(w.ledger)
    assert everything == [
        UnmetItem(
            w.servicer_contract_id,
            "転出者滞納整理業務委託",
            servicer[4].item_id,
            t("measure.pc_anti_theft"),
            date(2025, 5, 10),
        ),
        UnmetItem(
            w.law_firm_contract_id,
            "滞納債権回収業務委託",
            law[2].item_id,
            t(f"measure.{law[2].code}"),
            date(2025, 5, 20),
        ),
    ]
    assert [u.item_id for u in sheets.unmet_items(w.ledger, w.law_firm_contract_id)] == [
        law[2].item_id
    ]
    check(w.ledger, w.operator, law[2].item_id, MET, TODAY, "受領")
    assert sheets.unmet_items(w.ledger, w.law_firm_contract_id) == []
    assert len(sheets.unmet_items(w.ledger)) == 1


def test_closed_contract_is_frozen(compliance_world: World) -> None:
    w = compliance_world
    item = _start(w).rows[0].item_id
    sheets.check_item(w.ledger, w.operator, item, NOT_MET, TODAY, "未報告")
    with w.ledger.unit_of_work() as uow:  # close-out is another service's; mark it here
        contract = uow.session.get(Contract, w.servicer_contract_id)
        assert contract is not None
        contract.closed_at = w.ledger.clock()
        uow.commit()
    with pytest.raises(IllegalTransition) as refused:
        sheets.check_item(w.ledger, w.operator, item, MET, TODAY)
    assert refused.value.key == "error.contract.closed"
    with pytest.raises(IllegalTransition):
        sheets.set_special_terms(w.ledger, w.admin, w.servicer_contract_id, [1])
    assert sheets.unmet_items(w.ledger) == []  # the dashboard forgets closed contracts
    assert len(sheets.unmet_items(w.ledger, w.servicer_contract_id)) == 1
    assert sheets.show_sheet(w.ledger, w.servicer_contract_id).closed


def test_special_terms_and_duties(compliance_world: World) -> None:
    w = compliance_world
    contract = organisation.show_contract(w.ledger, w.servicer_contract_id)
    assert contract.special_terms == list(DEFAULT_CLAUSES)
    assert sheets.contract_duties(w.ledger, w.servicer_contract_id) == frozenset(Duty)
    chosen = sheets.set_special_terms(
        w.ledger, w.admin, w.servicer_contract_id, [13, 1, 2, 2, 15, 19]
    )
    assert chosen == [1, 2, 13, 15, 19]
    assert organisation.show_contract(w.ledger, w.servicer_contract_id).special_terms == chosen
    assert sheets.contract_duties(w.ledger, w.servicer_contract_id) == {
        Duty.HANDLER_DESIGNATION,
        Duty.ANNUAL_AUDIT,
        Duty.INCIDENT_REPORTING,
    }
    sheets.set_special_terms(w.ledger, w.admin, w.servicer_contract_id, [12, 18])
    assert sheets.contract_duties(w.ledger, w.servicer_contract_id) == {
        Duty.RETURN_AND_ERASURE,
        Duty.TRAINING,
    }
    assert sheets.contract_duties(w.ledger, w.law_firm_contract_id) == frozenset(Duty)
    trail = _trail(w, "contract.terms_set")
    assert trail[0]["clauses"] == [1, 2, 13, 15, 19] and trail[1]["previous"] == trail[0]["clauses"]
    for bad in ([], [0], [22]):
        with pytest.raises(InvalidInput):
            sheets.set_special_terms(w.ledger, w.admin, w.servicer_contract_id, bad)
    with pytest.raises(AuthError):
        sheets.set_special_terms(w.ledger, w.operator, w.servicer_contract_id, [1])
    with pytest.raises(NotFound):
        sheets.contract_duties(w.ledger, 999)


def test_contract_form_special_terms(compliance_world: World) -> None:
    w = compliance_world
    view = organisation.add_contract(
        w.ledger,
        w.admin,
        organisation.ContractForm(
            title="別契約",
            section_code="TAX",
            contractor_name="弁護士法人みなと",
            period_start=date(2025, 4, 1),
            period_end=date(2026, 3, 31),
            special_terms=[19, 11, 11],
        ),
    )
    assert view.special_terms == [11, 19]
    listed = {c.title: c.special_terms for c in organisation.list_contracts(w.ledger)}
    assert listed["別契約"] == [11, 19] and listed["転出者滞納整理業務委託"] == list(
        DEFAULT_CLAUSES
    )
    with pytest.raises(InvalidInput):
        organisation.add_contract(
            w.ledger,
            w.admin,
            organisation.ContractForm(
                title="別契約2",
                section_code="TAX",
                contractor_name="弁護士法人みなと",
                period_start=date(2025, 4, 1),
                period_end=date(2026, 3, 31),
                special_terms=[30],
            ),
        )
