"""Tell the operator when a desk waits for another: a statement that takes a row lock
(SELECT ... FOR UPDATE on PostgreSQL) or the write lock (BEGIN IMMEDIATE on SQLite) and
has not returned after `NOTICE_AFTER` seconds calls the listeners (the command line
prints "waiting for another desk…", the screen shows it). The lock timeout then ends
the wait with its own message (`db.errors`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the listeners are registered before SQLAlchemy loads (the desk's
    # login screen is drawn first): it is imported where an engine is watched
    from sqlalchemy import Engine

__all__ = ["NOTICE_AFTER", "on_waiting", "watch_waits"]

NOTICE_AFTER = 1.0

_listeners: list[Callable[[], None]] = []
_lock = threading.Lock()
_TIMER = "ledger_wait_timer"


def on_waiting(listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` (from a timer thread) whenever a lock wait passes NOTICE_AFTER;
    returns the function that removes it."""
    with _lock:
        _listeners.append(listener)

    def remove() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return remove


def _notify() -> None:
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener()


def _waits(statement: str) -> bool:
    text = statement.upper()
    return "FOR UPDATE" in text or text.startswith("BEGIN IMMEDIATE")


def watch_waits(engine: Engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def _before(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if _waits(statement) and _listeners:
            timer = threading.Timer(NOTICE_AFTER, _notify)
            timer.daemon = True
            conn.info[_TIMER] = timer
            timer.start()

    def _stop(conn: Any) -> None:
        timer = conn.info.pop(_TIMER, None)
        if timer is not None:
            timer.cancel()

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn: Any, *_args: Any) -> None:
        _stop(conn)

    @event.listens_for(engine, "handle_error")
    def _failed(context: Any) -> None:
        if context.connection is not None:
            _stop(context.connection)
