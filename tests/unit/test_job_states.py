"""The wipe run's, the load's and the inspection's lifecycle tables (domain/): every
listed move passes, every other is refused with a message in both languages, and the
database columns keep their stored values."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import pytest

from ledger_tui.db.models import Inspection, Load, WipeRun
from ledger_tui.domain import inspections, loads, wipes
from ledger_tui.domain.errors import IllegalTransition

TABLES: list[tuple[type[StrEnum], dict[Any, frozenset[Any]], Callable[..., None], object]] = [
    (wipes.WipeState, wipes.TRANSITIONS, wipes.check_wipe_transition, 7),
    (loads.LoadState, loads.TRANSITIONS, loads.check_load_transition, 7),
    (
        inspections.InspectionState,
        inspections.TRANSITIONS,
        inspections.check_inspection_transition,
        "R7-0001",
    ),
]


@pytest.mark.parametrize(("states", "table", "check", "ref"), TABLES)
def test_every_move_follows_the_table(
    states: type[StrEnum], table: dict[Any, frozenset[Any]], check: Callable[..., None], ref: object
) -> None:
    assert set(table) == set(states)
    for current, target in itertools.product(states, states):
        if target in table[current]:
            check(current, target, ref)
            continue
        with pytest.raises(IllegalTransition) as refused:
            check(current, target, ref)
        assert refused.value.message("ja") and refused.value.message("en")
        assert str(ref) in refused.value.message("en")
    # the running state is the only one that moves: an ended run never changes again
    assert [s for s in states if table[s]] == [next(iter(states))]


def test_the_columns_keep_their_stored_values() -> None:
    """The enums moved from db/models to domain/ without a migration: same values."""
    stored = {
        WipeRun: ["in_progress", "verified", "failed", "interrupted", "cancelled"],
        Load: ["in_progress", "verified", "failed", "cancelled"],
        Inspection: ["open", "finished"],
    }
    for model, values in stored.items():
        assert list(model.__table__.c.state.type.enums) == values  # type: ignore[attr-defined]
