"""Telling a front end that its desk waits for another desk's lock.

Apart from `bootstrap` so that a front end can listen before the database layer loads
(the command line registers its listener first; the desk draws its login screen first).
"""

from __future__ import annotations

from collections.abc import Callable

from ledger_tui.db.waiting import on_waiting


def on_lock_wait(listener: Callable[[], None]) -> Callable[[], None]:
    """Tell a front end when a desk has waited a second for another desk's lock
    (`db.waiting`); returns the function that stops telling it."""
    return on_waiting(listener)
