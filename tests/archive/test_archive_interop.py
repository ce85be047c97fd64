"""Interop with the real 7-Zip binary, both ways: what the contractor will run on Windows."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import ArchiveSource, write_archive
from ledger_tui.system.secrets.passwords import generate_password
from tests.archive.conftest import run_7z
from tests.archive.helpers import (
    PASSWORD,
    address_csv,
    random_bytes,
    read_tree,
    sha256,
    write_to_bytes,
    write_tree,
)

FILES = {
    "住所録.csv": address_csv(3000),
    "乱数データ.bin": random_bytes(300_000),
    "空のファイル.txt": b"",
    "資料/調査票 一覧.csv": address_csv(50, seed=2),
}


def _check_with_7z(seven_zip: Path, archive: Path, files: dict[str, bytes], tmp_path: Path) -> None:
    tested = run_7z(seven_zip, "t", f"-p{PASSWORD}", archive)
    assert tested.returncode == 0 and "Everything is Ok" in tested.stdout, tested.stdout
    out = tmp_path / "extracted"
    extracted = run_7z(seven_zip, "x", "-y", f"-p{PASSWORD}", f"-o{out}", archive)
    assert extracted.returncode == 0, extracted.stdout + extracted.stderr
    assert read_tree(out) == files


def test_7zip_opens_our_archive_stored_and_deflated(seven_zip: Path, tmp_path: Path) -> None:
    data, manifest = write_to_bytes(FILES)
    archive = tmp_path / "load.zip"
    archive.write_bytes(data)
    _check_with_7z(seven_zip, archive, FILES, tmp_path)
    listing = run_7z(seven_zip, "l", "-slt", archive).stdout
    assert "Method = AES-256 Deflate" in listing and "Method = AES-256 Store" in listing
    methods = {entry.name: entry.method for entry in manifest.entries}
    assert methods == {
        "住所録.csv": "deflate",
        "乱数データ.bin": "stored",
        "空のファイル.txt": "stored",
        "資料/調査票 一覧.csv": "deflate",
    }
    assert manifest.size == len(data) and manifest.sha256 == sha256(data)
    assert {e.name: e.sha256 for e in manifest.entries} == {
        name: sha256(content) for name, content in FILES.items()
    }
    assert manifest.format == "zip-aes256-ae2"


def test_7zip_opens_a_large_file_crossing_chunk_boundaries(seven_zip: Path, tmp_path: Path) -> None:
    files = {
        "big.bin": random_bytes((21 << 20) + 12_345),  # stored, 22 chunks
        "small-chunks.csv": address_csv(20_000),
    }  # deflated in odd-sized chunks
    archive = tmp_path / "big.zip"
    with archive.open("wb") as out:
        write_archive(
            [ArchiveSource(n, io.BytesIO(d), len(d)) for n, d in files.items()],
            out,
            PASSWORD,
            archive_name="big.zip",
        )
    _check_with_7z(seven_zip, archive, files, tmp_path)
    odd = tmp_path / "odd.zip"
    odd.write_bytes(
        write_to_bytes({"small-chunks.csv": files["small-chunks.csv"]}, chunk_size=65_537)[0]
    )
    _check_with_7z(
        seven_zip, odd, {"small-chunks.csv": files["small-chunks.csv"]}, tmp_path / "odd"
    )


def test_7zip_reads_zip64_records(seven_zip: Path, tmp_path: Path) -> None:
    archive = tmp_path / "zip64.zip"
    data, manifest = write_to_bytes(FILES, force_zip64=True)
    archive.write_bytes(data)
    assert "Zip64" in run_7z(seven_zip, "l", "-slt", archive).stdout
    _check_with_7z(seven_zip, archive, FILES, tmp_path)
    verify_against_manifest(ArchiveReader(io.BytesIO(data)).extract_all(PASSWORD), manifest)
    # sizes unknown up front (a pipe as source): ZIP64 local headers, small central records
    unknown = tmp_path / "unknown.zip"
    with unknown.open("wb") as out:
        write_archive(
            [ArchiveSource(n, io.BytesIO(d), None) for n, d in FILES.items()],
            out,
            PASSWORD,
            archive_name="unknown.zip",
        )
    _check_with_7z(seven_zip, unknown, FILES, tmp_path / "unknown")


def test_7zip_refuses_a_wrong_password_for_our_archive(seven_zip: Path, tmp_path: Path) -> None:
    archive = tmp_path / "load.zip"
    archive.write_bytes(write_to_bytes({"a.csv": address_csv(10)})[0])
    tested = run_7z(seven_zip, "t", "-pWRONG-PASSWORD", archive)
    assert tested.returncode != 0 and "Wrong password" in tested.stdout + tested.stderr


@pytest.mark.parametrize(("level", "method"), [("-mx=0", "stored"), ("-mx=5", "deflate")])
def test_we_read_7zip_archives(seven_zip: Path, tmp_path: Path, level: str, method: str) -> None:
    password = generate_password()  # 7-Zip accepts our passwords for creating archives
    source = tmp_path / "returned"
    files = {
        "回収結果.csv": address_csv(2000, seed=5),
        "写真/外観.jpg": random_bytes(80_000),
        "空.txt": b"",
    }
    write_tree(source, files)
    archive = tmp_path / "return.zip"
    made = run_7z(
        seven_zip, "a", "-tzip", "-mem=AES256", level, f"-p{password}", archive, ".", cwd=source
    )
    assert made.returncode == 0, made.stdout + made.stderr
    reader = ArchiveReader(archive.open("rb"))
    sinks: dict[str, io.BytesIO] = {}
    contents = reader.extract_all(password, lambda e: sinks.setdefault(e.name, io.BytesIO()))
    assert {e.name: e.sha256 for e in contents.entries} == {
        name: sha256(data) for name, data in files.items()
    }
    assert {name: sink.getvalue() for name, sink in sinks.items()} == files
    assert contents.archive_sha256 == sha256(archive.read_bytes())
    methods = {e.name: e.method for e in contents.entries}
    assert methods["回収結果.csv"] == method and methods["写真/外観.jpg"] == "stored"
    assert [e.name for e in reader.entries if e.is_dir] == ["写真/"]


def test_we_read_7zip_aes128(seven_zip: Path, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(address_csv(10))
    archive = tmp_path / "aes128.zip"
    run_7z(seven_zip, "a", "-tzip", "-mem=AES128", f"-p{PASSWORD}", archive, "a.csv", cwd=tmp_path)
    (entry,) = ArchiveReader(archive.open("rb")).extract_all(PASSWORD).entries
    assert entry.sha256 == sha256(address_csv(10))
