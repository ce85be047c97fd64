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


def test_the_start_installs_the_settings_for_the_process(tmp_path: Path) -> None:
    settings = Settings.resolve(
        environ={"LEDGER_TUI_TZ": "UTC", "LEDGER_TUI_DATA_DIR": str(tmp_path)}
    )
    late = datetime(2025, 6, 1, 20, 0, tzinfo=UTC)  # already 2 June in Tokyo
    assert clock.local_date(late).day == 2
    with config.using(settings):
        assert config.current() is settings
        assert clock.local_date(late).day == 1
    assert clock.local_date(late).day == 2
    assert config.current() is not settings


def test_the_cli_refuses_a_malformed_setting_at_start(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from ledger_tui.cli.main import main

    monkeypatch.setenv("LEDGER_TUI_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("LEDGER_TUI_IDLE_LOCK", "abc")
    assert main(["--lang", "en", "media", "list"]) == 2
    err = capsys.readouterr().err
    assert "LEDGER_TUI_IDLE_LOCK=abc" in err and "Traceback" not in err
