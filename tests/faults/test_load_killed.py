"""`ledger-tui load` killed with SIGKILL at seeded random moments (as a crash or a power
cut would stop it), 20 times, each followed by the recovery: a load never stays "in
progress", a stick whose load did not finish is never lent and goes to "wipe pending",
the refusals name what resolves them, a verified wipe brings the stick back and the
next load on it succeeds. A load that finished before the kill is complete: its
passwords are stored and open the archives on the stick.

Also: a load left running by this host's dead process, or by a silent desk elsewhere,
is recovered; a live one elsewhere is left alone; a load another desk took for dead
stops at its next heartbeat."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from ledger_tui.db.models.loads import Load
from ledger_tui.domain.errors import Conflict, IllegalTransition
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumState
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.unfinished_loads import INTERRUPTED, recover_interrupted_loads
from ledger_tui.services.loading.heartbeat import Heartbeat
from ledger_tui.services.loading.load import load_medium
from ledger_tui.services.loading.records import loads_of_loan, retrieve_password
from ledger_tui.services.runs import STALE_AFTER
from ledger_tui.services.trail.verify import verify_trail
from ledger_tui.services.wiping.wipe import wipe_medium
from ledger_tui.system.archive.reader import ArchiveReader
from ledger_tui.system.stick.fatfs import Stick
from tests.conftest import ADMIN_PASSWORD, LoopDevice
from tests.faults.conftest import HANDLER_CODE, Desk
from tests.loading.data import address_csv, random_file

ROOT = Path(__file__).resolve().parents[2]
SEED = 13
RUNS = 20

StickMaker = Callable[..., LoopDevice]


def _spawn_load(
    desk: Desk, number: str, device: LoopDevice, files: list[Path]
) -> subprocess.Popen[bytes]:
    """The real command line in its own process group (its mcopy child with it)."""
    password, feed = os.pipe()
    os.write(feed, f"{ADMIN_PASSWORD}\n".encode())
    os.close(feed)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ledger_tui",
            "--db",
            desk.url,
            "--operator",
            "admin",
            "--password-stdin",
            "--json",
            "load",
            "--medium",
            number,
            "--device",
            device.path,
            *map(str, files),
        ],
        cwd=ROOT,
        stdin=password,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={
            **os.environ,
            "LEDGER_TUI_KEY_DIR": str(desk.key_dir),
            "LEDGER_TUI_DATA_DIR": str(desk.key_dir.parent),
            "LEDGER_TUI_ALLOW_LOOP_DEVICES": "1",
        },
    )
    os.close(password)
    return process


def _kill_at(process: subprocess.Popen[bytes], deadline: float) -> None:
    """SIGKILL the command (only it, as a crash would) at `deadline` (monotonic) unless
    it ended before; wait until its children are gone too."""
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.002)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.communicate()
    for _ in range(1000):  # mcopy ends when its pipe closes
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.01)


def _on_record(desk: Desk, loan_id: int, previous: int, process: subprocess.Popen[bytes]) -> float:
    """When (monotonic) the command's load appeared on record (or the command ended)."""
    while process.poll() is None:
        load = _latest_load(desk, loan_id)
        if load is not None and load.id != previous:
            break
        time.sleep(0.003)
    return time.monotonic()


def _latest_load(desk: Desk, loan_id: int) -> Load | None:
    with desk.ledger.read_session() as session:
        return session.scalars(
            select(Load).where(Load.loan_id == loan_id).order_by(Load.id.desc()).limit(1)
        ).first()


def _lend(desk: Desk, loan_id: int, records: int = 1) -> None:
    slip = slips.draft_out_slip(desk.ledger, desk.actor, loan_id, desk.out_form(records))
    slips.confirm_at_counter(desk.ledger, desk.actor, slip.id, HANDLER_CODE)


def _check_complete(desk: Desk, number: str, device: LoopDevice, load: Load) -> None:
    """A load that finished: verified, the stick loaded, every archive on it opens with
    its stored password; then it is lent."""
    assert load.state is LoadState.VERIFIED
    assert desk.medium_state(number) is MediumState.LOADED
    (view,) = [v for v in loads_of_loan(desk.ledger, load.loan_id) if v.id == load.id]
    for archive in view.archives:
        password = retrieve_password(desk.ledger, desk.actor, load.id, archive.name)
        with Stick(device.path).open(archive.name) as handle:
            assert ArchiveReader(handle).extract_all(password).archive_sha256 == archive.sha256
    _lend(desk, load.loan_id, load.record_count)  # the out-slip carries the loaded count
    assert desk.medium_state(number) is MediumState.LENT


def _check_interrupted(desk: Desk, number: str, loan_id: int, load_id: int, at_start: bool) -> None:
    """Found interrupted (at the desk's start, or by the next lending of the medium);
    never lendable; the refusals name the wipe."""
    if at_start:
        assert recover_interrupted_loads(desk.ledger) == [load_id]
    with pytest.raises(IllegalTransition) as refused:
        slips.draft_out_slip(desk.ledger, desk.actor, loan_id, desk.out_form())
    assert refused.value.key == "error.lending.needs_wipe"
    assert "登録簿で w" in refused.value.message("ja")
    assert f"ledger-tui wipe --medium {number}" in refused.value.message("en")
    load = _latest_load(desk, loan_id)
    assert load is not None and load.id == load_id
    assert (load.state, load.failure_key) == (LoadState.FAILED, INTERRUPTED)
    (view,) = [v for v in loads_of_loan(desk.ledger, loan_id) if v.id == load_id]
    assert view.archives == ()  # no password was ever stored: nothing may go out
    assert desk.medium_state(number) is MediumState.WIPE_PENDING
    assert lending.show_loan(desk.ledger, loan_id).state is LoanState.DRAFT
    with pytest.raises(IllegalTransition) as again:
        load_medium(desk.ledger, desk.actor, number, "/dev/null", [])
    assert again.value.key == "load.error.needs_wipe"
    assert recover_interrupted_loads(desk.ledger) == []  # once only


def test_load_killed_at_random_moments_always_recovers(
    fault_desk: Desk, fat_stick: StickMaker, tmp_path: Path
) -> None:
    desk = fault_desk
    files = [
        address_csv(tmp_path / "住所録.csv", 1000),
        random_file(tmp_path / "scan.bin", 3 << 20),
    ]
    made = 0

    def new_stick() -> tuple[str, LoopDevice, int]:
        nonlocal made
        made += 1
        number = f"税-USB-{300 + made}"
        device = fat_stick(f"kill{made}", 24)
        return number, device, desk.blank_stick(device, number).id

    # One load to the end: how long the load takes once it is on record.
    number, device, loan_id = new_stick()
    calibration = _spawn_load(desk, number, device, files)
    recorded = _on_record(desk, loan_id, 0, calibration)
    _, err = calibration.communicate()
    whole = time.monotonic() - recorded
    assert calibration.returncode == 0, err.decode()
    first = _latest_load(desk, loan_id)
    assert first is not None
    _check_complete(desk, number, device, first)
    device.close()

    pick = random.Random(SEED)
    outcomes: dict[str, int] = {"before": 0, "interrupted": 0, "complete": 0}
    number, device, loan_id = new_stick()
    for run in range(RUNS):
        # A point in the load (a few just before it is on record, a few after its end).
        moment = pick.uniform(-0.1 * whole, 1.1 * whole)
        before = _latest_load(desk, loan_id)
        previous = before.id if before is not None else 0
        process = _spawn_load(desk, number, device, files)
        if moment < 0:
            _kill_at(process, time.monotonic() + pick.uniform(0.05, 0.3))
        else:
            _kill_at(process, _on_record(desk, loan_id, previous, process) + moment)
        load = _latest_load(desk, loan_id)
        if load is None or load.id == previous:
            outcomes["before"] += 1  # killed before the load was on record: nothing to do
            assert desk.medium_state(number) is MediumState.BLANK
            continue
        if load.state is LoadState.VERIFIED:
            outcomes["complete"] += 1
            _check_complete(desk, number, device, load)
            device.close()
            number, device, loan_id = new_stick()
            continue
        assert load.state is LoadState.IN_PROGRESS, (run, moment, load.state)
        outcomes["interrupted"] += 1
        _check_interrupted(desk, number, loan_id, load.id, at_start=run % 2 == 0)
        wipe_medium(desk.ledger, desk.actor, number, device.path, witness="立会 二郎")
        assert desk.medium_state(number) is MediumState.BLANK
    assert verify_trail(desk.ledger).ok
    # The last stick loads to the end after all that.
    final = _spawn_load(desk, number, device, files)
    _, err = final.communicate()
    assert final.returncode == 0, err.decode()
    last = _latest_load(desk, loan_id)
    assert last is not None
    _check_complete(desk, number, device, last)
    assert outcomes["interrupted"] >= 3, outcomes  # the kills did land mid-load
    print(f"kill -9 outcomes over {RUNS} runs: {outcomes} (a load on record: {whole:.2f} s)")


def _left_running(desk: Desk, loan_id: int, host: str, pid: int, age: timedelta) -> int:
    """A load row as a desk that stopped would leave it."""
    with desk.ledger.unit_of_work() as uow:
        loan = lending.get_loan(uow, loan_id)
        beat = uow.now() - age
        load = Load(
            loan_id=loan_id,
            medium_id=loan.medium_id,
            attempt=1,
            device_node="/dev/sdz",
            state=LoadState.IN_PROGRESS,
            failure_params={},
            started_at=beat,
            heartbeat_at=beat,
            runner_host=host,
            runner_pid=pid,
        )
        uow.session.add(load)
        uow.commit()
        return load.id


def test_loads_left_running_here_or_on_a_silent_desk_are_recovered(
    fault_desk: Desk, fat_stick: StickMaker
) -> None:
    desk = fault_desk
    device = fat_stick("left", 8)
    number = "税-USB-390"
    loan = desk.blank_stick(device, number)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_here = _left_running(desk, loan.id, socket.gethostname(), int(gone.stdout), timedelta(0))
    # The next lending finds it and refuses, naming the wipe.
    with pytest.raises(IllegalTransition) as refused:
        _lend(desk, loan.id)
    assert refused.value.key == "error.lending.needs_wipe"
    found = _latest_load(desk, loan.id)
    assert found is not None and (found.id, found.failure_key) == (dead_here, INTERRUPTED)

    other = "税-USB-391"
    loan2 = desk.blank_stick(fat_stick("left2", 8), other)
    alive = _left_running(desk, loan2.id, "desk-2", 4242, timedelta(minutes=1))
    assert recover_interrupted_loads(desk.ledger) == []  # desk-2 may be loading
    with pytest.raises(IllegalTransition) as running:
        _lend(desk, loan2.id)
    assert running.value.key == "error.lending.load_unfinished"
    assert f"ledger-tui load resolve --load {alive}" in running.value.message("en")
    assert desk.medium_state(other) is MediumState.BLANK
    silent = recover_interrupted_loads(desk.ledger, stale_after=timedelta(seconds=30))
    assert silent == [alive] and dead_here not in silent
    assert desk.medium_state(other) is MediumState.WIPE_PENDING
    assert verify_trail(desk.ledger).ok


def test_a_load_another_desk_took_for_dead_stops_at_its_heartbeat(
    fault_desk: Desk, fat_stick: StickMaker
) -> None:
    desk = fault_desk
    loan = desk.blank_stick(fat_stick("beat", 8), "税-USB-392")
    load_id = _left_running(desk, loan.id, "desk-2", 1, STALE_AFTER + timedelta(minutes=1))
    heartbeat = Heartbeat(desk.ledger, load_id)
    assert recover_interrupted_loads(desk.ledger) == [load_id]
    with pytest.raises(Conflict) as stopped:
        heartbeat.beat()
    assert stopped.value.key == "load.error.no_longer_running_here"
