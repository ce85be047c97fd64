"""Fixtures for loading and intake: a lending world, a FAT32 loop device registered as a
blank stick with a draft loan, source files, and the real 7-Zip."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.media import MediumState
from ledger_tui.services import auth
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending.loans import LoanView
from ledger_tui.services.register import media
from ledger_tui.system.stick.fatfs import Stick
from tests.archive.conftest import run_7z, seven_zip  # noqa: F401  (shared with the archive tests)
from tests.conftest import mark_verified_wipe
from tests.integration.lending_world import World, build_world

CONTROL = "税-USB-101"


@dataclass
class Desk:
    """A ledger world with one registered blank stick (a real FAT32 loop device) and its
    draft loan."""

    world: World
    ledger: Ledger
    actor: Actor
    device: Any  # tests.conftest.LoopDevice
    stick: Stick
    loan: LoanView
    control_number: str = CONTROL

    @property
    def path(self) -> str:
        return str(self.device.path)

    def medium_state(self) -> MediumState:
        return media.show_medium(self.ledger, self.control_number).state

    def loan_view(self) -> LoanView:
        return lending.show_loan(self.ledger, self.loan.id)


def format_fat(device: Any, *options: str) -> None:
    subprocess.run(
        ["mkfs.vfat", *options, "-n", "LEDGER", device.path], check=True, capture_output=True
    )


DeskMaker = Callable[..., Desk]


def _desk_maker(ledger: Ledger, actor: Actor, loop_device_factory: Callable[..., Any]) -> DeskMaker:
    world = build_world(ledger, actor)
    made = 0

    def make(
        size_mib: int = 64,
        fat: tuple[str, ...] = ("-F", "32"),
        serial: str | None = None,
        loan: bool = True,
    ) -> Desk:
        nonlocal made
        made += 1
        device = loop_device_factory(size_mib=size_mib, name=f"desk{made}")
        format_fat(device, *fat)
        number = CONTROL if made == 1 else f"税-USB-{100 + made}"
        media.register_medium(
            ledger,
            actor,
            media.MediumForm(number, serial=serial if serial is not None else str(device.backing)),
        )
        mark_verified_wipe(ledger, actor, number)
        view = world.loan(number) if loan else None
        return Desk(
            world,
            ledger,
            actor,
            device,
            Stick(device.path),
            view,  # type: ignore[arg-type]
            number,
        )

    return make


@pytest.fixture
def make_desk(
    ledger: Ledger, admin: Actor, loop_device_factory: Callable[..., Any], allow_loop_devices: None
) -> DeskMaker:
    """Desks on the parametrized ledger (SQLite and PostgreSQL)."""
    return _desk_maker(ledger, admin, loop_device_factory)


@pytest.fixture
def make_sqlite_desk(
    sqlite_ledger: Ledger, loop_device_factory: Callable[..., Any], allow_loop_devices: None
) -> DeskMaker:
    """Desks on SQLite only, for the device-heavy tests."""
    actor = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", "admin-password-123")
    return _desk_maker(sqlite_ledger, actor, loop_device_factory)


@pytest.fixture
def desk(make_desk: DeskMaker) -> Desk:
    return make_desk()


@pytest.fixture
def sqlite_desk(make_sqlite_desk: DeskMaker) -> Desk:
    return make_sqlite_desk()
