"""Loop devices standing in for USB sticks (tests and demos only).

With the settings' switch on (`LEDGER_TUI_ALLOW_LOOP_DEVICES=1`, `Settings.allow_loop_devices`)
a loop device counts as a USB mass-storage stick whose serial is the absolute path of its
backing file. The switch is off by default; the adapters that decide (the wipe guards,
the stick check of a load, the device detection) take it as their `allow_loop` parameter
from the settings their caller holds, and the screens show a loud banner while it is on.
"""

from __future__ import annotations

import os


def loop_serial(backing_file: str) -> str:
    """The serial a loop device stands in with: its backing file's absolute path."""
    return os.path.abspath(backing_file)
