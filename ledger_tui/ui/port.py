"""The UI port: run one service call in a thread worker and hand its outcome back to the
main thread as a message. Workers never touch widgets; handlers on the app do.

A DomainError goes to the caller's `on_error` (inline display) and to the log; anything
unexpected is logged with its traceback and shown once in an error dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from textual.message import Message

from ledger_tui.domain.errors import DomainError

log = logging.getLogger("ledger_tui.ui")

T = TypeVar("T")


class ServiceDone(Message):
    """A service call returned; `deliver()` hands its result to the caller's callback."""

    def __init__(self, deliver: Callable[[], object]) -> None:
        super().__init__()
        self.deliver = deliver


class ServiceRefused(Message):
    def __init__(self, error: DomainError, on_error: Callable[[DomainError], None] | None) -> None:
        super().__init__()
        self.error = error
        self.on_error = on_error


class ServiceCrashed(Message):
    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


def service_work(
    post: Callable[[Message], object],
    fn: Callable[[], T],
    on_done: Callable[[T], object] | None,
    on_error: Callable[[DomainError], None] | None,
    what: str,
) -> Callable[[], None]:
    """Wrap `fn` for a thread worker: its outcome is posted, never raised."""

    def work() -> None:
        try:
            result = fn()
        except DomainError as error:
            log.warning("refused: %s: %s", what, error.message("en"))
            post(ServiceRefused(error, on_error))
        except Exception as error:
            log.exception("unexpected error in %s", what)
            post(ServiceCrashed(error))
        else:

            def deliver() -> None:
                if on_done is not None:
                    on_done(result)

            post(ServiceDone(deliver))

    return work
