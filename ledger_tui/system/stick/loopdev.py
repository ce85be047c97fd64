"""The one switch that lets loop devices stand in for USB sticks (tests and demos only).

With `LEDGER_TUI_ALLOW_LOOP_DEVICES=1` in the environment a loop device counts as a USB
mass-storage stick whose serial is the absolute path of its backing file. The switch is
off by default; the wipe guards, the loading code and the device detection all ask here,
and the screens show a loud banner while it is on.
"""

from __future__ import annotations

import os

from ledger_tui import config

ENV_VAR = config.LOOP_DEVICES_ENV


def loop_devices_allowed() -> bool:
    """The settings' switch: the variable is exactly "1"."""
    return config.current().allow_loop_devices


def loop_serial(backing_file: str) -> str:
    """The serial a loop device stands in with: its backing file's absolute path."""
    return os.path.abspath(backing_file)
