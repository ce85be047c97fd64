"""House rules of the UI that a reviewer would otherwise have to remember."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "ledger_tui" / "ui"


def test_text_fields_are_the_desks_own() -> None:
    """Every text field is a `TextField` (editing keys in typing order), never a bare
    Textual `Input` (whose Backspace could act after the characters typed behind it)."""
    bare = [
        f"{path.relative_to(UI)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "text_field.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<![\w.])Input\(", line)
    ]
    assert bare == []
