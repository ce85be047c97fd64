"""The audit trail as the desk reads it (`services.trail_lines`): every action the code
records has a label, and the demo ledger's whole trail shows no stored code, no JSON and
no bare row id."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import ledger_tui
from ledger_tui.i18n import CATALOGUE, set_language, t
from ledger_tui.services.ledger.bootstrap import open_ledger
from ledger_tui.services.pagers import trail_pager
from ledger_tui.services.trail_lines import action_label, details_text
from tests.conftest import FakeClock
from tests.ui.walk import DEMO_NOW, demo_template  # noqa: F401

_RECORDERS = {"record", "_record", "record_session_event", "record_device_event"}
_ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")
#: Actions whose name the code builds at run time, spelled out (device events, a load's
#: or a wipe's end, the printed oversight papers, the administrator's recovery).
_BUILT = {
    "device.inserted",
    "device.present",
    "device.removed",
    "load.failed",
    "load.cancelled",
    "wipe.failed",
    "wipe.cancelled",
    "incident.printed",
    "incident.print_failed",
    "audit.printed",
    "audit.print_failed",
    "audit.recovered",
}


def _recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in Path(ledger_tui.__file__).parent.rglob("*.py"):
        if "i18n" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in _RECORDERS:
                continue
            for arg in node.args:
                for part in ast.walk(arg):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        if _ACTION.match(part.value):
                            found.add(part.value)
    return found


def test_every_recorded_action_has_a_label() -> None:
    actions = _recorded_actions()
    assert len(actions) > 60  # the scan finds the actions (a broken scan finds none)
    missing = sorted(a for a in actions | _BUILT if f"trail.action.{a}" not in CATALOGUE)
    assert missing == []


def test_details_read_as_labels_and_values() -> None:
    try:
        set_language("ja")
        text = details_text(
            {"previous": "registered", "state": "wipe_pending", "kind": "usb", "undo": False}
        )
        assert (
            text
            == "変更前: 登録済（未確認）  状態: 消去待ち  種類: USBメモリ  取消による戻し: いいえ"
        )
        set_language("en")
        assert action_label("slip.drafted") == "Slip drafted"
        assert details_text({"direction": "out", "audit_id": 3, "loan": None}) == (
            f"direction: {t('direction.out')}"
        )
    finally:
        set_language("ja")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_demo_trail_reads_without_codes_json_or_row_ids(
    demo_template: Path,  # noqa: F811
    lang: str,
) -> None:
    ledger = open_ledger(
        f"sqlite:///{demo_template / 'ledger.sqlite3'}",
        demo_template / "keys",
        clock=FakeClock(DEMO_NOW),
    )
    try:
        set_language(lang)
        lines = trail_pager(ledger).page_after(None, 1000)
        assert len(lines) > 100
        for line in lines:
            assert line.action == t(f"trail.action.{line.code}")
            assert not re.search(r'[{,]"[a-z_]+":', line.details), line
            assert not re.match(r"^[a-z_]+:", line.subject), line  # "loan:12", "wipe:3"
        loans = [line for line in lines if line.code == "loan.created"]
        assert loans
        for line in loans:  # a loan by its medium (or transfer), its contract by title
            assert re.search(r"(-USB-|-CD-|-CASE-|No\.|no\. )", line.subject), line
            assert not re.search(r"(委託契約|contract): \d+(\s|$)", line.details), line
        drafted = [line for line in lines if line.code == "slip.drafted"]
        assert all(not re.search(r"(取扱者|handler): \d+(\s|$)", d.details) for d in drafted)
    finally:
        set_language("ja")
        ledger.engine.dispose()
