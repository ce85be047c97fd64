"""Every guard before a wipe refuses with a desk-ready message (Japanese and English),
`wipe_guards` lists them all for the screen, and an actual attempt leaves a
`wipe.refused` trail entry with the reason keys and touches neither the device, the
medium nor the loan. Real loop devices: mounted, partitioned, unknown to the register,
serial mismatch, loop devices not allowed."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_tui.db.models.wipes import WipeRun
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.media import MediumState
from ledger_tui.domain.wipes import WipeState
from ledger_tui.services.register import media
from ledger_tui.services.wiping import guards
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.wiping.records import list_wipe_runs
from tests.conftest import LoopDevice
from tests.integration.lending_world import World
from tests.wiping.conftest import MIB, StickFactory
from tests.wiping.helpers import assert_trail_ok, trail


def _refused(world: World, control_number: str, device: str, key: str, *keys: str) -> DomainError:
    """The screen lists `key` (and `keys`) and the attempt raises `key`, on the trail."""
    listed = guards.wipe_guards(world.ledger, control_number, device)
    assert [refusal.key for refusal in listed] == [key, *keys]
    before, runs = len(trail(world.ledger, "wipe.refused")), list_wipe_runs(world.ledger)
    with pytest.raises(DomainError) as caught:
        wiping.wipe_medium(world.ledger, world.actor, control_number, device)
    assert caught.value.key == key
    assert caught.value.message("ja") != caught.value.message("en")
    assert key not in caught.value.message("ja") and key not in caught.value.message("en")
    entries = trail(world.ledger, "wipe.refused")
    assert len(entries) == before + 1
    assert entries[-1]["reason"] == key and entries[-1]["reasons"] == [key, *keys]
    assert entries[-1]["device"] == device and entries[-1]["_actor"] == "admin"
    assert list_wipe_runs(world.ledger) == runs  # no run: not a byte was written
    assert_trail_ok(world.ledger)
    return caught.value


def _untouched(loop: LoopDevice) -> None:
    with open(loop.backing, "rb") as handle:
        assert handle.read(MIB) == bytes(MIB)


def test_a_medium_not_in_the_register(world: World, stick_factory: StickFactory) -> None:
    stick = stick_factory("税-USB-900", register=False)
    error = _refused(world, "税-USB-900", stick.device, "error.wiping.not_in_register")
    assert "税-USB-900" in error.message("ja") and "not in the register" in error.message("en")
    assert trail(world.ledger, "wipe.refused")[-1]["_subject"] == "medium:税-USB-900"
    _untouched(stick.loop)


def test_a_loan_still_out(world: World, stick_factory: StickFactory) -> None:
    stick = stick_factory()
    wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    loan, _ = world.lend(stick.control_number)
    error = _refused(world, stick.control_number, stick.device, "error.wiping.loan_out")
    # named by its control number, never by the loan's row id
    assert f"{stick.control_number} は委託先に貸し出されたまま" in error.message("ja")
    assert not re.search(rf"(貸出|[Ll]oan) ?{loan.id}\b", error.message("ja") + error.message("en"))
    assert "still out" in error.message("en")
    assert world.medium_state(stick.control_number) is MediumState.LENT


def test_a_serial_that_does_not_match_the_register(
    world: World, stick_factory: StickFactory
) -> None:
    stick = stick_factory()
    other = stick_factory()  # registered, but the operator plugged in the first stick
    error = _refused(world, other.control_number, stick.device, "error.wipe.serial_mismatch")
    assert stick.serial in error.message("ja") and other.serial in error.message("en")
    assert world.medium_state(other.control_number) is MediumState.REGISTERED


def test_loop_devices_are_refused_unless_allowed(world: World, stick_factory: StickFactory) -> None:
    stick = stick_factory()
    world.ledger.settings = replace(world.ledger.settings, allow_loop_devices=False)
    error = _refused(world, stick.control_number, stick.device, "error.wipe.loop_not_allowed")
    assert "LEDGER_TUI_ALLOW_LOOP_DEVICES=1" in error.message("ja")
    _untouched(stick.loop)


def test_a_cdr_is_not_wiped(world: World, stick_factory: StickFactory) -> None:
    stick = stick_factory(register=False)
    # The CD-R's register entry names the loop device's serial, so only the kind refuses.
    with world.ledger.unit_of_work() as uow:
        cdr = media.get_medium(uow, "税-CD-001")
        cdr.serial = stick.serial
        uow.commit()
    error = _refused(world, "税-CD-001", stick.device, "error.wiping.not_a_stick")
    assert "CD-R" in error.message("ja")


def test_a_mounted_device(
    world: World, mounted_loop: tuple[str, Path], allow_loop_devices: None
) -> None:
    device, mountpoint = mounted_loop
    serial = _serial(device)
    media.register_medium(world.ledger, world.actor, media.MediumForm("税-USB-301", serial=serial))
    error = _refused(world, "税-USB-301", device, "error.wipe.mounted")
    assert str(mountpoint) in error.message("en")
    assert (mountpoint / "lost+found").is_dir()  # the file system is still there


def test_a_partition_instead_of_the_whole_stick(
    world: World, partitioned_loop: tuple[str, str], allow_loop_devices: None
) -> None:
    disk, partition = partitioned_loop
    media.register_medium(
        world.ledger, world.actor, media.MediumForm("税-USB-302", serial=_serial(disk))
    )
    error = _refused(world, "税-USB-302", partition, "error.wipe.partition")
    assert disk in error.message("ja")
    assert guards.wipe_guards(world.ledger, "税-USB-302", disk) == []


def test_a_missing_device_and_the_worst_reasons_first(
    world: World, stick_factory: StickFactory
) -> None:
    stick = stick_factory()
    _refused(world, stick.control_number, "/dev/no-such-stick", "error.wipe.device_missing")
    loan_out = stick_factory()
    wiping.wipe_medium(world.ledger, world.actor, loan_out.control_number, loan_out.device)
    world.lend(loan_out.control_number)
    # Two reasons at once: both listed, both on the trail, the register's first.
    _refused(
        world,
        loan_out.control_number,
        stick.device,
        "error.wiping.loan_out",
        "error.wipe.serial_mismatch",
    )


def test_a_second_wipe_while_one_runs(
    sqlite_world: World, sqlite_stick_factory: StickFactory
) -> None:
    stick = sqlite_stick_factory()
    ledger: Ledger = sqlite_world.ledger
    with ledger.unit_of_work() as uow:  # another desk's live run (checkpointed just now)
        medium = media.get_medium(uow, stick.control_number)
        now = uow.now()
        uow.session.add(
            WipeRun(
                medium=medium,
                device_node=stick.device,
                method="clear_random_verify",
                passes=1,
                verification="gmac",
                state=WipeState.IN_PROGRESS,
                started_at=now,
                checkpoint_at=now,
                runner_host="desk-2",
                runner_pid=1,
            )
        )
        uow.commit()
    _refused_running = guards.wipe_guards(ledger, stick.control_number, stick.device)
    assert [r.key for r in _refused_running] == ["error.wiping.already_running"]
    with pytest.raises(DomainError) as caught:
        wiping.wipe_medium(ledger, sqlite_world.actor, stick.control_number, stick.device)
    assert caught.value.key == "error.wiping.already_running"
    assert trail(ledger, "wipe.refused")[-1]["reason"] == "error.wiping.already_running"


def _serial(device: str) -> str:
    from ledger_tui.system.stick.blockdev import describe_device

    serial = describe_device(device).serial
    assert serial
    return serial


def test_a_second_desk_cannot_wipe_a_stick_being_wiped(
    world: World, stick_factory: StickFactory
) -> None:
    """Two desks, one stick: the second is refused while the first runs (the medium's
    row lock orders them; the partial unique index holds below that)."""
    import threading

    from ledger_tui.system.stick.wipe import WipeProgress

    stick = stick_factory()
    running, release = threading.Event(), threading.Event()
    outcome: list[object] = []

    def hold(report: WipeProgress) -> None:
        running.set()
        assert release.wait(60), "the test never released the first wipe"

    def first() -> None:
        outcome.append(
            wiping.wipe_medium(
                world.ledger, world.actor, stick.control_number, stick.device, progress=hold
            )
        )

    worker = threading.Thread(target=first)
    worker.start()
    try:
        assert running.wait(60)
        with pytest.raises(DomainError) as caught:
            wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
        assert caught.value.key == "error.wiping.already_running"
        assert wiping.recover_interrupted_wipes(world.ledger) == []  # alive: left alone
    finally:
        release.set()
        worker.join(60)
    assert len(outcome) == 1
    assert world.medium_state(stick.control_number) is MediumState.BLANK
    assert_trail_ok(world.ledger)
