"""The one switch that lets loop devices stand in for USB sticks (tests and demos only).

With `LEDGER_TUI_ALLOW_LOOP_DEVICES=1` in the environment a loop device counts as a USB
mass-storage stick whose serial is the absolute path of its backing file. The switch is
off by default; the wipe guards, the loading code and the device detection all ask here,
and the screens show a loud banner while it is on.
"""

from __future__ import annotations

import os

ENV_VAR = "LEDGER_TUI_ALLOW_LOOP_DEVICES"


def loop_devices_allowed() -> bool:
    """True only when the environment variable is exactly "1" (read on every call)."""
    return os.environ.get(ENV_VAR, "") == "1"


def loop_serial(backing_file: str) -> str:
    """The serial a loop device stands in with: its backing file's absolute path."""
    return os.path.abspath(backing_file)
