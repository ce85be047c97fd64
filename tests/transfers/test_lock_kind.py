"""The register records how a password-lock stick is unlocked: none, keypad (PIN on the
stick) or software (the vendor's tool); only a USB stick has a lock."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.domain.media import LockKind, MediumKind
from ledger_tui.services.register import media


def test_lock_kinds_are_recorded_and_kept_by_an_edit(ledger: Ledger, admin: Actor) -> None:
    software = media.register_medium(
        ledger, admin, media.MediumForm("税-USB-201", serial="SN-201", lock_kind="software")
    )
    assert (software.lock_kind, software.hardware_lock) == (LockKind.SOFTWARE, True)
    ticked = media.register_medium(
        ledger, admin, media.MediumForm("税-USB-202", serial="SN-202", hardware_lock=True)
    )
    assert ticked.lock_kind is LockKind.KEYPAD  # "hardware lock" alone: a keypad stick
    plain = media.register_medium(ledger, admin, media.MediumForm("税-USB-203", serial="SN-203"))
    assert (plain.lock_kind, plain.hardware_lock) == (LockKind.NONE, False)

    # The register screen's form has no lock-kind field: an edit keeps the kind.
    form = media.MediumForm(
        "税-USB-201", serial="SN-201", hardware_lock=True, location="金庫 2段目"
    )
    edited = media.edit_medium(ledger, admin, "税-USB-201", form, software.version)
    assert edited.lock_kind is LockKind.SOFTWARE and edited.location == "金庫 2段目"
    keypad = media.edit_medium(
        ledger, admin, "税-USB-201", replace(form, lock_kind="keypad"), edited.version
    )
    assert keypad.lock_kind is LockKind.KEYPAD

    with pytest.raises(InvalidInput) as not_a_stick:
        media.register_medium(
            ledger, admin, media.MediumForm("教-CD-201", kind=MediumKind.CDR, lock_kind="keypad")
        )
    assert not_a_stick.value.key == "error.medium.lock_kind"
    with pytest.raises(InvalidInput):
        media.register_medium(
            ledger, admin, media.MediumForm("税-USB-204", serial="SN-204", lock_kind="fingerprint")
        )
