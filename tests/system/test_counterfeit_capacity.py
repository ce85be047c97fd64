"""A fake-capacity stick fails its first wipe's read-back, and the engine names it:
suspected counterfeit capacity, with the first bad offset and where the data wrapped
(or from where nothing was kept). A real loop device over a FUSE file that keeps less
than it reports (tests/wiping/counterfeit.py). A genuine stick with a bad byte stays a
plain mismatch (tests/system/test_wipe_engine.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from ledger_tui.system.stick.wipe import CounterfeitCapacity, wipe_device
from tests.system.test_wipe_engine import MIB
from tests.wiping.counterfeit import CounterfeitStick


@pytest.fixture
def counterfeit(tmp_path: Path) -> Iterator[Callable[..., CounterfeitStick]]:
    made: list[CounterfeitStick] = []

    def make(reported: int, real: int, mode: str = "wrap") -> CounterfeitStick:
        folder = tmp_path / f"counterfeit{len(made)}"
        folder.mkdir()
        made.append(CounterfeitStick(folder, reported, real, mode))
        return made[-1]

    yield make
    for stick in made:
        stick.close()


def test_a_stick_whose_writes_wrap_is_named_counterfeit(
    counterfeit: Callable[..., CounterfeitStick],
) -> None:
    stick = counterfeit(reported=16 * MIB, real=4 * MIB)
    with pytest.raises(CounterfeitCapacity) as caught:
        wipe_device(stick.path, chunk_size=MIB)
    error = caught.value
    assert (error.offset, error.wrapped_at) == (0, 4 * MIB)  # the start was overwritten
    assert error.key == "error.wipe.counterfeit_wrapped"
    ja, en = error.message("ja"), error.message("en")
    assert "容量偽装の疑い" in ja and "4,194,304 バイト" in ja and "位置 0 バイト" in ja
    assert "counterfeit capacity" in en and "0.02 GB" in en


def test_a_stick_that_drops_writes_past_its_real_size_is_named_counterfeit(
    counterfeit: Callable[..., CounterfeitStick],
) -> None:
    stick = counterfeit(reported=16 * MIB, real=5 * MIB + 4096, mode="short")
    with pytest.raises(CounterfeitCapacity) as caught:
        wipe_device(stick.path, chunk_size=MIB)
    error = caught.value
    assert error.key == "error.wipe.counterfeit_short"
    assert (error.offset, error.wrapped_at) == (5 * MIB + 4096, None)
    assert f"{5 * MIB + 4096:,}" in error.message("ja")
