"""Run part of a benchmark at the speed of a real stick: a loop device throttled by the
kernel's block-I/O controller.

A loop device over a page-cached file answers at memory speed (GB/s), where the
program's own CPU work (encryption, hashing, keystream, comparison) is the bottleneck
and a 2-core machine shows it as a ratio below 1 against `dd`. A password-lock USB stick
writes tens of MB/s and reads about a hundred; `stick_speed(device)` puts this process
(and the programs it starts) into a blkio cgroup that holds the device to such rates, so
the same comparison shows whether the program keeps up with the device the desk
actually has. Both sides of every comparison run inside the same throttle.

cgroup v1 (`/sys/fs/cgroup/blkio`) throttles direct I/O and writeback the task itself
starts (fsync), which is how the wipe writes (O_DIRECT) and how a load's and a plain
copy's data reach the stick (both end with an fsync of the device); cgroup v2 `io.max`
is used where v1 is absent. Needs root.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: A USB 3 password-lock stick (vendors give 50-100 MB/s write, 100-200 MB/s read).
STICK_WRITE_BPS = 60_000_000
STICK_READ_BPS = 150_000_000

_V1 = Path("/sys/fs/cgroup/blkio")
_V2 = Path("/sys/fs/cgroup")


def _major_minor(device: str) -> str:
    rdev = os.stat(device).st_rdev
    return f"{os.major(rdev)}:{os.minor(rdev)}"


def _move(pid: int, group: Path) -> None:
    (group / "cgroup.procs").write_text(f"{pid}\n")


@contextmanager
def stick_speed(
    device: str, *, write_bps: int = STICK_WRITE_BPS, read_bps: int = STICK_READ_BPS
) -> Iterator[str]:
    """Throttle `device` for this process while the block runs; yields a description."""
    dev = _major_minor(device)
    name = f"ledger-bench-{os.getpid()}"
    if (_V1 / "blkio.throttle.read_bps_device").exists():
        group, parent = _V1 / name, _V1
        group.mkdir()
        (group / "blkio.throttle.write_bps_device").write_text(f"{dev} {write_bps}\n")
        (group / "blkio.throttle.read_bps_device").write_text(f"{dev} {read_bps}\n")
    elif (_V2 / "cgroup.controllers").exists() and "io" in (
        _V2 / "cgroup.controllers"
    ).read_text().split():
        group, parent = _V2 / name, _V2
        group.mkdir()
        (group / "io.max").write_text(f"{dev} rbps={read_bps} wbps={write_bps}\n")
    else:
        raise RuntimeError("no block-I/O cgroup controller to throttle the device with")
    _move(os.getpid(), group)
    try:
        yield (f"{device} held to {write_bps / 1e6:.0f} MB/s write, {read_bps / 1e6:.0f} MB/s read")
    finally:
        _move(os.getpid(), parent)
        group.rmdir()
