"""Export the media register, the audit trail or the slip ledger as CSV or JSON, in
constant memory.

Rows stream through the keyset pagers a page at a time and are written as they come,
so a million trail entries never sit in memory together. Files are created owner-only
(0600) under a temporary name and renamed into place when complete: an export can hold
the register's serials and the trail's actors, and a half-written file must not pass
for a whole one.
"""

from __future__ import annotations

import csv
import enum
import errno
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select

from ledger_tui.db.models import HandoverSlip
from ledger_tui.db.paging import MediaPager, SlipFilter, SlipPager, SlipRow, TrailPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local
from ledger_tui.domain.errors import InvalidInput

PAGE_SIZE = 5000


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JSON = "json"


class ExportTarget(enum.StrEnum):
    MEDIA = "media"
    AUDIT = "audit"
    SLIPS = "slips"


MEDIA_COLUMNS = ("control_number", "kind", "state", "vendor", "model", "serial", "location")
AUDIT_COLUMNS = ("seq", "recorded_at", "actor", "action", "subject", "details")
SLIP_COLUMNS = (
    "number",
    "direction",
    "state",
    "handed_at",
    "control_number",
    "contract_title",
    "handler_name",
    "record_count",
    "count_mismatch",
    "cancels",
)

Row = dict[str, Any]


def media_rows(ledger: Ledger, page_size: int = PAGE_SIZE, needle: str = "") -> Iterator[Row]:
    """The register in control-number order, one page at a time, optionally filtered."""
    pager = MediaPager(ledger.engine, needle)
    key: str | None = None
    while True:
        page = pager.page_after(key, page_size)
        for row in page:
            yield {name: getattr(row, name) for name in MEDIA_COLUMNS}
        if len(page) < page_size:
            return
        key = page[-1].key


def audit_rows(ledger: Ledger, page_size: int = PAGE_SIZE) -> Iterator[Row]:
    """The trail oldest first. The pager's order is newest first, so its `page_before`
    gives the entries just above `key`; reversed, they run oldest first."""
    pager = TrailPager(ledger.engine)
    key: int | None = None
    while True:
        page = list(reversed(pager.page_before(key, page_size)))
        for row in page:
            yield {
                "seq": row.seq,
                "recorded_at": _iso(row.recorded_at),
                "actor": row.actor,
                "action": row.action,
                "subject": row.subject,
                "details": row.details,
            }
        if len(page) < page_size:
            return
        key = page[-1].seq


def slip_rows(
    ledger: Ledger,
    page_size: int = PAGE_SIZE,
    slip_filter: SlipFilter | None = None,
    newest_first: bool = False,
) -> Iterator[Row]:
    """The slip ledger, oldest hand-over first (a ledger reads forward in time), or
    newest first as the screen shows it; optionally filtered. `handed_at` is local time
    with its offset, as the paper shows it; `cancels` is the number of the slip a
    cancelling slip cancels."""
    pager = SlipPager(ledger.engine, slip_filter=slip_filter)
    key: tuple[datetime, int] | None = None
    while True:
        if newest_first:
            page = pager.page_after(key, page_size)
        else:
            # The pager runs newest first: the rows just "before" `key` are the next
            # newer ones; reversed, they run oldest first.
            page = list(reversed(pager.page_before(key, page_size)))
        numbers = _cancelled_numbers(ledger, page)
        for row in page:
            yield {
                "number": row.number,
                "direction": row.direction,
                "state": row.state,
                "handed_at": local(row.handed_at).isoformat(),
                "control_number": row.control_number,
                "contract_title": row.contract_title,
                "handler_name": row.handler_name,
                "record_count": row.record_count,
                "count_mismatch": row.count_mismatch,
                "cancels": numbers.get(row.cancels_slip_id or 0, ""),
            }
        if len(page) < page_size:
            return
        key = page[-1].key


def _cancelled_numbers(ledger: Ledger, page: list[SlipRow]) -> dict[int, str]:
    """Numbers of the slips the page's cancelling slips cancel: one query a page."""
    ids = {row.cancels_slip_id for row in page if row.cancels_slip_id is not None}
    if not ids:
        return {}
    with ledger.read_session() as session:
        found = session.execute(
            select(HandoverSlip.id, HandoverSlip.number).where(HandoverSlip.id.in_(ids))
        )
        return {slip_id: number for slip_id, number in found}


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def write_rows(
    out: TextIO,
    fmt: ExportFormat,
    columns: tuple[str, ...],
    rows: Iterator[Row],
    bom: bool = False,
) -> int:
    """Write `rows` to `out` as CSV (header row first) or as a JSON array; returns the count."""
    count = 0
    if fmt is ExportFormat.CSV:
        if bom:
            out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[name] for name in columns])
            count += 1
        return count
    out.write("[")
    for row in rows:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(row, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def export(
    ledger: Ledger,
    target: str,
    fmt: str,
    out: TextIO,
    bom: bool = False,
    page_size: int = PAGE_SIZE,
) -> int:
    """Stream the media register, the audit trail or the slip ledger to `out`; returns
    the row count."""
    try:
        what = ExportTarget(target)
    except ValueError:
        raise InvalidInput("export.error.target", field="target") from None
    try:
        form = ExportFormat(fmt)
    except ValueError:
        raise InvalidInput("export.error.format", field="format") from None
    if what is ExportTarget.MEDIA:
        return write_rows(out, form, MEDIA_COLUMNS, media_rows(ledger, page_size), bom)
    if what is ExportTarget.SLIPS:
        return export_slips(ledger, form, out, bom, page_size)
    return write_rows(out, form, AUDIT_COLUMNS, audit_rows(ledger, page_size), bom)


def export_slips(
    ledger: Ledger,
    fmt: str,
    out: TextIO,
    bom: bool = False,
    page_size: int = PAGE_SIZE,
    slip_filter: SlipFilter | None = None,
) -> int:
    """Stream the slip ledger (oldest first, optionally filtered) to `out` as CSV or
    JSON; returns the row count."""
    try:
        form = ExportFormat(fmt)
    except ValueError:
        raise InvalidInput("export.error.format", field="format") from None
    return write_rows(out, form, SLIP_COLUMNS, slip_rows(ledger, page_size, slip_filter), bom)


def record_export(
    ledger: Ledger, actor: Actor, target: str, fmt: str, rows: int, file_name: str
) -> None:
    """The trail notes who exported what, where to, and how many rows (no contents)."""
    with ledger.unit_of_work() as uow:
        uow.record(
            actor,
            "ledger.exported",
            f"ledger:{ledger.ledger_id}",
            target=target,
            format=fmt,
            rows=rows,
            file=file_name,
        )
        uow.commit()


def create_owner_only(tmp: Path, shown: Path) -> int:
    """Create `tmp` new and owner-only (0600); errors name `shown`, the file meant."""
    if shown.is_dir():
        raise InvalidInput(
            "export.error.file", field="output", path=str(shown), reason=os.strerror(errno.EISDIR)
        )
    try:
        return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as failure:
        raise InvalidInput(
            "export.error.file",
            field="output",
            path=str(shown),
            reason=failure.strerror or type(failure).__name__,
        ) from None


@contextmanager
def private_file(path: Path, newline: str = "") -> Iterator[TextIO]:
    """A text file created 0600 under a temporary name, renamed to `path` on success."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = create_owner_only(tmp, path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
