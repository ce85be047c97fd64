"""What a load will put on the stick: the files, their record counts, and (split by an
area or investigator column) which rows go into which archive.

`plan_load` reads and counts the files for the operator to confirm before anything is
written; the load reads them again (`prepare_load`) and counts what it actually writes,
so the counts recorded are those of the bytes in the archive. CSV files and the parts of
a split are held in memory (CSV exports at stake are tens of MB at most) and never
written anywhere but into the encrypted archive; other files are streamed from disk.

The split column must hold an area or investigator code (e.g. 地区), never a name or an
address. Its values never appear in plain outside the encrypted archives: the archives
and the part files are named by number (税-USB-003_01.zip holding 住所録_01.csv, since
ZIP keeps entry names unencrypted), and a manifest inside each archive (`MANIFEST_NAME`,
encrypted like the data, counted as no record) names the column and the value. A
column that looks personal is refused: one named like a personal item (氏名, 住所...),
or one whose value differs on every row; so is a split into more than
`MAX_SPLIT_ARCHIVES` parts.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ledger_tui.domain.errors import InvalidInput
from ledger_tui.system.archive.csvcount import (
    MANIFEST_NAME,
    CsvPart,
    CsvSplit,
    count_records,
    is_csv,
    part_file_name,
    split_csv_by_column,
)
from ledger_tui.system.archive.errors import BadEntryName, SourceError
from ledger_tui.system.archive.zipformat import entry_name_problem

MAX_SPLIT_ARCHIVES = 50
#: A CSV is counted (and split) in memory: a bigger one is refused before it is read.
MAX_CSV_BYTES = 128 << 20
#: Column names that hold a resident's personal data, never an area or investigator.
PERSONAL_COLUMNS = frozenset(
    {
        "氏名",
        "名前",
        "姓名",
        "カナ氏名",
        "フリガナ",
        "ふりがな",
        "住所",
        "方書",
        "生年月日",
        "電話番号",
        "電話",
        "個人番号",
        "マイナンバー",
        "メールアドレス",
        "name",
        "address",
    }
)
ARCHIVE_SUFFIX = ".zip"
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\s]')


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One file inside one archive, as counted (件数)."""

    name: str  # the name inside the archive
    source: str  # the source file's name
    size: int
    records: int
    kind: str  # "csv" or "file"
    encoding: str | None


@dataclass(frozen=True, slots=True)
class PlannedArchive:
    split_key: str | None  # the split column's value; None when not split
    files: tuple[PlannedFile, ...]

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)

    @property
    def size(self) -> int:
        return sum(f.size for f in self.files)


@dataclass(frozen=True, slots=True)
class LoadPlan:
    """The counts shown for confirmation; `total_records` goes onto the out-slip."""

    sources: tuple[Path, ...]
    split_column: str | None
    archives: tuple[PlannedArchive, ...]

    @property
    def total_records(self) -> int:
        return sum(a.records for a in self.archives)

    @property
    def total_bytes(self) -> int:
        return sum(a.size for a in self.archives)


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """A planned file with its content: bytes in memory, or a path to stream."""

    planned: PlannedFile
    data: bytes | None
    path: Path | None

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as error:
            raise SourceError(self.planned.source, error.strerror or str(error)) from error


@dataclass(frozen=True, slots=True)
class PreparedArchive:
    split_key: str | None
    files: tuple[PreparedFile, ...]

    @property
    def planned(self) -> PlannedArchive:
        return PlannedArchive(self.split_key, tuple(f.planned for f in self.files))


def part_number(index: int, parts: int) -> str:
    """The number that names part `index` (1-based) of a split: 01, 02 ... (never its
    key)."""
    return f"{index:0{max(2, len(str(parts)))}d}"


def archive_name(control_number: str, part: str | None = None) -> str:
    """The archive's file name on the stick, e.g. 税-USB-003.zip or 税-USB-003_01.zip."""
    stem = _UNSAFE.sub("_", control_number).strip(" .") or "archive"
    base = stem + ARCHIVE_SUFFIX
    return base if part is None else part_file_name(base, part)


def archive_names(control_number: str, split_keys: Sequence[str | None]) -> list[str]:
    """The archives' names: numbered in order when the load is split."""
    if len(split_keys) == 1 and split_keys[0] is None:
        return [archive_name(control_number)]
    return [
        archive_name(control_number, part_number(index, len(split_keys)))
        for index in range(1, len(split_keys) + 1)
    ]


def manifest_text(column: str, key: str, number: str, files: Sequence[str]) -> bytes:
    """The manifest inside one split archive: which column and value it holds."""
    lines = [f"分割列 / split column: {column}", f"値 / value: {key}", f"番号 / part: {number}"]
    lines += [f"ファイル / file: {name}" for name in files]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def check_split_column_name(column: str | None) -> None:
    """Refuse a split column named like a personal item (before anything is read)."""
    if column and column.strip().casefold() in {c.casefold() for c in PERSONAL_COLUMNS}:
        raise InvalidInput("load.error.split_personal_column", field="split_column", column=column)


def _check_split_column(column: str, keys: Sequence[str], rows: int) -> None:
    """Refuse a column whose values look personal: named like a personal item, or a
    different value on every row (a name or address column chosen by mistake)."""
    check_split_column_name(column)
    if rows >= 2 and len(keys) == rows:
        raise InvalidInput("load.error.split_unique_values", field="split_column", column=column)


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceError(path.name, error.strerror or str(error)) from error


def _size(path: Path) -> int:
    try:
        info = path.stat()
    except OSError as error:
        raise SourceError(path.name, error.strerror or str(error)) from error
    if not path.is_file():
        raise InvalidInput("load.error.not_a_file", field="files", file=path.name)
    return info.st_size


def _check_names(paths: Sequence[Path]) -> None:
    if not paths:
        raise InvalidInput("load.error.no_files", field="files")
    seen: set[str] = set()
    for path in paths:
        problem = entry_name_problem(path.name)
        if problem:
            raise BadEntryName(path.name, problem)
        if path.name.casefold() in seen:
            raise InvalidInput("load.error.duplicate_file", field="files", file=path.name)
        seen.add(path.name.casefold())


def _csv_size(path: Path) -> int:
    """The size of a CSV, refused before it is read when it is too big to count."""
    size = _size(path)
    if size > MAX_CSV_BYTES:
        raise InvalidInput(
            "load.error.csv_too_large",
            field="files",
            file=path.name,
            size=size,
            limit=MAX_CSV_BYTES,
        )
    return size


def source_bytes(files: Sequence[str | os.PathLike[str]]) -> int:
    """The sources' total size, from the file system (nothing is read)."""
    return sum(_size(Path(f)) for f in files)


def _whole(path: Path) -> PreparedFile:
    size = _csv_size(path) if is_csv(path.name) else _size(path)
    if not is_csv(path.name):
        return PreparedFile(PlannedFile(path.name, path.name, size, 1, "file", None), None, path)
    data = _read(path)
    counted = count_records(io.BytesIO(data), path.name)
    return PreparedFile(
        PlannedFile(path.name, path.name, len(data), counted.records, "csv", counted.encoding),
        data,
        None,
    )


def _split(paths: Sequence[Path], column: str) -> list[PreparedArchive]:
    splits: list[tuple[Path, CsvSplit]] = []
    keys: list[str] = []
    for path in paths:
        if not is_csv(path.name):
            _size(path)
            raise InvalidInput("load.error.split_needs_csv", field="files", file=path.name)
        _csv_size(path)
        split = split_csv_by_column(io.BytesIO(_read(path)), path.name, column)
        splits.append((path, split))
        keys += [part.key for part in split.parts if part.key not in keys]
    _check_split_column(column, keys, sum(sum(p.records for p in s.parts) for _, s in splits))
    if len(keys) > MAX_SPLIT_ARCHIVES:
        raise InvalidInput(
            "load.error.too_many_parts",
            field="split_column",
            column=column,
            parts=len(keys),
            limit=MAX_SPLIT_ARCHIVES,
        )
    archives = []
    for index, key in enumerate(keys, 1):
        number = part_number(index, len(keys))
        files = []
        for path, split in splits:
            if not split.parts:  # a header without rows: nothing to hand to anyone
                continue
            part = next((p for p in split.parts if p.key == key), None)
            rows = part.rows if part is not None else []
            data = split.encode(CsvPart(key, split.parts[0].header, rows))
            files.append(
                PreparedFile(
                    PlannedFile(
                        part_file_name(path.name, number),
                        path.name,
                        len(data),
                        len(rows),
                        "csv",
                        split.encoding,
                    ),
                    data,
                    None,
                )
            )
        names = [f.planned.name for f in files]
        manifest = manifest_text(column, key, number, names)
        files.append(
            PreparedFile(
                PlannedFile(MANIFEST_NAME, MANIFEST_NAME, len(manifest), 0, "manifest", "utf-8"),
                manifest,
                None,
            )
        )
        archives.append(PreparedArchive(key, tuple(files)))
    return archives


def prepare_load(
    files: Sequence[str | os.PathLike[str]], split_column: str | None = None
) -> list[PreparedArchive]:
    """Read and count the files; with `split_column`, split every CSV by it."""
    paths = [Path(f) for f in files]
    _check_names(paths)
    column = (split_column or "").strip()
    if not column:
        return [PreparedArchive(None, tuple(_whole(path) for path in paths))]
    archives = _split(paths, column)
    if not archives:
        raise InvalidInput("load.error.split_empty", field="split_column", column=column)
    return archives


def plan_load(files: Sequence[str | os.PathLike[str]], split_column: str | None = None) -> LoadPlan:
    """Count the records of `files` (and of each archive when split) for confirmation."""
    prepared = prepare_load(files, split_column)
    column = (split_column or "").strip() or None
    return LoadPlan(
        tuple(Path(f) for f in files), column, tuple(archive.planned for archive in prepared)
    )
