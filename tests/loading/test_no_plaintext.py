"""No plaintext leaves the process: a marker planted in the source CSV is found nowhere
after a split load and a verify-only intake (not in TMPDIR, the key folder, the SQLite
ledger with its WAL, the stick's image or the device itself), though the same search
finds it in the source."""

from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import pytest

from ledger_tui.services.lending import slips
from ledger_tui.services.loading.intake import intake_returned
from ledger_tui.services.loading.load import load_medium
from tests.integration.lending_world import RESPONSIBLE_CODE
from tests.loading.conftest import Desk
from tests.loading.data import address_csv


def _needles(marker: str) -> list[bytes]:
    return [
        text.encode(encoding)
        for text in (marker, marker[4:])
        for encoding in ("utf-8", "cp932", "utf-16-le")
    ]


def _hits(needles: list[bytes], paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [f"{path}: {needle!r}" for needle in needles if needle in data]
    return found


def test_marker_is_nowhere_but_in_the_source(
    sqlite_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = sqlite_desk
    marker = f"漏洩検査{uuid.uuid4().hex[:12]}"
    source_dir, temp_dir = tmp_path / "source", tmp_path / "tmp"
    source_dir.mkdir()
    temp_dir.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp_dir))
    monkeypatch.setattr(tempfile, "tempdir", None)  # make tempfile read TMPDIR again
    files = [
        address_csv(source_dir / "住所録.csv", 2000, encoding="cp932", areas=True, marker=marker)
    ]
    needles = _needles(marker)
    assert _hits(needles, files)  # the search finds plaintext where it is

    result = load_medium(
        desk.ledger, desk.actor, desk.control_number, desk.path, files, split_column="地区"
    )
    assert result.total_records == 2000
    world = desk.world
    out = slips.draft_out_slip(
        desk.ledger, desk.actor, desk.loan.id, world.out_form(record_count=2000)
    )
    slips.confirm_at_counter(desk.ledger, desk.actor, out.id, RESPONSIBLE_CODE)
    taken = intake_returned(desk.ledger, desk.actor, desk.control_number, desk.path)
    assert taken.returned_records == 2000

    everything = [p for p in tmp_path.rglob("*") if p.is_file() and source_dir not in p.parents]
    assert any(p.suffix == ".img" for p in everything)
    assert any(p.name.startswith("ledger.sqlite3") for p in everything)
    assert any(p.suffix == ".key" for p in everything)
    assert _hits(needles, everything) == []
    with open(desk.path, "rb") as device:
        image = device.read()
    assert not any(needle in image for needle in needles)
