"""Sealed passwords: AES-GCM under a 0600 key file, bound to their load, clear failures."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from ledger_tui.system.secrets.keys import KeyStore
from ledger_tui.system.secrets.sealing import SealError, seal, seal_key_name, unseal

PASSWORD = "K7MX-3FHT-9ACE-WXYV-K7MX-3FHT-9ACE-WXYV"


def test_round_trip_with_owner_only_key(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    name = seal_key_name("ledger-1")
    token = seal(keys, name, PASSWORD, "load:42")
    assert token.startswith("s1.") and token.isascii() and PASSWORD not in token
    assert "K7MX" not in token
    assert unseal(keys, name, token, "load:42") == PASSWORD
    assert stat.S_IMODE(keys.path(name).stat().st_mode) == 0o600
    assert seal(keys, name, PASSWORD, "load:42") != token  # fresh nonce each time


def test_wrong_context_key_or_damage_is_refused(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    name = seal_key_name("ledger-1")
    token = seal(keys, name, PASSWORD, "load:42")
    with pytest.raises(SealError) as moved:
        unseal(keys, name, token, "load:43")
    assert moved.value.key == "archive.seal.broken"
    other = seal_key_name("ledger-2")
    keys.load_or_create(other)
    with pytest.raises(SealError):
        unseal(keys, other, token, "load:42")
    # a character in the middle (the last ones may only carry padding bits)
    flipped = token[:20] + ("A" if token[20] != "A" else "B") + token[21:]
    for broken in (flipped, "s2" + token[2:], "garbage", "s1.!!!"):
        with pytest.raises(SealError):
            unseal(keys, name, broken, "load:42")


def test_missing_key_file_says_so(tmp_path: Path) -> None:
    keys = KeyStore(tmp_path / "keys")
    name = seal_key_name("ledger-1")
    token = seal(keys, name, PASSWORD, "load:1")
    keys.path(name).unlink()
    with pytest.raises(SealError) as caught:
        unseal(keys, name, token, "load:1")
    assert caught.value.key == "archive.seal.key_missing"
    assert name in caught.value.message("ja")


def test_tokens_are_the_aes_gcm_that_cryptography_makes_and_opens(tmp_path: Path) -> None:
    """The sealing runs on pycryptodome since issue 17 (the load's memory); passwords
    sealed before, with `cryptography`'s AESGCM, still open, and the reverse."""
    import base64
    import secrets

    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from ledger_tui.system.secrets.sealing import seal_with, unseal_with

    key = secrets.token_bytes(32)
    aad = b"ledger-tui sealed archive password v1\x00" + b"load:7"
    nonce = secrets.token_bytes(12)
    old = "s1." + base64.urlsafe_b64encode(
        nonce + AESGCM(key).encrypt(nonce, PASSWORD.encode(), aad)
    ).decode("ascii")
    assert unseal_with([key], old, "load:7") == PASSWORD
    new = base64.urlsafe_b64decode(seal_with(key, PASSWORD, "load:7")[3:])
    assert AESGCM(key).decrypt(new[:12], new[12:], aad).decode() == PASSWORD
    with pytest.raises(SealError):  # nonce and part of a tag only
        unseal_with([key], "s1." + base64.urlsafe_b64encode(new[:20]).decode(), "load:7")
