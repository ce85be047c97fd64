"""Password-lock sticks on the real pyudev path (umockdev, see umockdev_child.py): a
locked stick is one entry grouped by its USB device, shown locked with no medium; the
unlock is a medium change of its disk unit (no re-insertion); the CD-ROM unit with the
vendor's unlock tool is never an entry of its own."""

from __future__ import annotations

import pytest

from tests.devices.umockdev_client import Message, UmockdevChild

SDB = "/dev/sdb"
SERIAL = "4C530001230611105153"
UNLOCKED_SECTORS = 31_266_816


def _watch(child: UmockdevChild) -> None:
    assert child.request("watch", "watching")["ready"] is True
    child.event("ready")


def _until(child: UmockdevChild, action: str, done: object) -> Message:
    """The first `action` event about /dev/sdb whose info satisfies `done` (udev may
    report the disk unit before the CD-ROM unit beside it: a "change" then follows)."""
    assert callable(done)
    event = child.event(action, SDB)
    while not done(event["info"]):
        event = child.event("change", SDB)
    return event


@pytest.mark.parametrize(("lock", "unit"), [("software", "/dev/sr0"), ("keypad", None)])
def test_a_locked_stick_is_one_locked_entry_until_its_medium_appears(
    umockdev: UmockdevChild, lock: str, unit: str | None
) -> None:
    _watch(umockdev)
    umockdev.request("add", "added", name="sdb", lock=lock)
    locked = _until(umockdev, "add", lambda info: info["unlock_unit"] == unit)["info"]
    assert (locked["locked"], locked["capacity_bytes"], locked["partitions"]) == (True, 0, [])
    assert (locked["serial"], locked["usb_id"]) == (SERIAL, "0781:5567")  # still matchable
    listed = umockdev.request("list", "listed")["devices"]
    assert [(d["node"], d["locked"], d["unlock_unit"]) for d in listed] == [(SDB, True, unit)]

    # The password is entered: the disk unit gets its medium (a change, no new "add").
    sent = umockdev.request("unlock", "unlocked", name="sdb", sectors=UNLOCKED_SECTORS)
    changed = umockdev.event("change", SDB)
    assert sent["sent_at"] <= changed["seen_at"]
    info = changed["info"]
    assert (info["locked"], info["capacity_bytes"]) == (False, UNLOCKED_SECTORS * 512)
    assert (info["serial"], info["unlock_unit"]) == (SERIAL, unit)
    assert [e for e in umockdev.events() if e["action"] == "add"] == []

    umockdev.request("remove", "removed", name="sdb")
    assert umockdev.event("remove", SDB)["info"]["serial"] == SERIAL
    assert umockdev.request("list", "listed")["devices"] == []


def test_the_unlock_units_of_two_sticks_stay_with_their_own_stick(
    umockdev: UmockdevChild,
) -> None:
    umockdev.request("add", "added", name="sdb", lock="software", serial="FIRST0001")
    umockdev.request("add", "added", name="sdd", port=2, lock="software", serial="SECOND0002")
    umockdev.request("add", "added", name="sde", port=3, lock="keypad", serial="THIRD0003")
    listed = umockdev.request("list", "listed")["devices"]
    assert [(d["node"], d["serial"], d["locked"], d["unlock_unit"]) for d in listed] == [
        ("/dev/sdb", "FIRST0001", True, "/dev/sr0"),
        ("/dev/sdd", "SECOND0002", True, "/dev/sr1"),
        ("/dev/sde", "THIRD0003", True, None),
    ]
    umockdev.request("unlock", "unlocked", name="sdd")
    listed = umockdev.request("list", "listed")["devices"]
    assert [(d["node"], d["locked"]) for d in listed] == [
        ("/dev/sdb", True),
        ("/dev/sdd", False),
        ("/dev/sde", True),
    ]


def test_an_empty_card_reader_is_no_locked_stick(umockdev: UmockdevChild) -> None:
    _watch(umockdev)
    umockdev.request(
        "add",
        "added",
        name="sde",
        port=3,
        sectors=0,
        partitions=[],
        vendor="Generic",
        model="STORAGE DEVICE",
        extra_props={"ID_DRIVE_FLASH_SD": "1"},
    )
    umockdev.request(
        "add", "added", name="sdf", port=4, sectors=0, partitions=[], model="SD Reader"
    )
    umockdev.request("add", "added", name="sdb", lock="keypad")  # reported after both
    _until(umockdev, "add", lambda info: info["locked"])
    assert [(e["action"], e["node"]) for e in umockdev.events()] == []
    assert [d["node"] for d in umockdev.request("list", "listed")["devices"]] == [SDB]


def test_sysfs_alone_groups_them_too(umockdev: UmockdevChild) -> None:
    """Where no udev daemon runs (kernel uevents), no ID_* properties help: the USB
    device's units in sysfs, the CD-ROM unit's name and SCSI type, its serial."""
    umockdev.request("add", "added", name="sdb", lock="software")
    umockdev.request("add", "added", name="sdd", port=2, lock="keypad", serial="KEYPAD0001")
    listed = umockdev.request("list", "listed", kernel=True)["devices"]
    assert [(d["node"], d["serial"], d["locked"], d["unlock_unit"]) for d in listed] == [
        (SDB, SERIAL, True, "/dev/sr0"),
        ("/dev/sdd", "KEYPAD0001", True, None),
    ]
