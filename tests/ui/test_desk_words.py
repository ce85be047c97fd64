"""What the desk's areas call things, on the demo ledger: a transfer without a medium is
sent and answered (not returned to be wiped)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import DataTable

from ledger_tui.i18n import t
from ledger_tui.ui.app import LedgerApp
from tests.ui.walk import demo_app, demo_template, open_screen  # noqa: F401


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_loans_show_a_transfer_by_its_own_states(
    demo_app: Callable[[str], LedgerApp],  # noqa: F811
    lang: str,
) -> None:
    app = demo_app(lang)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_screen(pilot, "loans")
        table = app.screen.query_one("#loans", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        email = [
            r for r in rows if r[0].startswith(t("transfer.channel.email", number="").split()[0])
        ]
        assert len(email) == 1, rows
        # the demo's e-mail transfer: sent, and the firm's reply by e-mail recorded
        assert email[0][1] == t("state.transfer.back")
        media = [r for r in rows if r is not email[0]]
        assert {r[1] for r in media} <= {
            t("state.loan." + s) for s in ("draft", "loaded", "out", "back")
        }
