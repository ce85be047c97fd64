"""The demo ledger: what it holds, dates that follow the ledger clock, a trail that
verifies, and the guards (never into a ledger with data, never reset a real one)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ledger_tui.config import Settings
from ledger_tui.db.paging import MediaPager, SlipPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.errors import AuthError, Conflict
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.domain.wareki import fiscal_year_bounds
from ledger_tui.domain.wipes import CertificateKind
from ledger_tui.services import auth, organisation
from ledger_tui.services.demo import ledger as demo
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.ledger.export import audit_rows
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.slip_views import SlipView, count_mismatches, show_slip
from ledger_tui.services.paper import ward_name
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.services.wiping.certificates import list_certificates
from tests.conftest import FakeClock
from tests.integration import test_cli as shared
from tests.integration.test_cli import Cli

# The command-line fixtures live with the command-line tests; bound here so pytest finds them.
cli, admin_cli, sqlite_cli = shared.cli, shared.admin_cli, shared.sqlite_cli


def _states(ledger: Ledger) -> Counter[str]:
    return Counter(row.state for row in MediaPager(ledger.engine).page_after(None, 100))


def test_demo_contents(ledger: Ledger, clock: FakeClock) -> None:
    demo.build_demo(ledger)
    today = local_date(clock())
    fy_start, fy_end = fiscal_year_bounds(today)

    assert [(s.code, s.name) for s in organisation.list_sections(ledger)] == [
        ("KYOIKU", "教育調整課"),
        ("ZEI", "税務課"),
    ]
    assert {c.name for c in organisation.list_contractors(ledger)} == {
        "株式会社サンプル債権回収",
        "弁護士法人サンプル法律事務所",
    }
    contracts = {c.title: c for c in organisation.list_contracts(ledger)}
    survey = contracts["新宿区外転出者の現地調査業務委託"]
    assert survey.section_code == "ZEI" and survey.contractor_name == "株式会社サンプル債権回収"
    assert survey.provided_items == ["郵便番号", "住所", "方書", "氏名"]
    assert survey.collected_items == ["居住の有無", "表札", "家屋写真", "大家・管理会社"]
    assert survey.allowed_media_kinds == ["usb"] and survey.allowed_transfer_methods == ["hand"]
    assert survey.planned_record_count == 500
    assert fy_start <= survey.period_start <= today <= survey.period_end <= fy_end
    dunning = contracts["債権（奨学資金貸付金）回収に係る督促等業務委託"]
    assert dunning.section_code == "KYOIKU"
    assert (dunning.period_start, dunning.period_end) == (fy_start, fy_end)
    assert dunning.allowed_media_kinds == ["cdr", "paper_case"]
    assert dunning.allowed_transfer_methods == ["registered_mail", "locked_case", "email"]
    assert dunning.planned_record_count == 4 and "債権金額" in dunning.provided_items
    assert [h.role for h in survey.handlers] == [
        HandlerRole.RESPONSIBLE,
        HandlerRole.HANDLER,
        HandlerRole.HANDLER,
    ]
    assert [h.role for h in dunning.handlers] == [HandlerRole.RESPONSIBLE, HandlerRole.HANDLER]
    assert all(h.reported_on < h.valid_from for h in survey.handlers + dunning.handlers)

    # After the lending story (test_demo_lending below): five out, three to be wiped.
    assert _states(ledger) == {
        "lent": 5,
        "blank": 2,
        "wipe_pending": 3,
        "registered": 1,
        "retired": 1,
        "lost": 1,
        "destroyed": 1,
    }
    case = media.show_medium(ledger, "教-CASE-001")
    assert case.seal_number and case.state is MediumState.BLANK
    stick = media.show_medium(ledger, "税-USB-001")
    assert stick.vendor == "I-O DATA" and stick.hardware_lock and stick.usb_id
    assert media.show_medium(ledger, "税-USB-007").state is MediumState.LOST
    # the spoiled CD-R was shredded as the desk does it: with its 廃棄証明書
    [shredded] = [c for c in list_certificates(ledger) if c.control_number == "教-CD-003"]
    assert shredded.kind is CertificateKind.DESTROY and shredded.number.startswith("CERT-")

    report = verify_trail(ledger)
    assert report.ok, report
    actions = Counter(row["action"] for row in audit_rows(ledger))
    # Every move went through the state table: 18 at registration, 8 out-slips
    # (blank -> lent), 2 back-slips (lent -> returned -> wipe_pending), 1 undone by a
    # cancelling slip.
    assert actions["medium.state"] == 18 + 8 + 2 * 2 + 1
    # No person's name reaches the trail (only the demo's staff logins do).
    trail_text = " ".join(f"{r['subject']} {r['details']}" for r in audit_rows(ledger))
    for person in ("佐藤", "鈴木", "高橋", "田中", "伊藤", "区 太郎", "窓口 花子"):
        assert person not in trail_text

    admin = auth.login(ledger, "demo", "demo-demo-demo")
    assert admin.is_admin
    assert not auth.login(ledger, "desk", "desk-desk-desk").is_admin
    assert demo.is_demo(ledger)


@pytest.mark.parametrize(
    ("today", "start", "end"),
    [
        (datetime(2026, 4, 2, 1, tzinfo=UTC), date(2026, 4, 1), date(2026, 6, 1)),
        (datetime(2027, 3, 30, 1, tzinfo=UTC), date(2027, 2, 28), date(2027, 3, 31)),
        # 00:30 on 1 April in Tokyo: the whole story of the new year happens in half an hour
        (datetime(2026, 3, 31, 15, 30, tzinfo=UTC), date(2026, 4, 1), date(2026, 5, 31)),
    ],
)
def test_demo_survey_stays_inside_the_fiscal_year(
    sqlite_ledger: Ledger, clock: FakeClock, today: datetime, start: date, end: date
) -> None:
    clock.now = today
    demo.build_demo(sqlite_ledger)
    survey = next(
        c for c in organisation.list_contracts(sqlite_ledger) if c.planned_record_count == 500
    )
    assert (survey.period_start, survey.period_end) == (start, end)
    # The lending story fits any day of the year, and its slips lie in their contracts.
    overdue = lending.open_loans(sqlite_ledger, overdue_only=True)
    assert [(loan.control_number, loan.overdue_days) for loan in overdue] == [("教-USB-001", 10)]
    periods = {
        c.id: (c.period_start, c.period_end) for c in organisation.list_contracts(sqlite_ledger)
    }
    slips = _all_slips(sqlite_ledger)
    assert len(slips) == 14
    for slip in slips:
        first, last = periods[slip.contract_id]
        assert first <= slip.handed_at_local.date() <= last and slip.handed_at <= today
    assert verify_trail(sqlite_ledger).ok


def _all_slips(ledger: Ledger) -> list[SlipView]:
    rows = reversed(SlipPager(ledger.engine).page_before(None, 100))  # oldest first
    return [show_slip(ledger, row.id) for row in rows]


def test_demo_lending(ledger: Ledger, clock: FakeClock) -> None:
    demo.build_demo(ledger)
    slips = _all_slips(ledger)
    by_medium: dict[str, list[SlipView]] = {}
    for slip in slips:
        by_medium.setdefault(slip.control_number, []).append(slip)
    assert Counter(s.state for s in slips) == {
        SlipState.STAMPED: 9,
        SlipState.PRINTED: 2,
        SlipState.CONFIRMED: 1,
        SlipState.DRAFT: 1,
        SlipState.CANCELLED: 1,
    }
    assert ward_name(ledger) == "新宿区"

    # Overdue, under a contract that ended ten days ago with the stick still out.
    overdue = lending.open_loans(ledger, overdue_only=True)
    assert [(loan.control_number, loan.overdue_days) for loan in overdue] == [("教-USB-001", 10)]
    [ended] = lending.ended_contracts_with_media_out(ledger)
    assert ended.contract_title == demo.ENDED_TITLE and ended.control_numbers == ("教-USB-001",)
    assert by_medium["教-USB-001"][0].state is SlipState.STAMPED

    # Returned and stamped: the stick waits to be wiped.
    out, back = by_medium["税-USB-003"]
    assert (out.direction, back.direction) == (SlipDirection.OUT, SlipDirection.BACK)
    assert back.state is SlipState.STAMPED and back.loan_state is LoanState.BACK
    assert back.out_slip_number == out.number and not back.count_mismatch
    assert media.show_medium(ledger, "税-USB-003").state is MediumState.WIPE_PENDING

    # Fewer records came back than went out, explained; the dashboard flags it.
    [mismatch] = count_mismatches(ledger)
    assert mismatch.control_number == "税-USB-005" and mismatch.state is SlipState.STAMPED
    assert (mismatch.out_record_count, mismatch.record_count) == (500, 498)
    assert "区内へ転入" in mismatch.mismatch_explanation

    # Stamped, then found wrong: cancelled by a stamped cancelling slip, then corrected.
    wrong, cancelling, corrected = by_medium["税-USB-002"]
    assert wrong.state is SlipState.CANCELLED and wrong.cancelled_by_number == cancelling.number
    assert cancelling.cancels_number == wrong.number and cancelling.state is SlipState.STAMPED
    assert "件数の記載誤り" in cancelling.cancel_reason
    assert (wrong.record_count, corrected.record_count) == (50, 500)
    assert corrected.state is SlipState.PRINTED and corrected.printer == "demo"
    assert corrected.stamped_at is None

    # The law firm: a CD-R by registered mail (stamped), a locked case confirmed at the
    # counter but not printed, and a draft awaiting the counter.
    [cdr] = by_medium["教-CD-001"]
    assert cdr.transfer_method is TransferMethod.REGISTERED_MAIL and cdr.transfer_detail
    assert cdr.contractor_name == demo.LAW_FIRM and cdr.state is SlipState.STAMPED
    [case] = by_medium["教-CASE-002"]
    assert case.state is SlipState.CONFIRMED and case.entry_hash and case.printed_at is None
    [draft] = by_medium["教-CASE-001"]
    assert draft.state is SlipState.DRAFT and draft.entry_hash is None
    assert media.show_medium(ledger, "教-CASE-001").state is MediumState.BLANK
    # ... and an e-mail with a password-protected file: no medium, nothing due back.
    [(sent, reply)] = [v for k, v in by_medium.items() if k.startswith("メール送付")]
    assert sent.transfer_method is TransferMethod.EMAIL and sent.medium_kind is None
    assert sent.expected_return is None and sent.state is SlipState.STAMPED
    assert [f.records for f in sent.files] == [4] and sent.transfer_detail.endswith(".example.jp")
    assert reply.direction is SlipDirection.BACK and reply.state is SlipState.PRINTED
    assert reply.loan_state is LoanState.BACK
    [lent] = by_medium["税-USB-001"]
    assert lent.state is SlipState.STAMPED and lent.loan_state is LoanState.OUT

    # Replayed forward in time, never later than now, each slip in its fiscal year's
    # numbering, and the slips name the people the trail never does.
    times = [row["recorded_at"] for row in audit_rows(ledger)][1:]  # after ledger.created
    assert times == sorted(times) and times[-1] <= clock().isoformat()
    assert [s.handed_at for s in slips] == sorted(s.handed_at for s in slips)
    assert all(s.number.startswith(f"SLIP-R{s.fiscal_year - 2018}-") for s in slips)
    assert {s.ward_handler_name for s in slips} == {demo.ADMIN.name, demo.DESK.name}
    assert verify_trail(ledger).ok


def test_demo_compliance(ledger: Ledger, clock: FakeClock) -> None:
    from ledger_tui.services.oversight import audits, incidents, sheets
    from ledger_tui.services.oversight.closeout import BlockerKind, closeout_blockers
    from ledger_tui.services.oversight.obligations import ObligationKind, obligations

    demo.build_demo(ledger)
    titles = {c.title: c.id for c in organisation.list_contracts(ledger)}
    survey, dunning = titles[demo.SURVEY_TITLE], titles[demo.DUNNING_TITLE]
    [unmet] = sheets.unmet_items(ledger)
    assert unmet.contract_id == survey and "ログ管理" in unmet.label
    law_sheet = sheets.show_sheet(ledger, dunning)
    assert law_sheet.summary.unchecked == 1 and law_sheet.summary.not_met == 0
    assert "remote_wipe" not in {row.code for row in law_sheet.rows}  # law-firm template
    [[done], [planned]] = [audits.list_audits(ledger, dunning), audits.list_audits(ledger, survey)]
    assert done.done_on is not None and done.follow_ups and planned.done_on is None
    due = audits.audit_status(ledger, local_date(clock()))
    assert {row.contract_id for row in due} == {survey, titles[demo.ENDED_TITLE]}
    [incident] = incidents.open_incidents(ledger)
    assert incident.suspected and incident.report_missing and not incident.late_notification
    kinds = [o.kind for o in obligations(ledger)]
    assert kinds[0] is ObligationKind.INCIDENT_OPEN
    for kind in (
        ObligationKind.RETURN_OVERDUE,
        ObligationKind.SHEET_UNMET,
        ObligationKind.TRAINING_UNCONFIRMED,
        ObligationKind.AUDIT_DUE,
        ObligationKind.CONTRACT_NOT_CLOSED,
        ObligationKind.SLIP_UNSTAMPED,
    ):
        assert kind in kinds, kind
    ended = titles[demo.ENDED_TITLE]
    assert BlockerKind.MEDIA_OUT in {b.kind for b in closeout_blockers(ledger, ended)}
    assert verify_trail(ledger).ok


def test_demo_refuses_a_ledger_with_data(ledger: Ledger, admin: Actor) -> None:
    with pytest.raises(Conflict) as refused:
        demo.build_demo(ledger)
    assert "空ではない" in refused.value.message("ja")
    assert organisation.list_sections(ledger) == []


def test_demo_command(cli: Cli) -> None:
    made = cli("demo")
    assert made.code == 0, made.err
    assert "ログイン demo / パスワード demo-demo-demo（管理者）" in made.out
    listed = cli("--json", "media", "list").json()
    assert isinstance(listed, list) and len(listed) == len(demo.MEDIA)
    again = cli("demo")
    assert again.code == 3 and "demo --reset" in again.err
    english = cli("--lang", "en", "demo")
    assert english.code == 3 and "not empty" in english.err


def test_demo_command_refuses_a_real_ledger(admin_cli: Cli) -> None:
    refused = admin_cli("demo")
    assert refused.code == 3 and "空ではない" in refused.err
    kept = admin_cli("demo", "--reset")
    assert kept.code == 3 and "デモ台帳ではない" in kept.err
    assert admin_cli("--json", "operator", "list").json() != []


def test_demo_reset_recreates(cli: Cli, key_dir: Path) -> None:
    assert cli("demo").code == 0
    old_keys = set(key_dir.glob("*.key"))
    added = cli(
        "--operator",
        "demo",
        "--password-stdin",
        "media",
        "add",
        "税-USB-099",
        stdin="demo-demo-demo\n",
    )
    assert added.code == 0, added.err
    reset = cli("--json", "demo", "--reset")
    assert reset.code == 0, reset.err
    listed = cli("--json", "media", "list").json()
    assert isinstance(listed, list)
    assert "税-USB-099" not in {m["control_number"] for m in listed}
    assert len(listed) == len(demo.MEDIA)
    assert cli("audit", "verify").code == 0
    new_keys = set(key_dir.iterdir())
    # The new demo's ledger secret and desk witness; the old demo's went with it.
    assert not old_keys & new_keys
    assert sorted(p.suffix for p in new_keys) == [".json", ".key"], new_keys


def test_demo_flag_creates_the_separate_demo_ledger(
    sqlite_cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = sqlite_cli
    started: list[str] = []

    def fake_run_tui(settings: Settings) -> int:
        started.append(settings.db_url)
        return 0

    monkeypatch.setattr("ledger_tui.ui.app.run_tui", fake_run_tui)
    assert cli("--demo", db=False).code == 0
    demo_file = tmp_path / "demo.sqlite3"
    assert started == [f"sqlite:///{demo_file}"] and demo_file.exists()
    shown = cli("--demo", "media", "show", "教-CASE-001", db=False)
    assert shown.code == 0 and "封印 No.0451" in shown.out
    # the ordinary ledger was not touched
    assert not (tmp_path / "ledger.sqlite3").exists()


def test_demo_flag_fills_an_empty_database(cli: Cli, key_dir: Path) -> None:
    listed = cli("--demo", "--json", "section", "list").json()
    assert isinstance(listed, list) and len(listed) == 2
    ledger = open_ledger(cli.db_url, key_dir)
    try:
        assert demo.is_demo(ledger)
        with pytest.raises(AuthError):
            auth.login(ledger, "demo", "wrong-password")
    finally:
        ledger.engine.dispose()
