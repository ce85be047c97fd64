"""Registering an inserted stick from its detected identity, and the rule for sticks that
cannot be told apart: a stick whose serial is empty or generic (several cheap sticks
report none, or one shared by a whole model) is accepted only with an explicit note
saying how the desk tells it apart (an engraving, a sticker), and is marked weakly
identified in the register.

The stick counts as weak when the detection said so (`DeviceInfo.weak_identity`) or
when the serial the operator is registering is itself weak: the operator may correct a
field, never make a weak stick strong by typing.
"""

from __future__ import annotations

from dataclasses import replace

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.media import MediumKind
from ledger_tui.services.register.media import MediumForm, MediumView, register_medium
from ledger_tui.system.devices.model import DeviceInfo, is_weak_serial


def is_weak_stick(form: MediumForm, info: DeviceInfo) -> bool:
    """True when neither the detected nor the registered serial identifies one stick."""
    if info.is_loop:
        return False  # a test loop device's serial is its backing file: unique
    return info.weak_identity or is_weak_serial(form.serial, vendor=form.vendor, model=form.model)


def check_weak_note(weak: bool, notes: str) -> None:
    """A weakly identified stick needs a note; refuse without one (field "notes")."""
    if weak and not notes.strip():
        raise InvalidInput("error.medium.weak_identity_note", field="notes")


def register_stick_from_device(
    ledger: Ledger, actor: Actor, form: MediumForm, info: DeviceInfo
) -> MediumView:
    """Register the inserted stick `info` with what the operator completed in `form`
    (control number, location, hardware lock; identity pre-filled from `info`)."""
    if form.kind != MediumKind.USB:
        raise InvalidInput("error.medium.device_not_usb", field="kind")
    weak = is_weak_stick(form, info)
    check_weak_note(weak, form.notes)
    return register_medium(
        ledger, actor, replace(form, notes=form.notes.strip()), weak_identity=weak
    )
