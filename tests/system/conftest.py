"""Real devices for the wipe tests: loop devices of any byte size, one whose backing
file sits on a tiny tmpfs (so writes past its end fail in the kernel), one with a real
partition, one with a mounted ext4. Each fixture detaches/unmounts only what it made."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

MIB = 1024 * 1024


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def attach_loop(tmp_path: Path) -> Iterator[Callable[..., str]]:
    """`attach_loop(size_bytes, name=..., directory=..., partscan=False) -> /dev/loopN`."""
    attached: list[str] = []

    def attach(
        size_bytes: int, name: str = "stick", directory: Path | None = None, partscan: bool = False
    ) -> str:
        backing = (directory or tmp_path) / f"{name}-{len(attached)}.img"
        with open(backing, "wb") as handle:
            handle.truncate(size_bytes)
        flags = ["-P"] if partscan else []
        device = _run("losetup", *flags, "--find", "--show", str(backing))
        attached.append(device)
        return device

    yield attach
    for device in reversed(attached):
        subprocess.run(["losetup", "-d", device], check=False, capture_output=True)


def backing_file(device: str) -> Path:
    name = Path(device).name
    return Path(Path(f"/sys/block/{name}/loop/backing_file").read_text().strip())


@pytest.fixture
def mounted_loop(tmp_path: Path, attach_loop: Callable[..., str]) -> Iterator[tuple[str, Path]]:
    """A loop device with an ext4 file system mounted on a temporary directory."""
    device = attach_loop(16 * MIB, name="mounted")
    _run("mkfs.ext4", "-q", device)
    mountpoint = tmp_path / "mounted stick"  # a space: mountinfo escapes it
    mountpoint.mkdir()
    _run("mount", device, str(mountpoint))
    yield device, mountpoint
    subprocess.run(["umount", str(mountpoint)], check=False, capture_output=True)


@pytest.fixture
def partitioned_loop(attach_loop: Callable[..., str]) -> tuple[str, str]:
    """A loop device with one real kernel partition (added with BLKPG, no table needed)."""
    disk = attach_loop(16 * MIB, name="partitioned", partscan=True)
    _run("addpart", disk, "1", "2048", "8192")
    return disk, f"{disk}p1"


def root_device() -> str:
    """The block device node backing `/` on this machine (e.g. /dev/vda)."""
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        fields = line.split()
        if fields[4] == "/":
            name = Path(f"/sys/dev/block/{fields[2]}").resolve().name
            node = Path("/dev") / name
            assert node.is_block_device(), f"/ is not on a block device here ({line})"
            return str(node)
    raise AssertionError("no / in /proc/self/mountinfo")
