"""The UI port: run one service call in a thread worker and hand its outcome back to the
main thread as a message. Workers never touch widgets; handlers on the app do.

A DomainError goes to the caller's `on_error` (inline display) and to the log; anything
unexpected is logged with its traceback and shown once in an error dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from textual.message import Message

from ledger_tui.db.errors import classify
from ledger_tui.domain.errors import DomainError

log = logging.getLogger("ledger_tui.ui")

T = TypeVar("T")


class ServiceDone(Message):
    def __init__(self, result: Any, on_done: Callable[[Any], None] | None) -> None:
        super().__init__()
        self.result = result
        self.on_done = on_done


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
    post: Callable[[Message], Any],
    fn: Callable[[], T],
    on_done: Callable[[T], None] | None,
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
            known = classify(error)  # the database failed in a way the operator can act on
            if known is None:
                log.exception("unexpected error in %s", what)
                post(ServiceCrashed(error))
            else:
                log.warning("ledger unavailable in %s: %s (%s)", what, known.key, known.detail)
                post(ServiceRefused(known, on_error))
        else:
            post(ServiceDone(result, on_done))

    return work
