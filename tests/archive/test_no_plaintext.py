"""No plaintext leaves the process: count, split, encrypt, write to the stick, read back,
then search temp dirs, key dir and the stick's image for a marker planted in the source."""

from __future__ import annotations

import io
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ledger_tui.system.archive.csvcount import count_records, part_file_name, split_csv_by_column
from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import ArchiveSource, write_archive
from ledger_tui.system.secrets.keys import KeyStore
from ledger_tui.system.secrets.passwords import generate_password
from ledger_tui.system.secrets.sealing import seal, seal_key_name, unseal
from tests.archive.helpers import address_csv

StickMaker = Callable[..., tuple[Any, Any]]


def _files(root: Path) -> Iterator[Path]:
    yield from (p for p in root.rglob("*") if p.is_file())


def _found(needles: list[bytes], paths: list[Path]) -> list[str]:
    hits = []
    for path in paths:
        data = path.read_bytes()
        hits += [f"{path}: {needle!r}" for needle in needles if needle in data]
    return hits


def test_plaintext_never_reaches_disk(
    fat_stick: StickMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = f"漏洩検査{uuid.uuid4().hex[:12]}"
    source_dir, temp_dir, key_dir = tmp_path / "source", tmp_path / "tmp", tmp_path / "keys"
    for directory in (source_dir, temp_dir):
        directory.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp_dir))
    monkeypatch.setattr(tempfile, "tempdir", None)  # make tempfile read TMPDIR again
    csv_path = source_dir / "住所録.csv"
    areas = ["新宿", "大久保", "戸山"]
    lines = address_csv(3000, marker=marker).decode().splitlines()
    csv_path.write_bytes(
        "\r\n".join(
            [f"地区,{lines[0]}"] + [f"{areas[i % 3]},{line}" for i, line in enumerate(lines[1:])]
        ).encode("cp932")
    )
    needles = [
        enc
        for text in (marker, marker[4:])
        for enc in (text.encode("utf-8"), text.encode("cp932"), text.encode("utf-16-le"))
    ]
    assert _found(needles, [csv_path])  # the search does find plaintext where it is

    stick, device = fat_stick()
    with csv_path.open("rb") as handle:
        counted = count_records(handle, csv_path.name)
    with csv_path.open("rb") as handle:
        split = split_csv_by_column(handle, csv_path.name, "地区")
    password = generate_password()
    keys = KeyStore(key_dir)
    token = seal(keys, seal_key_name("L1"), password, "load:1")
    source_handle = csv_path.open("rb")
    sources = [ArchiveSource(csv_path.name, source_handle, csv_path.stat().st_size)]
    for part in split.parts:
        data = split.encode(part)
        sources.append(
            ArchiveSource(part_file_name(csv_path.name, part.key), io.BytesIO(data), len(data))
        )
    name = "税-USB-001.zip"
    with stick.writer(name) as out:
        manifest = write_archive(sources, out, password, archive_name=name)
    source_handle.close()
    assert unseal(keys, seal_key_name("L1"), token, "load:1") == password
    with stick.open(name) as handle:
        verify_against_manifest(ArchiveReader(handle).extract_all(password), manifest)
        handle.seek(manifest.size // 2)
        ciphertext = handle.read(64)
    assert (counted.records, counted.encoding) == (3000, "cp932")
    assert [(p.key, p.records) for p in split.parts] == [(a, 1000) for a in areas]

    scanned = [*_files(temp_dir), *_files(key_dir), Path(device.backing)]
    assert _found([ciphertext], [Path(device.backing)])  # the image holds the archive
    assert _found([*needles, password.encode()], scanned) == []
    assert sorted(p.parent for p in _files(tmp_path) if _found(needles, [p])) == [source_dir]
