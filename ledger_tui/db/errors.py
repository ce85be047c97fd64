"""What went wrong with the ledger's database, in words an operator can act on.

The driver's own text (English, sometimes with the SQL) goes to the log only. `classify`
turns a driver or SQLAlchemy error into a `LedgerUnavailable` with its own message in
Japanese and English and its own exit code for the command line: the server refused
the connection or cannot be reached, the password or account was refused, TLS was
refused, the server closed the connection, another desk holds a lock too long, the
ledger's schema is newer or older than this desk, or the `--db` address itself is wrong.
Anything else is left alone (it is a bug: "unexpected error" with the log's path).
"""

from __future__ import annotations

from ledger_tui.domain.errors import EXIT_CODES, LedgerUnavailable

__all__ = [
    "EXIT_CODES",
    "LedgerUnavailable",
    "bad_address",
    "classify",
]


def bad_address(url: str, reason: str) -> LedgerUnavailable:
    """The `--db` address cannot name a ledger (a reason text key: scheme, directory...)."""
    return LedgerUnavailable("db.error.bad_address", url=_masked(url), reason=reason)


def _masked(url: str) -> str:
    """The address without its password (it goes on screen and into the log)."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # not even parseable: show only its scheme
        return url.split(":", 1)[0] + ":…"


_UNREACHABLE = (
    "connection refused",
    "could not translate host name",
    "name or service not known",
    "temporary failure in name resolution",
    "no route to host",
    "network is unreachable",
    "timeout expired",
    "connection timed out",
    "could not connect",
    "is the server running",
    "the database system is starting up",
    "the database system is shutting down",
)
_AUTH = (
    "password authentication failed",
    "no pg_hba.conf entry",
    "authentication failed",
    "no password supplied",
    'role "',
    "permission denied for database",
)
_TLS = ("ssl", "tls", "certificate")
_CLOSED = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "consuming input failed",
    "connection already closed",
    "the connection is lost",
    "ssl syscall error: eof detected",
)


def classify(error: BaseException) -> LedgerUnavailable | None:
    """The operator's reading of a database error, or None when it is not one of the
    ledger's known failures."""
    if isinstance(error, LedgerUnavailable):
        return error
    original = getattr(error, "orig", None) or error
    sqlstate = getattr(original, "sqlstate", None) or ""
    text = str(original).lower()
    detail = str(original).strip().splitlines()[0][:300] if str(original).strip() else ""
    if sqlstate == "55P03" or "lock timeout" in text or "could not obtain lock" in text:
        return LedgerUnavailable("db.error.lock_timeout", detail=detail)
    if sqlstate == "57014" or "statement timeout" in text or "database is locked" in text:
        return LedgerUnavailable("db.error.statement_timeout", detail=detail)
    if not _is_connection_error(error, original):
        return None
    if sqlstate in ("28P01", "28000") or any(word in text for word in _AUTH):
        return LedgerUnavailable("db.error.auth", detail=detail)
    if sqlstate.startswith("57P") or any(word in text for word in _CLOSED):
        return LedgerUnavailable("db.error.closed", detail=detail)
    if "invalid response to ssl negotiation" in text:  # not a PostgreSQL server at all
        return LedgerUnavailable("db.error.unreachable", detail=detail)
    if any(word in text for word in _TLS):
        return LedgerUnavailable("db.error.tls", detail=detail)
    if any(word in text for word in _UNREACHABLE) or sqlstate.startswith("08"):
        return LedgerUnavailable("db.error.unreachable", detail=detail)
    return None


def _is_connection_error(error: BaseException, original: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError, OperationalError

    if isinstance(error, OperationalError):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    try:
        import psycopg
    except ImportError:  # the SQLite-only desk
        return False
    return isinstance(original, psycopg.OperationalError | psycopg.InterfaceError)
