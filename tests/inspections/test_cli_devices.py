"""`devices list` and `devices watch` against the real kernel: loop devices attached on
this machine stand in for sticks (LEDGER_TUI_ALLOW_LOOP_DEVICES=1; the kernel-uevent
source reports them, their serial being the backing file), matched to the register.

Other loop devices may come and go meanwhile; every assertion names our own nodes.
`devices watch` runs as a real process: it is read line by line with deadlines, and
ended with SIGINT (Ctrl-C, exit 130) and SIGTERM (exit 143).
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.register import media
from tests.conftest import ADMIN_PASSWORD, LoopDevice
from tests.integration import test_cli as shared
from tests.integration.test_cli import ROOT, Cli

cli = shared.cli  # the command-line fixture, bound here so pytest finds it
DEADLINE = 20.0  # seconds to wait for one line of `devices watch`


def _register_stick(ledger: Ledger, admin: Actor, stick: LoopDevice, number: str) -> None:
    media.register_medium(ledger, admin, media.MediumForm(number, serial=str(stick.backing)))


def _ours(listed: dict[str, Any], node: str) -> dict[str, Any]:
    found = [entry for entry in listed["devices"] if entry["device"]["node"] == node]
    assert len(found) == 1, listed
    return found[0]


@pytest.mark.usefixtures("allow_loop_devices")
def test_list_matches_inserted_sticks_to_the_register(
    cli: Cli, ledger: Ledger, admin: Actor, loop_device_factory: Callable[..., LoopDevice]
) -> None:
    known = loop_device_factory(size_mib=8, name="known")
    stranger = loop_device_factory(size_mib=16, name="stranger")
    _register_stick(ledger, admin, known, "税-USB-101")

    done = cli("devices", "list", "--json")
    assert done.code == 0, done.err
    listed = done.json()
    assert isinstance(listed, dict) and listed["source"] == "kernel"
    entry = _ours(listed, known.path)
    assert entry["device"]["serial"] == str(known.backing)
    assert entry["device"]["capacity_bytes"] == 8 * 1024 * 1024
    assert entry["match"]["outcome"] == "known"
    assert (entry["match"]["control_number"], entry["match"]["state"]) == (
        "税-USB-101",
        "registered",
    )
    assert _ours(listed, stranger.path)["match"]["outcome"] == "unknown"

    text = cli("devices", "list")
    assert text.code == 0
    assert "カーネル uevent" in text.out
    row = next(line for line in text.out.splitlines() if line.startswith(known.path + " "))
    assert "税-USB-101（登録済（未確認））" in row
    row = next(line for line in text.out.splitlines() if line.startswith(stranger.path + " "))
    assert "未登録" in row


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_loop_devices_are_not_listed_unless_allowed(
    cli: Cli,
    admin: Actor,
    loop_device_factory: Callable[..., LoopDevice],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("LEDGER_TUI_ALLOW_LOOP_DEVICES", raising=False)
    stick = loop_device_factory(size_mib=8)
    done = cli("devices", "list", "--json")
    assert done.code == 0
    listed = done.json()
    assert isinstance(listed, dict)
    assert stick.path not in [entry["device"]["node"] for entry in listed["devices"]]


class Watch:
    """`ledger-tui devices watch` in a child process, its stdout read by a thread."""

    def __init__(self, db_url: str, key_dir: Path, data_dir: Path) -> None:
        env = dict(
            os.environ,
            LEDGER_TUI_ALLOW_LOOP_DEVICES="1",
            LEDGER_TUI_KEY_DIR=str(key_dir),
            LEDGER_TUI_DATA_DIR=str(data_dir),
        )
        env.pop("LEDGER_TUI_DB", None)
        # Ctrl-C as at a terminal, even where this suite itself was started in the
        # background by a shell without job control, which leaves SIGINT ignored for its
        # children (Python then installs no KeyboardInterrupt handler).
        password, sending = os.pipe()  # the operator's password on standard input
        os.write(sending, f"{ADMIN_PASSWORD}\n".encode())
        os.close(sending)
        self.process = subprocess.Popen(
            # reading the register needs an operator (the ledger's first administrator)
            [
                *(sys.executable, "-m", "ledger_tui", "--db", db_url, "--operator", "admin"),
                *("--password-stdin", "devices", "watch"),
            ],
            cwd=ROOT,
            env=env,
            stdin=password,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        os.close(password)
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def next_event(self, matches: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        deadline = time.monotonic() + DEADLINE
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                break
            event = json.loads(line)
            assert isinstance(event, dict)
            if matches(event):
                return event
        raise AssertionError(f"no matching line within {DEADLINE} s (exit {self.process.poll()})")

    def stop(self, signum: int) -> tuple[int, str]:
        self.process.send_signal(signum)
        _, err = self.process.communicate(timeout=DEADLINE)
        return self.process.returncode, err

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate(timeout=DEADLINE)


@pytest.fixture
def watch(db_url: str, key_dir: Path, tmp_path: Path) -> Iterator[Callable[[], Watch]]:
    started: list[Watch] = []

    def start() -> Watch:
        started.append(Watch(db_url, key_dir, tmp_path))
        return started[-1]

    yield start
    for running in started:
        running.kill()


def test_watch_prints_json_lines_until_ctrl_c(
    ledger: Ledger,
    admin: Actor,
    watch: Callable[[], Watch],
    loop_device_factory: Callable[..., LoopDevice],
) -> None:
    present = loop_device_factory(size_mib=8, name="present")
    _register_stick(ledger, admin, present, "税-USB-201")
    watching = watch()
    initial = watching.next_event(lambda e: e["node"] == present.path)
    assert (initial["event"], initial["initial"]) == ("add", True)
    assert initial["match"]["control_number"] == "税-USB-201"
    ready = watching.next_event(lambda e: e["event"] == "ready")
    assert ready["source"] == "kernel"

    arrived = loop_device_factory(size_mib=16, name="arrived")
    added = watching.next_event(lambda e: e["node"] == arrived.path)
    assert (added["event"], added["initial"]) == ("add", False)
    assert added["device"]["serial"] == str(arrived.backing)
    assert added["match"]["outcome"] == "unknown"
    arrived.close()
    removed = watching.next_event(lambda e: e["node"] == arrived.path)
    assert removed["event"] == "remove"

    code, err = watching.stop(signal.SIGINT)
    assert code == 130 and "Traceback" not in err


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_watch_ends_on_sigterm(ledger: Ledger, admin: Actor, watch: Callable[[], Watch]) -> None:
    watching = watch()
    watching.next_event(lambda e: e["event"] == "ready")
    code, err = watching.stop(signal.SIGTERM)
    assert code == 143 and "Traceback" not in err
