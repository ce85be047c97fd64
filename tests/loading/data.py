"""Source files for the loading tests: a tax-system style CSV (optionally with an area
column and a planted marker) and incompressible bytes."""

from __future__ import annotations

import random
from pathlib import Path

AREAS = ("新宿", "大久保", "戸山")


def address_rows(rows: int, seed: int = 1, marker: str = "") -> list[str]:
    pick = random.Random(seed)
    return [
        f"{pick.randint(1000000, 9999999)},東京都新宿区西新宿{i % 9 + 1}丁目"
        f'{pick.randint(1, 30)}番,"ハイツ, {i}号",山田 太郎{i}{marker}'
        for i in range(rows)
    ]


def address_csv(
    path: Path,
    rows: int,
    *,
    encoding: str = "utf-8",
    areas: bool = False,
    marker: str = "",
    seed: int = 1,
) -> Path:
    """郵便番号,住所,方書,氏名 (with 地区 first when `areas`), CRLF, `rows` data rows."""
    header = "郵便番号,住所,方書,氏名"
    lines = address_rows(rows, seed, marker)
    if areas:
        header = "地区," + header
        lines = [f"{AREAS[i % len(AREAS)]},{line}" for i, line in enumerate(lines)]
    path.write_bytes(("\r\n".join([header, *lines]) + "\r\n").encode(encoding))
    return path


def random_file(path: Path, size: int, seed: int = 7) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path
