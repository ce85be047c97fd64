"""Test data and small helpers shared by the archive tests."""

from __future__ import annotations

import hashlib
import io
import random
from pathlib import Path

from ledger_tui.system.archive.writer import ArchiveManifest, ArchiveSource, write_archive

PASSWORD = "K7MX-3FHT-9ACE-WXYV"


def address_csv(rows: int, seed: int = 1, marker: str = "") -> bytes:
    """A CSV like the tax system's export: 〒, address, 方書, name (deflates well)."""
    pick = random.Random(seed)
    lines = ["郵便番号,住所,方書,氏名"]
    for i in range(rows):
        lines.append(
            f"{pick.randint(1000000, 9999999)},東京都新宿区西新宿{i % 9 + 1}丁目"
            f'{pick.randint(1, 30)}番,"ハイツ, {i}号",山田 太郎{i}{marker}'
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def random_bytes(size: int, seed: int = 7) -> bytes:
    return random.Random(seed).randbytes(size) if size else b""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_to_bytes(
    files: dict[str, bytes], password: str = PASSWORD, **options: object
) -> tuple[bytes, ArchiveManifest]:
    out = io.BytesIO()
    sources = [ArchiveSource(name, io.BytesIO(data), len(data)) for name, data in files.items()]
    manifest = write_archive(sources, out, password, archive_name="test.zip", **options)  # type: ignore[arg-type]
    return out.getvalue(), manifest


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def read_tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }
