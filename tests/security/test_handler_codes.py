"""Hole 11: a two-party confirmation the desk cannot forge.

The handler code confirms a slip for the contractor. It used to be stored in clear and
shown to the desk (contracts area, `contract show`), so the desk could confirm a slip
in the contractor's name. Now only an argon2id hash is kept, no view carries the code,
and the contractor types it on a counter terminal facing them (`ledger-tui counter`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text
from textual.widgets import Input, Static

from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import AuthError, IllegalTransition
from ledger_tui.domain.hashing import verify_secret
from ledger_tui.domain.slips import SlipState
from ledger_tui.services import organisation
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.slip_views import find_slip
from ledger_tui.ui.app import LedgerApp
from ledger_tui.ui.counter_app import CounterApp, WaitingScreen
from ledger_tui.ui.screens.counter import CounterScreen
from tests.integration.lending_world import RESPONSIBLE_CODE, World, build_world
from tests.integration.test_cli import Cli
from tests.ui.conftest import settle, wait_until
from tests.ui.walk import demo_app, demo_template, open_screen, screen_text  # noqa: F401

SECRET = "ZX9KQ7WM"


def _stored_codes(ledger: Ledger) -> list[tuple[Any, ...]]:
    with ledger.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT * FROM handler_designations"))]


def test_no_listing_shows_a_handler_code(admin_cli: Cli) -> None:
    for args in (
        ("section", "add", "ZEI", "税務課"),
        ("contractor", "add", "株式会社サンプル債権回収"),
        (
            "contract",
            "add",
            "--title",
            "現地調査業務委託",
            "--section",
            "ZEI",
            "--contractor",
            "株式会社サンプル債権回収",
            "--start",
            "2026-04-01",
            "--end",
            "2027-03-31",
        ),
    ):
        assert admin_cli.as_admin(*args).code == 0
    added = admin_cli.as_admin(
        "handler",
        "add",
        "--contract",
        "1",
        "--name",
        "佐藤 健一",
        "--role",
        "responsible",
        "--code",
        SECRET,
        "--from",
        "2026-04-01",
        "--reported",
        "2026-03-25",
    )
    assert added.code == 0, added.err
    seen = [added.out]
    for args in (
        ("contract", "show", "1"),
        ("--json", "contract", "show", "1"),
        ("contract", "list"),
        ("--json", "contract", "list"),
        ("--lang", "en", "contract", "show", "1"),
    ):
        shown = admin_cli.as_admin(*args)
        assert shown.code == 0, shown.err
        seen.append(shown.out)
    assert "佐藤 健一" in seen[1]
    assert all(SECRET not in out.upper() for out in seen)
    # nor is it anywhere in the database, in any case
    rows = admin_cli.sql("SELECT * FROM handler_designations")
    assert rows and all(SECRET not in str(cell).upper() for row in rows for cell in row)


async def test_the_contracts_area_never_shows_a_code(
    demo_app: Callable[[str], LedgerApp],  # noqa: F811
) -> None:
    app = demo_app("ja")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(pilot, "contracts")
        shown = screen_text(app)
        assert "佐藤 健一" in shown  # the demo's handlers are listed…
        for code in ("SV01", "SV02", "SV03", "LAW01", "LAW02"):  # …their codes are not
            assert code not in shown


def test_the_stored_code_is_an_argon2id_hash_and_a_wrong_code_is_refused(
    ledger: Ledger, admin: Actor
) -> None:
    world = build_world(ledger, admin)
    rows = _stored_codes(ledger)
    assert rows and all(RESPONSIBLE_CODE not in str(cell) for row in rows for cell in row)
    with ledger.engine.connect() as conn:
        stored = conn.execute(
            text("SELECT code_hash FROM handler_designations WHERE id = :id"),
            {"id": world.responsible_id},
        ).scalar_one()
    assert stored.startswith("$argon2id$") and verify_secret(stored, RESPONSIBLE_CODE)

    loan = world.loan()
    slip = slips.draft_out_slip(ledger, admin, loan.id, world.out_form())
    with pytest.raises(AuthError) as wrong:
        slips.confirm_at_counter(ledger, admin, slip.id, "RESP02")
    assert wrong.value.key == "error.slip.wrong_code"
    with pytest.raises(AuthError):  # the hash itself is no code
        slips.confirm_at_counter(ledger, admin, slip.id, stored)
    assert find_slip(ledger, slip.number).confirm_attempts == 2

    # a new code (forgotten, or seen by someone): the old one stops working at once
    made = organisation.reset_handler_code(ledger, admin, world.responsible_id)
    assert made.made and len(made.code) == 8 and made.code != RESPONSIBLE_CODE
    with pytest.raises(AuthError):
        slips.confirm_at_counter(ledger, admin, slip.id, RESPONSIBLE_CODE)
    confirmed = slips.confirm_at_counter(ledger, admin, slip.id, made.code.lower())
    assert confirmed.state is SlipState.CONFIRMED
    with ledger.engine.connect() as conn:
        reset = conn.execute(
            text("SELECT details FROM audit_entries WHERE action = 'handler.code_reset'")
        ).scalar_one()
    assert made.code not in reset


def _draft_at(world: World, desk: str, control_number: str) -> str:
    """A slip drafted at `desk` (its identity "host/desk name")."""
    world.ledger.desk = desk
    loan = world.loan(control_number)
    return slips.draft_out_slip(world.ledger, world.actor, loan.id, world.out_form()).number


async def test_the_counter_terminal_confirms_its_desks_slip(sqlite_ledger: Ledger) -> None:
    from ledger_tui.services import auth
    from tests.conftest import ADMIN_PASSWORD

    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    world = build_world(sqlite_ledger, admin)
    mine = _draft_at(world, "pc-17/窓口1", "税-USB-001")
    theirs = _draft_at(world, "pc-18/窓口2", "税-USB-002")
    sqlite_ledger.desk = "pc-17/窓口1"
    with pytest.raises(IllegalTransition):  # the terminal cannot reach another desk's slip
        slips.confirm_at_desk_counter(
            sqlite_ledger, "窓口1", find_slip(sqlite_ledger, theirs).id, RESPONSIBLE_CODE
        )

    app = CounterApp(sqlite_ledger, "窓口1")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CounterScreen))
        screen = app.screen
        assert isinstance(screen, CounterScreen) and screen.slip.number == mine
        shown = screen_text(app)  # type: ignore[arg-type]
        assert mine in shown and "山田 太郎" in shown and "転出者リスト" in shown
        screen.query_one("#code", Input).value = "WRONG1"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and "1/5" in str(screen.query_one("#counter-error").render())
        screen.query_one("#code", Input).value = RESPONSIBLE_CODE
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WaitingScreen))
        said = str(app.screen.query_one("#last", Static).render())
        assert mine in said
        await pilot.pause(0.1)
        assert isinstance(app.screen, WaitingScreen)  # the other desk's slip never shows

    assert find_slip(sqlite_ledger, mine).state is SlipState.CONFIRMED
    assert find_slip(sqlite_ledger, theirs).state is SlipState.DRAFT
    with sqlite_ledger.engine.connect() as conn:
        entry = conn.execute(
            text(
                "SELECT actor, details, desk FROM audit_entries "
                "WHERE action = 'slip.confirmed' AND subject = :s"
            ),
            {"s": f"slip:{mine}"},
        ).one()
    assert entry.actor == "admin" and '"terminal":true' in entry.details.replace(" ", "")
    assert entry.desk == "pc-17/窓口1"


def test_migration_0016_hashes_the_clear_codes(ledger: Ledger, admin: Actor) -> None:
    """A ledger of 0015 (codes in clear, a slip pointing at its handler) upgraded: each
    code becomes its hash, the clear column is gone, and the code still confirms."""
    from alembic import command
    from sqlalchemy import inspect

    from ledger_tui.db.migrate import alembic_config, upgrade_to_head

    world = build_world(ledger, admin)
    draft = slips.draft_out_slip(ledger, admin, world.loan().id, world.out_form())
    engine = ledger.engine
    command.downgrade(alembic_config(engine), "0015")
    assert "code" in {c["name"] for c in inspect(engine).get_columns("handler_designations")}
    with engine.begin() as conn:  # the codes as a 0015 ledger held them
        for ident, code in ((world.responsible_id, RESPONSIBLE_CODE), (world.handler_id, "X1")):
            conn.execute(
                text("UPDATE handler_designations SET code = :c WHERE id = :i"),
                {"c": code, "i": ident},
            )
    upgrade_to_head(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("handler_designations")}
    assert "code" not in columns and "code_hash" in columns
    rows = _stored_codes(ledger)
    assert len(rows) == 3 and all(RESPONSIBLE_CODE not in str(c) for row in rows for c in row)
    with engine.connect() as conn:
        hashes = dict(conn.execute(text("SELECT id, code_hash FROM handler_designations")).all())
    assert verify_secret(hashes[world.responsible_id], RESPONSIBLE_CODE)
    assert verify_secret(hashes[world.handler_id], "X1")
    confirmed = slips.confirm_at_counter(ledger, admin, draft.id, RESPONSIBLE_CODE)
    assert confirmed.state is SlipState.CONFIRMED
