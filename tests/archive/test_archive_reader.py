"""Reading archives back: clear errors for every way a returned archive can be wrong."""

from __future__ import annotations

import io
import threading
import zipfile
from pathlib import Path

import pytest

from ledger_tui.system.archive import zipformat as fmt
from ledger_tui.system.archive.progress import ProgressMeter
from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import (
    ArchiveSource,
    BadEntryName,
    Cancelled,
    CorruptArchive,
    NotAnArchive,
    NotEncrypted,
    SourceError,
    VerifyMismatch,
    WrongPassword,
    write_archive,
)
from tests.archive.conftest import run_7z
from tests.archive.helpers import PASSWORD, address_csv, random_bytes, sha256, write_to_bytes

FILES = {"a.csv": address_csv(200), "b.bin": random_bytes(50_000)}


def _reader(data: bytes) -> ArchiveReader:
    return ArchiveReader(io.BytesIO(data), archive_name="return.zip")


def test_listing_and_extraction_to_callable_and_file_sinks() -> None:
    data, manifest = write_to_bytes(FILES)
    reader = _reader(data)
    assert [(e.name, e.size, e.method, e.encrypted) for e in reader.entries] == [
        ("a.csv", len(FILES["a.csv"]), "deflate", True),
        ("b.bin", 50_000, "stored", True),
    ]
    chunks: list[bytes] = []
    first = reader.extract(reader.entries[0], PASSWORD, chunks.append)
    assert b"".join(chunks) == FILES["a.csv"] and first.sha256 == sha256(FILES["a.csv"])
    sink = io.BytesIO()
    reader.extract(reader.entries[1], PASSWORD, sink)
    assert sink.getvalue() == FILES["b.bin"]
    contents = reader.extract_all(PASSWORD)
    verify_against_manifest(contents, manifest)


def test_wrong_password_is_named_clearly() -> None:
    reader = _reader(write_to_bytes(FILES)[0])
    with pytest.raises(WrongPassword) as caught:
        reader.check_password("WRONG")
    assert caught.value.message("ja") == "パスワードが違います（return.zip の「a.csv」）。"
    assert "Wrong password" in caught.value.message("en")
    with pytest.raises(WrongPassword):
        reader.extract_all("WRONG")


def _data_offset(data: bytes, entry_index: int) -> int:
    record = _reader(data).entries[entry_index].record
    return (
        fmt.local_data_offset(
            data[record.local_offset : record.local_offset + 30], record.local_offset
        )
        + 18
    )


@pytest.mark.parametrize("where", ["ciphertext", "auth code"])
def test_one_flipped_byte_is_a_corrupt_archive_naming_the_entry(where: str) -> None:
    data, _ = write_to_bytes(FILES)
    start = _data_offset(data, 1)
    position = start + 1000 if where == "ciphertext" else start + 50_000 + 3
    damaged = bytearray(data)
    damaged[position] ^= 0x01
    with pytest.raises(CorruptArchive) as caught:
        _reader(bytes(damaged)).extract_all(PASSWORD)
    assert "b.bin" in caught.value.message("ja") and "b.bin" in caught.value.message("en")


def test_a_lying_size_is_corrupt() -> None:
    data, _ = write_to_bytes({"b.bin": random_bytes(5000)})
    cd = data.rfind(fmt.CENTRAL_SIG.to_bytes(4, "little"))
    for size in (4000, 6000):
        damaged = bytearray(data)
        damaged[cd + 24 : cd + 28] = size.to_bytes(4, "little")
        with pytest.raises(CorruptArchive):
            _reader(bytes(damaged)).extract_all(PASSWORD)


@pytest.mark.parametrize("data", [b"", b"not a zip at all" * 100, random_bytes(70_000)])
def test_not_an_archive(data: bytes) -> None:
    with pytest.raises(NotAnArchive):
        _reader(data)


def test_truncated_archive() -> None:
    data, _ = write_to_bytes(FILES)
    with pytest.raises(NotAnArchive):
        _reader(data[:-30])
    with pytest.raises((NotAnArchive, CorruptArchive)):
        _reader(data[:40_000] + data[-200:]).extract_all(PASSWORD)


def test_unencrypted_entries_are_refused() -> None:
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("結果.csv", "氏名\n山田\n")
    reader = _reader(plain.getvalue())
    with pytest.raises(NotEncrypted) as caught:
        reader.extract_all(PASSWORD)
    assert "結果.csv" in caught.value.message("ja")
    with pytest.raises(NotEncrypted):
        reader.check_password(PASSWORD)


def test_zipcrypto_from_7zip_is_refused(seven_zip: Path, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(address_csv(5))
    archive = tmp_path / "weak.zip"
    made = run_7z(seven_zip, "a", "-tzip", f"-p{PASSWORD}", archive, "a.csv", cwd=tmp_path)
    assert made.returncode == 0
    with pytest.raises(NotEncrypted):
        ArchiveReader(archive.open("rb")).extract_all(PASSWORD)


def test_names_that_escape_the_folder_refuse_the_archive() -> None:
    data, _ = write_to_bytes({"aa/x.csv": b"1\n2\n"})
    assert data.count(b"aa/x.csv") == 2
    with pytest.raises(BadEntryName):
        _reader(data.replace(b"aa/x.csv", b"../x.csv")).extract_all(PASSWORD)


def test_duplicate_names_refuse_the_archive() -> None:
    data, _ = write_to_bytes({"a.csv": b"1\n", "b.csv": b"2\n"})
    assert data.count(b"b.csv") == 2
    with pytest.raises(BadEntryName):
        _reader(data.replace(b"b.csv", b"A.CSV")).extract_all(PASSWORD)


def test_writer_refuses_bad_and_duplicate_names() -> None:
    for names in (["../x.csv"], ["a.csv", "A.CSV"], ["aux.txt"], ["dir/"]):
        with pytest.raises(BadEntryName):
            write_to_bytes(dict.fromkeys(names, b"x"))


def test_source_that_changes_or_fails_is_named() -> None:
    with pytest.raises(SourceError) as changed:
        write_archive(
            [ArchiveSource("a.csv", io.BytesIO(b"12345"), 3)],
            io.BytesIO(),
            PASSWORD,
            archive_name="x.zip",
        )
    assert "a.csv" in changed.value.message("en")

    class Vanishing(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise FileNotFoundError(2, "No such file or directory")

    with pytest.raises(SourceError):
        write_archive(
            [ArchiveSource("gone.csv", Vanishing(), None)],
            io.BytesIO(),
            PASSWORD,
            archive_name="x.zip",
        )


class _Tripwire(io.BytesIO):
    """Sets `event` on the second read: a cancel in the middle of a file."""

    def __init__(self, data: bytes, event: threading.Event) -> None:
        super().__init__(data)
        self.event, self.reads = event, 0

    def read(self, size: int | None = -1) -> bytes:
        self.reads += 1
        if self.reads == 2:
            self.event.set()
        return super().read(size)


def test_cancel_stops_writing_and_reading() -> None:
    cancel = threading.Event()
    data = random_bytes(3 << 20)
    with pytest.raises(Cancelled):
        write_archive(
            [ArchiveSource("a.bin", _Tripwire(data, cancel), len(data))],
            io.BytesIO(),
            PASSWORD,
            archive_name="x.zip",
            cancel=cancel,
        )
    archive, _ = write_to_bytes({"a.bin": data})
    stop = threading.Event()
    with pytest.raises(Cancelled):  # cancelled from the sink, on the helper thread
        _reader(archive).extract_all(PASSWORD, lambda entry: lambda chunk: stop.set(), cancel=stop)
    already = threading.Event()
    already.set()
    with pytest.raises(Cancelled):
        _reader(archive).extract_all(PASSWORD, cancel=already)


def test_progress_reports_bytes_total_and_rate() -> None:
    calls: list[tuple[int, int | None, float]] = []
    data = random_bytes(2 << 20)
    write_archive(
        [ArchiveSource("a.bin", io.BytesIO(data), len(data))],
        io.BytesIO(),
        PASSWORD,
        archive_name="x.zip",
        progress=lambda done, total, rate: calls.append((done, total, rate)),
    )
    assert calls[-1][:2] == (len(data), len(data)) and calls[-1][2] > 0


def test_progress_is_throttled_to_ten_a_second() -> None:
    now = [0.0]
    calls: list[int] = []
    meter = ProgressMeter(lambda done, total, rate: calls.append(done), 1000, clock=lambda: now[0])
    for _ in range(100):  # 100 chunks within 0.99 s
        now[0] += 0.0099
        meter.advance(10)
    meter.finish()
    assert 8 <= len(calls) <= 11 and calls[-1] == 1000


def test_verify_against_manifest_names_the_difference() -> None:
    _, manifest = write_to_bytes(FILES)
    other, _ = write_to_bytes({"a.csv": FILES["a.csv"], "b.bin": b"different"})
    with pytest.raises(VerifyMismatch):
        verify_against_manifest(_reader(other).extract_all(PASSWORD), manifest)
    extra, _ = write_to_bytes({**FILES, "c.txt": b"x"})
    with pytest.raises(VerifyMismatch):
        verify_against_manifest(_reader(extra).extract_all(PASSWORD), manifest)


def test_writer_needs_no_seekable_destination() -> None:
    class WriteOnly:
        def __init__(self) -> None:
            self.parts: list[bytes] = []

        def write(self, data: bytes | bytearray) -> int:
            self.parts.append(bytes(data))
            return len(data)

    out = WriteOnly()
    manifest = write_archive(
        [ArchiveSource("a.csv", io.BytesIO(FILES["a.csv"]), None)],
        out,
        PASSWORD,
        archive_name="x.zip",
    )
    data = b"".join(out.parts)
    assert manifest.sha256 == sha256(data)
    verify_against_manifest(_reader(data).extract_all(PASSWORD), manifest)


def test_a_tap_sees_every_plaintext_chunk_in_order_and_can_fail_the_archive() -> None:
    """What the load counts CSV records with, as the bytes stream into the archive."""
    data = address_csv(20_000)  # several chunks
    seen: list[bytes] = []
    source = ArchiveSource("a.csv", io.BytesIO(data), len(data), tap=seen.append)
    out = io.BytesIO()
    manifest = write_archive([source], out, PASSWORD, archive_name="t.zip", chunk_size=1 << 16)
    assert len(seen) > 1 and b"".join(seen) == data
    assert manifest.entries[0].sha256 == sha256(data)

    class Refused(Exception):
        pass

    def refuse(chunk: bytes) -> None:
        raise Refused()

    failing = ArchiveSource("b.csv", io.BytesIO(data), len(data), tap=refuse)
    with pytest.raises(Refused):
        write_archive([failing], io.BytesIO(), PASSWORD, archive_name="t.zip")
