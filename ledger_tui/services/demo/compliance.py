"""The demo ledger's compliance story: sheets, audits and an incident, told through the
ordinary services after the lending story, so the dashboard has something owed.

What it leaves:
- the survey (servicer): a confirmation record sheet from the servicer template, checked
  at the start, with log management not met (red until the contractor reports the fix);
  an on-site audit planned three weeks ahead (the year's audit is still due);
- the scholarship dunning (law firm): a law-firm sheet, every item met except staff
  training, not yet checked (clause 18 reminder); this fiscal year's audit done, its
  follow-up still open; a suspected misdelivery by e-mail, notified within the hour, the
  written report not yet received (red on the dashboard);
- the ended contract: no audit in its last fiscal year and a stick still out, so its
  close-out lists blockers; the contractor erased its office PC and two tablets under
  the desk's witness (one tablet found with data left and erased again), with its own
  certificate: a 消去立会確認書 to print.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from ledger_tui.db.uow import Ledger
from ledger_tui.domain.compliance import CheckStatus, IncidentKind, SheetTemplate
from ledger_tui.services.demo.lending import StoryCast, StoryClock, on_day
from ledger_tui.services.oversight import audits, incidents, sheets
from ledger_tui.services.wiping import disposals, erasure_witness

#: Items left open on the demo sheets: code -> (status or None for unchecked, note).
_SURVEY_OPEN = {
    "log_management": (CheckStatus.NOT_MET, "操作ログの保存期間が未設定。是正報告を待っている。")
}
_DUNNING_OPEN = {"staff_training": (None, "")}


def _check_sheet(
    ledger: Ledger,
    cast: StoryCast,
    contract_id: int,
    on: date,
    template: SheetTemplate,
    open_items: Mapping[str, tuple[CheckStatus | None, str]],
) -> None:
    sheets.start_sheet(ledger, cast.admin, contract_id, template)
    for row in sheets.show_sheet(ledger, contract_id).rows:
        status, note = open_items.get(row.code, (CheckStatus.MET, ""))
        if status is not None:
            sheets.check_item(ledger, cast.admin, row.item_id, status, on, note)


def tell_compliance(ledger: Ledger, clock: StoryClock, cast: StoryCast, today: date) -> None:
    """Replay the compliance story (see the module docstring) at the story's end."""
    survey_day = min(today, cast.survey.start + timedelta(days=3))
    _check_sheet(ledger, cast, cast.survey.id, survey_day, SheetTemplate.SERVICER, _SURVEY_OPEN)
    dunning_day = min(today, cast.dunning.start + timedelta(days=14))
    _check_sheet(ledger, cast, cast.dunning.id, dunning_day, SheetTemplate.LAW_FIRM, _DUNNING_OPEN)
    audits.plan_audit(
        ledger, cast.admin, cast.survey.id, today + timedelta(days=21), auditor="区 太郎"
    )
    audit_day = min(today, cast.dunning.start + timedelta(days=60))
    audits.record_audit(
        ledger,
        cast.admin,
        cast.dunning.id,
        audit_day,
        "区 太郎",
        "保管庫の施錠、受け渡し票の控え、ログの保存を確認。調査用データの複製なし。",
        "執務室の入退室記録の様式を改める（次回確認）。",
    )
    discovered = on_day(today - timedelta(days=3), 10, 20)
    handler = cast.dunning.handlers.get("LAW02")
    incidents.report_incident(
        ledger,
        cast.admin,
        incidents.IncidentForm(
            contract_id=cast.dunning.id,
            kind=IncidentKind.MISDELIVERY,
            suspected=True,
            discovered_at=discovered,
            occurred_at=discovered - timedelta(minutes=40),
            description="交渉記録1件を添付したパスワード付きファイルのメールを、"
            "宛先の入力誤りにより別の事業者へ送信したおそれ。パスワードは別送していない。",
            handler_ids=(handler,) if handler else (),
            notified_at=discovered + timedelta(minutes=35),
            notified_by="田中 誠（取扱責任者）",
            records_affected=1,
            measures_taken="誤送信先へ削除を依頼し、削除した旨の回答をメールで受領。",
        ),
    )
    _erasure(ledger, cast, today)
    clock.step()


def _erasure(ledger: Ledger, cast: StoryCast, today: date) -> None:
    day = today - timedelta(days=2)
    erasure = disposals.record_contractor_erasure(
        ledger,
        cast.admin,
        cast.ended.id,
        certificate_number="TS-消-2026-0012",
        erased_on=day,
        devices="事務所PC 1台、調査用タブレット 2台",
        witness_login=cast.desk.login,
    )
    at = on_day(day, 14, 0)
    tablet = "調査対象者一覧（分割データ）、調査記録・写真"
    for n, (kind, model, serial, data, check, note) in enumerate(
        (
            (
                "pc",
                "富士通 LIFEBOOK A5510",
                "R1X04567",
                "受託業務フォルダ一式（提供データ・報告書）",
                "confirmed",
                "",
            ),
            ("tablet", "Apple iPad（第9世代）", "DMPX2K3LQ1GC", tablet, "confirmed", ""),
            (
                "tablet",
                "Apple iPad（第9世代）",
                "DMPX2K3LQ7HD",
                tablet,
                "data_left",
                "写真アプリのごみ箱に12件残存。ごみ箱を空にし、端末を初期化して再確認した。",
            ),
        )
    ):
        erasure_witness.record_erased_device(
            ledger,
            cast.admin,
            erasure.id,
            erasure_witness.ErasedDeviceForm(
                kind=kind,
                maker_model=model,
                serial=serial,
                erased_data=data,
                method="専用消去ソフトによる上書き（1回）／端末の初期化"
                if kind == "tablet"
                else "専用消去ソフトによる上書き（1回）",
                erased_at=at + timedelta(minutes=25 * n),
                contractor_person="田中 誠（取扱責任者）",
                witness_login=cast.desk.login,
                check=check,
                check_note=note,
            ),
        )
