"""ZIP records (PKWARE APPNOTE 6.3) as the archive writer and reader need them.

Only what WinZip AES archives use: local headers, data descriptors, central directory
headers, the end records, and the ZIP64 and AES extra fields. Builders return bytes;
parsers take bytes and return small typed records. No I/O here.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

LOCAL_SIG = 0x04034B50
DESCRIPTOR_SIG = 0x08074B50
CENTRAL_SIG = 0x02014B50
END_SIG = 0x06054B50
ZIP64_END_SIG = 0x06064B50
ZIP64_LOCATOR_SIG = 0x07064B50

METHOD_STORED = 0
METHOD_DEFLATE = 8
METHOD_AES = 99

FLAG_ENCRYPTED = 0x0001
FLAG_DESCRIPTOR = 0x0008
FLAG_UTF8 = 0x0800

EXTRA_ZIP64 = 0x0001
EXTRA_AES = 0x9901
EXTRA_UNICODE_PATH = 0x7075

VERSION_AES = 51  # 5.1: the version WinZip AES archives declare
VERSION_MADE_BY = VERSION_AES  # host 0 (MS-DOS/FAT): the contractor extracts on Windows
ATTR_ARCHIVE = 0x20

ReadAt = Callable[[int, int], bytes]  # (offset, size) -> bytes

MAX32 = 0xFFFFFFFF
MAX16 = 0xFFFF

LOCAL_FIXED = struct.Struct("<IHHHHHIIIHH")
CENTRAL_FIXED = struct.Struct("<IHHHHHHIIIHHHHHII")
END_FIXED = struct.Struct("<IHHHHIIH")
ZIP64_END_FIXED = struct.Struct("<IQHHIIQQQQ")
ZIP64_LOCATOR = struct.Struct("<IIQI")
AES_EXTRA = struct.Struct("<HHH2sBH")


def dos_datetime(moment: datetime) -> tuple[int, int]:
    """(time, date) in MS-DOS format, local wall time, clamped to 1980..2107."""
    year = min(max(moment.year, 1980), 2107)
    time = (moment.hour << 11) | (moment.minute << 5) | (moment.second // 2)
    date = ((year - 1980) << 9) | (moment.month << 5) | moment.day
    return time, date


def aes_extra(strength: int, real_method: int, vendor_version: int = 2) -> bytes:
    return AES_EXTRA.pack(EXTRA_AES, 7, vendor_version, b"AE", strength, real_method)


def zip64_extra(*values: int) -> bytes:
    return struct.pack(f"<HH{len(values)}Q", EXTRA_ZIP64, 8 * len(values), *values)


def local_header(
    name: bytes, flags: int, dos_time: int, dos_date: int, extra: bytes, *, zip64: bool
) -> bytes:
    """Local header of a streamed entry: CRC and sizes follow in the data descriptor.

    A ZIP64 entry carries a ZIP64 extra field with zero sizes here, which tells readers
    that its data descriptor holds 8-byte sizes (APPNOTE 4.3.9.1).
    """
    if zip64:
        extra = zip64_extra(0, 0) + extra
    size = MAX32 if zip64 else 0
    return (
        LOCAL_FIXED.pack(
            LOCAL_SIG,
            VERSION_AES,
            flags,
            METHOD_AES,
            dos_time,
            dos_date,
            0,
            size,
            size,
            len(name),
            len(extra),
        )
        + name
        + extra
    )


def data_descriptor(crc: int, compressed: int, uncompressed: int, *, zip64: bool) -> bytes:
    if zip64:
        return struct.pack("<IIQQ", DESCRIPTOR_SIG, crc, compressed, uncompressed)
    return struct.pack("<IIII", DESCRIPTOR_SIG, crc, compressed, uncompressed)


@dataclass(frozen=True)
class CentralRecord:
    """What the central directory says about one entry."""

    name: str
    raw_name: bytes
    flags: int
    method: int
    dos_time: int
    dos_date: int
    crc: int
    compressed_size: int
    size: int
    local_offset: int
    external_attr: int
    extra: bytes


def central_header(
    name: bytes,
    flags: int,
    dos_time: int,
    dos_date: int,
    crc: int,
    compressed: int,
    size: int,
    offset: int,
    aes: bytes,
    *,
    force_zip64: bool = False,
) -> bytes:
    big = [value >= MAX32 or force_zip64 for value in (size, compressed, offset)]
    values = [v for v, b in zip((size, compressed, offset), big, strict=True) if b]
    extra = (zip64_extra(*values) if values else b"") + aes
    size_f, comp_f, off_f = (
        MAX32 if b else v for v, b in zip((size, compressed, offset), big, strict=True)
    )
    return (
        CENTRAL_FIXED.pack(
            CENTRAL_SIG,
            VERSION_MADE_BY,
            VERSION_AES,
            flags,
            METHOD_AES,
            dos_time,
            dos_date,
            crc,
            comp_f,
            size_f,
            len(name),
            len(extra),
            0,
            0,
            0,
            ATTR_ARCHIVE,
            off_f,
        )
        + name
        + extra
    )


def end_records(entries: int, cd_offset: int, cd_size: int, *, force_zip64: bool = False) -> bytes:
    """ZIP64 end record and locator (when any field overflows) and the classic end."""
    zip64 = force_zip64 or entries >= MAX16 or cd_offset >= MAX32 or cd_size >= MAX32
    out = b""
    if zip64:
        zip64_end_offset = cd_offset + cd_size
        out += ZIP64_END_FIXED.pack(
            ZIP64_END_SIG,
            ZIP64_END_FIXED.size - 12,
            VERSION_AES,
            45,
            0,
            0,
            entries,
            entries,
            cd_size,
            cd_offset,
        )
        out += ZIP64_LOCATOR.pack(ZIP64_LOCATOR_SIG, 0, zip64_end_offset, 1)
        return out + END_FIXED.pack(END_SIG, 0, 0, MAX16, MAX16, MAX32, MAX32, 0)
    return out + END_FIXED.pack(END_SIG, 0, 0, entries, entries, cd_size, cd_offset, 0)


# --- parsing -------------------------------------------------------------------------


class FormatError(ValueError):
    """The bytes are not the ZIP record expected; the reader turns this into a domain error."""


def iter_extra(extra: bytes) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    pos = 0
    while pos + 4 <= len(extra):
        tag, length = struct.unpack_from("<HH", extra, pos)
        fields.setdefault(tag, extra[pos + 4 : pos + 4 + length])
        pos += 4 + length
    return fields


@dataclass(frozen=True)
class AesInfo:
    vendor_version: int
    strength: int
    real_method: int


def parse_aes_extra(extra: bytes) -> AesInfo | None:
    data = iter_extra(extra).get(EXTRA_AES)
    if data is None or len(data) < 7 or data[2:4] != b"AE":
        return None
    version, _, strength, method = struct.unpack("<H2sBH", data[:7])
    return AesInfo(version, strength, method)


@dataclass(frozen=True)
class EndRecord:
    entries: int
    cd_offset: int
    cd_size: int


def find_end(tail: bytes, read_at: ReadAt) -> EndRecord:
    """Locate the end record in the last bytes of the archive (and its ZIP64 twin)."""
    pos = tail.rfind(END_SIG.to_bytes(4, "little"))
    while pos >= 0 and pos + END_FIXED.size > len(tail):
        pos = tail.rfind(END_SIG.to_bytes(4, "little"), 0, pos)
    if pos < 0:
        raise FormatError("no end of central directory record")
    _, disk, _, _, entries, cd_size, cd_offset, _ = END_FIXED.unpack_from(tail, pos)
    locator_pos = pos - ZIP64_LOCATOR.size
    if locator_pos >= 0 and tail[locator_pos : locator_pos + 4] == ZIP64_LOCATOR_SIG.to_bytes(
        4, "little"
    ):
        _, _, zip64_offset, _ = ZIP64_LOCATOR.unpack_from(tail, locator_pos)
        record = read_at(zip64_offset, ZIP64_END_FIXED.size)
        fields = ZIP64_END_FIXED.unpack(record) if len(record) == ZIP64_END_FIXED.size else None
        if fields is None or fields[0] != ZIP64_END_SIG:
            raise FormatError("broken ZIP64 end record")
        # With ZIP64 the classic record may say 0xFFFF ("see ZIP64", as stream-zip
        # writes it): the ZIP64 record's disk numbers are the ones that count.
        if fields[4] != 0 or fields[5] != 0:
            raise FormatError("multi-volume archives are not supported")
        return EndRecord(entries=fields[7], cd_offset=fields[9], cd_size=fields[8])
    if disk != 0:
        raise FormatError("multi-volume archives are not supported")
    return EndRecord(entries=entries, cd_offset=cd_offset, cd_size=cd_size)


def decode_name(raw: bytes, flags: int, extra: bytes) -> str:
    """UTF-8 when flagged; else Info-ZIP's Unicode path field; else CP932, then CP437.

    7-Zip on Japanese Windows writes non-flagged names in the OEM code page (CP932).
    """
    if flags & FLAG_UTF8:
        return raw.decode("utf-8", errors="replace")
    unicode_path = iter_extra(extra).get(EXTRA_UNICODE_PATH)
    if unicode_path and len(unicode_path) > 5 and unicode_path[0] == 1:
        try:
            return unicode_path[5:].decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("cp932")
    except UnicodeDecodeError:
        return raw.decode("cp437")


def parse_central_directory(data: bytes, count: int) -> list[CentralRecord]:
    records: list[CentralRecord] = []
    pos = 0
    for _ in range(count):
        if pos + CENTRAL_FIXED.size > len(data):
            raise FormatError("central directory is cut short")
        (
            sig,
            _,
            _,
            flags,
            method,
            dos_time,
            dos_date,
            crc,
            comp,
            size,
            name_len,
            extra_len,
            comment_len,
            _,
            _,
            ext_attr,
            offset,
        ) = CENTRAL_FIXED.unpack_from(data, pos)
        if sig != CENTRAL_SIG:
            raise FormatError("bad central directory signature")
        pos += CENTRAL_FIXED.size
        raw_name = data[pos : pos + name_len]
        extra = data[pos + name_len : pos + name_len + extra_len]
        pos += name_len + extra_len + comment_len
        zip64 = iter_extra(extra).get(EXTRA_ZIP64, b"")
        wide = iter(struct.unpack_from(f"<{len(zip64) // 8}Q", zip64))
        try:
            size = next(wide) if size == MAX32 else size
            comp = next(wide) if comp == MAX32 else comp
            offset = next(wide) if offset == MAX32 else offset
        except StopIteration:
            raise FormatError("ZIP64 field missing") from None
        records.append(
            CentralRecord(
                decode_name(raw_name, flags, extra),
                raw_name,
                flags,
                method,
                dos_time,
                dos_date,
                crc,
                comp,
                size,
                offset,
                ext_attr,
                extra,
            )
        )
    return records


def local_data_offset(header: bytes, offset: int) -> int:
    """Where an entry's data starts, from the fixed part of its local header."""
    if len(header) < LOCAL_FIXED.size:
        raise FormatError("local header is cut short")
    fields = LOCAL_FIXED.unpack_from(header)
    if fields[0] != LOCAL_SIG:
        raise FormatError("bad local header signature")
    name_len: int = fields[9]
    extra_len: int = fields[10]
    return offset + LOCAL_FIXED.size + name_len + extra_len


_WINDOWS_FORBIDDEN = set('<>:"|?*\\')
_WINDOWS_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def entry_name_problem(name: str) -> str | None:
    """Why (a text key) `name` cannot be stored or extracted safely on Windows and here.

    None when the name is fine.
    Names are relative '/'-separated paths; each part must be a valid Windows file name,
    so nothing can escape the destination folder (no '..', no drive, no absolute path).
    """
    if not name or name.startswith("/") or len(name.encode("utf-8")) > MAX16:
        return "archive.detail.name_absolute"
    for part in name.rstrip("/").split("/"):
        if part in ("", ".", ".."):
            return "archive.detail.name_dots"
        if any(ord(ch) < 32 for ch in part) or _WINDOWS_FORBIDDEN & set(part):
            return "archive.detail.name_chars"
        if part.endswith((" ", ".")) or part.split(".")[0].upper() in _WINDOWS_RESERVED:
            return "archive.detail.name_reserved"
        if len(part) > 255:
            return "archive.detail.name_long"
    return None
