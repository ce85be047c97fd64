"""A folder that holds archives the way a stick does: the outbox of an e-mail transfer
(the mail client attaches the file from there) and the staging folder of a CD-R image.

It offers the same operations as `fatfs.Stick` (list, write, open, delete, free room), so
the load writes and verifies an archive in one way whatever it goes to. Only encrypted
archives are ever written here; files are 0600.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from ledger_tui.system.archive.errors import StickFileMissing, StickToolFailed, stick_os_error
from ledger_tui.system.archive.zipformat import entry_name_problem
from ledger_tui.system.stick.fatio import StickFile, drop_cached, fsync_dir, mounted_writer


class ArchiveStore(Protocol):
    """Where a load writes its archives and reads them back: a stick, a folder, a disc."""

    def read_only(self) -> bool: ...

    def list_files(self) -> list[StickFile]: ...

    def free_bytes(self) -> int: ...

    def delete(self, name: str) -> None: ...

    def writer(self, name: str) -> contextlib.AbstractContextManager[BinaryIO]: ...

    def open(self, name: str) -> contextlib.AbstractContextManager[BinaryIO]: ...


class Folder:
    """Archives in a folder of this workstation."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def _check(self, name: str) -> Path:
        if "/" in name or entry_name_problem(name):
            raise StickToolFailed(str(self.path), "archive.detail.stick_name")
        return self.path / name

    def read_only(self) -> bool:
        return not os.access(self.path, os.W_OK)

    def list_files(self) -> list[StickFile]:
        try:
            entries = [e for e in os.scandir(self.path) if e.is_file()]
        except OSError as error:
            raise stick_os_error(self.path, error) from error
        return sorted((StickFile(e.name, e.stat().st_size) for e in entries), key=lambda f: f.name)

    def free_bytes(self) -> int:
        return shutil.disk_usage(self.path).free

    def delete(self, name: str) -> None:
        path = self._check(name)
        try:
            path.unlink()
            fsync_dir(self.path)
        except FileNotFoundError:
            raise StickFileMissing(str(self.path), name) from None
        except OSError as error:
            raise stick_os_error(self.path, error) from error

    @contextlib.contextmanager
    def writer(self, name: str) -> Iterator[BinaryIO]:
        with mounted_writer(self.path, self._check(name), False) as stream:
            yield stream

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[BinaryIO]:
        try:
            handle = open(self._check(name), "rb")
        except FileNotFoundError:
            raise StickFileMissing(str(self.path), name) from None
        except OSError as error:
            raise stick_os_error(self.path, error) from error
        with handle:
            drop_cached(handle.fileno())
            yield handle


class SingleFile:
    """One archive file (a return by e-mail saved from the mail client), read only."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._folder = Folder(self.path.parent)

    def read_only(self) -> bool:
        return True

    def list_files(self) -> list[StickFile]:
        try:
            return [StickFile(self.path.name, self.path.stat().st_size)]
        except OSError as error:
            raise stick_os_error(self.path, error) from error

    def free_bytes(self) -> int:
        return 0

    def delete(self, name: str) -> None:
        raise StickToolFailed(str(self.path), "archive.detail.read_only_source")

    def writer(self, name: str) -> contextlib.AbstractContextManager[BinaryIO]:
        raise StickToolFailed(str(self.path), "archive.detail.read_only_source")

    def open(self, name: str) -> contextlib.AbstractContextManager[BinaryIO]:
        if name != self.path.name:
            raise StickFileMissing(str(self.path), name)
        return self._folder.open(name)
