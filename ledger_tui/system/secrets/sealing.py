"""Archive passwords sealed at rest, so the ward can open a return months later.

A password is never stored in plaintext. It is encrypted with AES-256-GCM under a key
kept outside the database (`KeyStore`, one 0600 file per ledger, e.g.
``password-seal-<ledger id>``), with associated data binding it to its context (e.g.
the load id): a token copied to another load does not open. The token is compact text
for a database column: ``s1.`` + URL-safe base64 of nonce (12 bytes) and ciphertext
with tag. Unsealing needs the key file: a missing key or a token that does not
authenticate (wrong key, wrong context, damaged record) raises `SealError`.
The caller records every unsealing in the audit trail.

AES-GCM comes from pycryptodome, which the archive's AES-CTR already loads: the load
(which seals a password per archive) then does not load `cryptography`'s 8 MB native
module (issue 17, the load's peak memory). The tokens are the standard AES-GCM
construction (96-bit nonce, 128-bit tag after the ciphertext), the same bytes
`cryptography`'s AESGCM makes and opens (tests/archive/test_sealing.py).
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Sequence

from Crypto.Cipher import AES

from ledger_tui.domain.errors import DomainError
from ledger_tui.system.secrets.keys import KeyMissing, KeyStore

VERSION = "s1"
_NONCE = 12
_TAG = 16
_AAD_PREFIX = b"ledger-tui sealed archive password v1\x00"


class SealError(DomainError):
    """A sealed password cannot be opened."""


def seal_key_name(ledger_id: str) -> str:
    return f"password-seal-{ledger_id}"


def _aad(context: str) -> bytes:
    return _AAD_PREFIX + context.encode("utf-8")


def seal(keys: KeyStore, key_name: str, password: str, context: str) -> str:
    """Encrypt `password` for storage; creates the key file on first use."""
    return seal_with(keys.load_or_create(key_name), password, context)


def seal_with(key: bytes, password: str, context: str) -> str:
    """Encrypt `password` for storage under `key` (the ledger secret's sealing key)."""
    nonce = secrets.token_bytes(_NONCE)
    cipher = AES.new(key, AES.MODE_GCM, nonce=nonce, mac_len=_TAG)
    cipher.update(_aad(context))
    body, tag = cipher.encrypt_and_digest(password.encode("utf-8"))
    sealed = body + tag
    return f"{VERSION}.{base64.urlsafe_b64encode(nonce + sealed).decode('ascii')}"


def unseal(keys: KeyStore, key_name: str, token: str, context: str) -> str:
    """The password sealed in `token` for `context`; `SealError` if it cannot be opened."""
    try:
        key = keys.load(key_name)
    except KeyMissing:
        raise SealError("archive.seal.key_missing", name=key_name) from None
    except ValueError:
        raise SealError("archive.seal.broken") from None
    return unseal_with([key], token, context)


def unseal_with(keys: Sequence[bytes], token: str, context: str) -> str:
    """The password sealed in `token` for `context` under one of `keys` (the ledger
    secret's sealing key, then an older per-desk key file's)."""
    version, _, body = token.partition(".")
    try:
        if version != VERSION:
            raise ValueError(version)
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
        if len(raw) <= _NONCE:
            raise ValueError("short")
    except (ValueError, binascii.Error):
        raise SealError("archive.seal.broken") from None
    if len(raw) < _NONCE + _TAG:
        raise SealError("archive.seal.broken")
    nonce, cipher_text, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
    for key in keys:
        try:
            cipher = AES.new(key, AES.MODE_GCM, nonce=nonce, mac_len=_TAG)
            cipher.update(_aad(context))
            plain: bytes = cipher.decrypt_and_verify(cipher_text, tag)
            return plain.decode("utf-8")
        except ValueError:  # a tag that does not verify, a wrong key size, bad UTF-8
            continue
    raise SealError("archive.seal.broken")
