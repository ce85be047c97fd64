"""Long jobs (wipe, encrypted load, intake): the screen they share and their progress
message. A job is one service call through the UI port (`call_service`, group "job") of
its own screen; it reports progress by posting `JobProgressed` (a flood collapses to the
latest), stops on the engine's cancel event, and its outcome or refusal comes back on the
main thread like any other call's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.port import ServiceCalls

T = TypeVar("T")

P = TypeVar("P")
R = TypeVar("R")


def human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:,.1f} {unit}" if unit != "B" else f"{int(n)} B"
        n /= 1024
    return str(n)


class JobProgressed(Message, bubble=False):
    def __init__(self, progress: Any) -> None:
        super().__init__()
        self.progress = progress

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, JobProgressed)


class JobStaged(Message, bubble=False):
    """A job moved on to its next stage (the wipe's mkfs, verify, certificate)."""

    def __init__(self, stage: str) -> None:
        super().__init__()
        self.stage = stage


class JobResult(Static):
    """A job's outcome. Shown, it scrolls itself into view once laid out at its new size
    (a password of several lines at the bottom of an 80×24 screen is read, not missed)."""

    _reveal = False

    def show(self, content: str | Text) -> None:
        self._reveal = True
        self.update(content)
        self.call_after_refresh(self._scroll_into_view)

    def on_resize(self) -> None:
        self._scroll_into_view()

    def _scroll_into_view(self) -> None:
        if self._reveal:
            self.scroll_visible(animate=False)


class JobScreen(ServiceCalls, Screen[None]):
    """A screen that runs one long job at a time. Esc or Ctrl+X stops a running job (it
    ends at the engine's next check and records the stop); Esc leaves an idle screen."""

    BINDINGS = bindings("job")
    DEFAULT_CSS = """
    JobScreen ProgressBar { display: none; }
    JobScreen.-started ProgressBar { display: block; }
    JobScreen Input { max-width: 100%; }
    """

    def __init__(self, control_number: str, device: str | None) -> None:
        super().__init__()
        self.control_number = control_number
        self.device = device or ""
        self.cancel = threading.Event()
        self.running = False
        self.outcome: Any = None

    def run_job(
        self,
        call: Callable[[], T],
        on_done: Callable[[T], object],
        on_error: Callable[[DomainError], object],
        what: str,
    ) -> None:
        """Start `call` (the service call, given `self.cancel` and `self.report`)."""
        self.cancel.clear()
        self.add_class("-started")  # the progress bar shows from the first job on
        self._set_running(True)

        def done(outcome: T) -> None:
            self._set_running(False)
            on_done(outcome)

        def failed(error: DomainError) -> None:
            self._set_running(False)
            on_error(error)

        self.call_service(call, done, on_error=failed, what=what, group="job", exclusive=True)

    def report(self, progress: Any) -> None:
        """The engine's progress callback (runs in the job's thread)."""
        self.post_message(JobProgressed(progress))

    def show_progress(self, progress: Any) -> None:
        raise NotImplementedError

    def _on_job_progressed(self, message: JobProgressed) -> None:
        self.show_progress(message.progress)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.refresh_bindings()

    def show_result(self, content: str | Text) -> None:
        """What the job came to (a password shown once, a failure, a certificate), put
        where the operator sees it: scrolled into view, on any terminal."""
        self.query_one("#result", JobResult).show(content)

    def failure_text(self, key: str, error: DomainError) -> Text:
        return Text(t(key, message=error.message()), style="bold red")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop":
            return self.running
        return True

    def action_stop(self) -> None:
        if self.running:
            self.cancel.set()

    def action_leave(self) -> None:
        if self.running:
            self.cancel.set()
            return
        self.dismiss()
