"""Record counts of the files handed over, and the per-investigator split of a CSV.

Counting rule (shown on the slip as 件数):
- A file whose name ends in ``.csv`` counts its data records: CSV rows after the header
  row. Quoted fields may hold commas, quotes (doubled) and line breaks (a record spanning
  lines counts once); CRLF, LF and CR line ends are accepted; blank lines (empty rows)
  are not records, wherever they are, so a trailing newline or trailing blank lines
  change nothing. Quotes follow RFC 4180: a quote opens a field or closes it; one
  anywhere else (``12"``, ``"a"b``) is an error naming the line, never a silent change
  of the count. The encoding is detected by trying UTF-8 with BOM (only when the BOM is
  there), UTF-8, then Shift_JIS (as Windows code page 932, which adds NEC/IBM characters
  such as ① and ㈱) and EUC-JP; UTF-8 wins when it decodes the whole file, and when both
  legacy encodings do, charset-normalizer tells which one reads as Japanese (from the
  first 256 KiB). The encoding is reported for the operator to confirm. Undecodable
  text, NUL characters and an unclosed quote are errors naming the file and line.
- The manifest of a split archive (`MANIFEST_NAME`) counts as none.
- Any other file counts as 1 record.

Counting streams: `CsvCounter` takes the bytes chunk by chunk as they go past (into the
archive, or from the file for the plan) with memory bounded by the chunk, whatever the
file's size. Quotes, commas and line breaks are single bytes that are never part of a
multi-byte character in any of the encodings above, so records are found on the bytes
(in C: splitting on quotes and line ends) while the encoding is told apart alongside.

The split holds the CSV in memory (a split load is for an export of tens of MB): it
never writes plaintext to disk; its parts are encoded back to bytes for the archive
writer.
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
#: The manifest a split load puts in each archive (which column and value it holds):
#: not a record of anyone.
MANIFEST_NAME = "MANIFEST.txt"


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


def _likelier(data: bytes, encodings: list[str]) -> str:
    """Of legacy encodings that all decode `data` (EUC-JP kanji are often valid
    Shift_JIS half-width kana too), the one whose text reads as Japanese."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=encodings).best()
    if best is not None and best.encoding in encodings:
        return str(best.encoding)
    return encodings[0]


class EncodingSniffer:
    """Tells the encoding of a file from its bytes fed in order, by the rule in this
    module's docstring: every candidate decodes the chunks incrementally and drops out
    at its first failure; memory stays bounded by a chunk and the 256 KiB sample."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._head = b""  # the first bytes, until it is known whether a BOM starts them
        self._candidates: list[tuple[str, codecs.IncrementalDecoder]] | None = None
        self._sample = bytearray()
        self._lines = 0  # line breaks before the chunk being decoded
        self._furthest = 1  # the furthest line a dropped candidate decoded to

    def feed(self, chunk: bytes) -> None:
        if self._candidates is None:
            self._head += chunk
            if len(self._head) < len(_BOM):
                return
            chunk, self._head = self._head, b""
            self._start(chunk)
        self._decode(chunk, final=False)

    def finish(self) -> str:
        if self._candidates is None:
            self._start(self._head)
        self._decode(self._head, final=True)
        assert self._candidates is not None
        names = [encoding for encoding, _ in self._candidates]
        for encoding in names:
            if encoding not in _LEGACY:
                return encoding
        return _likelier(bytes(self._sample), names) if len(names) > 1 else names[0]

    def _start(self, first: bytes) -> None:
        encodings = ENCODINGS if first.startswith(_BOM) else ENCODINGS[1:]
        self._candidates = [(e, codecs.getincrementaldecoder(e)()) for e in encodings]

    def _decode(self, chunk: bytes, *, final: bool) -> None:
        assert self._candidates is not None
        if len(self._sample) < _SAMPLE:
            self._sample += chunk[: _SAMPLE - len(self._sample)]
        plain = not final and chunk.isascii()  # ASCII reads alike in every candidate
        alive = []
        for encoding, decoder in self._candidates:
            if plain and not decoder.getstate()[0]:
                alive.append((encoding, decoder))
                continue
            stops = self._stops(encoding, decoder, chunk, final)
            if stops is None:
                alive.append((encoding, decoder))
            else:
                self._furthest = max(self._furthest, stops)
        self._candidates = alive
        self._lines += chunk.count(b"\n")
        if not alive:
            raise CsvError("archive.csv.undecodable", file=self._name, line=self._furthest)

    def _stops(
        self, encoding: str, decoder: codecs.IncrementalDecoder, chunk: bytes, final: bool
    ) -> int | None:
        """None when `chunk` goes on the text in `encoding`; else the line where it stops."""
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk, final)
        except UnicodeDecodeError as error:
            return self._lines + chunk.count(b"\n", 0, max(error.start - pending, 0)) + 1
        stray = _NOT_SHIFT_JIS.search(text) if encoding == "cp932" else None
        return self._lines + text.count("\n", 0, stray.start()) + 1 if stray else None


def detect_encoding(data: bytes, name: str) -> str:
    """The encoding of `data` (`EncodingSniffer`); `CsvError` naming the line when none
    decodes it. The plan shows the encoding for the operator to confirm."""
    sniffer = EncodingSniffer(name)
    for offset in range(0, len(data), _CHUNK):
        sniffer.feed(data[offset : offset + _CHUNK])
    return sniffer.finish()


#: A quote that neither opens a field nor closes one, once the quoted parts are masked
#: (each part's text replaced by one Q, so escaped quotes show as ``Q""Q``).
_STRAY_OPEN = re.compile(rb'"Q(?<=[^,\r\n"]"Q)')
_STRAY_CLOSE = re.compile(rb'Q"[^,\r\n"]')


class CsvCounter:
    """Counts a CSV's records from its bytes as they stream past (`feed` each chunk in
    order, then `finish`), by the rule in this module's docstring. Memory stays bounded
    by a chunk whatever the file's size; errors are raised as soon as they are seen."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._sniffer = EncodingSniffer(name)
        self._rows = 0  # non-blank rows begun so far, the header included
        self._lines = 0  # line breaks before the current chunk
        self._inside = False  # within a quoted field at the end of the last chunk
        self._opened = 0  # the line where that quoted field opened
        self._midline = False  # the last chunk ended within a row
        self._tail = b""  # the last bytes of the last masked chunk (for stray quotes)
        self._head: bytes | None = b""  # the first bytes, until a BOM can be told

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        self._sniffer.feed(chunk)
        if self._head is not None:
            self._head += chunk
            if len(self._head) < len(_BOM):
                return
            chunk, self._head = self._head.removeprefix(_BOM), None
        self._take(chunk)

    def finish(self) -> RecordCount:
        if self._head is not None:
            head, self._head = self._head, None
            self._take(head)
        encoding = self._sniffer.finish()
        if self._inside:
            raise CsvError(
                "archive.csv.malformed",
                file=self.name,
                line=self._opened,
                detail="archive.detail.csv_quote",
            )
        return RecordCount(self.name, max(self._rows - 1, 0), "csv", encoding)

    def _take(self, chunk: bytes) -> None:
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise CsvError("archive.csv.nul", file=self.name, line=self._line(chunk, nul))
        self._count(chunk)
        self._lines += chunk.count(b"\n")

    def _line(self, chunk: bytes, offset: int) -> int:
        return self._lines + chunk.count(b"\n", 0, offset) + 1

    def _count(self, chunk: bytes) -> None:
        inside = self._inside
        if b'"' in chunk:
            pieces = chunk.split(b'"')
            first = 0 if inside else 1
            pieces[first::2] = [b"Q"] * len(range(first, len(pieces), 2))
            text = b'"'.join(pieces)
            self._check_quotes(chunk, text)
            if (len(pieces) - 1) % 2:
                self._inside = not inside
                if self._inside:
                    self._opened = self._line(chunk, chunk.rfind(b'"'))
        elif inside:
            self._tail = (self._tail + b"Q")[-2:]
            return  # the whole chunk is within one quoted field
        else:
            text = chunk
            self._tail = text[-2:]
        if b"\r" in text and text.count(b"\r") != text.count(b"\r\n"):
            text = text.replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # CR line ends
        lines = text.split(b"\n")
        begun = len(lines) - lines.count(b"") - lines.count(b"\r")
        if self._midline and lines[0] not in (b"", b"\r"):
            begun -= 1  # the row the last chunk ended in goes on
        self._rows += begun
        self._midline = lines[-1] not in (b"", b"\r")

    def _check_quotes(self, chunk: bytes, text: bytes) -> None:
        tail, self._tail = self._tail, text[-2:]
        seen = tail + text
        opened = _STRAY_OPEN.search(seen)
        closed = _STRAY_CLOSE.search(seen)
        if opened is None and closed is None:
            return
        # the stray quote: the masked text keeps every quote of the chunk, in order
        at = min(m.start() + (m.re is _STRAY_CLOSE) for m in (opened, closed) if m is not None)
        nth = seen.count(b'"', len(tail), at + 1)
        offset = -1
        for _ in range(nth):
            offset = chunk.find(b'"', offset + 1)
        raise CsvError(
            "archive.csv.malformed",
            file=self.name,
            line=self._line(chunk, max(offset, 0)),
            detail="archive.detail.csv_stray_quote",
        )


def count_records(stream: BinaryIO, name: str) -> RecordCount:
    """Count the records of one file read from `stream` by the rule in this module's
    docstring, chunk by chunk (memory bounded whatever its size)."""
    if name == MANIFEST_NAME:
        return RecordCount(name, 0, "manifest", None)
    if not is_csv(name):
        return RecordCount(name, 1, "file", None)
    counter = CsvCounter(name)
    while chunk := stream.read(_CHUNK):
        counter.feed(chunk)
    return counter.finish()


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
