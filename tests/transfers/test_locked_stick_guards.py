"""A password-lock stick still locked presents no medium: the wipe's guards and the
load's (and intake's) identity check refuse it with words that say to unlock it; once
unlocked (the same device grows its medium) both accept it. A real loop device of 0
bytes stands in for the locked disk unit."""

from __future__ import annotations

import subprocess
from collections.abc import Callable

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.loading.stick import StickRefused, identify_stick
from ledger_tui.services.register import media
from ledger_tui.services.wiping.guards import wipe_guards
from tests.conftest import LoopDevice

NUMBER = "税-USB-201"
MIB = 1024 * 1024


@pytest.mark.usefixtures("allow_loop_devices")
def test_locked_then_unlocked_in_place(
    ledger: Ledger, admin: Actor, loop_device_factory: Callable[..., LoopDevice]
) -> None:
    loop = loop_device_factory(size_mib=0, name="locked")
    serial = str(loop.backing)
    media.register_medium(
        ledger, admin, media.MediumForm(NUMBER, serial=serial, lock_kind="keypad")
    )

    refusals = wipe_guards(ledger, NUMBER, loop.path)
    assert [r.key for r in refusals] == ["error.stick.locked"]
    assert refusals[0].message("ja").startswith("ロック中：USBメモリのロックを解除してください")
    assert loop.path in refusals[0].message("en") and "unlock" in refusals[0].message("en")
    with pytest.raises(StickRefused) as caught:
        identify_stick(loop.path, serial, NUMBER, allow_loop=True)
    assert caught.value.key == "error.stick.locked"

    with open(loop.backing, "r+b") as backing:  # the PIN is typed: the medium appears
        backing.truncate(8 * MIB)
    subprocess.run(["losetup", "-c", loop.path], check=True)
    assert wipe_guards(ledger, NUMBER, loop.path) == []
    assert identify_stick(loop.path, serial, NUMBER, allow_loop=True).serial == serial
