"""What a desk loads to reach its dashboard on a current ledger: not Alembic (with mako
and pygments, ~8 MB: only a ledger behind the code's schema needs it) and not the
cipher library (a wipe or a load needs it). The RSS target of issue 2 (120 MB with a
1M-entry trail) depends on it; `scripts/bench.py --only trail` measures the RSS itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from ledger_tui.services import auth
from ledger_tui.services.ledger.bootstrap import open_ledger
from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parents[2]

_DESK = textwrap.dedent("""
    import asyncio, sys
    from pathlib import Path
    from textual.widgets import Input
    from ledger_tui.config import Settings
    from ledger_tui.ui.app import make_app

    async def main() -> None:
        settings = Settings(db_url=sys.argv[1], key_dir=Path(sys.argv[2]), idle_lock_seconds=0)
        app = make_app(settings)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):  # the ledger opens in a worker
                await pilot.pause(0.05)
                if app.ledger is not None and app.screen.query("#password"):
                    break
            app.screen.query_one("#login", Input).value = "admin"
            app.screen.query_one("#password", Input).value = sys.argv[3]
            app.screen.query_one("#password", Input).focus()
            await pilot.press("enter")
            for _ in range(400):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause(0.05)
                if type(app.screen).__name__ == "DashboardScreen" and app.trail_report:
                    break
            print(type(app.screen).__name__, bool(app.trail_report and app.trail_report.ok))
        heavy = sorted({m.split(".")[0] for m in sys.modules}
                       & {"alembic", "mako", "pygments", "cryptography"})
        print(",".join(heavy) or "-")

    asyncio.run(main())
""")


def test_a_current_ledger_opens_to_the_dashboard_without_alembic_or_the_cipher(
    tmp_path: Path,
) -> None:
    url, keys = f"sqlite:///{tmp_path / 'ledger.sqlite3'}", tmp_path / "keys"
    ledger = open_ledger(url, keys)  # created here: Alembic builds the schema
    auth.create_first_admin(ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    ledger.engine.dispose()
    done = subprocess.run(
        [sys.executable, "-c", _DESK, url, str(keys), ADMIN_PASSWORD],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    screen, loaded = done.stdout.strip().splitlines()[-2:]
    assert screen == "DashboardScreen True"  # logged in, and the trail was checked
    assert loaded == "-"
