"""Free text typed at the desk: trimmed, required where the form says so, bounded."""

from __future__ import annotations

from ledger_tui.domain.errors import InvalidInput


def clean_text(value: str, field: str, limit: int, *, required: bool = False) -> str:
    """`value` trimmed; refused (on `field`) when required and empty, or too long."""
    cleaned = value.strip()
    if required and not cleaned:
        raise InvalidInput("error.field.required", field=field)
    if len(cleaned) > limit:
        raise InvalidInput("error.field.too_long", field=field, limit=limit)
    return cleaned
