"""Freed memory goes back to the system after a big scan (glibc's malloc_trim)."""

from __future__ import annotations

from ledger_tui.system.memory import release_free_memory


def test_free_heap_pages_are_handed_back_on_glibc() -> None:
    garbage = [bytes(1000) for _ in range(50_000)]
    del garbage
    assert release_free_memory() is True  # Debian's glibc has malloc_trim
