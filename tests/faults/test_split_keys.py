"""A split key never appears in plain outside the encrypted archive: not as an archive
or file name on the stick, not in the ledger's database, not in the trail. A split
column that looks personal (named like 氏名 or 住所, or a different value on every row)
is refused, and nothing is recorded for it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.models.loads import Load
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.services.loading.load import load_medium, plan_load
from tests.conftest import LoopDevice
from tests.faults.conftest import Desk

StickMaker = Callable[..., LoopDevice]


def _csv(path: Path, marker: str, rows: int = 30) -> Path:
    lines = ["調査員,郵便番号,住所,氏名"]
    lines += [
        f"班{marker}{i % 3},1600023,東京都新宿区西新宿{i}丁目,山田 太郎{i}" for i in range(rows)
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return path


def test_split_keys_stay_inside_the_archives(
    fault_desk: Desk, fat_stick: StickMaker, tmp_path: Path
) -> None:
    desk = fault_desk
    device = fat_stick("split", 16)
    number = "税-USB-360"
    desk.blank_stick(device, number)
    marker = uuid.uuid4().hex[:10]
    source = _csv(tmp_path / "住所録.csv", marker)
    result = load_medium(
        desk.ledger, desk.actor, number, device.path, [source], split_column="調査員"
    )
    assert [a.split_key for a in result.archives] == [f"班{marker}{i}" for i in range(3)]
    assert [a.records for a in result.archives] == [10, 10, 10]
    desk.ledger.engine.dispose()  # everything on disk, the WAL checkpointed
    needles = [marker.encode(enc) for enc in ("utf-8", "utf-16-le")]
    ledger_files = [p for p in tmp_path.glob("ledger.sqlite3*") if p.is_file()]
    assert ledger_files
    for path in ledger_files:
        data = path.read_bytes()
        assert not any(needle in data for needle in needles), path
    image = Path(device.backing).read_bytes()
    assert not any(needle in image for needle in needles)
    with desk.ledger.read_session() as session:
        details = " ".join(session.scalars(select(AuditEntry.details)).all())
    assert marker not in details


@pytest.mark.parametrize("column", ["氏名", "住所", " 氏名 "])
def test_a_personal_split_column_is_refused_before_anything(
    fault_desk: Desk, fat_stick: StickMaker, tmp_path: Path, column: str
) -> None:
    desk = fault_desk
    device = fat_stick("personal", 16)
    desk.blank_stick(device, "税-USB-361")
    source = _csv(tmp_path / "住所録.csv", "x")
    with pytest.raises(InvalidInput) as refused:
        plan_load([source], column)
    assert refused.value.key == "load.error.split_personal_column"
    with pytest.raises(InvalidInput):
        load_medium(
            desk.ledger, desk.actor, "税-USB-361", device.path, [source], split_column=column
        )
    with desk.ledger.read_session() as session:
        assert session.scalars(select(Load)).all() == []


def test_a_column_unique_on_every_row_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text("宛名番号,地区\r\n" + "".join(f"{i:08d},新宿\r\n" for i in range(10)))
    with pytest.raises(InvalidInput) as refused:
        plan_load([source], "宛名番号")
    assert refused.value.key == "load.error.split_unique_values"
    assert "different value on every row" in refused.value.message("en")
    assert [a.records for a in plan_load([source], "地区").archives] == [10]
