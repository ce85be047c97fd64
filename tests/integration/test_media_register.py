"""Register service: validation, uniqueness, state moves through the table, the trail."""

from __future__ import annotations

import pytest

from ledger_tui.db.paging import MediaPager, TrailPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.services.register import media
from ledger_tui.services.trail.verify import verify_trail


def test_register_usb_starts_registered_and_cdr_blank(ledger: Ledger, admin: Actor) -> None:
    usb = media.register_medium(
        ledger,
        admin,
        media.MediumForm(
            "税-USB-001",
            vendor="I-O DATA",
            model="ED-HB3",
            serial="A1B2",
            usb_id="04BB:0F34",
            capacity_bytes=16_000_000_000,
            hardware_lock=True,
            location="金庫A",
        ),
    )
    assert usb.state is MediumState.REGISTERED and usb.usb_id == "04bb:0f34"
    cdr = media.register_medium(ledger, admin, media.MediumForm("教-CD-001", kind=MediumKind.CDR))
    assert cdr.state is MediumState.BLANK


def test_duplicates_are_refused_with_a_message(ledger: Ledger, admin: Actor) -> None:
    media.register_medium(ledger, admin, media.MediumForm("税-USB-001", serial="SER1"))
    with pytest.raises(Conflict) as dup:
        media.register_medium(ledger, admin, media.MediumForm("税-USB-001"))
    assert "税-USB-001" in dup.value.message("ja")
    with pytest.raises(Conflict) as serial:
        media.register_medium(ledger, admin, media.MediumForm("税-USB-002", serial="SER1"))
    assert "SER1" in serial.value.message("en")


def test_paper_case_needs_seal(ledger: Ledger, admin: Actor) -> None:
    with pytest.raises(InvalidInput) as caught:
        media.register_medium(
            ledger, admin, media.MediumForm("教-CASE-1", kind=MediumKind.PAPER_CASE)
        )
    assert caught.value.field == "seal_number"


def test_edit_with_stale_version_is_refused(ledger: Ledger, admin: Actor) -> None:
    m = media.register_medium(ledger, admin, media.MediumForm("税-USB-001"))
    edited = media.edit_medium(
        ledger, admin, "税-USB-001", media.MediumForm("税-USB-001", location="金庫B"), m.version
    )
    assert edited.location == "金庫B" and edited.version == m.version + 1
    with pytest.raises(Conflict):
        media.edit_medium(
            ledger, admin, "税-USB-001", media.MediumForm("税-USB-001", location="金庫C"), m.version
        )


def test_state_moves_follow_the_table_and_are_in_the_trail(ledger: Ledger, admin: Actor) -> None:
    media.register_medium(ledger, admin, media.MediumForm("税-USB-001"))
    with pytest.raises(IllegalTransition):
        media.change_state(ledger, admin, "税-USB-001", MediumState.LENT, "test")
    media.change_state(ledger, admin, "税-USB-001", MediumState.WIPE_PENDING, "new stick")
    assert media.show_medium(ledger, "税-USB-001").state is MediumState.WIPE_PENDING
    rows = TrailPager(ledger.engine, "medium.state").page_after(None, 5)
    assert rows[0].subject == "medium:税-USB-001"
    assert verify_trail(ledger).ok


def test_unknown_medium(ledger: Ledger) -> None:
    with pytest.raises(NotFound):
        media.show_medium(ledger, "NOPE-1")


def test_register_pages_by_key_and_filters_through_the_index(ledger: Ledger, admin: Actor) -> None:
    for i in range(25):
        media.register_medium(
            ledger,
            admin,
            media.MediumForm(f"税-USB-{i:03d}", vendor="BUFFALO" if i % 5 == 0 else "I-O DATA"),
        )
    pager = MediaPager(ledger.engine)
    first = pager.page_after(None, 10)
    second = pager.page_after(first[-1].key, 10)
    assert [r.control_number for r in first][:2] == ["税-USB-000", "税-USB-001"]
    assert second[0].control_number == "税-USB-010"
    assert pager.page_before(second[0].key, 3)[-1].control_number == "税-USB-009"
    assert pager.page_before(None, 2)[-1].control_number == "税-USB-024"
    buffalo = MediaPager(ledger.engine, "buffalo")
    assert buffalo.count() == 5
    assert [r.control_number for r in buffalo.page_after(None, 3)] == [
        "税-USB-000",
        "税-USB-005",
        "税-USB-010",
    ]
    assert MediaPager(ledger.engine, "B-02").count() == 5  # short needle, LIKE path
    # A capped count stops after cap + 1 rows: "more than 3", not a scan of every match.
    assert buffalo.count(cap=3) == 4
    assert buffalo.count(cap=10) == 5
    assert MediaPager(ledger.engine, "B-0").count(cap=2) == 3
    # One or two characters match the start of the control number (from its index),
    # not anywhere in the text: a rare short needle never reads the whole register.
    assert MediaPager(ledger.engine, "税-").count() == 25
    assert MediaPager(ledger.engine, "税").count() == 25
    assert MediaPager(ledger.engine, "SB").count() == 0
    assert MediaPager(ledger.engine, "USB").count() == 25  # three: anywhere, by trigrams
