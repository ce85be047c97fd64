"""A software-unlock stick's CD-ROM unit (the vendor's tool, ~1 GB, on the same USB
device) is never taken for a stick: it is not listed, so it can never be registered,
loaded or wiped; the stick's disk unit beside it still is."""

from __future__ import annotations

from pathlib import Path

from ledger_tui.system.devices.sysfs import describe_disk, is_stick_candidate

USB = {"SUBSYSTEM": "block", "DEVTYPE": "disk", "ID_BUS": "usb", "ID_SERIAL_SHORT": "AA0123"}


def _unit(tmp_path: Path, name: str, sectors: int) -> str:
    unit = tmp_path / "block" / name
    unit.mkdir(parents=True)
    (unit / "size").write_text(f"{sectors}\n")
    (unit / "removable").write_text("1\n")
    return str(unit)


def test_the_cdrom_unit_is_never_a_stick(tmp_path: Path) -> None:
    cdrom = _unit(tmp_path, "sr0", 2 * 1024 * 1024)  # the 1 GiB tool image
    disk = _unit(tmp_path, "sdb", 16 * 1024 * 1024)
    as_cd = {**USB, "ID_TYPE": "cd", "ID_CDROM": "1", "DEVNAME": "/dev/sr0"}
    assert not is_stick_candidate(cdrom, as_cd, False)
    assert describe_disk(cdrom, as_cd, [], False, mounts=[]) is None
    # Without udev's properties (kernel uevents only) the name tells it too.
    assert not is_stick_candidate(cdrom, {**USB, "DEVNAME": "/dev/sr0"}, False)
    stick = describe_disk(
        disk, {**USB, "ID_TYPE": "disk", "DEVNAME": "/dev/sdb"}, [], False, mounts=[]
    )
    assert stick is not None and stick.serial == "AA0123" and stick.node == "/dev/sdb"
