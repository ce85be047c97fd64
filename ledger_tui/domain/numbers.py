"""Whole numbers typed at the desk or on the command line are bounded where they come in:
by what the ledger's columns hold (INTEGER for ids and counts, BIGINT for byte sizes on
PostgreSQL), so that an operator sees "enter a number from 0 to N" rather than an
overflow deep in the database driver."""

from __future__ import annotations

from ledger_tui.domain.errors import InvalidInput

#: INTEGER columns: ids, record counts, positions.
INT_MAX = 2**31 - 1
#: BIGINT columns: sizes in bytes.
BIGINT_MAX = 2**63 - 1


def check_whole(value: object, field: str, limit: int = INT_MAX) -> int:
    """`value` as a whole number from 0 to `limit`; `InvalidInput` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= limit:
        raise InvalidInput("error.field.integer", field=field, limit=limit)
    return value
