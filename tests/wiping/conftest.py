"""Fixtures for the wipe service: the lending world (tests.integration.lending_world),
real loop devices standing in for USB sticks (LEDGER_TUI_ALLOW_LOOP_DEVICES=1), each
registered in the ledger with its backing file's path as serial, as the guards read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.register import media
from ledger_tui.system.stick.blockdev import describe_device
from tests.conftest import LoopDevice
from tests.integration.lending_world import World, build_world
from tests.printing import conftest as printing_fixtures
from tests.system import conftest as system_fixtures

MIB = 1024 * 1024
# The printed-form fixtures (PDF tools, the private CUPS queue), bound so pytest finds them.
pdf_tools, test_printer = printing_fixtures.pdf_tools, printing_fixtures.test_printer
# Loop devices mounted or partitioned, for the guards (tests/system/conftest.py).
attach_loop = system_fixtures.attach_loop
mounted_loop, partitioned_loop = system_fixtures.mounted_loop, system_fixtures.partitioned_loop


@dataclass(frozen=True)
class Stick:
    control_number: str
    device: str
    serial: str
    loop: LoopDevice


StickFactory = Callable[..., Stick]


@pytest.fixture
def world(ledger: Ledger, admin: Actor) -> World:
    return build_world(ledger, admin)


@pytest.fixture
def sqlite_world(sqlite_ledger: Ledger) -> World:
    from ledger_tui.services import auth
    from tests.conftest import ADMIN_PASSWORD

    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    return build_world(sqlite_ledger, admin)


def _factory(world: World, loop_device_factory: Callable[..., LoopDevice]) -> StickFactory:
    made: list[Stick] = []

    def make(control_number: str = "", size_mib: int = 16, register: bool = True) -> Stick:
        number = control_number or f"税-USB-{101 + len(made)}"
        loop = loop_device_factory(size_mib=size_mib, name=f"stick{len(made)}")
        serial = describe_device(loop.path).serial or ""
        assert serial == str(loop.backing.resolve())  # a loop device's serial: its backing
        if register:
            media.register_medium(
                world.ledger,
                world.actor,
                media.MediumForm(
                    number,
                    vendor="I-O DATA",
                    model="ED-HB3",
                    serial=serial,
                    capacity_bytes=size_mib * MIB,
                    hardware_lock=True,
                ),
            )
        stick = Stick(number, loop.path, serial, loop)
        made.append(stick)
        return stick

    return make


@pytest.fixture
def stick_factory(
    world: World, loop_device_factory: Callable[..., LoopDevice], allow_loop_devices: None
) -> StickFactory:
    """`stick_factory(control_number="", size_mib=16, register=True) -> Stick`: a new
    registered stick (state registered) on a real loop device of the world's ledger."""
    return _factory(world, loop_device_factory)


@pytest.fixture
def sqlite_stick_factory(
    sqlite_world: World, loop_device_factory: Callable[..., LoopDevice], allow_loop_devices: None
) -> StickFactory:
    return _factory(sqlite_world, loop_device_factory)
