"""The little-endian AES-CTR keystream and key derivation, against a plain reference."""

from __future__ import annotations

import hashlib
import itertools
import os

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger_tui.system.archive import crypto as ac

KEY = bytes(range(32))
DATA = os.urandom((1 << 20) + 4099)  # not a whole number of blocks


def reference(data: bytes, first_block: int = 1) -> bytes:
    """WinZip's CTR spelled out: block n is XORed with AES(n as 16 little-endian bytes)."""
    blocks = (len(data) + 15) // 16
    counters = b"".join((first_block + i).to_bytes(16, "little") for i in range(blocks))
    stream = Cipher(algorithms.AES(KEY), modes.ECB()).encryptor().update(counters)
    value = int.from_bytes(data, "little") ^ int.from_bytes(stream[: len(data)], "little")
    return value.to_bytes(len(data), "little")


EXPECTED = reference(DATA)


@settings(max_examples=15, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0, max_value=len(DATA)), max_size=12))
def test_keystream_position_carries_across_any_chunking(cuts: list[int]) -> None:
    ctr = ac.LittleEndianCtr(KEY)
    bounds = [0, *sorted(cuts), len(DATA)]
    out = b"".join(ctr.apply(DATA[a:b]) for a, b in itertools.pairwise(bounds))
    assert out == EXPECTED


@pytest.mark.parametrize("first_block", [(1 << 24) - 70_000, (1 << 32) - 3, (1 << 64) - 5])
def test_high_counter_bytes_carry(first_block: int) -> None:
    data = os.urandom(200_000)
    ctr = ac.LittleEndianCtr(KEY, first_block=first_block)
    assert bytes(ctr.apply(data[:7]) + ctr.apply(data[7:])) == reference(data, first_block)


def test_key_derivation_follows_winzip() -> None:
    salt = bytes(16)
    keys = ac.derive_keys(b"password", salt)
    material = hashlib.pbkdf2_hmac("sha1", b"password", salt, 1000, 66)
    assert (keys.aes_key, keys.hmac_key, keys.verifier) == (
        material[:32],
        material[32:64],
        material[64:],
    )
    assert len(ac.derive_keys(b"pw", bytes(8), strength=1).aes_key) == 16
    with pytest.raises(ValueError):
        ac.derive_keys(b"pw", bytes(8))


def test_entry_cipher_round_trip_and_authentication() -> None:
    keys = ac.derive_keys(b"pw", bytes(16))
    sealed = ac.EntryCipher(keys)
    ciphertext = bytes(sealed.encrypt(b"hello ") + sealed.encrypt(b"world"))
    opened = ac.EntryCipher(keys)
    assert bytes(opened.decrypt(ciphertext)) == b"hello world"
    assert opened.auth_code() == sealed.auth_code() and len(sealed.auth_code()) == 10
