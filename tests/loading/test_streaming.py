"""The load streams end to end: no CSV is read before the archive is written (each is
counted as its bytes go past), a CSV bigger than the old 128 MiB cap is counted for the
plan with bounded memory, and a count that differs from the confirmed one, or a CSV
that turns out malformed mid-write, fails the load with the stick to wipe. On real
loop devices."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.loading import plan as plan_module
from ledger_tui.services.loading.load import load_medium, plan_load
from ledger_tui.services.loading.records import loads_of_loan
from ledger_tui.system.archive import csvcount
from ledger_tui.system.archive.csvcount import CsvError
from tests.loading.conftest import Desk
from tests.loading.data import address_csv, address_rows


def _load(desk: Desk, files: list[Path], **options: object) -> object:
    return load_medium(desk.ledger, desk.actor, desk.control_number, desk.path, files, **options)  # type: ignore[arg-type]


def _failed(desk: Desk) -> tuple[str | None, bool]:
    (load,) = loads_of_loan(desk.ledger, desk.loan_view().id)
    assert load.state is LoadState.FAILED
    return load.failure_key, load.wrote_to_stick


def test_a_csv_bigger_than_the_old_cap_is_counted_in_bounded_memory(tmp_path: Path) -> None:
    block = ("\r\n".join(address_rows(2000)) + "\r\n").encode("utf-8")
    copies = (129 << 20) // len(block) + 1  # more than the 128 MiB once refused
    source = tmp_path / "住所録.csv"
    with open(source, "wb") as out:
        out.write("郵便番号,住所,方書,氏名\r\n".encode())
        for _ in range(copies):
            out.write(block)
    assert source.stat().st_size > 128 << 20
    tracemalloc.start()
    try:
        plan = plan_load([source])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert plan.total_records == 2000 * copies
    assert plan.archives[0].files[0].encoding == "utf-8"
    assert peak < 24 << 20, peak  # a few chunks, not the file


def test_the_load_reads_each_csv_once_counting_as_it_writes(
    sqlite_desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = address_csv(tmp_path / "住所録.csv", 500)
    plan = plan_load([source])

    def never(*_args: object) -> None:
        raise AssertionError("the CSV was counted before the write")

    monkeypatch.setattr(plan_module, "count_records", never)
    monkeypatch.setattr(csvcount, "count_records", never)
    result = _load(sqlite_desk, [source], expected_records=plan.total_records)
    (archive,) = result.archives  # type: ignore[attr-defined]
    assert [(f.records, f.encoding) for f in archive.files] == [(500, "utf-8")]
    assert sqlite_desk.medium_state() is MediumState.LOADED


def test_a_count_changed_since_the_plan_fails_once_written(
    sqlite_desk: Desk, tmp_path: Path
) -> None:
    source = address_csv(tmp_path / "住所録.csv", 40)
    plan = plan_load([source])
    address_csv(source, 41)  # changed after the operator confirmed 40
    with pytest.raises(DomainError) as failed:
        _load(sqlite_desk, [source], expected_records=plan.total_records)
    assert failed.value.key == "load.error.count_changed"
    assert failed.value.params == {"expected": 40, "found": 41}
    assert _failed(sqlite_desk) == ("load.error.count_changed", True)
    assert sqlite_desk.medium_state() is MediumState.WIPE_PENDING
    assert sqlite_desk.stick.list_files() == []


def test_a_csv_malformed_deep_inside_fails_the_load_it_was_streaming_into(
    sqlite_desk: Desk, tmp_path: Path
) -> None:
    source = address_csv(tmp_path / "住所録.csv", 30_000)  # a few MiB: several chunks
    with open(source, "ab") as out:
        out.write(b'9999999,"never closed,x,y\r\n')
    with pytest.raises(CsvError) as failed:
        _load(sqlite_desk, [source])
    assert failed.value.key == "archive.csv.malformed"
    assert failed.value.params["line"] == 30_002
    assert _failed(sqlite_desk) == ("archive.csv.malformed", True)
    assert sqlite_desk.stick.list_files() == []
