"""Weakly identified sticks on SQLite and PostgreSQL: a stick whose serial is empty or
generic registers from the device only with a note, is marked weak, may share its
serial with another weak stick, keeps its note, and is never recognised by serial."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ledger_tui.db.models import AuditEntry, Medium
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import Conflict, InvalidInput
from ledger_tui.domain.media import MediumKind
from ledger_tui.services.inspection.walk import record_seen, start_inspection
from ledger_tui.services.register import media
from ledger_tui.services.register.devices import MatchOutcome, match_device
from ledger_tui.services.register.media import MediumForm
from ledger_tui.services.register.weak_identity import register_stick_from_device
from ledger_tui.system.devices.fake import make_stick

GENERIC = "0123456789ABCDEF"


def _form(control_number: str, serial: str | None, notes: str = "") -> MediumForm:
    info = make_stick(serial)
    return MediumForm(
        control_number,
        vendor=info.vendor or "",
        model=info.model or "",
        serial=serial or "",
        usb_id=info.usb_id or "",
        capacity_bytes=info.capacity_bytes,
        hardware_lock=True,
        notes=notes,
    )


@pytest.mark.parametrize("serial", [None, "", GENERIC, "000000000000", "Cruzer Blade"])
def test_a_weak_serial_needs_a_note(ledger: Ledger, admin: Actor, serial: str | None) -> None:
    info = make_stick(serial)
    assert info.weak_identity
    with pytest.raises(InvalidInput) as caught:
        register_stick_from_device(ledger, admin, _form("税-USB-010", serial, "  "), info)
    assert caught.value.field == "notes"
    assert "備考" in caught.value.message("ja") and "notes" in caught.value.message("en")
    with ledger.read_session() as session:
        assert session.scalars(select(Medium)).all() == []

    view = register_stick_from_device(
        ledger, admin, _form("税-USB-010", serial, " 側面に赤テープ「10」 "), info
    )
    assert (view.weak_identity, view.notes) == (True, "側面に赤テープ「10」")
    assert media.show_medium(ledger, "税-USB-010").weak_identity is True
    with ledger.read_session() as session:
        details = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "medium.registered")
        ).one()
    assert json.loads(details)["weak_identity"] is True


def test_a_good_serial_needs_no_note_and_stays_unique(ledger: Ledger, admin: Actor) -> None:
    info = make_stick("4C530001230611105153")
    view = register_stick_from_device(ledger, admin, _form("税-USB-011", info.serial), info)
    assert (view.weak_identity, view.notes) == (False, "")
    with pytest.raises(Conflict):
        register_stick_from_device(ledger, admin, _form("税-USB-012", info.serial), info)


def test_typing_a_good_serial_over_a_weak_one_keeps_it_weak(ledger: Ledger, admin: Actor) -> None:
    info = make_stick(GENERIC)
    with pytest.raises(InvalidInput):
        register_stick_from_device(ledger, admin, _form("税-USB-013", "TYPEDSERIAL77"), info)
    with pytest.raises(InvalidInput):  # nor the other way round
        register_stick_from_device(
            ledger, admin, _form("税-USB-013", GENERIC), make_stick("4C530001230611105153")
        )


def test_weak_sticks_may_share_a_generic_serial(ledger: Ledger, admin: Actor) -> None:
    info = make_stick(GENERIC)
    register_stick_from_device(ledger, admin, _form("税-USB-020", GENERIC, "白シール20"), info)
    register_stick_from_device(ledger, admin, _form("税-USB-021", GENERIC, "白シール21"), info)
    assert match_device(ledger, info).outcome is MatchOutcome.UNKNOWN  # never by serial


def test_a_weak_stick_keeps_its_note(ledger: Ledger, admin: Actor) -> None:
    info = make_stick(GENERIC)
    view = register_stick_from_device(ledger, admin, _form("税-USB-030", GENERIC, "刻印30"), info)
    with pytest.raises(InvalidInput) as caught:
        media.edit_medium(
            ledger, admin, "税-USB-030", _form("税-USB-030", GENERIC, ""), view.version
        )
    assert caught.value.field == "notes"
    edited = media.edit_medium(
        ledger, admin, "税-USB-030", _form("税-USB-030", GENERIC, "刻印30・青"), view.version
    )
    assert (edited.notes, edited.weak_identity) == ("刻印30・青", True)


def test_only_sticks_register_from_a_device(ledger: Ledger, admin: Actor) -> None:
    form = MediumForm("税-CD-010", kind=MediumKind.CDR, serial="4C530001230611105153")
    with pytest.raises(InvalidInput) as caught:
        register_stick_from_device(ledger, admin, form, make_stick())
    assert caught.value.field == "kind"


def test_an_inspection_never_recognises_a_weak_serial(ledger: Ledger, admin: Actor) -> None:
    info = make_stick(GENERIC)
    register_stick_from_device(ledger, admin, _form("税-USB-040", GENERIC, "刻印40"), info)
    inspection = start_inspection(ledger, admin).id
    with pytest.raises(InvalidInput) as caught:
        record_seen(ledger, admin, inspection, serial=GENERIC)
    assert caught.value.field == "serial"
    assert (
        record_seen(ledger, admin, inspection, control_number="税-USB-040").control_number
        == "税-USB-040"
    )
