"""Fixtures for archive and stick tests: the real 7-Zip binary and FAT-formatted loop devices."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.system.stick.fatfs import Stick


@pytest.fixture(scope="session")
def seven_zip() -> Path:
    """The 7-Zip command line (Debian's 7zip package installs it as 7zz)."""
    for name in ("7zz", "7z"):
        found = shutil.which(name)
        if found:
            return Path(found)
    pytest.fail("7-Zip is not installed: run ./scripts/test.sh (scripts/debs/archive.txt)")


def run_7z(
    seven_zip: Path,
    *args: str | Path,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(seven_zip), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


@pytest.fixture
def fat_stick(loop_device_factory: Callable[..., Any]) -> Callable[..., tuple[Stick, Any]]:
    """A loop device formatted FAT32 (as a stick leaves the wipe), wrapped in a `Stick`."""

    def make(size_mib: int = 64) -> tuple[Stick, Any]:
        device = loop_device_factory(size_mib=size_mib)
        subprocess.run(
            ["mkfs.vfat", "-F", "32", "-n", "LEDGER", device.path], check=True, capture_output=True
        )
        return Stick(device.path), device

    return make
