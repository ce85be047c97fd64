"""Errors of the archive and stick adapters: domain errors with ja/en messages.

Each names the archive, entry, file or device it is about, so the screen and the trail
can say exactly what went wrong.
"""

from __future__ import annotations

import errno
from pathlib import Path

from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import Lang, t

DETAIL = "archive.detail."


class DetailedError(DomainError):
    """A domain error whose parameters may be text keys (``archive.detail.*``) themselves,
    rendered in the same language as the message; other values show as they are."""

    def message(self, lang: Lang | None = None) -> str:
        params = {
            name: t(value, lang) if isinstance(value, str) and value.startswith(DETAIL) else value
            for name, value in self.params.items()
        }
        return t(self.key, lang, **params)


class ArchiveError(DetailedError):
    """Writing or reading an encrypted archive failed."""


class Cancelled(ArchiveError):
    """The operator cancelled a long job (its cancel event was set)."""

    def __init__(self) -> None:
        super().__init__("archive.cancelled")


class WrongPassword(ArchiveError):
    def __init__(self, archive: str, entry: str) -> None:
        super().__init__("archive.error.wrong_password", archive=archive, entry=entry)


class CorruptArchive(ArchiveError):
    """Bytes do not authenticate or do not parse; names the entry when there is one."""

    def __init__(self, archive: str, entry: str, detail: str) -> None:
        super().__init__(
            "archive.error.corrupt", archive=archive, entry=entry or "-", detail=detail
        )


class NotAnArchive(ArchiveError):
    def __init__(self, archive: str, detail: str) -> None:
        super().__init__("archive.error.not_archive", archive=archive, detail=detail)


class NotEncrypted(ArchiveError):
    """The ward accepts only AES-encrypted returns; ZipCrypto and plain entries are refused."""

    def __init__(self, archive: str, entry: str) -> None:
        super().__init__("archive.error.not_encrypted", archive=archive, entry=entry)


class UnsupportedMethod(ArchiveError):
    def __init__(self, archive: str, entry: str, method: int) -> None:
        super().__init__(
            "archive.error.unsupported_method", archive=archive, entry=entry, method=method
        )


class BadEntryName(ArchiveError):
    """A file name that cannot be stored, or extracted safely, on Windows and here."""

    def __init__(self, entry: str, reason: str) -> None:
        super().__init__("archive.error.bad_entry_name", entry=entry, reason=reason)


class SourceError(ArchiveError):
    """A source file could not be read, or changed while it was being read."""

    def __init__(self, entry: str, detail: str) -> None:
        super().__init__("archive.error.source", entry=entry, detail=detail)


class VerifyMismatch(ArchiveError):
    """The archive read back differs from the manifest written."""

    def __init__(self, archive: str, entry: str, detail: str) -> None:
        super().__init__(
            "archive.error.verify_mismatch", archive=archive, entry=entry, detail=detail
        )


# --- sticks ---------------------------------------------------------------------------


class StickError(DetailedError):
    """Writing to or reading from a stick failed; the message names the device."""


class DiskFull(StickError):
    def __init__(self, device: str) -> None:
        super().__init__("archive.stick.disk_full", device=device)


class StickReadOnly(StickError):
    def __init__(self, device: str) -> None:
        super().__init__("archive.stick.read_only", device=device)


class StickIOError(StickError):
    """The stick is still there but refused a read or write (EIO): a failing medium."""

    def __init__(self, device: str) -> None:
        super().__init__("archive.stick.io_error", device=device)


class DeviceVanished(StickError):
    def __init__(self, device: str) -> None:
        super().__init__("archive.stick.vanished", device=device)


class MustMount(StickError):
    def __init__(self, device: str, fstype: str) -> None:
        super().__init__("archive.stick.must_mount", device=device, fstype=fstype)


class UnknownFilesystem(StickError):
    def __init__(self, device: str) -> None:
        super().__init__("archive.stick.unknown_filesystem", device=device)


class StickFileExists(StickError):
    def __init__(self, device: str, name: str) -> None:
        super().__init__("archive.stick.file_exists", device=device, name=name)


class StickFileMissing(StickError):
    def __init__(self, device: str, name: str) -> None:
        super().__init__("archive.stick.file_missing", device=device, name=name)


class StickToolFailed(StickError):
    def __init__(self, device: str, detail: str) -> None:
        super().__init__("archive.stick.tool_failed", device=device, detail=detail)


def stick_os_error(device: Path, error: OSError) -> StickError:
    if error.errno == errno.ENOSPC:
        return DiskFull(str(device))
    if error.errno in (errno.EROFS, errno.EPERM, errno.EACCES):
        return StickReadOnly(str(device))
    if error.errno == errno.EIO and device.exists():
        return StickIOError(str(device))
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO, errno.EIO, errno.ENOMEDIUM):
        return DeviceVanished(str(device))
    return StickToolFailed(str(device), error.strerror or str(error))
