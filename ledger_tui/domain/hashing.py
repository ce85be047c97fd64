"""Secrets kept only as argon2id hashes: operators' passwords and contractors' handler
codes. One hasher for both (the library's current recommended parameters); a hash is
self-describing, so parameters raised later still verify older hashes."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def verify_secret(secret_hash: str, secret: str) -> bool:
    """True when `secret` matches; a wrong secret or a damaged hash is False."""
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(secret_hash: str) -> bool:
    return _hasher.check_needs_rehash(secret_hash)


@cache
def dummy_hash() -> str:
    """A fixed hash to spend the same time on unknown names (no enumeration by timing).
    Made on first use: hashing at import would slow every start by ~0.2 s."""
    return _hasher.hash("ledger-tui-dummy-password")
