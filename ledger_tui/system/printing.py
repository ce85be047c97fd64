"""Printing through CUPS with its own commands (`lp`, `lpstat`, `cancel`; Debian
cups-client), and writing a form to a file for `--pdf PATH`.

The printer is the caller's (the services pass the one the ledger was opened with,
`LEDGER_TUI_PRINTER`), else the CUPS default destination. `CUPS_SERVER`
is honoured by the commands themselves (the tests point it at a private cupsd). Output
is parsed in the C locale; what CUPS said is passed on verbatim in error messages so the
operator sees the printer's own answer.
"""

from __future__ import annotations

import enum
import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ledger_tui import config
from ledger_tui.domain.errors import DomainError, InvalidInput, NotFound
from ledger_tui.i18n import Lang, t

COMMAND_TIMEOUT = 20.0  # seconds for one lp/lpstat call; cupsd answers in milliseconds
MAX_COPIES = config.MAX_COPIES

_REQUEST_ID = re.compile(r"request id is (\S+)")
_NO_SUCH = ("does not exist", "invalid destination", "unknown printer")
_DOWN = (
    "scheduler is not running",
    "unable to connect",
    "connection refused",
    "no such file or directory",
)


class PrinterState(enum.StrEnum):
    IDLE = "idle"
    PRINTING = "printing"
    DISABLED = "disabled"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    name: str
    state: PrinterState
    accepting: bool
    message: str = ""  # the printer's own reason text, e.g. "Paused", "Media empty"

    def describe(self, lang: Lang | None = None) -> str:
        """For the screen: 'desk-printer: 停止中 (Paused)'."""
        text = f"{self.name}: {t(f'printer.state.{self.state.value}', lang)}"
        return f"{text} ({self.message})" if self.message else text

    def cups_text(self) -> str:
        """In CUPS's own words, for messages in either language: 'disabled (Paused)'."""
        return f"{self.state.value} ({self.message})" if self.message else self.state.value


@dataclass(frozen=True, slots=True)
class PrintJob:
    job_id: str  # CUPS request id, e.g. "desk-printer-42"
    printer: str
    answer: str  # lp's own reply, shown to the operator


def _run(args: Sequence[str], data: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    try:
        result = subprocess.run(
            list(args),
            input=data,
            capture_output=True,
            env=env,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise DomainError("error.print.lp_missing") from exc
    except subprocess.TimeoutExpired as exc:
        raise DomainError(
            "error.print.cups_down", detail=f"{args[0]}: no answer in {COMMAND_TIMEOUT:.0f} s"
        ) from exc
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode(errors="replace"),
        result.stderr.decode(errors="replace"),
    )


def _answer(result: subprocess.CompletedProcess[str]) -> str:
    return " ".join((result.stderr.strip() or result.stdout.strip()).split())


def _refusal(result: subprocess.CompletedProcess[str], printer: str, key: str) -> DomainError:
    """Turn a failed CUPS command into the error the operator can act on."""
    answer = _answer(result)
    lowered = answer.lower()
    if any(text in lowered for text in _DOWN) or not scheduler_running():
        return DomainError("error.print.cups_down", detail=answer or "cupsd")
    if any(text in lowered for text in _NO_SUCH):
        return NotFound("error.print.no_printer", printer=printer)
    return DomainError(key, detail=answer or f"exit status {result.returncode}")


def scheduler_running() -> bool:
    result = _run(["lpstat", "-r"])
    return "scheduler is running" in result.stdout.lower()


def default_printer() -> str:
    """The CUPS default destination (`lpstat -d`)."""
    result = _run(["lpstat", "-d"])
    match = re.search(r"system default destination:\s*(\S+)", result.stdout)
    if match:
        return match.group(1)
    if not scheduler_running():
        raise DomainError("error.print.cups_down", detail=_answer(result) or "cupsd")
    raise DomainError("error.print.no_default")


def _parse_printers(text: str) -> dict[str, tuple[PrinterState, str]]:
    printers: dict[str, tuple[PrinterState, str]] = {}
    current = ""
    for line in text.splitlines():
        if line.startswith("printer "):
            words = line.split()
            current = words[1]
            rest = " ".join(words[2:])
            state = (
                PrinterState.IDLE
                if rest.startswith("is idle")
                else PrinterState.PRINTING
                if rest.startswith("now printing")
                else PrinterState.DISABLED
                if rest.startswith("disabled")
                else PrinterState.UNKNOWN
            )
            printers[current] = (state, "")
        elif line.startswith(("\t", " ")) and current:
            state, message = printers[current]
            extra = line.strip()
            printers[current] = (state, f"{message} {extra}".strip())
    return printers


def _accepting(text: str) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) >= 2 and not line.startswith(("\t", " ")):
            found[words[0]] = words[1] == "accepting"
    return found


def printer_status(name: str) -> PrinterStatus:
    """State of one printer from `lpstat -p NAME` and `lpstat -a NAME`."""
    result = _run(["lpstat", "-p", name])
    printers = _parse_printers(result.stdout)
    if name not in printers:
        raise _refusal(result, name, "error.print.cups_down")
    state, message = printers[name]
    accepting = _accepting(_run(["lpstat", "-a", name]).stdout).get(name, False)
    return PrinterStatus(name, state, accepting, message)


def list_printers() -> list[PrinterStatus]:
    """Every printer CUPS knows (empty when there are none; an error when CUPS is down)."""
    result = _run(["lpstat", "-p"])
    printers = _parse_printers(result.stdout)
    if not printers and not scheduler_running():
        raise DomainError("error.print.cups_down", detail=_answer(result) or "cupsd")
    accepting = _accepting(_run(["lpstat", "-a"]).stdout) if printers else {}
    return [
        PrinterStatus(name, state, accepting.get(name, False), message)
        for name, (state, message) in sorted(printers.items())
    ]


def print_pdf(
    data: bytes, *, printer: str | None = None, copies: int = 1, title: str = ""
) -> PrintJob:
    """Queue a PDF on `printer` (None or "": the CUPS default); return CUPS's job."""
    if not 1 <= copies <= MAX_COPIES:
        raise InvalidInput("error.print.copies", field="copies", maximum=MAX_COPIES)
    name = printer or default_printer()
    args = ["lp", "-d", name, "-n", str(copies), "-o", "media=A4"]
    if title:
        args += ["-t", title]
    result = _run(args, data)
    match = _REQUEST_ID.search(result.stdout)
    if result.returncode != 0 or match is None:
        raise _refusal(result, name, "error.print.lp_failed")
    return PrintJob(match.group(1), name, " ".join(result.stdout.split()))


def job_pending(job: PrintJob) -> bool:
    """True while the job is still queued or printing."""
    result = _run(["lpstat", "-o", job.printer])
    if result.returncode != 0 and not scheduler_running():
        raise DomainError("error.print.cups_down", detail=_answer(result) or "cupsd")
    return any(line.split()[0] == job.job_id for line in result.stdout.splitlines() if line.strip())


def cancel_job(job: PrintJob) -> None:
    result = _run(["cancel", job.job_id])
    if result.returncode != 0:
        raise _refusal(result, job.printer, "error.print.lp_failed")


def wait_for_job(
    job: PrintJob,
    timeout: float = 120.0,
    *,
    cancel: threading.Event | None = None,
    progress: Callable[[PrinterStatus], None] | None = None,
    poll: float = 0.1,
) -> bool:
    """Wait until CUPS has finished the job: True when done, False when `cancel` was set
    (the job is then cancelled in CUPS). A job still pending after `timeout` seconds is
    an error naming the printer's state (stopped, out of paper, ...)."""
    stop = cancel or threading.Event()
    deadline = time.monotonic() + timeout
    while job_pending(job):
        if stop.is_set():
            cancel_job(job)
            return False
        if progress is not None:
            progress(printer_status(job.printer))
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DomainError(
                "error.print.timeout",
                job=job.job_id,
                seconds=f"{timeout:g}",
                status=printer_status(job.printer).cups_text(),
            )
        stop.wait(min(poll, remaining))
    return True


def write_pdf(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write the PDF owner-only (0600: it names ward and contractor staff), atomically."""
    target = Path(path).expanduser()
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise DomainError(
            "error.print.write_failed", path=str(target), detail=exc.strerror or str(exc)
        ) from exc
    return target
