"""Migration 0005 on SQLite and PostgreSQL: `media.weak_identity` is added in place, so
the register's full-text search (triggers on `media` made by 0001) still finds media
registered afterwards, and existing media read as not weakly identified."""

from __future__ import annotations

from ledger_tui.db.paging import MediaPager
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.services.register import media


def test_register_search_survives_the_new_column(ledger: Ledger, admin: Actor) -> None:
    media.register_medium(ledger, admin, media.MediumForm("税-USB-001", vendor="BUFFALO"))
    media.register_medium(ledger, admin, media.MediumForm("税-USB-002", vendor="I-O DATA"))
    rows = MediaPager(ledger.engine, "buffalo").page_after(None, 10)
    assert [row.control_number for row in rows] == ["税-USB-001"]
    assert media.show_medium(ledger, "税-USB-002").weak_identity is False
