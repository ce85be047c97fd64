"""The first wipe of a fake-capacity stick (a loop device over a FUSE file that keeps a
quarter of what it reports, tests/wiping/counterfeit.py) fails as suspected counterfeit
capacity, naming the first bad offset and where the data wrapped; in the same unit of
work the medium is marked out of service, so it is never lent again (even were it made
blank); the register shows the mark and the trail keeps it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ledger_tui.domain.errors import IllegalTransition
from ledger_tui.domain.media import COUNTERFEIT_CAPACITY, MediumState
from ledger_tui.services.register import media
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.wiping.records import wipe_runs_of_medium
from ledger_tui.system.stick.blockdev import describe_device
from ledger_tui.system.stick.wipe import CounterfeitCapacity
from tests.conftest import mark_verified_wipe
from tests.integration.lending_world import World
from tests.wiping.conftest import MIB
from tests.wiping.counterfeit import CounterfeitStick
from tests.wiping.helpers import assert_trail_ok, trail

NUMBER = "税-USB-301"


@pytest.fixture
def fake_stick(tmp_path: Path, allow_loop_devices: None) -> Iterator[CounterfeitStick]:
    stick = CounterfeitStick(tmp_path, reported=16 * MIB, real=4 * MIB)
    yield stick
    stick.close()


def test_a_counterfeit_stick_fails_its_wipe_and_is_taken_out_of_service(
    world: World, fake_stick: CounterfeitStick
) -> None:
    serial = describe_device(fake_stick.path).serial or ""
    media.register_medium(world.ledger, world.actor, media.MediumForm(NUMBER, serial=serial))

    with pytest.raises(CounterfeitCapacity) as caught:
        wiping.wipe_medium(world.ledger, world.actor, NUMBER, fake_stick.path)
    assert caught.value.wrapped_at == 4 * MIB and caught.value.offset == 0
    assert "容量偽装の疑い" in caught.value.message("ja")

    stick = media.show_medium(world.ledger, NUMBER)
    assert stick.state is MediumState.WIPE_PENDING
    assert stick.out_of_service == COUNTERFEIT_CAPACITY
    assert media.out_of_service_rows(stick) == [
        ("使用中止", "容量偽装の疑い（消去の読み戻しで判明）。貸出・書込み不可、破砕処分")
    ]
    (run,) = wipe_runs_of_medium(world.ledger, NUMBER)
    assert run.failure_key == "error.wipe.counterfeit_wrapped"
    assert "4,194,304" in run.failure_message("ja")  # where the data wrapped: the real size
    (marked,) = trail(world.ledger, "medium.out_of_service")
    assert (marked["reason"], marked["first_bad_offset"], marked["real_bytes"]) == (
        COUNTERFEIT_CAPACITY,
        0,
        4 * MIB,
    )
    assert marked["reported_bytes"] == 16 * MIB
    assert_trail_ok(world.ledger)

    # Never lent again: not even a stick made blank by some other way passes.
    mark_verified_wipe(world.ledger, world.actor, NUMBER)
    with pytest.raises(IllegalTransition) as refused:
        world.loan(NUMBER)
    assert refused.value.key == "error.medium.out_of_service.counterfeit_capacity"
    assert "使用中止" in refused.value.message("ja")
