"""The real pyudev path: `PyudevSource` in the real `DeviceWatcher`, fed by umockdev
sticks in a child process (umockdev needs LD_PRELOAD, see umockdev_child.py)."""

from __future__ import annotations

import pytest

from tests.devices.umockdev_client import Message, UmockdevChild

SDB = "/dev/sdb"
SANDISK_PATH = (
    "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb"
)


def _latency_ms(sent: Message, event: Message) -> float:
    # Causality, not speed: the event was read after the test bed sent it, and the
    # callback ran after it was read. Speed is scripts/bench_devices.py's business.
    assert sent["sent_at"] <= event["seen_at"] <= event["called_at"]
    return float(event["called_at"] - sent["sent_at"]) * 1000


def _watch(child: UmockdevChild) -> None:
    assert child.request("watch", "watching")["ready"] is True
    child.event("ready")  # after the "add"s of the sticks already present


def _arrival(child: UmockdevChild, node: str) -> tuple[Message, Message]:
    """The "add" of `node` and the event where its partitions are known: udev (and
    umockdev) report the disk before its partitions, so a "change" may follow the add."""
    added = settled = child.event("add", node)
    while not settled["info"]["partitions"]:
        settled = child.event("change", node)
    return added, settled


def test_present_sticks_are_listed_with_their_identity(umockdev: UmockdevChild) -> None:
    umockdev.request(
        "add",
        "added",
        name="sdb",
        vendor_id="0B95",
        product_id="772A",
        partitions=[["sdb1", "vfat", "経理 01"], ["sdb2", "exfat", None]],
    )
    umockdev.request(
        "add",
        "added",
        name="sdd",
        port=2,
        serial="AA11BB22CC33",
        vendor="Buffalo",
        model="RUF3-K16GA",
        removable=False,
        sectors=2048,
        partitions=[],
    )
    umockdev.request("add", "added", kind="ata", name="sdc")

    listed = umockdev.request("list", "listed")["devices"]

    assert [device["node"] for device in listed] == ["/dev/sdb", "/dev/sdd"]
    stick, other = listed
    assert stick == {
        "node": SDB,
        "sys_path": SANDISK_PATH,
        "bus": "usb",
        "vendor": "SanDisk",
        "model": "Cruzer Blade",  # ID_*_ENC decoded: a real space
        "usb_id": "0b95:772a",  # lower-case hex
        "serial": "4C530001230611105153",
        "capacity_bytes": 31_266_816 * 512,
        "removable": True,
        "partitions": [
            {"node": "/dev/sdb1", "fs_type": "vfat", "label": "経理 01"},
            {"node": "/dev/sdb2", "fs_type": "exfat", "label": None},
        ],
        "mount_points": [],
        "mounted": False,
        "is_loop": False,
        "locked": False,
        "unlock_unit": None,
        "weak_identity": False,
    }
    assert (other["serial"], other["vendor"], other["model"]) == (
        "AA11BB22CC33",
        "Buffalo",
        "RUF3-K16GA",
    )
    assert (other["removable"], other["capacity_bytes"], other["partitions"]) == (
        False,
        2048 * 512,
        [],
    )


def test_add_remove_and_readd_reach_the_watcher(umockdev: UmockdevChild) -> None:
    umockdev.request("add", "added", name="sdb")
    _watch(umockdev)
    initial = umockdev.event("add", SDB)
    assert initial["initial"] is True
    assert initial["info"]["serial"] == "4C530001230611105153"

    latencies = []
    for _ in range(3):  # remove, re-add: the same stick again and again
        removed = umockdev.request("remove", "removed", name="sdb")
        gone = umockdev.event("remove", SDB)
        assert gone["info"]["serial"] == "4C530001230611105153"  # as last seen
        latencies.append(_latency_ms(removed, gone))
        added = umockdev.request("add", "added", name="sdb")
        back, settled = _arrival(umockdev, SDB)
        assert back["initial"] is False
        assert settled["info"]["partitions"] == [
            {"node": "/dev/sdb1", "fs_type": "vfat", "label": "STICK"}
        ]
        latencies.append(_latency_ms(added, back))

    # One "add" per insertion. (A "change" may remain: the kernel removes partitions
    # before their disk, so a stick can lose its partitions just before it goes.)
    assert [e for e in umockdev.events() if e["action"] in ("add", "remove")] == []
    assert umockdev.request("stop", "stopped")["ended"] is True
    print(f"umockdev event -> callback: {', '.join(f'{ms:.1f}' for ms in latencies)} ms")


def test_two_sticks_at_once(umockdev: UmockdevChild) -> None:
    _watch(umockdev)
    umockdev.request("add", "added", name="sdb", serial="FIRST0001")
    umockdev.request("add", "added", name="sdd", port=2, serial="SECOND0002")
    first, _ = _arrival(umockdev, "/dev/sdb")
    second, _ = _arrival(umockdev, "/dev/sdd")
    assert (first["info"]["serial"], second["info"]["serial"]) == ("FIRST0001", "SECOND0002")
    assert [d["node"] for d in umockdev.request("list", "listed")["devices"]] == [
        "/dev/sdb",
        "/dev/sdd",
    ]

    umockdev.request("remove", "removed", name="sdb")
    assert umockdev.event("remove", "/dev/sdb")["info"]["serial"] == "FIRST0001"
    assert [d["serial"] for d in umockdev.request("list", "listed")["devices"]] == ["SECOND0002"]
    umockdev.request("add", "added", name="sdb", serial="FIRST0001")
    _arrival(umockdev, "/dev/sdb")
    assert [e for e in umockdev.events() if e["node"] == "/dev/sdd"] == []  # untouched


@pytest.mark.parametrize(
    ("serial", "why"),
    [
        (None, "no serial: udev falls back to ID_SERIAL = vendor_model"),
        ("0123456789ABCDEF", "a controller's placeholder"),
        ("000000000000", "all zeros"),
        ("CruzerBlade", "the model name again"),
    ],
)
def test_empty_or_generic_serial_is_weak_identity(
    umockdev: UmockdevChild, serial: str | None, why: str
) -> None:
    _watch(umockdev)
    umockdev.request("add", "added", name="sdb", serial=serial)
    info = umockdev.event("add", SDB)["info"]
    assert info["weak_identity"] is True, why
    if serial is None:
        assert info["serial"] == "SanDisk_Cruzer_Blade"


def test_non_usb_disks_and_empty_readers_are_ignored(umockdev: UmockdevChild) -> None:
    _watch(umockdev)
    umockdev.request("add", "added", kind="ata", name="sdc")
    umockdev.request(  # a card reader with no card: no medium, and it says it is a reader
        "add", "added", name="sde", port=3, sectors=0, partitions=[], model="SD Card Reader"
    )
    # Events arrive in order on one socket: once this stick is reported, the SATA disk
    # and the empty reader have been seen and dropped.
    umockdev.request("add", "added", name="sdb")
    _arrival(umockdev, SDB)
    assert [(e["action"], e["node"]) for e in umockdev.events()] == []
    assert [d["node"] for d in umockdev.request("list", "listed")["devices"]] == [SDB]


def test_watcher_stops_when_asked(umockdev: UmockdevChild) -> None:
    _watch(umockdev)
    umockdev.request("add", "added", name="sdb")
    _arrival(umockdev, SDB)
    stopped = umockdev.request("stop", "stopped")
    assert stopped["ended"] is True  # within stop(timeout=5): the thread is gone
    umockdev.request("remove", "removed", name="sdb")
    umockdev.request("add", "added", name="sdd", port=2)
    umockdev.request("list", "listed")  # a round trip: anything the watcher sent is here
    assert umockdev.events() == []


def test_choose_source_picks_udev_under_umockdev(umockdev: UmockdevChild) -> None:
    chosen = umockdev.request("choose", "chosen")
    assert (chosen["source"], chosen["key"]) == ("PyudevSource", "devices.source.udev")
