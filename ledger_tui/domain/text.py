"""Free text typed at the desk: trimmed, required where the form says so, bounded."""

from __future__ import annotations

import unicodedata

from ledger_tui.domain.errors import InvalidInput

#: Line breaks and tabs are text; every other control character (ESC, BEL, CSI, DEL...)
#: could drive a terminal that shows the value later, so it is refused at input.
_ALLOWED_CONTROLS = frozenset("\n\t")


def has_control_characters(value: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS for ch in value)


def clean_text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    """`value` trimmed; refused (on `field`) when required and empty, too long, or
    holding control characters (other than line breaks and tabs)."""
    cleaned = value.strip()
    if has_control_characters(cleaned):
        raise InvalidInput("error.field.control_characters", field=field)
    if required and not cleaned:
        raise InvalidInput("error.field.required", field=field)
    if len(cleaned) > limit:
        raise InvalidInput("error.field.too_long", field=field, limit=limit)
    return cleaned
