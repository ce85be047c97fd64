"""A separate process trying a wrong password at the same moment as the others."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def try_wrong_password(url: str, key_dir: str, barrier: Any) -> str:
    from ledger_tui.domain.errors import AuthError
    from ledger_tui.services import auth
    from ledger_tui.services.ledger.bootstrap import open_ledger

    ledger = open_ledger(url, Path(key_dir))
    try:
        barrier.wait(timeout=120)
        try:
            auth.login(ledger, "admin", "wrong-password-000")
        except AuthError as refused:
            return refused.key
        return "accepted"
    finally:
        ledger.engine.dispose()
