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

    def __init__(self, deliver: Callable[[], object], what: str = "service") -> None:
        super().__init__()
        self.deliver = deliver
        self.what = what


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
            from ledger_tui.services.ledger.bootstrap import explain_failure

            known = explain_failure(error)  # a database failure the operator can act on
            if known is None:
                log.exception("unexpected error in %s", what)
                post(ServiceCrashed(error))
            else:
                log.warning("ledger unavailable in %s: %s (%s)", what, known.key, known.detail)
                post(ServiceRefused(known, on_error))
        else:

            def deliver() -> None:
                # A result whose screen is gone (e.g. the desk dropped to login meanwhile)
                # is dropped rather than handed to widgets no longer there.
                owner = getattr(on_done, "__self__", None)
                if on_done is not None and getattr(owner, "is_attached", True):
                    on_done(result)

            post(ServiceDone(deliver, what))

    return work
