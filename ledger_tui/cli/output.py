"""Printing results: JSON for scripts, aligned text for people (full-width aware).

JSON values are plain: enums as their values, dates and times as ISO 8601. Tables are
written row by row with fixed column widths so a long listing streams without being
held in memory.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from ledger_tui.domain.clock import format_local
from ledger_tui.i18n import t

#: Control characters a terminal would act on (ESC, BEL, CR, CSI...): every output of
#: the command line shows them as \\u001b and the like instead (line feed and tab stay).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """`text` with each control character written as a visible `\\uXXXX` (also a valid
    escape inside a JSON string, so JSON output stays JSON)."""
    return _CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class SafeWriter:
    """A text stream that escapes control characters: stored text (a contractor's name,
    a medium's notes) can never drive the terminal of whoever lists it."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(escape_controls(text))

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._out.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def jsonable(value: Any) -> Any:
    """Dataclasses, enums, dates, paths and containers turned into JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(jsonable(value), ensure_ascii=False, indent=2)


def width(text: str) -> int:
    """Columns `text` takes on a terminal: full-width (Japanese) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


class Table:
    """Writes a header and then rows, each cell padded to its column's width."""

    def __init__(self, out: TextIO, headers: Sequence[str], widths: Sequence[int]) -> None:
        self.out = out
        self.widths = [max(w, width(h)) for h, w in zip(headers, widths, strict=True)]
        self._line(headers)
        self.out.write("  ".join("-" * w for w in self.widths) + "\n")

    def _line(self, cells: Sequence[str]) -> None:
        padded = [pad(c, w) for c, w in zip(cells, self.widths, strict=True)]
        self.out.write("  ".join(padded).rstrip() + "\n")

    def row(self, cells: Sequence[str]) -> None:
        self._line(cells)


def fields(out: TextIO, pairs: Iterable[tuple[str, str]]) -> None:
    """`label: value` lines with the labels aligned."""
    items = list(pairs)
    label_width = max((width(label) for label, _ in items), default=0)
    out.writelines(f"{pad(label, label_width)}  {value}".rstrip() + "\n" for label, value in items)


def yes_no(value: bool) -> str:
    return t("cli.yes") if value else t("cli.no")


def moment(value: datetime | None) -> str:
    return format_local(value)


def capacity(value: int | None) -> str:
    if value is None:
        return ""
    return t("cli.capacity", gb=f"{value / 1_000_000_000:.1f}", bytes=f"{value:,}")


def names(prefix: str, values: Iterable[str]) -> str:
    """Catalogue names of enum values, e.g. transfer.hand -> 手渡し, joined."""
    return t("cli.list_sep").join(t(f"{prefix}.{value}") for value in values)
