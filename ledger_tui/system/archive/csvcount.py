"""Record counts of the files handed over, and the per-investigator split of a CSV.

Counting rule (shown on the slip as 件数):
- A file whose name ends in ``.csv`` counts its data records: CSV rows after the header
  row. Quoted fields may hold commas, quotes and line breaks (a record spanning lines
  counts once); CRLF, LF and CR line ends are accepted; blank lines (empty rows) are not
  records, wherever they are, so a trailing newline or trailing blank lines change
  nothing. The encoding is detected by trying UTF-8 with BOM (only when the BOM is
  there), UTF-8, then Shift_JIS (as Windows code page 932, which adds NEC/IBM
  characters such as ① and ㈱) and EUC-JP; UTF-8 wins when it decodes the whole file,
  and when both legacy encodings do, charset-normalizer tells which one reads as
  Japanese. The encoding is reported for the operator to confirm. Undecodable text,
  NUL characters and an unterminated quote are errors naming the file and line.
- Any other file counts as 1 record.

Everything stays in memory (CSV files at stake are at most tens of MB): the split never
writes plaintext to disk; its parts are encoded back to bytes for the archive writer.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from ledger_tui.system.archive.errors import DetailedError

ENCODINGS = ("utf-8-sig", "utf-8", "cp932", "euc_jp")
_LEGACY = frozenset({"cp932", "euc_jp"})
#: How much of a file charset-normalizer reads to tell Shift_JIS from EUC-JP.
_SAMPLE = 256 * 1024
_BOM = codecs.BOM_UTF8
_CHUNK = 1 << 20


class CsvError(DetailedError):
    """A CSV file cannot be counted or split; the message names file and line."""


@dataclass(frozen=True)
class RecordCount:
    name: str
    records: int
    kind: str  # "csv" or "file"
    encoding: str | None  # one of ENCODINGS for CSV files


@dataclass(frozen=True)
class CsvPart:
    """The rows of one key (e.g. one investigator's area), with the source's header."""

    key: str
    header: list[str]
    rows: list[list[str]]

    @property
    def records(self) -> int:
        return len(self.rows)


def is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def _data(stream: BinaryIO) -> bytes:
    chunks = []
    while chunk := stream.read(_CHUNK):
        chunks.append(chunk)
    return b"".join(chunks)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


# Python's cp932 maps the single bytes 0x80, 0xA0 and 0xFD-0xFF, which Shift_JIS does
# not define, to U+0080 and U+F8F0-U+F8F3; a file holding them is not Shift_JIS.
# (User-defined characters, 外字, decode to U+E000-U+E757 and stay accepted.)
_NOT_SHIFT_JIS = re.compile("[\x80\uf8f0-\uf8f3]")


def _decodes(data: bytes, encoding: str) -> int | None:
    """None when `data` is text in `encoding`; else the line where it stops being so."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        return _line_of(data, error.start)
    stray = _NOT_SHIFT_JIS.search(text) if encoding == "cp932" else None
    return text.count("\n", 0, stray.start()) + 1 if stray else None


def _likelier(data: bytes, encodings: list[str]) -> str:
    """Of legacy encodings that all decode `data` (EUC-JP kanji are often valid
    Shift_JIS half-width kana too), the one whose text reads as Japanese."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=encodings).best()
    if best is not None and best.encoding in encodings:
        return str(best.encoding)
    return encodings[0]


def detect_encoding(data: bytes, name: str) -> str:
    """The encoding of `data`: UTF-8 (with BOM when there is one) when it decodes;
    else Shift_JIS (cp932) or EUC-JP, whichever decodes (charset-normalizer choosing
    when both do); `CsvError` naming the line when none does. The plan shows the
    encoding for the operator to confirm."""
    candidates = ENCODINGS if data.startswith(_BOM) else ENCODINGS[1:]
    furthest = 1
    legacy: list[str] = []
    for encoding in candidates:
        stops = _decodes(data, encoding)
        if stops is not None:
            furthest = max(furthest, stops)
        elif encoding in _LEGACY:
            legacy.append(encoding)
        else:
            return encoding
    if len(legacy) > 1:
        return _likelier(data, legacy)
    if legacy:
        return legacy[0]
    raise CsvError("archive.csv.undecodable", file=name, line=furthest)


def _rows(data: bytes, name: str) -> tuple[str, Iterator[tuple[int, list[str]]]]:
    encoding = detect_encoding(data, name)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CsvError("archive.csv.nul", file=name, line=_line_of(data, nul))
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    reader = csv.reader(text, strict=True)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for row in reader:
                if row:  # a blank line is not a record
                    yield reader.line_num, row
        except csv.Error as error:
            detail = "archive.detail.csv_quote" if "unexpected end" in str(error) else str(error)
            raise CsvError(
                "archive.csv.malformed", file=name, line=reader.line_num, detail=detail
            ) from error

    return encoding, rows()


def count_records(stream: BinaryIO, name: str) -> RecordCount:
    """Count the records of one file by the rule in this module's docstring."""
    if not is_csv(name):
        return RecordCount(name, 1, "file", None)
    encoding, rows = _rows(_data(stream), name)
    total = sum(1 for _ in rows)
    return RecordCount(name, max(total - 1, 0), "csv", encoding)


@dataclass(frozen=True)
class CsvSplit:
    encoding: str
    line_end: str
    parts: tuple[CsvPart, ...]

    def encode(self, part: CsvPart) -> bytes:
        """The part as a CSV file in the source's encoding and line ends."""
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator=self.line_end)
        writer.writerow(part.header)
        writer.writerows(part.rows)
        return out.getvalue().encode(self.encoding)


def split_csv_by_column(stream: BinaryIO, name: str, column: str) -> CsvSplit:
    """Split a CSV into parts by the value of `column`, in order of first appearance.

    Every part keeps the header; rows keep their order. Each part becomes its own
    archive (one per investigator) so each sees only their own area.
    """
    data = _data(stream)
    encoding, rows = _rows(data, name)
    first = next(rows, None)
    if first is None:
        raise CsvError("archive.csv.no_header", file=name)
    header = first[1]
    if column not in header:
        raise CsvError("archive.csv.no_such_column", file=name, column=column)
    index = header.index(column)
    groups: dict[str, list[list[str]]] = {}
    for line, row in rows:
        if index >= len(row):
            raise CsvError(
                "archive.csv.malformed", file=name, line=line, detail="archive.detail.csv_short_row"
            )
        groups.setdefault(row[index], []).append(row)
    found = re.search(rb"\r\n|\n|\r", data)
    line_end = found.group().decode() if found else "\r\n"
    return CsvSplit(
        encoding, line_end, tuple(CsvPart(key, header, rows) for key, rows in groups.items())
    )


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]')


def part_file_name(source_name: str, key: str) -> str:
    """A Windows-safe file name for one part, e.g. 住所録_新宿区.csv."""
    stem, dot, ext = source_name.rpartition(".")
    if not dot:
        stem, ext = source_name, "csv"
    safe = _UNSAFE.sub("_", key).strip(" .") or "_"
    return f"{stem}_{safe}.{ext}"
