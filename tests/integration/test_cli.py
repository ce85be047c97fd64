"""The command line, in process through `main([...])`, on SQLite and PostgreSQL: every
command's happy path, a refusal of each with its exit code and message, the password
rules on stdin, the audit check, languages, and what users see when something breaks.

The `cli` fixture is shared with test_demo.py and test_export_backup.py (imported there).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ledger_tui.cli.main import main
from ledger_tui.config import Settings
from ledger_tui.db.engine import normalise_url
from ledger_tui.i18n import current_language
from ledger_tui.services.demo import ledger as demo

ADMIN_PASSWORD = "admin-password-123"
DESK_PASSWORD = "desk-password-456"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


#: Global options that take a value (their value is not the command's name).
_VALUED = frozenset({"--db", "--lang", "--operator"})
#: Commands that open the ledger without an operator (the CLI's `open_to_anyone`).
_ANYONE = (("init",), ("upgrade",), ("demo",), ("counter",), ("audit", "verify"))


def _command(args: tuple[str, ...]) -> tuple[str, ...]:
    words: list[str] = []
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            words.append(arg)
    return tuple(words[:2])


class Cli:
    """Runs `main` with a database, standard input and captured output.

    Reading the ledger needs an operator: `reader` is the ledger's first administrator
    (`admin`, or the one a successful `init --admin` or `demo` made); a call that names
    no `--operator` runs as the reader, its password first on standard input;
    `anonymous=True` runs it as typed (a refusal to test)."""

    def __init__(
        self, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        self.db_url = db_url
        self.monkeypatch = monkeypatch
        self.capsys = capsys
        #: Every test ledger's first administrator (the `admin` and `admin_cli` fixtures).
        self.reader: tuple[str, str] | None = ("admin", ADMIN_PASSWORD)

    def __call__(
        self, *args: str, stdin: str = "", db: bool = True, anonymous: bool = False
    ) -> Result:
        command = _command(args)
        if "--demo" in args:  # the demo ledger, filled on first use: its admin reads
            self.reader = (demo.ADMIN.login, demo.ADMIN.password)
        if (
            self.reader is not None
            and not anonymous
            and "--operator" not in args
            and command
            and not any(command[: len(free)] == free for free in _ANYONE)
        ):
            login, password = self.reader
            args = ("--operator", login, "--password-stdin", *args)
            stdin = f"{password}\n{stdin}"
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main((["--db", self.db_url] if db else []) + list(args))
        out, err = self.capsys.readouterr()
        if code == 0:  # the ledger's first administrator reads
            if command == ("init",) and "--admin" in args:
                self.reader = (args[args.index("--admin") + 1], stdin.split("\n")[0])
            elif command[:1] == ("demo",):
                self.reader = (demo.ADMIN.login, demo.ADMIN.password)
        return Result(code, out, err)

    def as_admin(self, *args: str, stdin: str = "") -> Result:
        return self(
            "--operator", "admin", "--password-stdin", *args, stdin=f"{ADMIN_PASSWORD}\n{stdin}"
        )

    def sql(self, statement: str) -> list[tuple[object, ...]]:
        engine = create_engine(normalise_url(self.db_url))
        try:
            with engine.begin() as conn:
                result = conn.execute(text(statement))
                return [tuple(row) for row in result] if result.returns_rows else []
        finally:
            engine.dispose()


def make_cli(
    url: str,
    key_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    monkeypatch.setenv("LEDGER_TUI_KEY_DIR", str(key_dir))
    monkeypatch.setenv("LEDGER_TUI_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("LEDGER_TUI_DB", raising=False)
    monkeypatch.delenv("LEDGER_TUI_LANG", raising=False)
    return Cli(url, monkeypatch, capsys)


@pytest.fixture
def cli(
    db_url: str,
    key_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    """The command line over a fresh ledger database, SQLite and PostgreSQL."""
    return make_cli(db_url, key_dir, tmp_path, monkeypatch, capsys)


@pytest.fixture
def sqlite_cli(
    sqlite_url: str,
    key_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Cli:
    """For tests of plumbing that does not depend on the database."""
    return make_cli(sqlite_url, key_dir, tmp_path, monkeypatch, capsys)


@pytest.fixture
def admin_cli(cli: Cli) -> Cli:
    """A ledger with its first administrator, login `admin`."""
    done = cli(
        "init",
        "--admin",
        "admin",
        "--name",
        "管理 一郎",
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )
    assert done.code == 0, done.err
    assert cli.reader == ("admin", ADMIN_PASSWORD)
    return cli


@pytest.fixture
def org_cli(admin_cli: Cli) -> Cli:
    """Plus section ZEI, a contractor and contract 1."""
    for args in (
        ("section", "add", "ZEI", "税務課"),
        ("contractor", "add", "株式会社サンプル債権回収"),
        (
            "contract",
            "add",
            "--title",
            "現地調査業務委託",
            "--section",
            "ZEI",
            "--contractor",
            "株式会社サンプル債権回収",
            "--start",
            "2026-10-01",
            "--end",
            "2027-01-31",
        ),
    ):
        done = admin_cli.as_admin(*args)
        assert done.code == 0, done.err
    return admin_cli


# --- the program itself -------------------------------------------------------------------


def test_help_runs_as_a_module(tmp_path: Path) -> None:
    env = dict(os.environ, LEDGER_TUI_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "ledger_tui", "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: ledger-tui")
    for command in ("init", "demo", "media", "audit", "export", "backup", "--password-stdin"):
        assert command in done.stdout
    assert done.stderr == ""


def test_no_command_starts_the_tui_with_the_settings(
    sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = sqlite_cli
    seen: list[Settings] = []

    def fake_run_tui(settings: Settings) -> int:
        seen.append(settings)
        return 0

    monkeypatch.setattr("ledger_tui.ui.app.run_tui", fake_run_tui)
    assert cli("--lang", "en").code == 0
    assert len(seen) == 1 and seen[0].db_url == cli.db_url and seen[0].lang == "en"
    assert current_language() == "ja"  # main() leaves the language as it found it


def test_usage_errors_exit_2(sqlite_cli: Cli) -> None:
    cli = sqlite_cli
    assert cli("media").code == 2
    assert cli("media", "list", "--limit", "-1").code == 2
    assert cli("--lang", "fr", "media", "list").code == 2
    unknown = cli("frobnicate")
    assert unknown.code == 2 and "invalid choice" in unknown.err


# --- init and login -----------------------------------------------------------------------


def test_init_creates_the_ledger_and_the_first_admin(cli: Cli, key_dir: Path) -> None:
    plain = cli("init")
    assert plain.code == 0
    assert "台帳を準備しました" in plain.out and "管理者が未登録です" in plain.out
    assert str(key_dir) in plain.out  # the reminder names the key file
    made = cli(
        "--json",
        "init",
        "--admin",
        "Admin",
        "--name",
        "管理 一郎",
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )
    assert made.code == 0, made.err
    report = made.json()
    assert isinstance(report, dict)
    assert report["admin"] == "Admin" and report["needs_admin"] is False
    assert Path(report["key_path"]).exists()
    again = cli(
        "init",
        "--admin",
        "other",
        "--name",
        "別人",
        "--password-stdin",
        stdin=f"{ADMIN_PASSWORD}\n",
    )
    assert again.code == 4 and "管理者は既に登録されています" in again.err


def test_init_refusals(cli: Cli) -> None:
    no_name = cli("init", "--admin", "admin")
    assert no_name.code == 2 and "--name" in no_name.err
    no_flag = cli("init", "--admin", "admin", "--name", "管理 一郎", stdin="x\n")
    assert no_flag.code == 2 and "--password-stdin" in no_flag.err
    short = cli(
        "init", "--admin", "admin", "--name", "管理 一郎", "--password-stdin", stdin="short\n"
    )
    assert short.code == 3 and "12文字以上" in short.err
    empty = cli("init", "--admin", "admin", "--name", "管理 一郎", "--password-stdin")
    assert empty.code == 2 and "パスワード" in empty.err


def test_wrong_password_exits_4_and_counts_towards_the_lockout(admin_cli: Cli) -> None:
    for _ in range(4):
        wrong = admin_cli(
            "--operator",
            "admin",
            "--password-stdin",
            "section",
            "add",
            "A",
            "B",
            stdin="wrong-password\n",
        )
        assert wrong.code == 4 and "ログイン名またはパスワードが違います" in wrong.err
    fifth = admin_cli(
        "--operator",
        "admin",
        "--password-stdin",
        "section",
        "add",
        "A",
        "B",
        stdin="wrong-password\n",
    )
    assert fifth.code == 4 and "ロックされています" in fifth.err
    right = admin_cli.as_admin("section", "add", "A", "B")
    assert right.code == 4 and "ロックされています" in right.err
    failures = admin_cli.sql("SELECT count(*) FROM audit_entries WHERE action = 'auth.failed'")
    assert failures == [(5,)]


def test_changing_commands_need_an_operator(admin_cli: Cli) -> None:
    missing = admin_cli("section", "add", "ZEI", "税務課", anonymous=True)
    assert missing.code == 2 and "--operator" in missing.err


# --- operators ----------------------------------------------------------------------------


def test_operator_add_reads_admin_then_new_password(admin_cli: Cli) -> None:
    assert admin_cli.as_admin("section", "add", "ZEI", "税務課").code == 0
    added = admin_cli.as_admin(
        "operator",
        "add",
        "desk",
        "--name",
        "窓口 花子",
        "--section",
        "ZEI",
        stdin=f"{DESK_PASSWORD}\n",
    )
    assert added.code == 0, added.err
    assert "職員 desk（窓口 花子、担当者）を登録しました。" in added.out
    # the new password works; the operator may register media but not add operators
    as_desk = admin_cli(
        "--operator",
        "desk",
        "--password-stdin",
        "media",
        "add",
        "税-USB-001",
        stdin=f"{DESK_PASSWORD}\n",
    )
    assert as_desk.code == 0, as_desk.err
    refused = admin_cli(
        "--operator",
        "desk",
        "--password-stdin",
        "operator",
        "add",
        "x",
        "--name",
        "X",
        stdin=f"{DESK_PASSWORD}\nanother-password-1\n",
    )
    assert refused.code == 4 and "管理者のみ" in refused.err
    listed = admin_cli("--json", "operator", "list").json()
    assert isinstance(listed, list)
    assert [(o["login"], o["role"], o["section"]) for o in listed] == [
        ("admin", "admin", ""),
        ("desk", "operator", "税務課"),
    ]
    table = admin_cli("operator", "list")
    assert "ログイン名" in table.out and "窓口 花子" in table.out


def test_operator_add_refusals(admin_cli: Cli) -> None:
    one_line = admin_cli.as_admin("operator", "add", "desk", "--name", "窓口 花子")
    assert one_line.code == 2 and "新しいパスワード" in one_line.err
    short = admin_cli.as_admin("operator", "add", "desk", "--name", "窓口 花子", stdin="short\n")
    assert short.code == 3 and "12文字以上" in short.err
    no_section = admin_cli.as_admin(
        "operator",
        "add",
        "desk",
        "--name",
        "窓口 花子",
        "--section",
        "NOPE",
        stdin=f"{DESK_PASSWORD}\n",
    )
    assert no_section.code == 3 and "課 NOPE はありません" in no_section.err
    bad_role = admin_cli.as_admin("operator", "add", "desk", "--name", "N", "--role", "root")
    assert bad_role.code == 2


# --- sections, contractors, contracts, handlers ----------------------------------------------


def test_section_and_contractor(admin_cli: Cli) -> None:
    added = admin_cli.as_admin("section", "add", "ZEI", "税務課")
    assert added.code == 0 and "保有課 ZEI 税務課 を登録しました。" in added.out
    dup = admin_cli.as_admin("section", "add", "ZEI", "別の課")
    assert dup.code == 3 and "課コード ZEI は既に登録されています。" in dup.err
    firm = admin_cli.as_admin(
        "--json",
        "contractor",
        "add",
        "弁護士法人サンプル法律事務所",
        "--address",
        "東京都新宿区見本4-5-6",
        "--phone",
        "03-0000-5678",
    )
    assert firm.code == 0
    made = firm.json()
    assert isinstance(made, dict) and made["phone"] == "03-0000-5678"
    again = admin_cli.as_admin("contractor", "add", "弁護士法人サンプル法律事務所")
    assert again.code == 3 and "既に登録されています" in again.err
    blank = admin_cli.as_admin("contractor", "add", " ")
    assert blank.code == 3 and "必須項目です" in blank.err
    sections = admin_cli("--json", "section", "list").json()
    assert sections == [{"id": 1, "code": "ZEI", "name": "税務課"}]
    assert "東京都新宿区見本4-5-6" in admin_cli("contractor", "list").out


def test_contract_add_list_show(org_cli: Cli) -> None:
    made = org_cli.as_admin(
        "--json",
        "contract",
        "add",
        "--title",
        "督促等業務委託",
        "--section",
        "ZEI",
        "--contractor",
        "株式会社サンプル債権回収",
        "--start",
        "2026-04-01",
        "--end",
        "2027-03-31",
        "--purpose",
        "回収困難案件の解消",
        "--provided",
        "氏名,住所（戸籍）、生年月日",
        "--media",
        "cdr,paper_case",
        "--methods",
        "registered_mail,locked_case,email",
        "--planned",
        "4",
        "--terms",
        "1-12,19",
    )
    assert made.code == 0, made.err
    contract = made.json()
    assert isinstance(contract, dict)
    assert contract["special_terms"] == [*range(1, 13), 19]
    assert contract["provided_items"] == ["氏名", "住所（戸籍）", "生年月日"]
    assert contract["allowed_media_kinds"] == ["cdr", "paper_case"]
    assert contract["planned_record_count"] == 4 and contract["period_end"] == "2027-03-31"
    shown = org_cli("contract", "show", str(contract["id"]))
    assert shown.code == 0
    assert "書留郵便、鍵付きケース、メール（パスワード付きファイル）" in shown.out
    assert "税務課（ZEI）" in shown.out
    listed = org_cli("--json", "contract", "list").json()
    assert isinstance(listed, list) and len(listed) == 2
    assert "督促等業務委託" in org_cli("contract", "list").out


def test_contract_refusals(org_cli: Cli) -> None:
    base = [
        "contract",
        "add",
        "--title",
        "T",
        "--section",
        "ZEI",
        "--contractor",
        "株式会社サンプル債権回収",
    ]
    bad_date = org_cli.as_admin(*base, "--start", "2026/04/01", "--end", "2027-03-31")
    assert bad_date.code == 2 and "YYYY-MM-DD" in bad_date.err
    backwards = org_cli.as_admin(*base, "--start", "2026-04-01", "--end", "2026-03-31")
    assert backwards.code == 3 and "終了日が開始日より前です" in backwards.err
    kind = org_cli.as_admin(
        *base, "--start", "2026-04-01", "--end", "2027-03-31", "--media", "floppy"
    )
    assert kind.code == 3 and "floppy" in kind.err
    nobody = org_cli.as_admin(
        "contract",
        "add",
        "--title",
        "T",
        "--section",
        "ZEI",
        "--contractor",
        "無い会社",
        "--start",
        "2026-04-01",
        "--end",
        "2027-03-31",
    )
    assert nobody.code == 3 and "委託先 無い会社 はありません" in nobody.err
    terms = org_cli.as_admin(
        *base, "--start", "2026-04-01", "--end", "2027-03-31", "--terms", "1-25"
    )
    assert terms.code == 2 and "特記事項の第22項はありません" in terms.err
    missing = org_cli("contract", "show", "99")
    assert missing.code == 3 and "委託契約 99 はありません" in missing.err


def test_handler_add(org_cli: Cli) -> None:
    base = ["handler", "add", "--contract", "1", "--from", "2026-10-01", "--reported", "2026-09-24"]
    done = org_cli.as_admin(*base, "--name", "佐藤 健一", "--role", "responsible", "--code", "sv01")
    assert done.code == 0, done.err
    assert "取扱責任者 佐藤 健一（取扱者番号 1）" in done.out
    assert "SV01" not in done.out.upper()  # a code the person chose is not echoed
    ended = org_cli.as_admin(
        "--json",
        *base,
        "--to",
        "2026-12-31",
        "--name",
        "鈴木 美咲",
        "--role",
        "handler",
        "--code",
        "SV02",
    )
    assert ended.code == 0
    handler = ended.json()
    assert isinstance(handler, dict) and handler["valid_to"] == "2026-12-31"
    assert "code" not in handler and "SV02" not in ended.out
    shown = org_cli("contract", "show", "1").out
    assert "No.2 取扱者 鈴木 美咲（2026-10-01 〜 2026-12-31" in shown
    made = org_cli.as_admin(*base, "--name", "別人", "--role", "handler")
    assert made.code == 0 and "窓口確認コード: " in made.out
    bad_code = org_cli.as_admin(*base, "--name", "別人", "--role", "handler", "--code", "S!")
    assert bad_code.code == 3 and "英数字4〜20文字" in bad_code.err
    bad_role = org_cli.as_admin(*base, "--name", "別人", "--role", "boss", "--code", "SV09")
    assert bad_role.code == 2
    no_contract = org_cli.as_admin(
        "handler",
        "add",
        "--contract",
        "42",
        "--name",
        "別人",
        "--role",
        "handler",
        "--code",
        "SV09",
        "--from",
        "2026-10-01",
        "--reported",
        "2026-09-24",
    )
    assert no_contract.code == 3 and "委託契約 42 はありません" in no_contract.err


# --- media --------------------------------------------------------------------------------


def _add_media(cli: Cli) -> None:
    done = cli.as_admin(
        "media",
        "add",
        "税-USB-001",
        "--vendor",
        "I-O DATA",
        "--model",
        "ED-HB3",
        "--serial",
        "HB3A01",
        "--usb-id",
        "04BB:1D4E",
        "--capacity",
        "16013852672",
        "--hardware-lock",
        "--location",
        "金庫A",
    )
    assert done.code == 0, done.err
    assert "媒体 税-USB-001 を登録しました（状態: 登録済（未確認））。" in done.out
    for args in (
        ("教-CD-001", "--kind", "cdr"),
        ("教-CASE-001", "--kind", "paper_case", "--seal", "封印 No.0451"),
        ("税-USB-002", "--serial", "HB3A02", "--location", "金庫B"),
    ):
        assert cli.as_admin("media", "add", *args).code == 0


def test_media_add_show_list(admin_cli: Cli) -> None:
    _add_media(admin_cli)
    shown = admin_cli("media", "show", "税-USB-001")
    assert shown.code == 0
    assert "04bb:1d4e" in shown.out and "16.0 GB（16,013,852,672 バイト）" in shown.out
    as_json = admin_cli("media", "show", "教-CASE-001", "--json").json()
    assert isinstance(as_json, dict)
    assert as_json["seal_number"] == "封印 No.0451" and as_json["state"] == "blank"
    listed = admin_cli("--json", "media", "list").json()
    assert isinstance(listed, list)
    assert [m["control_number"] for m in listed] == [
        "教-CASE-001",
        "教-CD-001",
        "税-USB-001",
        "税-USB-002",
    ]
    filtered = admin_cli("--json", "media", "list", "--filter", "金庫B").json()
    assert isinstance(filtered, list) and [m["control_number"] for m in filtered] == ["税-USB-002"]
    limited = admin_cli("media", "list", "--limit", "2")
    assert "教-CD-001" in limited.out and "税-USB-001" not in limited.out
    assert "2件まで表示しました" in limited.out
    nothing = admin_cli("media", "list", "--filter", "存在しない")
    assert nothing.code == 0 and "該当するものはありません" in nothing.out


def test_media_refusals(admin_cli: Cli) -> None:
    _add_media(admin_cli)
    dup = admin_cli.as_admin("media", "add", "税-USB-001")
    assert dup.code == 3 and "管理番号 税-USB-001 は既に登録されています。" in dup.err
    usb_id = admin_cli.as_admin("media", "add", "税-USB-009", "--usb-id", "xyz")
    assert usb_id.code == 3 and "USB ID" in usb_id.err
    no_seal = admin_cli.as_admin("media", "add", "教-CASE-009", "--kind", "paper_case")
    assert no_seal.code == 3 and "封印番号" in no_seal.err
    kind = admin_cli.as_admin("media", "add", "X-1", "--kind", "floppy")
    assert kind.code == 2
    unknown = admin_cli("media", "show", "税-USB-404")
    assert unknown.code == 3 and "税-USB-404" in unknown.err


def test_media_section_chosen_defaulted_and_edited(org_cli: Cli) -> None:
    """The only section is the default; --section names another; media edit moves it."""
    assert org_cli.as_admin("media", "add", "税-USB-001").code == 0
    shown = org_cli("media", "show", "税-USB-001")
    assert "保有課" in shown.out and "税務課 (ZEI)" in shown.out
    assert org_cli.as_admin("section", "add", "JOHO", "情報政策課").code == 0
    added = org_cli.as_admin("media", "add", "情-USB-001", "--section", "JOHO")
    assert added.code == 0, added.err
    as_json = org_cli("media", "show", "情-USB-001", "--json").json()
    assert isinstance(as_json, dict) and as_json["section_code"] == "JOHO"
    moved = org_cli.as_admin("media", "edit", "税-USB-001", "--section", "JOHO")
    assert moved.code == 0 and "税-USB-001" in moved.out, moved.err
    assert "情報政策課 (JOHO)" in org_cli("media", "show", "税-USB-001").out
    unknown = org_cli.as_admin("media", "edit", "税-USB-001", "--section", "NONE")
    assert unknown.code == 3 and "NONE" in unknown.err


def test_global_options_go_before_or_after_the_command(admin_cli: Cli) -> None:
    _add_media(admin_cli)
    before = admin_cli("--json", "media", "list")
    after = admin_cli("media", "list", "--json")
    assert before.code == after.code == 0 and before.out == after.out


# --- audit trail --------------------------------------------------------------------------


def test_audit_verify_intact_then_tampered(admin_cli: Cli) -> None:
    _add_media(admin_cli)
    intact = admin_cli("audit", "verify")
    entries = admin_cli.sql("SELECT count(*) FROM audit_entries")[0][0]
    assert intact.code == 0 and f"監査証跡は正常です（{entries}件）。" in intact.out
    seq = admin_cli.sql("SELECT min(seq) FROM audit_entries WHERE action = 'medium.registered'")[0][
        0
    ]
    admin_cli.sql(f"UPDATE audit_entries SET subject = 'medium:偽造' WHERE seq = {seq}")
    broken = admin_cli("audit", "verify")
    assert broken.code == 1
    assert f"監査証跡の {seq} 番が改ざんされています（ハッシュ不一致）。" in broken.out
    assert "medium.registered medium:偽造" in broken.out  # the entry as it now reads
    report = admin_cli("--json", "audit", "verify").json()
    assert isinstance(report, dict)
    assert report["ok"] is False and report["first_bad_seq"] == seq
    assert report["reason"] == "audit.bad.hash"


# --- languages and errors -----------------------------------------------------------------


def test_english_messages(admin_cli: Cli) -> None:
    _add_media(admin_cli)
    missing = admin_cli("--lang", "en", "media", "show", "税-USB-404")
    assert missing.err.strip() == "No medium with control number 税-USB-404 is in the register."
    after = admin_cli("media", "show", "税-USB-001", "--lang", "en")
    assert "Hardware lock  yes" in after.out
    assert "The audit trail is intact" in admin_cli("--lang", "en", "audit", "verify").out
    assert "台帳にありません" in admin_cli("media", "show", "税-USB-404").err  # default ja


def test_language_from_the_environment(admin_cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEDGER_TUI_LANG", "en")
    assert (
        "No section NOPE"
        in admin_cli.as_admin(
            "operator", "add", "x", "--name", "X", "--section", "NOPE", stdin=f"{DESK_PASSWORD}\n"
        ).err
    )


def test_json_errors_on_stderr(admin_cli: Cli) -> None:
    failed = admin_cli("--json", "media", "show", "税-USB-404")
    assert failed.code == 3 and failed.out == ""
    error = json.loads(failed.err)
    assert error["error"] == "error.medium.not_found" and error["exit"] == 3
    assert "税-USB-404" in error["message"]


def test_unexpected_error_is_logged_not_shown(
    admin_cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("ledger_tui.services.organisation.list_sections", explode)
    crashed = admin_cli("section", "list")
    assert crashed.code == 70
    assert crashed.err.count("\n") == 1 and "Traceback" not in crashed.err
    assert "RuntimeError" in crashed.err and "ledger-tui.log" in crashed.err
    log = (tmp_path / "ledger-tui.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "disk on fire" in log
    assert oct((tmp_path / "ledger-tui.log").stat().st_mode & 0o777) == "0o600"


def test_refusals_are_logged(admin_cli: Cli, tmp_path: Path) -> None:
    admin_cli("media", "show", "税-USB-404")
    log = (tmp_path / "ledger-tui.log").read_text(encoding="utf-8")
    assert "error.medium.not_found" in log


def test_an_unwritable_log_does_not_stop_the_command(
    admin_cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("LEDGER_TUI_DATA_DIR", str(blocker))
    listed = admin_cli("section", "list")
    assert listed.code == 0 and "ログなしで続けます" in listed.err
