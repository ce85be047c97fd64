"""What a load will put on the stick: the files, their record counts, and (split by an
area or investigator column) which rows go into which archive.

`plan_load` reads and counts the files for the operator to confirm before anything is
written; the load (`prepare_load`, which reads nothing) counts the records of every CSV
while its bytes stream into the archive, so the counts recorded are those of the bytes
in the archive. Both stream: memory stays bounded whatever a file's size (a 2 GiB CSV
loads if it fits the stick). Only a split holds its CSV in memory (its parts are made
before the archives are written), up to `MAX_SPLIT_CSV_BYTES`; the parts are never
written anywhere but into the encrypted archives.

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
    RecordCount,
    count_records,
    is_csv,
    part_file_name,
    split_csv_by_column,
)
from ledger_tui.system.archive.errors import BadEntryName, SourceError
from ledger_tui.system.archive.zipformat import entry_name_problem

MAX_SPLIT_ARCHIVES = 50
#: A CSV to split is held in memory: a bigger one is refused before it is read.
MAX_SPLIT_CSV_BYTES = 128 << 20
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
    #: None until counted: a CSV the load counts while it streams into the archive.
    records: int | None
    kind: str  # "csv" or "file"
    encoding: str | None


@dataclass(frozen=True, slots=True)
class PlannedArchive:
    split_key: str | None  # the split column's value; None when not split
    files: tuple[PlannedFile, ...]

    @property
    def records(self) -> int:
        return sum(f.records or 0 for f in self.files)

    @property
    def counted(self) -> bool:
        return all(f.records is not None for f in self.files)

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
    """A planned file with its content: bytes in memory (a split's part), or a path to
    stream."""

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


def _count(path: Path) -> RecordCount:
    """A file's records, counted as it streams from disk (memory bounded)."""
    try:
        with path.open("rb") as stream:
            return count_records(stream, path.name)
    except OSError as error:
        raise SourceError(path.name, error.strerror or str(error)) from error


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


def _split_size(path: Path) -> int:
    """The size of a CSV to split, refused before it is read when it is too big to hold."""
    size = _size(path)
    if size > MAX_SPLIT_CSV_BYTES:
        raise InvalidInput(
            "load.error.csv_too_large",
            field="files",
            file=path.name,
            size=size,
            limit=MAX_SPLIT_CSV_BYTES,
        )
    return size


def source_bytes(files: Sequence[str | os.PathLike[str]]) -> int:
    """The sources' total size, from the file system (nothing is read)."""
    return sum(_size(Path(f)) for f in files)


def _whole(path: Path, *, count: bool) -> PreparedFile:
    size = _size(path)
    if not is_csv(path.name):
        return PreparedFile(PlannedFile(path.name, path.name, size, 1, "file", None), None, path)
    counted = _count(path) if count else None
    return PreparedFile(
        PlannedFile(
            path.name,
            path.name,
            size,
            counted.records if counted else None,
            "csv",
            counted.encoding if counted else None,
        ),
        None,
        path,
    )


def _split(paths: Sequence[Path], column: str) -> list[PreparedArchive]:
    splits: list[tuple[Path, CsvSplit]] = []
    keys: list[str] = []
    for path in paths:
        if not is_csv(path.name):
            _size(path)
            raise InvalidInput("load.error.split_needs_csv", field="files", file=path.name)
        _split_size(path)
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
    files: Sequence[str | os.PathLike[str]],
    split_column: str | None = None,
    *,
    count: bool = False,
) -> list[PreparedArchive]:
    """The archives to write: with `split_column`, every CSV read and split by it (and
    so counted); without, nothing is read unless `count` (the plan) asks for the
    records now; else the load counts each CSV as it streams into its archive."""
    paths = [Path(f) for f in files]
    _check_names(paths)
    column = (split_column or "").strip()
    if not column:
        return [PreparedArchive(None, tuple(_whole(path, count=count) for path in paths))]
    archives = _split(paths, column)
    if not archives:
        raise InvalidInput("load.error.split_empty", field="split_column", column=column)
    return archives


def plan_load(files: Sequence[str | os.PathLike[str]], split_column: str | None = None) -> LoadPlan:
    """Count the records of `files` (and of each archive when split) for confirmation."""
    prepared = prepare_load(files, split_column, count=True)
    column = (split_column or "").strip() or None
    return LoadPlan(
        tuple(Path(f) for f in files), column, tuple(archive.planned for archive in prepared)
    )
