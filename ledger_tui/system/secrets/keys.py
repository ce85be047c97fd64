"""Secret keys kept outside the database, one file each, owner-only (0600).

The audit-head signing key lives here; a desk sharing a PostgreSQL ledger needs a copy
of the same key file (see README).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

KEY_BYTES = 32


class KeyMissing(Exception):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"key file missing: {path}")


class KeyStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, name: str) -> Path:
        if not name or "/" in name or name.startswith("."):
            raise ValueError(f"bad key name {name!r}")
        return self.directory / f"{name}.key"

    def load(self, name: str) -> bytes:
        path = self.path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise KeyMissing(path) from None
        if len(data) != KEY_BYTES:
            raise ValueError(f"key file {path} is damaged ({len(data)} bytes)")
        return data

    def load_or_create(self, name: str) -> bytes:
        path = self.path(name)
        if path.exists():
            return self.load(name)
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.directory, 0o700)
        key = secrets.token_bytes(KEY_BYTES)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, key)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            # link() fails if another process created the key first: keep theirs.
            os.link(tmp, path)
        except FileExistsError:
            return self.load(name)
        finally:
            tmp.unlink(missing_ok=True)
        return key
