"""Where the decrypted files of a returned archive go during intake: a folder the operator
picked (plaintext personal data: owner-only files, 0600, in owner-only folders, 0700,
one folder per archive), or nowhere (verify and count only). CSV files are also kept in
memory to be counted. If the intake fails, everything it wrote is deleted again.
"""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ledger_tui.domain.errors import DomainError, InvalidInput
from ledger_tui.system.archive.csvcount import is_csv


class IntakeRefused(DomainError):
    """A returned stick or archive cannot be taken in as it is."""


def check_destination(dest_dir: str | os.PathLike[str] | None) -> Path | None:
    if dest_dir is None:
        return None
    path = Path(dest_dir).absolute()
    if not path.is_dir():
        raise InvalidInput("intake.error.dest_not_folder", field="dest", path=str(path))
    return path


class Extraction:
    """The files of one intake: opened on demand, closed and kept, or all deleted."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._created_files: list[Path] = []
        self._created_dirs: list[Path] = []
        self._open: list[BinaryIO] = []
        self.buffers: dict[tuple[str, str], io.BytesIO] = {}
        self.paths: dict[tuple[str, str], Path] = {}

    def _mkdir(self, path: Path) -> None:
        missing = []
        current = path
        while not current.exists():
            missing.append(current)
            current = current.parent
        for folder in reversed(missing):
            folder.mkdir(mode=0o700)
            self._created_dirs.append(folder)

    def _target(self, archive: str, entry: str) -> Path:
        assert self.root is not None
        folder = self.root / Path(archive).stem
        target = (folder / entry).resolve()
        if not target.is_relative_to(folder.resolve()):  # the reader checked names already
            raise IntakeRefused("intake.error.unsafe_name", archive=archive, entry=entry)
        return target

    def _create(self, archive: str, entry: str) -> BinaryIO:
        target = self._target(archive, entry)
        self._mkdir(target.parent)
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            raise IntakeRefused("intake.error.dest_exists", path=str(target)) from None
        except OSError as error:
            raise IntakeRefused(
                "intake.error.dest_write", path=str(target), detail=error.strerror or str(error)
            ) from error
        self._created_files.append(target)
        os.fchmod(fd, 0o600)
        handle = open(fd, "wb")  # closed in finish() or discard()
        self._open.append(handle)
        self.paths[(archive, entry)] = target
        return handle

    def sink_for(self, archive: str, entry: str) -> Callable[[bytes], object] | None:
        """Where the plaintext of `entry` goes: the folder, memory (CSV), both, or nowhere."""
        writers: list[Callable[[bytes], object]] = []
        if self.root is not None:
            writers.append(self._create(archive, entry).write)
        if is_csv(entry):
            buffer = self.buffers[(archive, entry)] = io.BytesIO()
            writers.append(buffer.write)
        if not writers:
            return None
        if len(writers) == 1:
            return writers[0]

        def both(data: bytes) -> None:
            for write in writers:
                write(data)

        return both

    def finish(self) -> None:
        """Flush and close every file written (fsynced: the operator may pull power)."""
        while self._open:
            handle = self._open.pop()
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()

    def discard(self) -> None:
        """Delete everything this intake wrote (best effort, then the folders it made)."""
        while self._open:
            with contextlib.suppress(OSError):
                self._open.pop().close()
        for path in self._created_files:
            with contextlib.suppress(OSError):
                path.unlink()
        for folder in reversed(self._created_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._created_files.clear()
        self._created_dirs.clear()
        self.paths.clear()
        self.buffers.clear()
