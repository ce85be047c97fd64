"""The one text catalogue: both languages everywhere, placeholders that agree."""

from __future__ import annotations

import re
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


#: Placeholders that hold a row id of the ledger (a loan, a wipe run, an intake, a
#: contract's key): an operator never knows things by those. Screens, paper and refusals
#: name a loan by its medium's control number (or the transfer's name), a wipe by its
#: stick, a contract by its title; a number the operator typed comes back as {ref}.
_ID_PLACEHOLDERS = {"loan", "run", "intake", "id", "load", "loan_id", "run_id", "load_id"}
#: The command-line interface addresses loans, loads and contracts by id (`--loan 9`):
#: its own texts may print them. Elsewhere an id may appear only as such an argument.
_COMMAND_ARGUMENT = re.compile(r"--(?:loan|load|run|contract) \{\w+\}")
#: The close-out screen asks for the contract's number (or title) typed back as the
#: confirmation, and shows that number on the same line.
_TYPED_BACK = {"closeout.screen.ready"}


def test_no_text_for_the_desk_names_an_internal_id() -> None:
    offending = {
        key: sorted(fields & _ID_PLACEHOLDERS)
        for key, (ja, en) in CATALOGUE.items()
        if not key.startswith("cli.") and key not in _TYPED_BACK
        for fields in [_fields(_COMMAND_ARGUMENT.sub("", ja) + _COMMAND_ARGUMENT.sub("", en))]
        if fields & _ID_PLACEHOLDERS
    }
    assert offending == {}
