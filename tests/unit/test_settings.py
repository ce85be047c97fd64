"""The settings: read from the environment once, validated with a message in both
languages (a non-integer idle lock used to crash at start), installed for the process
by the front end's start."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledger_tui import config
from ledger_tui.config import Settings, SettingsError
from ledger_tui.domain import clock
from ledger_tui.services import paper
from ledger_tui.services.ledger.bootstrap import open_ledger


def test_defaults_and_values_from_the_environment(tmp_path: Path) -> None:
    plain = Settings.resolve(environ={"LEDGER_TUI_DATA_DIR": str(tmp_path)})
    assert plain.db_url == f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    assert plain.key_dir == tmp_path / "keys"
    assert (plain.idle_lock_seconds, plain.time_zone, plain.slip_copies) == (300, "Asia/Tokyo", 2)
    assert (plain.printer, plain.allow_loop_devices, plain.lang) == ("", False, "ja")
    given = Settings.resolve(
        environ={
            "LEDGER_TUI_DB": "postgresql://desk@db/ledger",
            "LEDGER_TUI_IDLE_LOCK": "60",
            "LEDGER_TUI_TZ": "Pacific/Auckland",
            "LEDGER_TUI_PRINTER": " desk-a4 ",
            "LEDGER_TUI_SLIP_COPIES": "3",
            "LEDGER_TUI_ALLOW_LOOP_DEVICES": "1",
            "LEDGER_TUI_LANG": "en",
        }
    )
    assert given.db_url == "postgresql://desk@db/ledger"
    assert (given.idle_lock_seconds, given.time_zone, given.printer) == (
        60,
        "Pacific/Auckland",
        "desk-a4",
    )
    assert (given.slip_copies, given.allow_loop_devices, given.lang) == (3, True, "en")


@pytest.mark.parametrize(
    ("name", "value", "key"),
    [
        ("LEDGER_TUI_IDLE_LOCK", "five minutes", "error.settings.integer"),
        ("LEDGER_TUI_IDLE_LOCK", "-1", "error.settings.integer"),
        ("LEDGER_TUI_SLIP_COPIES", "0", "error.settings.integer"),
        ("LEDGER_TUI_SLIP_COPIES", "many", "error.settings.integer"),
        ("LEDGER_TUI_TZ", "Mars/Olympus", "error.settings.time_zone"),
    ],
)
def test_a_malformed_setting_is_refused_with_a_clear_message(
    name: str, value: str, key: str
) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.resolve(environ={name: value})
    assert refused.value.key == key
    for lang in ("ja", "en"):
        assert name in refused.value.message(lang) and value in refused.value.message(lang)


def test_the_start_sets_the_clocks_zone_for_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.resolve(
        environ={"LEDGER_TUI_TZ": "UTC", "LEDGER_TUI_DATA_DIR": str(tmp_path)}
    )
    late = datetime(2025, 6, 1, 20, 0, tzinfo=UTC)  # already 2 June in Tokyo
    assert clock.local_date(late).day == 2
    with config.start(settings):
        assert clock.local_date(late).day == 1
        monkeypatch.setenv("LEDGER_TUI_TZ", "Asia/Tokyo")  # after the start: not read
        assert clock.local_date(late).day == 1
    assert clock.local_date(late).day == 2


def test_each_ledger_keeps_the_settings_it_was_opened_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two ledgers open in one process with different settings: each service call reads
    its own ledger's (the slip copies, the paper's language, the desk's name once came
    from the environment as it stood at every call)."""
    opened = []
    for name, copies, lang in (("a", 1, "en"), ("b", 3, "ja")):
        url, keys = f"sqlite:///{tmp_path / f'{name}.sqlite3'}", tmp_path / f"keys-{name}"
        environ = {
            "LEDGER_TUI_SLIP_COPIES": str(copies),
            "LEDGER_TUI_PAPER_LANG": lang,
            "LEDGER_TUI_DESK": f"窓口{name}",
            "LEDGER_TUI_PRINTER": f"printer-{name}",
        }
        settings = Settings.resolve(db=url, environ=environ)
        opened.append(open_ledger(url, keys, settings=settings))
    a, b = opened
    try:
        for variable, value in (
            ("LEDGER_TUI_SLIP_COPIES", "5"),
            ("LEDGER_TUI_PAPER_LANG", "ja"),
            ("LEDGER_TUI_DESK", "elsewhere"),
            ("LEDGER_TUI_PRINTER", "elsewhere"),
        ):
            monkeypatch.setenv(variable, value)  # after the start: changes nothing
        assert (paper.copies_to_print(a), paper.copies_to_print(b)) == (1, 3)
        assert paper.copies_to_print(b, 2) == 2  # the caller's copies win
        assert (paper.paper_lang(a), paper.paper_lang(b), paper.paper_lang(b, "en")) == (
            "en",
            "ja",
            "en",
        )
        assert a.desk.endswith("/窓口a") and b.desk.endswith("/窓口b")
        assert (a.settings.printer, b.settings.printer) == ("printer-a", "printer-b")
    finally:
        a.close()
        b.close()


def test_settings_built_in_code_never_read_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable, value in (
        ("LEDGER_TUI_TZ", "UTC"),
        ("LEDGER_TUI_PRINTER", "desk-a4"),
        ("LEDGER_TUI_SLIP_COPIES", "3"),
        ("LEDGER_TUI_ALLOW_LOOP_DEVICES", "1"),
        ("LEDGER_TUI_PAPER_LANG", "en"),
        ("LEDGER_TUI_DESK", "窓口1"),
    ):
        monkeypatch.setenv(variable, value)
    built = Settings(db_url="sqlite://", key_dir=tmp_path)
    assert (built.time_zone, built.printer, built.slip_copies) == ("Asia/Tokyo", "", 2)
    assert (built.allow_loop_devices, built.paper_lang, built.desk_name) == (False, "ja", "")


def test_the_cli_refuses_a_malformed_setting_at_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from ledger_tui.cli.main import main

    monkeypatch.setenv("LEDGER_TUI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LEDGER_TUI_IDLE_LOCK", "abc")
    assert main(["--lang", "en", "media", "list"]) == 2
    err = capsys.readouterr().err
    assert "LEDGER_TUI_IDLE_LOCK=abc" in err and "Traceback" not in err
