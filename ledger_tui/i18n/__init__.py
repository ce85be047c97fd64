"""The one text catalogue for screens, paper and messages (Japanese default, English).

Texts live in `ledger_tui.i18n.texts.*` modules, one per area, each a mapping
``key -> (japanese, english)``. They are merged here into one catalogue; a test checks
that no key is defined twice and that every text has both languages.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Literal

from ledger_tui.i18n.texts import ALL_PARTS

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")

log = logging.getLogger("ledger_tui.i18n")

_current: Lang = "ja"
#: Strict: a missing key raises `MissingText` (the tests, and a test run's subprocesses
#: through LEDGER_TUI_STRICT_TEXTS=1). Otherwise the screen shows the key, logged once.
_strict = os.environ.get("LEDGER_TUI_STRICT_TEXTS") == "1"
_reported: set[str] = set()


class MissingText(KeyError):
    """A text key that is not in the catalogue (raised in strict mode only)."""


def _merge(parts: tuple[Mapping[str, tuple[str, str]], ...]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        for key, pair in part.items():
            if key in merged:
                raise RuntimeError(f"text key defined twice: {key}")
            merged[key] = pair
    return merged


CATALOGUE: dict[str, tuple[str, str]] = _merge(ALL_PARTS)


def set_language(lang: str) -> Lang:
    """Select the language for texts rendered from now on; returns the chosen one."""
    global _current
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    _current = lang
    return _current


def current_language() -> Lang:
    return _current


def set_strict(strict: bool) -> None:
    """Raise on a missing key (tests) or show the key and carry on (the product)."""
    global _strict
    _strict = strict


def strict_texts() -> bool:
    return _strict


def t(key: str, lang: Lang | None = None, /, **params: object) -> str:
    """Render text `key` in `lang` (default: the current language) with `params`."""
    pair = CATALOGUE.get(key)
    if pair is None:
        if _strict:
            raise MissingText(key)
        # A missing key is a programming error, but the screen must still show something.
        if key not in _reported:
            _reported.add(key)
            log.error("text missing from the catalogue: %r", key)
        return key
    text = pair[0] if (lang or _current) == "ja" else pair[1]
    return text.format(**params) if params else text
