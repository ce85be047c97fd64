"""Secret keys kept outside the database, one file each, owner-only (0600).

One ledger secret per ledger (`ledger-secret-<ledger id>.key`), created by `init`: every
desk of a shared ledger needs a copy of that one file (see README). Each purpose's key
is derived from it (HKDF-SHA256, RFC 5869): the key signing the audit head, the key
sealing archive passwords. Ledgers from before the secret kept a per-purpose file
(`audit-<id>.key`, `password-seal-<id>.key`); `open_ledger` adopts the audit key file as
the ledger secret, and sealed passwords of the old key file still open.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32

#: The purposes keys are derived for (the HKDF "info"; never change a shipped one).
AUDIT_HEAD = "audit-head"
PASSWORD_SEAL = "password-seal"
_SALT = b"ledger-tui ledger secret v1"


def ledger_secret_name(ledger_id: str) -> str:
    return f"ledger-secret-{ledger_id}"


def legacy_audit_key_name(ledger_id: str) -> str:
    """The audit key file of a ledger from before the ledger secret."""
    return f"audit-{ledger_id}"


def derive_key(secret: bytes, purpose: str) -> bytes:
    """HKDF-SHA256 (extract, then one block of expand) of the ledger secret for one
    purpose: knowing one purpose's key tells nothing of another's."""
    prk = hmac.new(_SALT, secret, hashlib.sha256).digest()
    return hmac.new(prk, f"ledger-tui {purpose} v1".encode() + b"\x01", hashlib.sha256).digest()


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
        return self.create(name, secrets.token_bytes(KEY_BYTES))

    def create(self, name: str, key: bytes) -> bytes:
        """Write `key` as a new key file; if another process wrote it first, theirs."""
        path = self.path(name)
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.directory, 0o700)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
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
