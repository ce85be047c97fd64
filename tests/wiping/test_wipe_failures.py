"""A wipe that does not verify never turns its stick blank: the operator's cancel, a
byte changed between write and read-back, an I/O error, a crash of the process running
it (a real child killed mid-run), a run left behind by a crash. Each leaves the run
recorded with its reason and offset, the medium wipe pending and the loan open; the
next complete run makes the stick blank. A stick never turns blank by hand."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from ledger_tui.db.models.wipes import WipeRun
from ledger_tui.domain.errors import Conflict, IllegalTransition
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState, check_manual_move
from ledger_tui.domain.wipes import WipeState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.register import media
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.wiping.records import show_wipe_run, wipe_runs_of_medium
from ledger_tui.system.stick import wipe
from ledger_tui.system.stick.mkfs import FilesystemError
from ledger_tui.system.stick.wipe import (
    Phase,
    RandomPattern,
    VerifyMismatch,
    WipeCancelled,
    WipeIOError,
    WipeProgress,
    Wiper,
)
from tests.conftest import FakeClock
from tests.integration.lending_world import World
from tests.wiping.conftest import MIB, Stick, StickFactory
from tests.wiping.helpers import assert_trail_ok, flip, lent_and_returned, trail

ROOT = Path(__file__).resolve().parents[2]


def _returned(world: World, stick: Stick) -> int:
    """The stick wiped blank, lent and back: wipe pending, its loan back. The loan id."""
    wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    return lent_and_returned(world, stick.control_number).id


def _still_pending(world: World, stick: Stick, loan_id: int | None = None) -> None:
    assert world.medium_state(stick.control_number) is MediumState.WIPE_PENDING
    if loan_id is not None:
        assert lending.show_loan(world.ledger, loan_id).state is LoanState.BACK


def test_cancel_mid_run_leaves_the_medium_wipe_pending(
    world: World, stick_factory: StickFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wipe, "REPORT_INTERVAL", 0.0)  # a report per chunk
    stick = stick_factory(size_mib=32)
    loan_id = _returned(world, stick)
    cancel = threading.Event()

    def progress(report: WipeProgress) -> None:
        if report.phase is Phase.WRITE and report.bytes_done >= 8 * MIB:
            cancel.set()

    with pytest.raises(WipeCancelled) as caught:
        wiping.wipe_medium(
            world.ledger,
            world.actor,
            stick.control_number,
            stick.device,
            progress=progress,
            cancel=cancel,
            chunk_size=4 * MIB,
        )
    assert caught.value.phase is Phase.WRITE
    run = wipe_runs_of_medium(world.ledger, stick.control_number)[0]
    assert run.state is WipeState.CANCELLED and run.failure_key == "error.wipe.cancelled"
    assert run.failure_params["offset"] == caught.value.offset >= 8 * MIB
    assert run.checkpoint_phase == "write" and run.finished_at is not None
    message = run.failure_message("ja")
    assert "消去待ちのまま" in message and "乱数の書き込み" in message
    _still_pending(world, stick, loan_id)
    [cancelled] = trail(world.ledger, "wipe.cancelled")
    assert cancelled["reason"] == "error.wipe.cancelled" and cancelled["phase"] == "write"
    assert trail(world.ledger, "loan.closed") == []

    again = wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    assert again.run.state is WipeState.VERIFIED and again.closed_loan_id == loan_id
    assert world.medium_state(stick.control_number) is MediumState.BLANK
    assert_trail_ok(world.ledger)


def test_a_byte_changed_between_write_and_verify_fails_the_run(
    world: World, stick_factory: StickFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = stick_factory()
    loan_id = _returned(world, stick)
    bad = 5 * MIB + 4321
    verify = Wiper.verify_pass

    def tampered(self: Wiper, pattern: RandomPattern, *args: object) -> tuple[int, float]:
        flip(stick.loop.backing, bad)  # e.g. a stick that silently drops writes
        return verify(self, pattern, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Wiper, "verify_pass", tampered)
    with pytest.raises(VerifyMismatch) as caught:
        wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    assert caught.value.offset == bad
    run = wipe_runs_of_medium(world.ledger, stick.control_number)[0]
    assert run.state is WipeState.FAILED and run.failure_key == "error.wipe.verify_mismatch"
    assert run.errors == ({"phase": "verify", "offset": bad, "recovered": False, "mismatch": True},)
    assert (run.checkpoint_phase, run.checkpoint_offset) == ("verify", bad)
    assert f"{bad:,}" in run.failure_message("en")
    _still_pending(world, stick, loan_id)
    [failed] = trail(world.ledger, "wipe.failed")
    assert failed["offset"] == bad and failed["reason"] == "error.wipe.verify_mismatch"
    assert trail(world.ledger, "certificate.issued")[-1]["wipe_run"] != run.id
    monkeypatch.setattr(Wiper, "verify_pass", verify)  # a good stick again
    assert (
        wiping.wipe_medium(
            world.ledger, world.actor, stick.control_number, stick.device
        ).closed_loan_id
        == loan_id
    )
    assert_trail_ok(world.ledger)


def test_an_io_error_during_the_write_names_its_offset(
    world: World, stick_factory: StickFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = stick_factory()
    wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    with world.ledger.unit_of_work() as uow:  # found dirty at an inspection
        media.move_medium(
            uow,
            world.actor,
            media.get_medium(uow, stick.control_number),
            MediumState.WIPE_PENDING,
            "inspection",
        )
        uow.commit()
    original = Wiper._transfer

    def transfer(self: Wiper, view: memoryview, offset: int, writing: bool, fd: int) -> None:
        if writing and offset <= 9 * MIB < offset + len(view):
            raise OSError(5, "injected: the stick was pulled")
        original(self, view, offset, writing, fd)

    monkeypatch.setattr(Wiper, "_transfer", transfer)
    with pytest.raises(WipeIOError):
        wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    run = wipe_runs_of_medium(world.ledger, stick.control_number)[0]
    assert run.state is WipeState.FAILED and run.failure_key == "error.wipe.io"
    assert run.errors[0]["errno"] == 5 and run.errors[0]["offset"] == 9 * MIB
    _still_pending(world, stick)


CRASHING_WIPE = """
import os, sys
from pathlib import Path
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.auth import login
from ledger_tui.config import Settings
from ledger_tui.services.ledger.bootstrap import open_ledger

url, key_dir, number, device = sys.argv[1:5]
# This process is an entry point: its settings come from its environment.
ledger = open_ledger(url, Path(key_dir), settings=Settings.resolve(db=url))
actor = login(ledger, "admin", "admin-password-123")
save = wiping._save_checkpoint

def checkpoint(ledger, run_id, phase, offset):
    save(ledger, run_id, phase, offset)
    if phase == "write" and offset >= 8 << 20:
        print(run_id, phase, offset, flush=True)
        sys.stdin.readline()  # hold here, checkpoint committed, until the test kills us

wiping._save_checkpoint = checkpoint
wiping.wipe_medium(ledger, actor, number, device, checkpoint_every=4 << 20,
                   chunk_size=4 << 20)
"""


def test_a_crash_mid_run_is_found_interrupted_and_a_new_run_makes_it_blank(
    sqlite_world: World,
    sqlite_stick_factory: StickFactory,
    sqlite_url: str,
    key_dir: Path,
    clock: FakeClock,
) -> None:
    world, stick = sqlite_world, sqlite_stick_factory(size_mib=32)
    loan_id = _returned(world, stick)
    crashing = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CRASHING_WIPE,
            sqlite_url,
            str(key_dir),
            stick.control_number,
            stick.device,
        ],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "LEDGER_TUI_ALLOW_LOOP_DEVICES": "1"},
    )
    try:
        assert crashing.stdout is not None
        run_id, phase, offset = crashing.stdout.readline().split()
    finally:
        crashing.kill()  # SIGKILL mid-write: no cleanup runs, as in a crash or power cut
        crashing.wait()
    assert (phase, int(offset)) == ("write", 8 * MIB)
    left = show_wipe_run(world.ledger, int(run_id))
    assert left.state is WipeState.IN_PROGRESS and left.runner_pid != os.getpid()
    assert (left.checkpoint_phase, left.checkpoint_offset) == ("write", 8 * MIB)
    _still_pending(world, stick, loan_id)

    assert wiping.recover_interrupted_wipes(world.ledger) == [int(run_id)]
    run = show_wipe_run(world.ledger, int(run_id))
    assert run.state is WipeState.INTERRUPTED and run.finished_at is None
    assert run.failure_key == "error.wiping.interrupted"
    message = run.failure_message("ja")
    assert "8,388,608" in message and "乱数の書き込み" in message
    [entry] = trail(world.ledger, "wipe.interrupted")
    assert entry["_actor"] == "system" and entry["offset"] == 8 * MIB
    _still_pending(world, stick, loan_id)
    assert wiping.recover_interrupted_wipes(world.ledger) == []  # once only

    again = wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    assert again.run.state is WipeState.VERIFIED and again.closed_loan_id == loan_id
    assert world.medium_state(stick.control_number) is MediumState.BLANK
    assert_trail_ok(world.ledger)


def _left_running(world: World, stick: Stick, host: str, pid: int) -> int:
    with world.ledger.unit_of_work() as uow:
        medium = media.get_medium(uow, stick.control_number)
        now = uow.now()
        run = WipeRun(
            medium=medium,
            device_node=stick.device,
            method="clear_random_verify",
            passes=1,
            verification="gmac",
            state=WipeState.IN_PROGRESS,
            started_at=now,
            checkpoint_phase="verify",
            checkpoint_offset=3 * MIB,
            checkpoint_at=now,
            runner_host=host,
            runner_pid=pid,
        )
        uow.session.add(run)
        uow.commit()
        return run.id


def test_runs_left_in_progress_here_or_on_a_silent_desk_are_recovered(
    world: World, stick_factory: StickFactory, clock: FakeClock
) -> None:
    import socket

    mine, other = stick_factory(), stick_factory()
    here = _left_running(world, mine, socket.gethostname(), os.getpid())  # not running now
    elsewhere = _left_running(world, other, "desk-2", 4242)
    assert wiping.recover_interrupted_wipes(world.ledger) == [here]
    clock.advance(minutes=9)
    assert wiping.recover_interrupted_wipes(world.ledger) == []  # desk-2 may be alive
    with pytest.raises(Conflict):  # and its stick is not wiped twice meanwhile
        wiping.wipe_medium(world.ledger, world.actor, other.control_number, other.device)
    clock.advance(minutes=2)
    assert wiping.recover_interrupted_wipes(world.ledger, stale_after=timedelta(minutes=10)) == [
        elsewhere
    ]
    assert show_wipe_run(world.ledger, elsewhere).failure_params == {
        "phase": "verify",
        "offset": 3 * MIB,
    }
    # A new wipe recovers what is left by itself and then runs.
    assert (
        wiping.wipe_medium(world.ledger, world.actor, other.control_number, other.device).run.state
        is WipeState.VERIFIED
    )
    assert_trail_ok(world.ledger)


def test_a_stick_becomes_blank_only_through_a_verified_wipe(
    world: World, stick_factory: StickFactory
) -> None:
    stick = stick_factory()
    media.change_state(
        world.ledger, world.actor, stick.control_number, MediumState.WIPE_PENDING, "新規購入品"
    )
    with pytest.raises(IllegalTransition) as caught:
        check_manual_move(MediumKind.USB, MediumState.BLANK, stick.control_number)
    assert "消去と検証が完了したとき" in caught.value.message("ja")
    with pytest.raises(IllegalTransition):  # the register's manual move applies the rule
        media.change_state(
            world.ledger, world.actor, stick.control_number, MediumState.BLANK, "by hand"
        )
    check_manual_move(MediumKind.CDR, MediumState.BLANK, "税-CD-001")  # not a stick
    check_manual_move(MediumKind.USB, MediumState.RETIRED, stick.control_number)
    assert world.medium_state(stick.control_number) is MediumState.WIPE_PENDING
    assert (
        wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device).run.state
        is WipeState.VERIFIED
    )
    assert world.medium_state(stick.control_number) is MediumState.BLANK


def test_a_failed_initialisation_keeps_the_figures_but_not_blank(
    world: World, stick_factory: StickFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = stick_factory()

    def broken(path: str, control_number: str, fs: str = "auto") -> None:
        raise FilesystemError("error.mkfs.failed", tool="mkfs.vfat", detail="injected")

    monkeypatch.setattr(wiping, "make_filesystem", broken)
    with pytest.raises(FilesystemError):
        wiping.wipe_medium(world.ledger, world.actor, stick.control_number, stick.device)
    run = wipe_runs_of_medium(world.ledger, stick.control_number)[0]
    assert run.state is WipeState.FAILED and run.failure_key == "error.mkfs.failed"
    assert run.bytes_verified == 16 * MIB and run.checkpoint_phase == "mkfs"
    assert "injected" in run.failure_message("en")
    assert world.medium_state(stick.control_number) is MediumState.WIPE_PENDING
    assert trail(world.ledger, "wipe.failed")[0]["reason"] == "error.mkfs.failed"
