"""The UI port: one service call in a thread worker owned by the screen that asked for it.

`ServiceCalls` is mixed into the app and every screen. `call_service(fn, on_done,
on_error=...)` runs `fn` in a thread worker of *that* screen; the outcome comes back as a
message to the same screen, whose handler calls `on_done` / `on_error` on the main thread.
Workers never touch widgets.

A call outlives its screen when the operator leaves (Esc) while it runs. Then its result
is dropped (the service call itself has done its work and written its trail entry), a
refusal is shown as a notification, and an unexpected error as the error dialog: nothing
of a gone screen is touched, so leaving never crashes the desk. A call superseded by a
newer one in its screen's exclusive group (a filter keystroke) is dropped silently.

A DomainError goes to `on_error` (inline display) or, without one, to a notification;
anything unexpected is logged with its traceback and shown once: through `on_error` as an
`UnexpectedFailure` (so a form or a job can show it in place and reset), else in the error
dialog. Long jobs (wipe, load, intake) use the same call with `group="job"`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from ledger_tui.config import log_path
from ledger_tui.domain.errors import DomainError

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

log = logging.getLogger("ledger_tui.ui")

T = TypeVar("T")


class UnexpectedFailure(DomainError):
    """What `on_error` receives when a service call failed unexpectedly (logged)."""

    def __init__(self) -> None:
        super().__init__("app.unexpected_error", path=str(log_path()))


class ServiceDone(Message, bubble=False):
    """A service call returned; `deliver()` hands its result to the caller's callback."""

    def __init__(self, deliver: Callable[[], object], what: str = "service") -> None:
        super().__init__()
        self.deliver = deliver
        self.what = what


class ServiceRefused(Message, bubble=False):
    def __init__(
        self, error: DomainError, on_error: Callable[[DomainError], object] | None
    ) -> None:
        super().__init__()
        self.error = error
        self.on_error = on_error


class ServiceCrashed(Message, bubble=False):
    def __init__(
        self, error: BaseException, on_error: Callable[[DomainError], object] | None = None
    ) -> None:
        super().__init__()
        self.error = error
        self.on_error = on_error


_Outcome = ServiceDone | ServiceRefused | ServiceCrashed

_in_flight = 0
_in_flight_lock = threading.Lock()


def calls_in_flight() -> int:
    """Service calls whose thread has not yet handed its outcome over. A worker of a
    screen that has gone is cancelled at once, but its thread finishes the call: tests
    wait for this to reach zero, and a quitting desk could say a save is still running."""
    return _in_flight


def _count(step: int) -> None:
    global _in_flight
    with _in_flight_lock:
        _in_flight += step


def screen_gone(node: DOMNode) -> bool:
    """True when `node` (a screen, or the app) can no longer show anything: it is being
    removed, or it is a screen that no stack holds any more (dismissed, popped)."""
    if node._closing or node._closed:
        return True
    if not isinstance(node, Screen):
        return False
    app = node.app
    return not app.is_screen_installed(node) and all(
        node not in stack for stack in app._screen_stacks.values()
    )


def _work(
    owner: DOMNode,
    fn: Callable[[], T],
    on_done: Callable[[T], object] | None,
    on_error: Callable[[DomainError], object] | None,
    what: str,
) -> Callable[[], None]:
    """Wrap `fn` for a thread worker: its outcome is posted to `owner`, never raised."""
    app = owner.app

    def work() -> None:
        _count(1)
        try:
            outcome: _Outcome
            try:
                result = fn()
            except DomainError as error:
                log.warning("refused: %s: %s", what, error.message("en"))
                outcome = ServiceRefused(error, on_error)
            except Exception as error:
                from ledger_tui.services.ledger.bootstrap import explain_failure

                known = explain_failure(error)  # a database failure the operator can act on
                if known is None:
                    log.exception("unexpected error in %s", what)
                    outcome = ServiceCrashed(error, on_error)
                else:
                    log.warning("ledger unavailable in %s: %s (%s)", what, known.key, known.detail)
                    outcome = ServiceRefused(known, on_error)
            else:
                outcome = ServiceDone(_deliverer(on_done, result), what)
            _deliver(app, owner, outcome, get_current_worker().is_cancelled)
        finally:
            _count(-1)

    return work


def _deliverer(on_done: Callable[[T], object] | None, result: T) -> Callable[[], object]:
    def deliver() -> object:
        return None if on_done is None else on_done(result)

    return deliver


def _deliver(app: App[Any], owner: DOMNode, outcome: _Outcome, cancelled: bool) -> None:
    """Runs in the worker thread: hand the outcome to its screen, or what must still be
    said to the app when the screen has gone."""
    if not screen_gone(owner):
        if cancelled:
            return  # superseded by a newer call of the same exclusive group
        if owner.post_message(outcome):
            return
    _orphan(app, outcome)


def _orphan(app: App[Any], outcome: _Outcome) -> None:
    """Its screen has gone: drop a result; a refusal or a crash still reaches the app."""
    if isinstance(outcome, ServiceRefused):
        app.post_message(ServiceRefused(outcome.error, None))
    elif isinstance(outcome, ServiceCrashed):
        app.post_message(ServiceCrashed(outcome.error, None))


class ServiceCalls:
    """Mixed into the app and every screen (before Textual's own class)."""

    def call_service(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        *,
        on_error: Callable[[DomainError], object] | None = None,
        what: str = "service",
        group: str = "service",
        exclusive: bool = False,
    ) -> Worker[None]:
        """Run `fn` (one service call) in a thread worker of this screen. While an
        operator is logged in, each call first checks the account is still active and
        not locked (disabled on another desk: the desk drops to login)."""
        owner = cast("DOMNode", self)
        desk: Any = owner.app
        actor, ledger = getattr(desk, "actor", None), getattr(desk, "ledger", None)
        call: Callable[[], T] = fn
        if actor is not None and ledger is not None and actor.operator_id is not None:

            def call() -> T:
                from ledger_tui.services.auth import ensure_active

                ensure_active(ledger, actor)
                return fn()

        return owner.run_worker(
            _work(owner, call, on_done, on_error, what),
            thread=True,
            group=group,
            exclusive=exclusive,
            exit_on_error=False,
            name=what,
        )

    def _on_service_done(self, message: ServiceDone) -> None:
        owner = cast("DOMNode", self)
        if not screen_gone(owner):
            message.deliver()
        after = getattr(owner.app, "service_done", None)
        if after is not None:
            after(message.what)  # the app shows this desk's own change at once

    def _on_service_refused(self, message: ServiceRefused) -> None:
        owner = cast("DOMNode", self)
        handled = getattr(owner.app, "service_refused", None)
        if handled is not None and handled(message.error):
            return  # the session ended: the desk dropped to login
        if screen_gone(owner):
            _orphan(owner.app, message)
        elif message.on_error is not None:
            message.on_error(message.error)
        else:
            owner.app.notify(message.error.message(), severity="error", timeout=8)

    def _on_service_crashed(self, message: ServiceCrashed) -> None:
        from ledger_tui.ui.screens.dialogs import ErrorDialog

        owner = cast("DOMNode", self)
        if screen_gone(owner):
            _orphan(owner.app, message)
        elif message.on_error is not None:
            message.on_error(UnexpectedFailure())
        else:
            owner.app.push_screen(
                ErrorDialog(
                    UnexpectedFailure().message()
                    + f"\n\n{type(message.error).__name__}: {message.error}"
                )
            )
