"""Record counts of CSV files in UTF-8 (with or without BOM) and Shift_JIS, and the split."""

from __future__ import annotations

import io
import itertools
import tracemalloc
from typing import BinaryIO, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger_tui.system.archive.csvcount import (
    CsvCounter,
    CsvError,
    count_records,
    part_file_name,
    split_csv_by_column,
)

HEADER = "郵便番号,住所,方書,氏名\r\n"
ROWS = (
    '1600023,東京都新宿区西新宿2-8-1,"ハイツ新宿, 101号",山田 太郎\r\n'
    '1600022,"東京都新宿区新宿\r\n5丁目","",髙橋 ①子\r\n'
    '1690072,東京都新宿区大久保,"""コーポ"" 2F",㈱ 佐藤商事\r\n'
)


def _count(data: bytes, name: str = "住所録.csv") -> tuple[int, str | None]:
    result = count_records(io.BytesIO(data), name)
    return result.records, result.encoding


@pytest.mark.parametrize(
    ("encoding", "expected"), [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"), ("cp932", "cp932")]
)
def test_counts_records_in_each_encoding(encoding: str, expected: str) -> None:
    assert _count((HEADER + ROWS).encode(encoding)) == (3, expected)


@pytest.mark.parametrize(
    "text",
    [
        HEADER + ROWS + "\r\n\r\n",  # trailing blank lines
        (HEADER + ROWS).replace("\r\n", "\n"),  # LF line ends
        (HEADER + ROWS).rstrip("\r\n"),  # no newline at the end
        HEADER + ROWS.replace("\r\n1690072", "\r\n\r\n1690072"),  # a blank line between
    ],
)
def test_line_end_variants_do_not_change_the_count(text: str) -> None:
    assert _count(text.encode("utf-8"))[0] == 3


def test_edge_cases_and_other_files() -> None:
    assert _count(b"") == (0, "utf-8")
    assert _count(HEADER.encode()) == (0, "utf-8")
    assert count_records(io.BytesIO(b"\x89PNG..."), "photo.png").records == 1
    assert count_records(io.BytesIO(b"anything"), "photo.png").kind == "file"


def test_undecodable_bytes_name_file_and_line() -> None:
    data = (HEADER + "1,a,b,c\r\n").encode("utf-8") + b"2,\xff\xfe,x,y\r\n"
    with pytest.raises(CsvError) as caught:
        _count(data)
    assert caught.value.key == "archive.csv.undecodable"
    assert caught.value.params["line"] == 3 and "住所録.csv" in caught.value.message("ja")


def test_nul_and_unterminated_quote_name_the_line() -> None:
    with pytest.raises(CsvError) as nul:
        _count((HEADER + "1,a\x00,b,c\r\n").encode())
    assert (nul.value.key, nul.value.params["line"]) == ("archive.csv.nul", 2)
    with pytest.raises(CsvError) as quote:
        _count((HEADER + '1,"never closed,b,c\r\n2,x,y,z\r\n').encode())
    assert quote.value.key == "archive.csv.malformed"
    assert "quote is never closed" in quote.value.message("en")


# --- properties ----------------------------------------------------------------------

# Characters every candidate encoding can hold, with the troublemakers of CSV.
CHARS = "abcXYZ019 ,\"'\r\n\t東京都新宿区山田太郎髙橋ハイツ①㈱ー－〒"
field = st.text(alphabet=CHARS, max_size=12)
row = st.lists(field, min_size=1, max_size=5)


def _rfc4180(rows: list[list[str]], line_end: str) -> str:
    """RFC 4180 CSV (csv.writer leaves a bare CR unquoted when lines end in LF)."""

    def quote(value: str) -> str:
        needs = any(ch in value for ch in ',"\r\n')
        return '"' + value.replace('"', '""') + '"' if needs else value

    lines = [",".join(map(quote, row)) if row != [""] else '""' for row in rows]
    return "".join(line + line_end for line in lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=row,
    rows=st.lists(row, max_size=20),
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp932"]),
    line_end=st.sampled_from(["\r\n", "\n"]),
)
def test_written_rows_are_counted_in_any_encoding(
    header: list[str], rows: list[list[str]], encoding: str, line_end: str
) -> None:
    data = _rfc4180([header, *rows], line_end).encode(encoding)
    records, detected = _count(data)
    assert records == len(rows)
    assert detected in ("utf-8-sig", "utf-8", "cp932", "euc_jp")
    if encoding == "utf-8-sig" or (encoding == "utf-8" and not data.isascii()):
        assert detected == encoding


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_give_a_count_or_the_documented_error(data: bytes) -> None:
    try:
        records, _ = _count(data)
    except CsvError as error:
        assert error.message("ja") and error.message("en")
    else:
        assert records >= 0


# --- split by investigator area ------------------------------------------------------

SPLIT_SOURCE = (
    "地区,住所,氏名\r\n"
    "新宿,西新宿1,山田\r\n"
    "大久保,大久保2,佐藤\r\n"
    '新宿,"西新宿\r\n3",鈴木\r\n'
    "戸山,戸山1,髙橋\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_split_by_column_keeps_header_order_and_encoding(encoding: str) -> None:
    split = split_csv_by_column(io.BytesIO(SPLIT_SOURCE.encode(encoding)), "a.csv", "地区")
    assert split.encoding == encoding and split.line_end == "\r\n"
    assert [(p.key, p.records) for p in split.parts] == [("新宿", 2), ("大久保", 1), ("戸山", 1)]
    shinjuku = split.encode(split.parts[0])
    assert count_records(io.BytesIO(shinjuku), "b.csv").records == 2
    assert count_records(io.BytesIO(shinjuku), "b.csv").encoding == encoding
    assert shinjuku.decode(encoding).startswith("地区,住所,氏名\r\n新宿,西新宿1,山田")


def test_split_errors() -> None:
    with pytest.raises(CsvError) as missing:
        split_csv_by_column(io.BytesIO(SPLIT_SOURCE.encode()), "a.csv", "調査員")
    assert missing.value.key == "archive.csv.no_such_column"
    with pytest.raises(CsvError):
        split_csv_by_column(io.BytesIO(b""), "a.csv", "地区")
    with pytest.raises(CsvError):
        split_csv_by_column(io.BytesIO("地区,住所\r\n新宿\r\n".encode()), "a.csv", "住所")


def test_part_file_names_are_safe_on_windows() -> None:
    assert part_file_name("住所録.csv", "新宿") == "住所録_新宿.csv"
    assert part_file_name("住所録.csv", 'a/b:c*?"') == "住所録_a_b_c___.csv"
    assert part_file_name("data", "") == "data__.csv"


def test_user_defined_characters_stay_shift_jis() -> None:
    # 外字 (user-defined kanji in names) sit at 0xF040.. in CP932
    assert _count("氏名\r\n".encode("cp932") + b"\xf0\x40\xf0\x41\r\n") == (1, "cp932")


#: Kanji whose EUC-JP bytes are also valid Shift_JIS (half-width katakana pairs): such a
#: file decodes both ways, and used to be taken for Shift_JIS.
_BOTH_WAYS = ["山田", "佐藤", "高橋", "新宿", "大久保", "戸山", "番地", "調査", "有無"]


def test_euc_jp_that_also_decodes_as_shift_jis_is_told_apart() -> None:
    text = "番地,氏名\r\n" + "".join(f"{a},{b}\r\n" for a in _BOTH_WAYS for b in _BOTH_WAYS[:5])
    data = text.encode("euc_jp")
    data.decode("cp932")  # the trap: valid Shift_JIS, as half-width katakana
    assert _count(data) == (len(_BOTH_WAYS) * 5, "euc_jp")
    assert _count(text.encode("cp932")) == (len(_BOTH_WAYS) * 5, "cp932")
    assert _count("氏名,住所\r\n山田,東京都新宿区\r\n".encode("euc_jp")) == (1, "euc_jp")


# --- streaming ---------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=row,
    rows=st.lists(row, max_size=20),
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp932"]),
    line_end=st.sampled_from(["\r\n", "\n", "\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=8),
)
def test_any_chunking_gives_the_count_of_the_whole(
    header: list[str], rows: list[list[str]], encoding: str, line_end: str, cuts: list[int]
) -> None:
    """Chunk borders may fall anywhere: inside a quoted field, between CR and LF, inside a
    multi-byte character or the BOM's first chunk."""
    data = _rfc4180([header, *rows], line_end).encode(encoding)
    points = sorted({0, len(data), *(c % (len(data) + 1) for c in cuts)})
    counter = CsvCounter("a.csv")
    for start, end in itertools.pairwise(points):
        counter.feed(data[start:end])
    assert counter.finish() == count_records(io.BytesIO(data), "a.csv")
    if line_end != "\r":
        assert count_records(io.BytesIO(data), "a.csv").records == len(rows)


@pytest.mark.parametrize(
    ("line", "stray_at"),
    [('2,12" monitor,b,c', 2), ('2,"a"b,c,d', 2), ('2,x,"ok",d\r\n3,"a" ,c,d', 3)],
)
def test_a_quote_that_neither_opens_nor_closes_a_field_is_an_error(
    line: str, stray_at: int
) -> None:
    """RFC 4180: a stray quote would silently swallow the lines up to the next one."""
    with pytest.raises(CsvError) as stray:
        _count((HEADER + line + "\r\n4,x,y,z\r\n").encode())
    assert stray.value.key == "archive.csv.malformed"
    assert stray.value.params["line"] == stray_at
    assert "neither opens nor closes" in stray.value.message("en")


def test_an_unclosed_quote_names_the_line_it_opened_on() -> None:
    with pytest.raises(CsvError) as quote:
        _count((HEADER + '1,a,b,c\r\n2,"never closed,b,c\r\n3,x,y,z\r\n').encode())
    assert quote.value.params["line"] == 3


def test_counting_memory_is_bounded_whatever_the_size() -> None:
    """A 64 MiB CSV counted from a stream: the peak is a few chunks, not the file."""
    block = (ROWS * 3000).encode("utf-8")  # whole rows, under a chunk

    class Stream:
        left = 64 << 20

        def read(self, size: int) -> bytes:
            assert size >= len(block)
            if self.left <= 0:
                return b""
            self.left -= len(block)
            return block

    tracemalloc.start()
    try:
        counted = count_records(cast(BinaryIO, Stream()), "big.csv")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert counted.records > 0 and peak < 16 << 20, peak
