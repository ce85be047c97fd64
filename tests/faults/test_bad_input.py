"""Bad input through the real command line: each case gets a clear message (in the
language asked for) and its own non-zero exit code, with no traceback, and nothing is
stored (the ledger's trail is as long as before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration import test_cli as shared
from tests.integration.test_cli import Cli, Result

cli, sqlite_cli, admin_cli = shared.cli, shared.sqlite_cli, shared.admin_cli

HUGE = "99999999999999999999"


def _trail_length(cli: Cli) -> int:
    return int(cli.sql("SELECT count(*) FROM audit_entries")[0][0])  # type: ignore[arg-type]


def _assert_clear(done: Result, code: int, *said: str) -> None:
    assert done.code == code, (done.code, done.err)
    for words in said:
        assert words in done.err, done.err
    assert "Traceback" not in done.err and "Error" not in done.err.split(":")[0]


NUMBERS = {
    "lend --count": (
        "lend",
        "--medium",
        "税-USB-001",
        "--contract",
        "1",
        "--handler",
        "1",
        "--count",
        HUGE,
        "--method",
        "hand",
    ),
    "media add --capacity": ("media", "add", "税-USB-009", "--capacity", "1" * 23),
    "contract show": ("contract", "show", HUGE),
    "load show --load": ("load", "show", "--load", HUGE),
    "media list --limit": ("media", "list", "--limit", HUGE),
}


@pytest.mark.parametrize("case", sorted(NUMBERS))
def test_numbers_out_of_range_are_refused_at_input(admin_cli: Cli, case: str) -> None:
    before = _trail_length(admin_cli)
    done = admin_cli.as_admin("--lang", "en", *NUMBERS[case])
    _assert_clear(done, 2, "Enter a whole number from 0 to ")
    assert _trail_length(admin_cli) == before


def test_a_number_in_range_that_names_nothing_is_not_found(admin_cli: Cli) -> None:
    done = admin_cli.as_admin("--lang", "en", "contract", "show", "2147483647")
    assert done.code == 3, done.err


def test_numbers_are_bounded_in_japanese_too(admin_cli: Cli) -> None:
    done = admin_cli.as_admin("media", "list", "--limit", HUGE)
    _assert_clear(done, 2, "0以上 2,147,483,647 以下の整数")


ADDRESSES = {
    "unreachable host": ("postgresql://ledger@127.0.0.1:1/ledger", 10, "Cannot reach"),
    "mysql scheme": ("mysql://ledger@localhost/ledger", 2, "only SQLite and PostgreSQL"),
    "a directory": ("sqlite:////tmp", 2, "a folder, not a file"),
}


@pytest.mark.parametrize("case", sorted(ADDRESSES))
def test_bad_ledger_addresses(sqlite_cli: Cli, case: str) -> None:
    url, code, said = ADDRESSES[case]
    done = sqlite_cli("--lang", "en", "--db", url, "media", "list", db=False)
    _assert_clear(done, code, said)


def test_bad_address_as_json(sqlite_cli: Cli) -> None:
    done = sqlite_cli("--json", "--db", "mysql://x@h/db", "media", "list", db=False)
    assert done.code == 2
    assert '"error": "db.error.bad_address"' in done.err


def test_a_ledger_file_that_cannot_be_made(sqlite_cli: Cli, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    url = f"sqlite:///{blocked}/ledger.sqlite3"  # a folder inside a plain file
    done = sqlite_cli("--lang", "en", "--db", url, "media", "list", db=False)
    _assert_clear(done, 2, "cannot be created or written")


def test_a_personal_split_column_is_refused_on_the_command_line(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    source = tmp_path / "住所録.csv"
    rows = "".join(f"新宿,山田 太郎{i}\r\n" for i in range(10))
    source.write_bytes(("地区,氏名\r\n" + rows).encode("utf-8"))
    done = sqlite_cli("--lang", "en", "load", "--plan", "--split-column", "氏名", str(source))
    _assert_clear(done, 3, "holds personal data")
    assert "山田" not in done.err


def test_the_plan_names_the_detected_encoding(sqlite_cli: Cli, tmp_path: Path) -> None:
    """An EUC-JP file whose bytes are also valid Shift_JIS is shown as EUC-JP."""
    source = tmp_path / "list.csv"
    names = ["山田", "佐藤", "高橋", "新宿", "大久保", "戸山", "番地", "調査", "有無"]
    text = "番地,氏名\r\n" + "".join(f"{a},{b}\r\n" for a in names for b in names[:5])
    source.write_bytes(text.encode("euc_jp"))
    done = sqlite_cli("--lang", "en", "load", "--plan", str(source))
    assert done.code == 0, done.err
    assert "(EUC-JP," in done.out


def test_a_2_gib_csv_is_counted_as_it_streams_not_refused_for_its_size(
    sqlite_cli: Cli, tmp_path: Path
) -> None:
    """A CSV's size no longer refuses it (a 2 GiB CSV loads if it fits the stick): it is
    counted chunk by chunk. This one (sparse: all NUL bytes) is refused at its first
    chunk, naming the line, without the rest being read."""
    source = tmp_path / "huge.csv"
    with open(source, "wb") as handle:
        handle.truncate(2 << 30)  # 2 GiB, sparse: reading it all would take seconds
    done = sqlite_cli("--lang", "en", "load", "--plan", str(source))
    _assert_clear(done, 3, "huge.csv line 1 contains a NUL character")


def test_a_huge_csv_to_split_is_refused_before_it_is_read(sqlite_cli: Cli, tmp_path: Path) -> None:
    """A split holds its CSV in memory: one too big for that is refused from its size (a
    read would have found the NUL bytes first)."""
    source = tmp_path / "huge.csv"
    with open(source, "wb") as handle:
        handle.truncate(2 << 30)
    done = sqlite_cli("--lang", "en", "load", "--plan", "--split-column", "地区", str(source))
    _assert_clear(done, 3, "more than can be split by a column", "without a split column")
