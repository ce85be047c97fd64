"""Every way a load can fail leaves a consistent ledger and stick: a failed (or cancelled)
load row with the reason's text key, the medium in wipe_pending exactly when something
reached the stick (blank otherwise), the loan still draft, nothing of the archive left
on the stick, and the trail intact. All on real loop devices."""

from __future__ import annotations

import json
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.models.loads import Load, LoadArchive
from ledger_tui.domain.errors import Conflict, DomainError, IllegalTransition, NotFound
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.loading.load import _begin, load_medium, plan_load
from ledger_tui.services.loading.progress import LoadProgress
from ledger_tui.services.loading.records import resolve_interrupted_load, show_load
from ledger_tui.services.register import media
from ledger_tui.services.trail import verify as audit
from ledger_tui.system.archive.errors import (
    Cancelled,
    DiskFull,
    SourceError,
    StickIOError,
    StickReadOnly,
)
from ledger_tui.system.stick.fatfs import Stick
from tests.conftest import LoopDevice, mark_verified_wipe
from tests.loading.conftest import Desk, DeskMaker, format_fat
from tests.loading.data import address_csv, random_file


def _only_load(desk: Desk) -> Load:
    with desk.ledger.read_session() as session:
        (load,) = session.scalars(select(Load)).all()
        assert session.scalars(select(LoadArchive)).all() == []  # nothing half-recorded
        return load


def _assert_failed(
    desk: Desk, key: str, *, wrote: bool, state: LoadState = LoadState.FAILED
) -> Load:
    load = _only_load(desk)
    assert (load.state, load.failure_key, load.wrote_to_stick) == (state, key, wrote)
    assert load.finished_at is not None
    assert desk.medium_state() is (MediumState.WIPE_PENDING if wrote else MediumState.BLANK)
    assert desk.loan_view().state is LoanState.DRAFT
    assert desk.stick.list_files() == []
    assert audit.verify_trail(desk.ledger).ok
    with desk.ledger.read_session() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == f"load.{state.value}")
        ).one()
    details = json.loads(entry.details)
    assert (details["reason"], details["wrote"]) == (key, wrote)
    return load


def _load(desk: Desk, files: list[Path], **options: object) -> None:
    load_medium(desk.ledger, desk.actor, desk.control_number, desk.path, files, **options)  # type: ignore[arg-type]


def test_wrong_stick_is_refused_before_writing(make_desk: DeskMaker, tmp_path: Path) -> None:
    desk = make_desk(serial="/some/other/stick.img")
    with pytest.raises(DomainError) as refused:
        _load(desk, [address_csv(tmp_path / "a.csv", 3)])
    assert refused.value.key == "load.stick.wrong_stick"
    load = _assert_failed(desk, "load.stick.wrong_stick", wrote=False)
    assert load.detected_serial == str(desk.device.backing)
    assert load.failure_params["registered"] == "/some/other/stick.img"


@pytest.fixture
def read_only(sqlite_desk: Desk) -> Iterator[Desk]:
    subprocess.run(["blockdev", "--setro", sqlite_desk.path], check=True)
    try:
        yield sqlite_desk
    finally:
        subprocess.run(["blockdev", "--setrw", sqlite_desk.path], check=True)


def test_read_only_stick(read_only: Desk, tmp_path: Path) -> None:
    with pytest.raises(StickReadOnly):
        _load(read_only, [address_csv(tmp_path / "a.csv", 3)])
    _assert_failed(read_only, "archive.stick.read_only", wrote=False)


def test_no_room_is_refused_before_writing(make_sqlite_desk: DeskMaker, tmp_path: Path) -> None:
    desk = make_sqlite_desk(size_mib=4, fat=())
    with pytest.raises(DomainError) as refused:
        _load(desk, [random_file(tmp_path / "big.bin", 5 << 20)])
    assert refused.value.key == "load.stick.no_room"
    _assert_failed(desk, "load.stick.no_room", wrote=False)


def test_disk_full_mid_write(
    make_sqlite_desk: DeskMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stick fills up while the archive is written (its free space was misreported):
    mtools' real disk-full error, the partial archive deleted, the stick to wipe."""
    desk = make_sqlite_desk(size_mib=4, fat=())
    monkeypatch.setattr(Stick, "free_bytes", lambda self: 1 << 40)
    with pytest.raises(DiskFull):
        _load(desk, [random_file(tmp_path / "big.bin", 5 << 20)])
    _assert_failed(desk, "archive.stick.disk_full", wrote=True)


def test_source_file_vanished_after_the_plan(sqlite_desk: Desk, tmp_path: Path) -> None:
    files = [address_csv(tmp_path / "a.csv", 3), random_file(tmp_path / "b.bin", 1000)]
    plan = plan_load(files)
    files[1].unlink()
    with pytest.raises(SourceError):
        _load(sqlite_desk, files, expected_records=plan.total_records)
    load = _assert_failed(sqlite_desk, "archive.error.source", wrote=False)
    assert load.failure_params["entry"] == "b.bin"


def test_source_file_changes_while_written(sqlite_desk: Desk, tmp_path: Path) -> None:
    """A file cut short while it is being read: the archive was already open on the stick."""
    big = random_file(tmp_path / "photos.bin", 3 << 20)

    def shrink(step: LoadProgress) -> None:
        if step.phase == "write" and step.done:
            big.write_bytes(b"")

    with pytest.raises(SourceError) as failed:
        _load(sqlite_desk, [big], progress=shrink)
    assert failed.value.params["detail"] == "archive.detail.source_changed"
    load = _assert_failed(sqlite_desk, "archive.error.source", wrote=True)
    message = show_load(sqlite_desk.ledger, load.id).failure_message("en")
    assert "photos.bin" in message and "changed while it was being read" in message


def test_cancel_mid_write(sqlite_desk: Desk, tmp_path: Path) -> None:
    cancel = threading.Event()
    seen: list[LoadProgress] = []

    def press_cancel(step: LoadProgress) -> None:
        seen.append(step)
        if step.phase == "write" and step.done:
            cancel.set()

    with pytest.raises(Cancelled):
        _load(
            sqlite_desk,
            [random_file(tmp_path / "a.bin", 3 << 20)],
            progress=press_cancel,
            cancel=cancel,
        )
    assert seen and seen[0].done < 3 << 20  # it stopped in the middle of the file
    _assert_failed(sqlite_desk, "archive.cancelled", wrote=True, state=LoadState.CANCELLED)


def test_loop_devices_refused_without_the_switch(sqlite_desk: Desk, tmp_path: Path) -> None:
    ledger = sqlite_desk.ledger
    ledger.settings = replace(ledger.settings, allow_loop_devices=False)
    with pytest.raises(DomainError) as refused:
        _load(sqlite_desk, [address_csv(tmp_path / "a.csv", 3)])
    assert refused.value.key == "load.stick.loop_not_allowed"
    _assert_failed(sqlite_desk, "load.stick.loop_not_allowed", wrote=False)


def test_stick_that_is_not_empty(sqlite_desk: Desk, tmp_path: Path) -> None:
    """Blank in the register but holding a file: refused, and it needs a wipe again."""
    subprocess.run(
        ["mcopy", "-i", sqlite_desk.path, str(address_csv(tmp_path / "x.csv", 1)), "::/old.csv"],
        check=True,
        capture_output=True,
        env={"MTOOLS_SKIP_CHECK": "1", "PATH": "/usr/bin:/bin"},
    )
    with pytest.raises(DomainError) as refused:
        _load(sqlite_desk, [address_csv(tmp_path / "a.csv", 3)])
    assert refused.value.key == "load.stick.not_empty"
    load = _only_load(sqlite_desk)
    assert (load.state, load.failure_key) == (LoadState.FAILED, "load.stick.not_empty")
    assert sqlite_desk.medium_state() is MediumState.BLANK  # nothing of ours reached it


def test_refusals_before_any_load_row(make_desk: DeskMaker, tmp_path: Path) -> None:
    desk = make_desk()
    files = [address_csv(tmp_path / "a.csv", 3)]
    with pytest.raises(NotFound):
        load_medium(desk.ledger, desk.actor, "税-USB-999", desk.path, files)
    no_loan = make_desk(loan=False)
    with pytest.raises(IllegalTransition) as refused:
        load_medium(desk.ledger, desk.actor, no_loan.control_number, no_loan.path, files)
    assert refused.value.key == "load.error.no_loan"
    media.change_state(
        desk.ledger, desk.actor, desk.control_number, MediumState.WIPE_PENDING, "dirty"
    )
    with pytest.raises(IllegalTransition) as refused:
        _load(desk, files)
    assert refused.value.key == "load.error.needs_wipe"
    with desk.ledger.read_session() as session:
        assert session.scalars(select(Load)).all() == []


def test_a_failed_load_can_be_retried_and_a_running_one_blocks(
    make_desk: DeskMaker, tmp_path: Path
) -> None:
    desk = make_desk()
    files = [address_csv(tmp_path / "a.csv", 3)]
    with pytest.raises(SourceError):
        _load(desk, [*files, tmp_path / "missing.csv"])
    result = load_medium(desk.ledger, desk.actor, desk.control_number, desk.path, files)
    assert show_load(desk.ledger, result.load_id).attempt == 2

    other = make_desk()
    job = _begin(other.ledger, other.actor, other.control_number, other.path, None)
    with pytest.raises(Conflict) as busy:
        _load(other, files)
    assert busy.value.key == "load.error.running"
    resolved = resolve_interrupted_load(other.ledger, other.actor, job.load_id)
    assert (resolved.state, resolved.failure_key) == (LoadState.FAILED, "load.error.interrupted")
    assert other.medium_state() is MediumState.WIPE_PENDING
    assert lending.show_loan(other.ledger, other.loan.id).state is LoanState.DRAFT
    assert audit.verify_trail(other.ledger).ok


def test_stick_failing_mid_write(
    make_sqlite_desk: DeskMaker, tmp_path: Path, loop_device_factory: Callable[..., LoopDevice]
) -> None:
    """The stick's writes start failing part-way (EIO, as when it is pulled or breaks):
    the load is failed with the reason, the partial archive is gone, the stick must be
    wiped, the loan is back to draft and nothing is half-recorded."""
    world_desk = make_sqlite_desk()
    device = loop_device_factory(size_mib=48, name="failing", failing_after=20 << 20)
    format_fat(device, "-F", "32")
    number = "税-USB-190"
    media.register_medium(
        world_desk.ledger, world_desk.actor, media.MediumForm(number, serial=str(device.backing))
    )
    mark_verified_wipe(world_desk.ledger, world_desk.actor, number)
    desk = Desk(
        world_desk.world,
        world_desk.ledger,
        world_desk.actor,
        device,
        Stick(device.path),
        world_desk.world.loan(number),
        number,
    )
    with pytest.raises(StickIOError):
        _load(desk, [random_file(tmp_path / "photos.bin", 30 << 20)])
    _assert_failed(desk, "archive.stick.io_error", wrote=True)
