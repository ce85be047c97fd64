"""The read models the ledger screens page through: the media register, the audit
trail and the slip ledger, each a keyset pager over its rows (see `db.paging`).

Screens ask here for a pager and hold it; they never build one from the engine, and
never import `db`.
"""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from ledger_tui.db.paging import (
    MediaPager,
    MediaRow,
    SlipFilter,
    SlipPager,
    SlipRow,
    TrailPager,
    TrailRow,
)
from ledger_tui.db.uow import Ledger
from ledger_tui.services.trail_lines import TrailLine, describe

__all__ = [
    "MediaRow",
    "Pager",
    "SlipFilter",
    "SlipRow",
    "TrailLine",
    "TrailRow",
    "media_pager",
    "slip_pager",
    "trail_pager",
]

R = TypeVar("R")


class Pager(Protocol[R]):
    """Rows in a fixed order, a page at a time by key (what a `LedgerView` shows)."""

    @property
    def needle(self) -> str:
        """The filter text the rows match (trimmed)."""
        ...

    def page_after(self, key: Any | None, limit: int) -> list[R]: ...

    def page_before(self, key: Any | None, limit: int) -> list[R]: ...

    def count(self, cap: int | None = None) -> int: ...


def media_pager(ledger: Ledger, text: str = "") -> Pager[MediaRow]:
    """The media register in control-number order, filtered by `text`."""
    return MediaPager(ledger.engine, text)


def trail_pager(ledger: Ledger, text: str = "") -> Pager[TrailLine]:
    """The audit trail, newest first, filtered by `text`; each entry as the desk reads
    it (`services.trail_lines`)."""
    return _DescribedTrail(ledger, TrailPager(ledger.engine, text))


class _DescribedTrail:
    """The trail's rows, each page described in one read session."""

    def __init__(self, ledger: Ledger, rows: TrailPager) -> None:
        self._ledger, self._rows = ledger, rows

    @property
    def needle(self) -> str:
        return self._rows.needle

    def _described(self, rows: list[TrailRow]) -> list[TrailLine]:
        with self._ledger.read_session() as session:
            return describe(session, rows)

    def page_after(self, key: Any | None, limit: int) -> list[TrailLine]:
        return self._described(self._rows.page_after(key, limit))

    def page_before(self, key: Any | None, limit: int) -> list[TrailLine]:
        return self._described(self._rows.page_before(key, limit))

    def count(self, cap: int | None = None) -> int:
        return self._rows.count(cap)


def slip_pager(ledger: Ledger, text: str = "") -> Pager[SlipRow]:
    """The slip ledger, newest first, filtered by the desk's one-line query
    (`services.lending.slip_search`)."""
    from ledger_tui.services.lending.slip_search import parse_slip_query

    query = parse_slip_query(ledger, text)
    return SlipPager(ledger.engine, query.needle, query.slip_filter)
