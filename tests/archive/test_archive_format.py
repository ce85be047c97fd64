"""ZIP records: ZIP64 fields past 4 GiB, end records, names that are safe to extract."""

from __future__ import annotations

import struct

import pytest

from ledger_tui.system.archive import zipformat as fmt

FIVE_GIB = 5 << 30


def test_central_header_moves_large_values_into_zip64_field() -> None:
    aes = fmt.aes_extra(3, fmt.METHOD_STORED)
    record = fmt.central_header(
        "大きい.bin".encode(), fmt.FLAG_UTF8, 0, 0x21, 0, FIVE_GIB + 28, FIVE_GIB, 7 << 30, aes
    )
    fixed = fmt.CENTRAL_FIXED.unpack_from(record)
    assert fixed[8] == fixed[9] == fixed[16] == fmt.MAX32  # sizes and offset point at ZIP64
    (parsed,) = fmt.parse_central_directory(record, 1)
    assert (parsed.name, parsed.size, parsed.compressed_size, parsed.local_offset) == (
        "大きい.bin",
        FIVE_GIB,
        FIVE_GIB + 28,
        7 << 30,
    )
    aes_info = fmt.parse_aes_extra(parsed.extra)
    assert aes_info == fmt.AesInfo(vendor_version=2, strength=3, real_method=0)


def test_small_entries_have_no_zip64_field_unless_forced() -> None:
    aes = fmt.aes_extra(3, fmt.METHOD_DEFLATE)
    plain = fmt.central_header(b"a.csv", 0, 0, 0x21, 0, 100, 300, 0, aes)
    assert fmt.EXTRA_ZIP64 not in fmt.iter_extra(fmt.parse_central_directory(plain, 1)[0].extra)
    forced = fmt.central_header(b"a.csv", 0, 0, 0x21, 0, 100, 300, 0, aes, force_zip64=True)
    (parsed,) = fmt.parse_central_directory(forced, 1)
    assert struct.unpack("<3Q", fmt.iter_extra(parsed.extra)[fmt.EXTRA_ZIP64]) == (300, 100, 0)
    assert (parsed.size, parsed.compressed_size, parsed.local_offset) == (300, 100, 0)


def test_end_records_switch_to_zip64_past_4_gib() -> None:
    cd_offset, cd_size = FIVE_GIB, 1234
    tail = fmt.end_records(3, cd_offset, cd_size)
    assert tail.startswith(fmt.ZIP64_END_SIG.to_bytes(4, "little"))
    archive_tail = b"\0" * 10 + tail  # what precedes does not matter to the parser
    zip64_end_at = cd_offset + cd_size

    def read_at(offset: int, size: int) -> bytes:
        assert offset == zip64_end_at
        return tail[:size]

    end = fmt.find_end(archive_tail, read_at)
    assert (end.entries, end.cd_offset, end.cd_size) == (3, cd_offset, cd_size)
    small = fmt.end_records(3, 1000, 200)
    assert len(small) == fmt.END_FIXED.size
    assert fmt.find_end(small, read_at) == fmt.EndRecord(3, 1000, 200)


def test_zip64_end_whose_classic_record_says_see_zip64_for_the_disk() -> None:
    """APPNOTE 4.4.1.4: with ZIP64, a classic field of 0xFFFF means "see the ZIP64
    record" (stream-zip writes the disk numbers so); it was refused as multi-volume."""
    tail = bytearray(fmt.end_records(3, FIVE_GIB, 1234))
    classic = len(tail) - fmt.END_FIXED.size
    struct.pack_into("<HH", tail, classic + 4, 0xFFFF, 0xFFFF)

    def read_at(offset: int, size: int) -> bytes:
        return bytes(tail[:size])

    assert fmt.find_end(bytes(tail), read_at) == fmt.EndRecord(3, FIVE_GIB, 1234)
    struct.pack_into("<I", tail, 16, 1)  # the ZIP64 record's own disk number: a 2nd volume
    with pytest.raises(fmt.FormatError):
        fmt.find_end(bytes(tail), read_at)
    small = bytearray(fmt.end_records(3, 1000, 200))
    struct.pack_into("<H", small, 4, 1)  # without ZIP64, a disk number is a disk number
    with pytest.raises(fmt.FormatError):
        fmt.find_end(bytes(small), read_at)


def test_local_header_and_descriptor_of_a_zip64_entry() -> None:
    header = fmt.local_header(b"x", fmt.FLAG_DESCRIPTOR, 0, 0x21, b"", zip64=True)
    fixed = fmt.LOCAL_FIXED.unpack_from(header)
    assert fixed[7] == fixed[8] == fmt.MAX32
    assert fmt.iter_extra(header[fmt.LOCAL_FIXED.size + 1 :])[fmt.EXTRA_ZIP64] == bytes(16)
    assert len(fmt.data_descriptor(0, FIVE_GIB, FIVE_GIB, zip64=True)) == 24
    assert len(fmt.data_descriptor(0, 5, 5, zip64=False)) == 16


@pytest.mark.parametrize("name", ["a.csv", "フォルダ/住所録.csv", "x/y/z.txt", "folder/"])
def test_safe_names(name: str) -> None:
    assert fmt.entry_name_problem(name) is None


@pytest.mark.parametrize(
    "name",
    [
        "",
        "/etc/passwd",
        "../x",
        "a/../../x",
        "a//b",
        "c:x",
        "a\\b",
        "con.txt",
        "NUL",
        "name.",
        "tab\there",
        "a?",
    ],
)
def test_unsafe_names(name: str) -> None:
    assert fmt.entry_name_problem(name)


def test_names_without_utf8_flag_decode_as_cp932() -> None:
    assert fmt.decode_name("住所録.csv".encode("cp932"), 0, b"") == "住所録.csv"
    assert fmt.decode_name("住所録.csv".encode(), fmt.FLAG_UTF8, b"") == "住所録.csv"
