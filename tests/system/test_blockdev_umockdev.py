"""Device facts of a USB stick and a SATA disk as udev and sysfs show them, faked by
umockdev (no USB hardware here). Runs `describe_device` in a child under `umockdev-run`,
once with udev properties (pyudev) and once from sysfs alone (the parent walk)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
USB = "/devices/pci0000:00/0000:00:14.0/usb1/1-1"
SCSI = f"{USB}/1-1:1.0/host6/target6:0:0/6:0:0:0"
ATA = "/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0"
SERIAL = "4C530001230611105153"

DEVICES = f"""P: {SCSI}/block/sdb
N: sdb
E: DEVNAME=/dev/sdb
E: DEVTYPE=disk
E: SUBSYSTEM=block
E: MAJOR=8
E: MINOR=16
E: ID_BUS=usb
E: ID_VENDOR=SanDisk
E: ID_MODEL=Cruzer_Blade
E: ID_SERIAL_SHORT={SERIAL}
A: removable=1
A: size=31266816
A: dev=8:16

P: {SCSI}
E: DEVTYPE=scsi_device
E: SUBSYSTEM=scsi
A: vendor=SanDisk
A: model=Cruzer Blade

P: {USB}/1-1:1.0
E: DEVTYPE=usb_interface
E: SUBSYSTEM=usb
E: DRIVER=usb-storage
A: bInterfaceClass=08

P: {USB}
E: DEVTYPE=usb_device
E: SUBSYSTEM=usb
A: idVendor=0781
A: idProduct=5567
A: serial={SERIAL}

P: {ATA}/block/sdc
N: sdc
E: DEVNAME=/dev/sdc
E: DEVTYPE=disk
E: SUBSYSTEM=block
E: MAJOR=8
E: MINOR=32
E: ID_BUS=ata
E: ID_SERIAL_SHORT=WD-WCC6Y0000001
A: removable=0
A: size=1953525168
A: dev=8:32

P: {ATA}
E: DEVTYPE=scsi_device
E: SUBSYSTEM=scsi
A: vendor=ATA
A: model=WDC WD10EZEX
"""

CHILD = """
import json, sys
from dataclasses import asdict
from ledger_tui.system.stick import blockdev
if sys.argv[1] == "sysfs":
    blockdev._udev_properties = lambda node: {}
out = {}
for node in ("/dev/sdb", "/dev/sdc"):
    facts = blockdev.describe_device(node)
    refusals = blockdev.wipe_target_refusals(facts, sys.argv[2], allow_loop=False)
    out[node] = {**asdict(facts), "refusals": [r.key for r in refusals]}
print(json.dumps(out))
"""


@pytest.mark.parametrize("source", ["udev", "sysfs"])
def test_usb_stick_and_sata_disk_under_umockdev(tmp_path: Path, source: str) -> None:
    description = tmp_path / "disks.umockdev"
    description.write_text(DEVICES)
    done = subprocess.run(
        ["umockdev-run", "-d", str(description), "--", sys.executable, "-c", CHILD, source, SERIAL],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    stick, disk = facts["/dev/sdb"], facts["/dev/sdc"]
    assert (stick["bus"], stick["serial"], stick["removable"]) == ("usb", SERIAL, True)
    assert (stick["vendor"], stick["model"]) == ("SanDisk", "Cruzer Blade")
    assert stick["size_bytes"] == 31266816 * 512 and not stick["is_loop"]
    assert stick["refusals"] == []  # a USB disk with the registered serial may be wiped
    assert disk["bus"] == ("ata" if source == "udev" else None)
    assert disk["refusals"] == ["error.wipe.not_usb", "error.wipe.serial_mismatch"]
