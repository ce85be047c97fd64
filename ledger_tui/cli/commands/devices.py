"""Commands for inserted USB sticks: `devices list` (what is inserted now, each matched
to the register) and `devices watch` (one JSON line per event until interrupted).

Both use the machine's device source (`choose_source`: udev, or kernel uevents plus
sysfs where no udev daemon runs), named first (text) or in the "source" field (JSON).
`devices watch` only observes: it writes nothing to the ledger (the desk application
records insertions and removals on the trail). It starts with one "add" line per stick
already inserted ("initial": true) and a "ready" line; Ctrl-C ends it with exit 130
(SIGTERM with 143) after stopping the watcher.

This module's top level imports only argparse and the catalogue: the parser registers
these commands at start-up, the device layer loads when a command runs.
"""

from __future__ import annotations

import argparse
import json
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeAlias

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.context import Context
    from ledger_tui.services.register.devices import DeviceMatch
    from ledger_tui.system.devices.model import DeviceEvent

EXIT_OK = 0
EXIT_SOFTWARE = 70  # the device source could not watch at all
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
_HERE = "ledger_tui.cli.commands.devices"
_POLL = 0.2  # seconds between looks for Ctrl-C while no event is queued

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Command: TypeAlias = Callable[[SubParsers, str, str, str], argparse.ArgumentParser]


def register(commands: SubParsers, command: Command) -> None:
    """Add `devices list` and `devices watch` (called by `cli.parser`)."""
    family = commands.add_parser(
        "devices", help=t("cli.cmd.devices"), description=t("cli.cmd.devices")
    )
    actions = family.add_subparsers(dest="action", metavar="ACTION", required=True)
    command(actions, "list", "cli.cmd.devices_list", f"{_HERE}:listing")
    command(actions, "watch", "cli.cmd.devices_watch", f"{_HERE}:watch")


def match_json(match: DeviceMatch | None) -> dict[str, Any] | None:
    if match is None:
        return None
    medium, loan = match.medium, match.loan
    return {
        "outcome": match.outcome.value,
        "control_number": medium.control_number if medium else None,
        "state": medium.state.value if medium else None,
        "weak_identity": medium.weak_identity if medium else None,
        "loan_id": loan.id if loan else None,
        "loan_state": loan.state.value if loan else None,
        "reason": match.reason,
        "reason_text": t(match.reason) if match.reason else "",
    }


def _register_text(match: DeviceMatch) -> str:
    from ledger_tui.services.register.devices import MatchOutcome

    if match.outcome is MatchOutcome.MISMATCH:
        return t(
            "cli.devices.mismatch",
            control_number=match.medium.control_number if match.medium else "?",
            reason=t(match.reason),
        )
    if match.outcome is MatchOutcome.UNKNOWN or match.medium is None:
        return t("cli.devices.unknown")
    text = t(
        "cli.devices.known",
        control_number=match.medium.control_number,
        state=t(f"state.{match.medium.state.value}"),
    )
    if match.loan is not None:
        text += " " + t("devices.strip.loan", state=t(f"state.loan.{match.loan.state.value}"))
    return text


def listing(ctx: Context) -> int:
    from ledger_tui.cli import output
    from ledger_tui.services.register.devices import match_device
    from ledger_tui.system.devices.sources import choose_source

    source, source_key = choose_source(allow_loop=ctx.settings.allow_loop_devices)
    matches = [match_device(ctx.ledger, info) for info in source.list_present()]
    if ctx.json:
        ctx.emit(
            {
                "source": source_key.rsplit(".", 1)[-1],
                "source_text": t(source_key),
                "devices": [
                    {"device": m.device.as_dict(), "match": match_json(m)} for m in matches
                ],
            }
        )
        return EXIT_OK
    ctx.say(source_key)
    if not matches:
        ctx.say("devices.none")
        return EXIT_OK
    headers = [
        t(f"cli.devices.col.{name}") for name in ("node", "serial", "make", "capacity", "register")
    ]
    table = output.Table(ctx.out, headers, (12, 20, 24, 10, 0))
    for match in matches:
        info = match.device
        serial = info.serial or "—"
        if info.weak_identity:
            serial += " " + t("cli.devices.weak")
        capacity = f"{info.capacity_bytes / 1_000_000_000:.1f} GB"
        if info.locked:  # no medium until its password is entered
            capacity = t("devices.pick.locked")
        table.row(
            [
                info.node,
                serial,
                " ".join(filter(None, (info.vendor, info.model))),
                capacity,
                _register_text(match),
            ]
        )
    return EXIT_OK


def event_json(event: DeviceEvent, match: DeviceMatch | None) -> dict[str, Any]:
    return {
        "event": event.action,
        "node": event.node,
        "initial": event.initial,
        "device": event.info.as_dict() if event.info else None,
        "match": match_json(match),
        "error": event.error,
        "fatal": event.fatal,
    }


class _Terminated(Exception):
    """SIGTERM arrived: end the watch like Ctrl-C, with the conventional status."""


@contextmanager
def _sigterm_ends_watch() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (tests call main() in-process)
        return

    def terminate(_signum: int, _frame: object) -> None:
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def watch(ctx: Context) -> int:
    from ledger_tui.cli.output import jsonable
    from ledger_tui.services.register.devices import match_device
    from ledger_tui.system.devices.sources import choose_source
    from ledger_tui.system.devices.watcher import DeviceWatcher

    ledger = ctx.ledger  # opened before watching: the first events need the register
    source, source_key = choose_source(allow_loop=ctx.settings.allow_loop_devices)
    events: queue.Queue[DeviceEvent] = queue.Queue()
    watcher = DeviceWatcher(source, events.put, name="devices-watch")

    def write(line: dict[str, Any]) -> None:
        ctx.out.write(json.dumps(jsonable(line), ensure_ascii=False) + "\n")
        ctx.out.flush()

    with _sigterm_ends_watch():
        try:
            watcher.start()
            while True:
                try:
                    event = events.get(timeout=_POLL)
                except queue.Empty:
                    continue
                match = None
                if event.info is not None and event.action in ("add", "change", "remove"):
                    match = match_device(ledger, event.info)
                line = event_json(event, match)
                if event.action == "ready":
                    line["source"] = source_key.rsplit(".", 1)[-1]
                write(line)
                if event.action == "error" and event.fatal:
                    sys.stderr.write(t("error.devices.stopped", detail=event.error or "") + "\n")
                    return EXIT_SOFTWARE
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        except _Terminated:
            return EXIT_TERMINATED
        finally:
            watcher.stop()
