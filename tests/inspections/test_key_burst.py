"""Telling a barcode scan from typing on the inspection screen: a scanner types every
character within SCAN_KEY_GAP of the last; a person is slower somewhere, and a value
pasted (or set) in one change is not a scan."""

from __future__ import annotations

from ledger_tui.ui.screens.inspection_list import SCAN_KEY_GAP, KeyBurst


def _feed(burst: KeyBurst, value: str, gaps: list[float]) -> None:
    now = 100.0
    for length, gap in zip(range(1, len(value) + 1), gaps, strict=True):
        now += gap
        burst.changed(value[:length], now)


def test_a_fast_burst_is_a_scan_and_a_slow_key_is_typing() -> None:
    value = "税-USB-001"
    fast = KeyBurst()
    _feed(fast, value, [0.01] * len(value))
    assert fast.scanned(value)

    slow = KeyBurst()
    _feed(slow, value, [0.01] * 5 + [SCAN_KEY_GAP + 0.05] + [0.01] * (len(value) - 6))
    assert not slow.scanned(value)

    pasted = KeyBurst()
    pasted.changed(value, 100.0)
    assert not pasted.scanned(value)

    short = KeyBurst()
    _feed(short, "123", [0.01] * 3)
    assert not short.scanned("123")


def test_clearing_the_input_starts_a_new_burst() -> None:
    burst = KeyBurst()
    _feed(burst, "abcd", [1.0] * 4)  # typed slowly
    assert not burst.scanned("abcd")
    burst.changed("", 200.0)
    _feed(burst, "税-CD-002", [0.01] * len("税-CD-002"))
    assert burst.scanned("税-CD-002")
