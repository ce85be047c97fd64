"""A stick that fails under a load is named for what happened to it: made read-only,
gone (pulled), an I/O error, full. Each has its own message in both languages; the load
is failed with that reason and the stick waits for its wipe."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.media import MediumState
from ledger_tui.i18n import t
from ledger_tui.services.loading import load as load_module
from ledger_tui.services.loading.load import load_medium
from ledger_tui.services.loading.progress import LoadProgress
from ledger_tui.services.loading.records import loads_of_loan
from ledger_tui.system.archive.errors import DiskFull, StickReadOnly
from ledger_tui.system.stick.fatfs import Stick
from tests.conftest import LoopDevice
from tests.faults.conftest import Desk
from tests.loading.data import random_file

StickMaker = Callable[..., LoopDevice]
FAULT_KEYS = (
    "archive.stick.read_only",
    "archive.stick.vanished",
    "archive.stick.io_error",
    "archive.stick.disk_full",
)


def test_each_fault_has_its_own_message() -> None:
    for lang in ("ja", "en"):
        said = {t(key, lang, device="/dev/sdz") for key in FAULT_KEYS}
        assert len(said) == len(FAULT_KEYS)


@contextmanager
def _read_only(device: LoopDevice) -> Iterator[None]:
    subprocess.run(["blockdev", "--setro", device.path], check=True)
    try:
        yield
    finally:
        subprocess.run(["blockdev", "--setrw", device.path], check=True)


@contextmanager
def _pulled(device: LoopDevice) -> Iterator[None]:
    """The device node disappears, as when the stick is pulled (it comes back after)."""
    hidden = f"{device.path}.pulled"
    os.rename(device.path, hidden)
    try:
        yield
    finally:
        os.rename(hidden, device.path)


FAULTS = {
    "read_only": (_read_only, "archive.stick.read_only"),
    "pulled": (_pulled, "archive.stick.vanished"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_stick_failing_under_a_load_is_named_for_what_happened(
    fault: str, fault_desk: Desk, fat_stick: StickMaker, tmp_path: Path
) -> None:
    desk = fault_desk
    device = fat_stick("fault", 40)
    number = "税-USB-350"
    loan = desk.blank_stick(device, number)
    make_fault, key = FAULTS[fault]
    active: list[object] = []

    def strike(step: LoadProgress) -> None:
        # At the first report of the write phase: the rest of the 12 MiB is still to be
        # written, so the fault lands under the load however busy the machine is.
        if step.phase == "write" and not active:
            context = make_fault(device)
            context.__enter__()
            active.append(context)

    try:
        with pytest.raises(DomainError) as failed:
            load_medium(
                desk.ledger,
                desk.actor,
                number,
                device.path,
                [random_file(tmp_path / "scan.bin", 12 << 20)],
                progress=strike,
            )
    finally:
        for context in active:
            context.__exit__(None, None, None)  # type: ignore[attr-defined]
    assert active, "the fault was never made"
    assert failed.value.key == key, failed.value.message("en")
    (load,) = loads_of_loan(desk.ledger, loan.id)
    assert (load.state, load.failure_key) == (LoadState.FAILED, key)
    assert desk.medium_state(number) is MediumState.WIPE_PENDING


def test_mtools_saying_disk_full_on_a_read_only_stick_means_read_only(
    fat_stick: StickMaker,
) -> None:
    """mtools reports a write refused by a read-only stick as "Disk full" at times: the
    device's own read-only flag is what the operator is told."""
    device = fat_stick("ro", 8)
    stick = Stick(device.path)
    said = "plain_io: Operation not permitted\nDisk full\n"
    assert isinstance(stick._classify("Disk full\n"), DiskFull)
    with _read_only(device):
        assert isinstance(stick._classify("Disk full\n"), StickReadOnly)
        assert isinstance(stick._classify(said), StickReadOnly)


def test_sources_bigger_than_the_stick_are_refused_before_a_byte_is_read(
    fault_desk: Desk, fat_stick: StickMaker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = fault_desk
    device = fat_stick("small", 16)
    loan = desk.blank_stick(device, "税-USB-351")
    big = tmp_path / "scan.bin"
    with open(big, "wb") as handle:
        handle.truncate(2 << 30)

    def never(*_args: object) -> None:
        raise AssertionError("the sources were read")

    monkeypatch.setattr(load_module, "prepare_load", never)
    with pytest.raises(DomainError) as refused:
        load_medium(desk.ledger, desk.actor, "税-USB-351", device.path, [big])
    assert refused.value.key == "load.stick.no_room"
    (load,) = loads_of_loan(desk.ledger, loan.id)
    assert (load.failure_key, load.wrote_to_stick) == ("load.stick.no_room", False)
    assert desk.medium_state("税-USB-351") is MediumState.BLANK
