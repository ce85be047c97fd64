"""The demo ledger: what it holds, dates that follow the ledger clock, a trail that
verifies, and the guards (never into a ledger with data, never reset a real one)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ledger_tui.config import Settings
from ledger_tui.db.paging import MediaPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.contracts import HandlerRole
from ledger_tui.domain.errors import AuthError, Conflict
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.wareki import fiscal_year_bounds
from ledger_tui.services import auth, demo, media, organisation
from ledger_tui.services.audit import verify_trail
from ledger_tui.services.bootstrap import open_ledger
from ledger_tui.services.export import audit_rows
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
        ("KYOIKU", "教育調整課"), ("ZEI", "税務課")]
    assert {c.name for c in organisation.list_contractors(ledger)} == {
        "株式会社サンプル債権回収", "弁護士法人サンプル法律事務所"}
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
        HandlerRole.RESPONSIBLE, HandlerRole.HANDLER, HandlerRole.HANDLER]
    assert [h.role for h in dunning.handlers] == [HandlerRole.RESPONSIBLE, HandlerRole.HANDLER]
    assert all(h.reported_on < h.valid_from for h in survey.handlers + dunning.handlers)

    assert _states(ledger) == {"blank": 8, "wipe_pending": 2, "registered": 1, "retired": 1,
                               "lost": 1, "destroyed": 1}
    case = media.show_medium(ledger, "教-CASE-001")
    assert case.seal_number and case.state is MediumState.BLANK
    stick = media.show_medium(ledger, "税-USB-001")
    assert stick.vendor == "I-O DATA" and stick.hardware_lock and stick.usb_id
    assert media.show_medium(ledger, "税-USB-007").state is MediumState.LOST

    report = verify_trail(ledger)
    assert report.ok, report
    actions = Counter(row["action"] for row in audit_rows(ledger))
    assert actions["medium.state"] == 17  # every move went through the state table
    # No person's name reaches the trail (only the demo's staff logins do).
    trail_text = " ".join(f"{r['subject']} {r['details']}" for r in audit_rows(ledger))
    for person in ("佐藤", "鈴木", "高橋", "田中", "伊藤", "区 太郎", "窓口 花子"):
        assert person not in trail_text

    admin = auth.login(ledger, "demo", "demo-demo-demo")
    assert admin.is_admin
    assert not auth.login(ledger, "desk", "desk-desk-desk").is_admin
    assert demo.is_demo(ledger)


@pytest.mark.parametrize(("today", "start", "end"), [
    (datetime(2026, 4, 2, 1, tzinfo=UTC), date(2026, 4, 1), date(2026, 6, 1)),
    (datetime(2027, 3, 30, 1, tzinfo=UTC), date(2027, 2, 28), date(2027, 3, 31)),
])
def test_demo_survey_stays_inside_the_fiscal_year(
    sqlite_ledger: Ledger, clock: FakeClock, today: datetime, start: date, end: date
) -> None:
    clock.now = today
    demo.build_demo(sqlite_ledger)
    survey = next(c for c in organisation.list_contracts(sqlite_ledger) if c.planned_record_count
                  == 500)
    assert (survey.period_start, survey.period_end) == (start, end)


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
    old_keys = set(key_dir.iterdir())
    added = cli("--operator", "demo", "--password-stdin", "media", "add", "税-USB-099",
                stdin="demo-demo-demo\n")
    assert added.code == 0, added.err
    reset = cli("--json", "demo", "--reset")
    assert reset.code == 0, reset.err
    listed = cli("--json", "media", "list").json()
    assert isinstance(listed, list)
    assert "税-USB-099" not in {m["control_number"] for m in listed}
    assert len(listed) == len(demo.MEDIA)
    assert cli("audit", "verify").code == 0
    new_keys = set(key_dir.iterdir())
    assert len(new_keys) == 1 and not old_keys & new_keys  # the old demo's key went too


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
