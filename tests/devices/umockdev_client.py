"""The parent's side of the umockdev child (`umockdev_child.py`): start it under
`umockdev-wrapper`, send commands, wait for the JSON lines it prints.

Waiting is on the pipe with a deadline, never a sleep; lines that do not match what is
awaited stay queued for later `expect` calls, so events may arrive in any order
relative to the command replies. Used by the tests and by scripts/bench_devices.py.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHILD = Path(__file__).with_name("umockdev_child.py")
ROOT = Path(__file__).resolve().parents[2]
Message = dict[str, Any]


class ChildFailed(AssertionError):
    pass


class UmockdevChild:
    def __init__(self, python: str = sys.executable) -> None:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("LEDGER_TUI_ALLOW_LOOP_DEVICES", "UMOCKDEV_DIR")
        }
        env["PYTHONPATH"] = str(ROOT)
        self._stderr = tempfile.TemporaryFile()
        self._process = subprocess.Popen(
            ["umockdev-wrapper", python, str(CHILD)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            cwd=ROOT,
        )
        assert self._process.stdout is not None
        self._fd = self._process.stdout.fileno()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)
        self._partial = b""
        self.pending: list[Message] = []
        self.expect(lambda m: m["op"] == "ready", timeout=10)

    def send(self, op: str, **args: Any) -> None:
        assert self._process.stdin is not None
        self._process.stdin.write((json.dumps({"op": op, **args}) + "\n").encode())
        self._process.stdin.flush()

    def request(self, op: str, reply: str, timeout: float = 5.0, **args: Any) -> Message:
        self.send(op, **args)
        return self.expect(lambda m: m["op"] == reply, timeout)

    def event(self, action: str, node: str | None = None, timeout: float = 5.0) -> Message:
        return self.expect(
            lambda m: (
                m["op"] == "event" and m["action"] == action and (node is None or m["node"] == node)
            ),
            timeout,
        )

    def expect(self, matches: Callable[[Message], bool], timeout: float = 5.0) -> Message:
        deadline = time.monotonic() + timeout
        while True:
            for index, message in enumerate(self.pending):
                if matches(message):
                    return self.pending.pop(index)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ChildFailed(
                    f"nothing matched within {timeout} s; pending: "
                    f"{self.pending}\nchild stderr:\n{self.stderr()}"
                )
            self._read(remaining)

    def events(self) -> list[Message]:
        """Take every event received so far (without waiting)."""
        self._read(0)
        taken = [m for m in self.pending if m["op"] == "event"]
        self.pending = [m for m in self.pending if m["op"] != "event"]
        return taken

    def _read(self, timeout: float) -> None:
        if not self._selector.select(timeout):
            return
        chunk = os.read(self._fd, 65536)
        if not chunk:
            raise ChildFailed(f"child exited ({self._process.wait()}):\n{self.stderr()}")
        lines = (self._partial + chunk).split(b"\n")
        self._partial = lines.pop()
        self.pending += [json.loads(line) for line in lines if line.strip()]

    def stderr(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace")

    def close(self) -> int:
        if self._process.poll() is None:
            try:
                self.send("quit")
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        self._selector.close()
        self._stderr.close()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()
        return self._process.returncode
