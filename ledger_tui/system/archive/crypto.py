"""WinZip AES (AE-1/AE-2) key derivation and the little-endian AES-CTR keystream.

WinZip AES counts its CTR blocks with a 128-bit little-endian counter starting at 1,
while every CTR mode in `cryptography` counts big-endian; no rearrangement of a
big-endian counter yields the same blocks (the byte that changes first sits at the
other end of the block). So the keystream is made with AES-ECB over a buffer of counter
blocks. The buffer holds 65,536 blocks whose two low bytes are fixed (0..65535) and
whose fourteen high bytes change once per batch with a strided write: making counters
costs almost nothing. XOR of keystream and data is the remaining bulk step; Python has
no fast XOR of byte strings, so `nettle_memxor3` from libnettle (present wherever
GnuTLS is, i.e. on every Debian with apt) is called through ctypes when it can be
loaded, and arbitrary-precision integers do it otherwise (about 4x slower). Both paths
are tested to agree.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PBKDF2_ROUNDS = 1000
AUTH_CODE_BYTES = 10
VERIFIER_BYTES = 2
# WinZip AES strength code -> (key bytes, salt bytes)
STRENGTHS: dict[int, tuple[int, int]] = {1: (16, 8), 2: (24, 12), 3: (32, 16)}
AES256 = 3

_BLOCK = 16
_BATCH_BLOCKS = 1 << 16  # the two low counter bytes run through a whole batch
_BATCH_BYTES = _BATCH_BLOCKS * _BLOCK

# xor(out, out_offset, data, data_offset, keystream, keystream_offset, length)
XorFn = Callable[[bytearray, int, "bytes | bytearray", int, bytearray, int, int], None]


@dataclass(frozen=True)
class AesKeys:
    """Keys derived from password and salt: AES key, HMAC-SHA1 key, password verifier."""

    aes_key: bytes
    hmac_key: bytes
    verifier: bytes


def derive_keys(password: bytes, salt: bytes, strength: int = AES256) -> AesKeys:
    key_len, salt_len = STRENGTHS[strength]
    if len(salt) != salt_len:
        raise ValueError(f"AES strength {strength} needs a {salt_len}-byte salt")
    material = hashlib.pbkdf2_hmac(
        "sha1", password, salt, PBKDF2_ROUNDS, 2 * key_len + VERIFIER_BYTES
    )
    return AesKeys(material[:key_len], material[key_len : 2 * key_len], material[2 * key_len :])


def _xor_with_ints(
    out: bytearray,
    at: int,
    data: bytes | bytearray,
    data_at: int,
    keystream: bytearray,
    ks_at: int,
    n: int,
) -> None:
    value = int.from_bytes(data[data_at : data_at + n], "little") ^ int.from_bytes(
        keystream[ks_at : ks_at + n], "little"
    )
    out[at : at + n] = value.to_bytes(n, "little")


def _base_address(buffer: bytes | bytearray) -> int:
    if isinstance(buffer, bytes):
        address = ctypes.cast(ctypes.c_char_p(buffer), ctypes.c_void_p).value
    else:
        address = ctypes.addressof(ctypes.c_char.from_buffer(buffer))
    assert address is not None
    return address


def _load_memxor3() -> XorFn | None:
    name = ctypes.util.find_library("nettle")
    if not name:
        return None
    try:
        memxor3 = ctypes.CDLL(name).nettle_memxor3
    except (OSError, AttributeError):
        return None
    memxor3.restype = ctypes.c_void_p
    memxor3.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t]

    def xor(
        out: bytearray,
        at: int,
        data: bytes | bytearray,
        data_at: int,
        keystream: bytearray,
        ks_at: int,
        n: int,
    ) -> None:
        if n:  # ctypes releases the GIL for the call
            memxor3(
                _base_address(out) + at,
                _base_address(data) + data_at,
                _base_address(keystream) + ks_at,
                n,
            )

    return xor


_FAST_XOR = _load_memxor3()


def xor_backend() -> str:
    """Which XOR is in use ("nettle" or "int"): reported by the benchmark."""
    return "nettle" if _FAST_XOR is not None else "int"


class LittleEndianCtr:
    """AES-CTR with WinZip's little-endian counter; the position carries across calls.

    Encryption and decryption are the same operation (`apply`).
    """

    def __init__(
        self,
        aes_key: bytes,
        *,
        first_block: int = 1,
        xor: XorFn | None = None,
    ) -> None:
        """`first_block` is the counter of the first block: WinZip always starts at 1."""
        self._ecb = Cipher(algorithms.AES(aes_key), modes.ECB()).encryptor()
        self._xor: XorFn = xor or _FAST_XOR or _xor_with_ints
        counters = bytearray(_BATCH_BYTES)
        counters[0::_BLOCK] = bytes(range(256)) * 256
        counters[1::_BLOCK] = b"".join(bytes([high]) * 256 for high in range(256))
        self._counters = counters
        self._high = 0  # the batch number = counter >> 16, kept in bytes 2..15
        self._stream = bytearray(_BATCH_BYTES + _BLOCK - 1)  # room update_into asks for
        self._load_batch(first_block >> 16)
        self._pos = (first_block & 0xFFFF) * _BLOCK

    def _load_batch(self, high: int) -> None:
        old, self._high = self._high, high
        for index in range(14):
            shift = 8 * index
            byte = (high >> shift) & 0xFF
            if byte != (old >> shift) & 0xFF:
                self._counters[2 + index :: _BLOCK] = bytes([byte]) * _BATCH_BLOCKS
        self._ecb.update_into(self._counters, self._stream)
        self._pos = 0

    def apply(self, data: bytes | bytearray) -> bytearray:
        n = len(data)
        out = bytearray(n)
        done = 0
        while done < n:
            if self._pos == _BATCH_BYTES:
                self._load_batch(self._high + 1)
            take = min(n - done, _BATCH_BYTES - self._pos)
            self._xor(out, done, data, done, self._stream, self._pos, take)
            self._pos += take
            done += take
        return out


class EntryCipher:
    """One entry's encryption state: CTR keystream plus HMAC-SHA1 over the ciphertext."""

    def __init__(self, keys: AesKeys, *, xor: XorFn | None = None) -> None:
        self._ctr = LittleEndianCtr(keys.aes_key, xor=xor)
        self._mac = hmac.new(keys.hmac_key, digestmod=hashlib.sha1)

    def encrypt(self, plaintext: bytes | bytearray) -> bytearray:
        ciphertext = self._ctr.apply(plaintext)
        self._mac.update(ciphertext)
        return ciphertext

    def decrypt(self, ciphertext: bytes | bytearray) -> bytearray:
        self._mac.update(ciphertext)
        return self._ctr.apply(ciphertext)

    def auth_code(self) -> bytes:
        return self._mac.digest()[:AUTH_CODE_BYTES]
