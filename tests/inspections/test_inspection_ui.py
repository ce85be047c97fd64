"""Pilot test of the inspection screen, keyboard only: start, a stick recognised on
insertion, control numbers typed, a sealed paper case asking for its seal number, a
CD-R checked by its seal number alone, an unknown and a weakly identified stick, the
counts as they change, the list filter, the finish after a confirmation, and the
record saved as a PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from ledger_tui.db.paging import TrailPager
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.inspections import LineResult
from ledger_tui.services import auth
from ledger_tui.services.inspection.views import open_inspection, show_inspection
from ledger_tui.system.devices.fake import FakeSource, make_stick
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.screens.dialogs import ConfirmDialog
from ledger_tui.ui.screens.inspection import InspectionPdfScreen, InspectionScreen
from ledger_tui.ui.widgets.ledger_view import LedgerView
from tests.conftest import ADMIN_PASSWORD
from tests.inspections.conftest import CD_SEAL, build_register
from tests.printing import pdftools
from tests.ui import conftest as ui
from tests.ui.conftest import settle
from tests.ui.test_session import login

# The pilot fixtures, bound here so pytest finds them.
app_factory, devices, monotonic = ui.app_factory, ui.devices, ui.monotonic


def _text(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _wait_for(pilot, predicate) -> None:  # type: ignore[no-untyped-def]
    for _ in range(60):
        await settle(pilot)
        if predicate():
            return
        await pilot.pause(0.05)
    raise AssertionError("condition not reached")


async def _enter(pilot, selector: str, value: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = value
    await pilot.press("enter")
    await settle(pilot)


async def test_an_inspection_at_the_desk(
    app_factory: Callable[..., LedgerApp],
    sqlite_ledger: Ledger,
    devices: FakeSource,
    tmp_path: Path,
    pdf_tools: None,
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    build_register(sqlite_ledger, admin)
    devices.insert(make_stick("SN-税-USB-001", node="/dev/sdb"))
    app = app_factory()
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await app.push_screen(InspectionScreen())
        await _wait_for(pilot, lambda: "Ctrl+N" in _text(app, "#insp-header"))
        assert app.screen.query_one("#seen", Input).has_focus

        await pilot.press("ctrl+n")
        # the stick already inserted is recognised by its serial
        await _wait_for(pilot, lambda: "所在確認 1" in _text(app, "#insp-counts"))
        assert "INSP-R7-0001" in _text(app, "#insp-header")
        assert "未確認 3" in _text(app, "#insp-counts")

        await _enter(pilot, "#seen", "税-CASE-001")
        assert "封印番号" in _text(app, "#insp-message")
        assert app.screen.query_one("#seal", Input).has_focus  # the case's seal is asked
        await _enter(pilot, "#seal", "S-0001")
        assert "税-CASE-001: 所在確認" in _text(app, "#insp-message")
        assert app.screen.query_one("#seen", Input).value == ""
        await _enter(pilot, "#seal", CD_SEAL)  # a CD-R by its seal number alone
        assert "税-CD-002: 所在確認" in _text(app, "#insp-message")
        await _enter(pilot, "#seen", "税-USB-001")
        assert "記録済み" in _text(app, "#insp-message")

        devices.insert(make_stick("STRANGER000042", node="/dev/sdc"))
        await _wait_for(pilot, lambda: "台帳外 1" in _text(app, "#insp-counts"))
        devices.insert(make_stick("0123456789ABCDEF", node="/dev/sdd"))
        await _wait_for(pilot, lambda: "/dev/sdd" in _text(app, "#insp-message"))
        assert "管理番号を入力" in _text(app, "#insp-message")
        assert _text(app, "#insp-counts") == "所在確認 3　未確認 1　台帳外 1　貸出中 1"

        await pilot.press("ctrl+t")  # only what is not yet seen
        view = app.screen.query_one("#lines", LedgerView)
        assert [row.line.control_number for row in view.rows] == ["税-CD-001"]

        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await _wait_for(pilot, lambda: "終了" in _text(app, "#insp-header"))
        assert _text(app, "#insp-counts") == "所在確認 3　所在不明 1　台帳外 1　貸出中 1"
        assert "所在不明 1 件" in _text(app, "#insp-message")

        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, InspectionPdfScreen)
        target = tmp_path / "点検記録.pdf"
        form.query_one("#field-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await _wait_for(pilot, lambda: str(target) in _text(app, "#insp-message"))

    assert open_inspection(sqlite_ledger) is None
    finished = show_inspection(sqlite_ledger, "INSP-R7-0001")
    assert finished.counts == {
        LineResult.FOUND: 3,
        LineResult.MISSING: 1,
        LineResult.UNEXPECTED: 1,
        LineResult.ON_LOAN: 1,
    }
    assert [line.serial_seen for line in finished.with_status(LineResult.UNEXPECTED)] == [
        "STRANGER000042"
    ]
    flat = "".join(pdftools.text(target).split())
    assert "INSP-R7-0001" in flat and "税-CD-001" in flat and "所在不明" in flat
    actions = {
        row.action for row in TrailPager(sqlite_ledger.engine, "inspection.").page_after(None, 50)
    }
    assert actions == {
        "inspection.started",
        "inspection.seen",
        "inspection.finished",
        "inspection.printed",
    }
