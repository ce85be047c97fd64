"""The one text catalogue: both languages everywhere, placeholders that agree."""

from __future__ import annotations

import string

from ledger_tui.i18n import CATALOGUE, set_language, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_text_has_both_languages_and_the_same_placeholders() -> None:
    for key, (ja, en) in CATALOGUE.items():
        assert ja.strip() and en.strip(), key
        assert _fields(ja) == _fields(en), key


def test_language_switch() -> None:
    try:
        set_language("en")
        assert t("state.lent") == "lent"
        set_language("ja")
        assert t("state.lent") == "貸出中"
    finally:
        set_language("ja")
