"""Keys are data: every binding of the desk comes from the one keys table, each with an id,
a label and a help text in both languages and an action its screen has; the README's key
table is generated from it; the palette is built from it (the screen's own actions first,
named after the highlighted medium, in the screen's language); keys can be remapped."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import ledger_tui.ui
from ledger_tui.config import Settings
from ledger_tui.db.uow import Ledger
from ledger_tui.i18n import CATALOGUE
from ledger_tui.services import auth
from ledger_tui.services.register import media
from ledger_tui.ui.app import LedgerApp, make_app
from ledger_tui.ui.keys import BY_ID, KEYS, load_keymap, markdown_table
from ledger_tui.ui.palette import DeskPalette, desk_commands
from ledger_tui.ui.screens.help import HelpScreen
from ledger_tui.ui.screens.register import RegisterScreen
from tests.conftest import ADMIN_PASSWORD
from tests.ui.conftest import FakeMonotonic, settle
from tests.ui.test_session import login

README = Path(__file__).resolve().parents[2] / "README.md"


def _ui_classes() -> list[type[DOMNode]]:
    for info in pkgutil.walk_packages(ledger_tui.ui.__path__, "ledger_tui.ui."):
        importlib.import_module(info.name)
    found: list[type[DOMNode]] = []
    for module_name, module in list(__import__("sys").modules.items()):
        if not module_name.startswith("ledger_tui.ui"):
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == module_name:
                found.append(cls)
    return found


def test_every_binding_comes_from_the_keys_table() -> None:
    classes = _ui_classes()
    assert len(classes) > 30
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert isinstance(binding, Binding), cls
            key = BY_ID.get(binding.id or "")
            assert key is not None, f"{cls.__name__}: {binding} is not in the keys table"
            assert (binding.key, binding.action) == (key.key, key.action)


def test_every_key_has_texts_in_both_languages_and_an_action() -> None:
    classes = _ui_classes()
    owners = {
        key.id: [c for c in classes if binding_ids(c) & {key.id}]
        for _, group in KEYS.items()
        for key in group
    }
    for group, keys in KEYS.items():
        for key in keys:
            for text_key in (key.label, key.help_key):
                ja, en = CATALOGUE[text_key]
                assert ja and en, text_key
            assert owners[key.id], f"{key.id} is declared by no screen or widget"
            action = key.action.split("(")[0]
            for owner in owners[key.id]:
                target: type[object] = LedgerApp if action.startswith("app.") else owner
                name = "action_" + action.removeprefix("app.")
                assert hasattr(target, name), f"{key.id}: {owner.__name__} has no {name}"
        assert group


def binding_ids(cls: type[DOMNode]) -> set[str]:
    return {b.id for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.id}


def test_the_readme_key_table_is_the_keys_table() -> None:
    assert markdown_table() in README.read_text(encoding="utf-8")


def test_a_keymap_file_remaps_by_id(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text(
        '[keys]\n"register.lend" = "ctrl+k"\n"no.such.key" = "x"\n"nav.register" = "f3, f12"\n',
        encoding="utf-8",
    )
    assert load_keymap(path) == {"register.lend": "ctrl+k", "nav.register": "f3,f12"}
    (tmp_path / "broken.toml").write_text("[keys\n", encoding="utf-8")
    assert load_keymap(tmp_path / "broken.toml") == {}
    assert load_keymap(tmp_path / "missing.toml") == {}


async def test_remapped_key_palette_and_help_in_japanese(
    sqlite_ledger: Ledger, key_dir: Path, tmp_path: Path
) -> None:
    admin = auth.create_first_admin(sqlite_ledger, "admin", "管理 一郎", ADMIN_PASSWORD)
    media.register_medium(sqlite_ledger, admin, media.MediumForm("税-USB-301"))
    keys_file = tmp_path / "keys.toml"
    keys_file.write_text('[keys]\n"nav.register" = "f12"\n', encoding="utf-8")
    settings = Settings(db_url=str(sqlite_ledger.engine.url), key_dir=key_dir, keys_file=keys_file)
    app = make_app(settings, sqlite_ledger, monotonic=FakeMonotonic())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await login(pilot, "admin", ADMIN_PASSWORD)
        await pilot.press("f12")
        await settle(pilot)
        register = app.screen
        assert isinstance(register, RegisterScreen)

        commands = list(desk_commands(app, register))
        first = commands[0]
        assert first.context and "税-USB-301" in first.text
        texts = " ".join(c.text + " " + c.help for c in commands)
        for english in ("Keys", "Theme", "Quit", "Screenshot", "Search"):
            assert english not in texts

        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert isinstance(palette, DeskPalette)
        assert palette._placeholder == CATALOGUE["palette.placeholder"][0]  # type: ignore[attr-defined]
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = {key: text for key, text, _ in app.screen.rows}
        assert rows["F12"].startswith(CATALOGUE["nav.register"][0])
        assert "F3" not in rows
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is register
