"""Block-device facts and the wipe guards, on real loop devices, a real partition, a real
mounted file system and the disk this machine runs from."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_tui.config import Settings
from ledger_tui.system.stick import blockdev
from ledger_tui.system.stick.blockdev import (
    DeviceFacts,
    DeviceMissing,
    DeviceMounted,
    HoldsRunningSystem,
    LoopDeviceNotAllowed,
    MountEntry,
    NotABlockDevice,
    NotUsbStick,
    SerialMismatch,
    check_wipe_target,
    describe_device,
    wipe_target_refusals,
)
from ledger_tui.system.stick.wipe import DeviceBusy, Wiper
from tests.system.conftest import backing_file, root_device

MIB = 1024 * 1024


@pytest.fixture
def no_loop_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LEDGER_TUI_ALLOW_LOOP_DEVICES", raising=False)


def _size_with(device: str) -> tuple[int, int, int]:
    fd = os.open(device, os.O_RDONLY)
    try:
        return (
            blockdev.device_size(fd),
            blockdev.logical_block_size(fd),
            blockdev.physical_block_size(fd),
        )
    finally:
        os.close(fd)


def test_size_from_ioctl_then_sysfs_then_seek(
    attach_loop: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    device = attach_loop(20 * MIB + 512)
    assert _size_with(device) == (20 * MIB + 512, 512, 512)
    # under umockdev every ioctl fails with ENOTTY: sysfs answers
    monkeypatch.setattr(blockdev, "_ioctl_int", lambda fd, request, fmt: None)
    assert _size_with(device) == (20 * MIB + 512, 512, 512)
    # and without sysfs, lseek(SEEK_END) and the 512-byte default
    monkeypatch.setattr(blockdev, "_read_sysfs", lambda path: None)
    assert _size_with(device) == (20 * MIB + 512, 512, 512)


def test_loop_switch_reads_the_environment() -> None:
    def allowed(environ: dict[str, str]) -> bool:
        return Settings.resolve(environ=environ).allow_loop_devices

    assert not allowed({})
    assert not allowed({"LEDGER_TUI_ALLOW_LOOP_DEVICES": "yes"})
    assert allowed({"LEDGER_TUI_ALLOW_LOOP_DEVICES": "1"})


def test_a_loop_device_stands_in_with_its_backing_file_as_serial(
    attach_loop: Callable[..., str], allow_loop_devices: None
) -> None:
    device = attach_loop(16 * MIB)
    facts = describe_device(device)
    serial = str(backing_file(device))
    assert (facts.node, facts.name) == (device, Path(device).name)
    assert facts.is_loop and not facts.is_partition and facts.parent is None
    assert facts.backing_file == serial == facts.serial and os.path.isabs(serial)
    assert facts.size_bytes == 16 * MIB
    assert facts.mounts == () and facts.swaps == () and facts.holders == ()
    assert not facts.holds_running_system
    assert wipe_target_refusals(facts, serial, allow_loop=True) == []
    check_wipe_target(facts, serial, allow_loop=True)  # no refusal


def test_udev_properties_given_by_the_caller_are_used(attach_loop: Callable[..., str]) -> None:
    device = attach_loop(8 * MIB)
    facts = describe_device(
        device,
        properties={
            "ID_BUS": "usb",
            "ID_VENDOR": "SanDisk",
            "ID_MODEL": "Cruzer_Blade",
            "ID_SERIAL_SHORT": "4C530001",
        },
    )
    assert (facts.bus, facts.vendor, facts.model) == ("usb", "SanDisk", "Cruzer Blade")
    assert facts.serial == str(backing_file(device))  # a loop's serial is its backing file


def test_loop_devices_are_refused_without_the_switch(
    attach_loop: Callable[..., str], no_loop_devices: None
) -> None:
    device = attach_loop(8 * MIB)
    facts = describe_device(device)
    with pytest.raises(LoopDeviceNotAllowed) as caught:
        check_wipe_target(facts, facts.serial, allow_loop=False)
    assert device in caught.value.message("ja") and "LEDGER_TUI_ALLOW_LOOP_DEVICES=1" in str(
        caught.value
    )
    assert caught.value.key == "error.wipe.loop_not_allowed"


def test_serial_mismatch_is_refused(
    attach_loop: Callable[..., str], allow_loop_devices: None
) -> None:
    facts = describe_device(attach_loop(8 * MIB))
    with pytest.raises(SerialMismatch) as caught:
        check_wipe_target(facts, "/somewhere/else.img", allow_loop=True)
    message = caught.value.message("en")
    assert facts.serial is not None and facts.serial in message
    assert "/somewhere/else.img" in message
    assert "台帳の登録" in caught.value.message("ja")
    with pytest.raises(SerialMismatch):
        check_wipe_target(facts, None, allow_loop=True)  # the register knows no serial: refuse too


def test_a_partition_is_refused(
    partitioned_loop: tuple[str, str], allow_loop_devices: None
) -> None:
    disk, partition = partitioned_loop
    facts = describe_device(partition)
    assert facts.is_partition and facts.parent == Path(disk).name
    assert facts.size_bytes == 8192 * 512
    refusals = wipe_target_refusals(facts, str(backing_file(disk)), allow_loop=True)
    assert [type(r) for r in refusals] == [NotUsbStick]
    assert refusals[0].key == "error.wipe.partition"
    assert disk in refusals[0].message("en") and "パーティション" in refusals[0].message("ja")
    # the whole disk knows its partition and is itself acceptable
    assert (
        wipe_target_refusals(describe_device(disk), str(backing_file(disk)), allow_loop=True) == []
    )


def test_a_mounted_device_is_refused_and_cannot_be_opened(
    mounted_loop: tuple[str, Path], allow_loop_devices: None
) -> None:
    device, mountpoint = mounted_loop
    facts = describe_device(device)
    assert facts.mounts == (MountEntry(Path(device).name, str(mountpoint), "ext4"),)
    assert not facts.holds_running_system
    with pytest.raises(DeviceMounted) as caught:
        check_wipe_target(facts, facts.serial, allow_loop=True)
    assert str(mountpoint) in caught.value.message("en")
    with pytest.raises(DeviceBusy):  # even past the guard the kernel says no (O_EXCL)
        Wiper(device)


def test_the_disk_running_this_system_is_refused(allow_loop_devices: None) -> None:
    facts = describe_device(root_device())
    assert not facts.is_loop and facts.bus != "usb"
    assert "/" in [m.mountpoint for m in facts.system_mounts]
    refusals = wipe_target_refusals(facts, facts.serial, allow_loop=True)
    assert isinstance(refusals[0], HoldsRunningSystem)
    assert any(r.key == "error.wipe.not_usb" for r in refusals)
    with pytest.raises(HoldsRunningSystem) as caught:
        check_wipe_target(facts, facts.serial, allow_loop=True)
    assert "システム" in caught.value.message("ja") and "never" in caught.value.message("en")


def _usb_stick(**changes: object) -> DeviceFacts:
    stick = DeviceFacts(
        node="/dev/sdb",
        name="sdb",
        is_partition=False,
        parent=None,
        is_loop=False,
        backing_file=None,
        bus="usb",
        removable=True,
        vendor="SanDisk",
        model="Cruzer",
        serial="4C530001",
        size_bytes=16 * 1024 * MIB,
        mounts=(),
        swaps=(),
        holders=(),
    )
    return replace(stick, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({}, None),
        ({"bus": "ata"}, "error.wipe.not_usb"),
        ({"bus": None}, "error.wipe.not_usb"),
        ({"swaps": ("/dev/sdb2",)}, "error.wipe.holds_system"),
        ({"mounts": (MountEntry("sdb1", "/boot/efi", "vfat"),)}, "error.wipe.holds_system"),
        ({"mounts": (MountEntry("sdb1", "/media/x", "vfat"),)}, "error.wipe.mounted"),
        ({"holders": ("dm-0",)}, "error.wipe.in_use"),
        ({"serial": None}, "error.wipe.serial_mismatch"),
        ({"serial": "4C530002"}, "error.wipe.serial_mismatch"),
        ({"size_bytes": 0}, "error.stick.locked"),  # a password-lock stick not yet unlocked
        ({"is_cdrom_unit": True}, "error.stick.unlock_unit"),  # its unlock tool's unit
    ],
)
def test_guards_on_described_usb_sticks(changes: dict[str, object], key: str | None) -> None:
    refusals = wipe_target_refusals(_usb_stick(**changes), "4C530001", allow_loop=False)
    assert [r.key for r in refusals] == ([key] if key else [])
    for refusal in refusals:
        assert "/dev/sdb" in refusal.message("ja") and "/dev/sdb" in refusal.message("en")


def test_describing_something_that_is_no_block_device(tmp_path: Path) -> None:
    with pytest.raises(DeviceMissing):
        describe_device(str(tmp_path / "gone"))
    (tmp_path / "file").write_bytes(b"x")
    with pytest.raises(NotABlockDevice):
        describe_device(str(tmp_path / "file"))


def _loop_over(path: str) -> str:
    import subprocess

    return subprocess.run(
        ["losetup", "--find", "--show", path], check=True, capture_output=True, text=True
    ).stdout.strip()


def _detach(device: str) -> None:
    import subprocess

    subprocess.run(["losetup", "-d", device], check=False, capture_output=True)


def test_loop_devices_sharing_a_mounted_file_system_are_refused_at_any_depth(
    mounted_loop: tuple[str, Path], allow_loop_devices: None
) -> None:
    """A loop device stacked on the mounted loop device, one over the same backing file,
    and one stacked on that: each would overwrite the mounted file system."""
    device, mountpoint = mounted_loop
    on_device = _loop_over(device)
    try:
        same_file = _loop_over(str(backing_file(device)))
        try:
            deeper = _loop_over(on_device)
            try:
                for stacked in (on_device, same_file, deeper):
                    facts = describe_device(stacked)
                    assert facts.mounts, stacked
                    with pytest.raises(DeviceMounted) as caught:
                        check_wipe_target(facts, facts.serial, allow_loop=True)
                    assert str(mountpoint) in caught.value.message("en")
                # and the mounted device knows what is stacked on it
                assert Path(on_device).name in describe_device(device).holders
            finally:
                _detach(deeper)
        finally:
            _detach(same_file)
    finally:
        _detach(on_device)
