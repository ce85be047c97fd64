"""Fixed costs of starting: a read command of the command line against a bare import of
SQLAlchemy's ORM, each run as a whole process, the two interleaved (A B A B ...) on the
same ledger so a busy machine slows both alike; the ratio is the median of the pairs'.

Used by scripts/bench.py (`--only start`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench_trail import Row

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.register import media

BENCH_MEDIUM = "BENCH-USB-001"
#: The password scripts/bench.py gives its administrator.
BENCH_PASSWORD = b"admin-password-1\n"


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def interleaved(
    measure_a: Callable[[], float], measure_b: Callable[[], float], runs: int = 7
) -> tuple[float, float, float]:
    """(median of A, median of B, median of the pairs' A/B), after one warm-up of each."""
    measure_a(), measure_b()
    pairs = [(measure_a(), measure_b()) for _ in range(runs)]
    return (
        median([a for a, _ in pairs]),
        median([b for _, b in pairs]),
        median([a / b for a, b in pairs]),
    )


def process_seconds(argv: list[str], env: dict[str, str], stdin: bytes | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, input=stdin)
    return time.perf_counter() - started


def bench_cli_read(ledger: Ledger, actor: Actor, db_url: str, key_dir: Path) -> list[Row]:
    """`ledger-tui media show` against `python -c "import sqlalchemy.orm"`. Reading the
    ledger from the command line needs an operator (`--operator LOGIN --password-stdin`,
    hole 9): the figure includes the argon2id check of the password."""
    media.register_medium(ledger, actor, media.MediumForm(BENCH_MEDIUM, vendor="bench"))
    env = dict(os.environ, LEDGER_TUI_KEY_DIR=str(key_dir))
    exe = shutil.which("ledger-tui", path=str(Path(sys.executable).parent)) or "ledger-tui"
    command = [
        exe,
        "--db",
        db_url,
        "--operator",
        actor.login,
        "--password-stdin",
        "media",
        "show",
        BENCH_MEDIUM,
    ]
    reference = [sys.executable, "-c", "import sqlalchemy.orm"]
    ours, theirs, ratio = interleaved(
        lambda: process_seconds(command, env, BENCH_PASSWORD),
        lambda: process_seconds(reference, env),
    )
    return [
        Row(
            "CLI read (media show), whole process",
            ours * 1000,
            "ms",
            "<= 2.0x",
            ratio <= 2.0,
            f"import sqlalchemy.orm {theirs * 1000:.0f} ms",
            ratio,
        )
    ]


def bench_cold_start(db_url: str, key_dir: Path) -> list[Row]:
    """Time from exec to the login screen drawn, in a real pty (pexpect), with the
    package's bytecode compiled as `scripts/run.sh` leaves it, interleaved with an empty
    Textual app drawing one word."""
    import compileall

    import pexpect

    import ledger_tui

    compileall.compile_dir(Path(ledger_tui.__file__).parent, quiet=1)
    env = dict(
        os.environ, LEDGER_TUI_KEY_DIR=str(key_dir), TERM="xterm-256color", LEDGER_TUI_IDLE_LOCK="0"
    )
    exe = shutil.which("ledger-tui", path=str(Path(sys.executable).parent)) or "ledger-tui"

    def once(argv: list[str], expect: str) -> float:
        started = time.perf_counter()
        child = pexpect.spawn(
            argv[0], argv[1:], env=env, dimensions=(40, 120), encoding="utf-8", timeout=30
        )
        child.expect(expect)
        elapsed = time.perf_counter() - started
        child.terminate(force=True)
        return elapsed

    empty_app = (
        "from textual.app import App\n"
        "from textual.widgets import Static\n"
        "class A(App):\n"
        "    def compose(self):\n"
        "        yield Static('ready-mark')\n"
        "A().run()"
    )
    start, ref, ratio = interleaved(
        lambda: once([exe, "--db", db_url], "ログイン名"),
        lambda: once([sys.executable, "-c", empty_app], "ready-mark"),
    )
    return [
        Row(
            "cold start to login screen",
            start * 1000,
            "ms",
            "<= 1.3x",
            ratio <= 1.3,
            f"empty Textual app {ref * 1000:.0f} ms",
            ratio,
        )
    ]
