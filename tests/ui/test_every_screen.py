"""Every screen of the desk, walked over the demo ledger on a fixed clock through the app
factory, in Japanese and in English, at 80×24 and at 160×45:

- it speaks its language: no catalogue key, no internal code (a state, kind or method as
  stored) and no text of the other language (nor a 和暦 date on an English screen);
- it looks as it did: a snapshot (pytest-textual-snapshot's SVG) per screen, so a layout
  regression fails CI. After an intended change of a screen:
  `./scripts/test.sh tests/ui/test_every_screen.py --snapshot-update`, then look at the SVGs
  in `tests/ui/__snapshots__/`.

One walk per language and size (not one app per screen) keeps this affordable."""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Any

import pytest
from pytest_textual_snapshot import SVGImageExtension, normalize_svg
from syrupy.assertion import SnapshotAssertion
from textual.widgets import Input

from ledger_tui.domain import contracts, loans, media, slips
from ledger_tui.i18n import CATALOGUE
from ledger_tui.ui.app import LedgerApp
from tests.ui.conftest import settle, steady
from tests.ui.walk import SCREENS, demo_app, demo_template, log_in, open_screen, screen_text  # noqa: F401

SIZES = {"80x24": (80, 24), "160x45": (160, 45)}

_ENUMS: list[type[Enum]] = [
    value
    for module in (contracts, loans, media, slips)
    for value in vars(module).values()
    if isinstance(value, type) and issubclass(value, Enum) and value.__module__ == module.__name__
]
#: Codes as stored, which an operator must never read on a Japanese screen.
CODES = {str(m.value) for enum in _ENUMS for m in enum if isinstance(m.value, str)}
KEYS = {key for key in CATALOGUE if "." in key}
#: Audit trail actions as stored (`slip.drafted`): the trail shows them by their label.
ACTIONS = {
    key.removeprefix("trail.action.") for key in CATALOGUE if key.startswith("trail.action.")
}
#: Stored details as JSON (`{"loan":1,...}`): the trail shows them as "label: value".
JSON = re.compile(r'[{,]"[a-z_]+":')
ENGLISH = {en for _, en in CATALOGUE.values() if len(en.split()) >= 2 and "{" not in en}
JAPANESE = {
    ja
    for ja, _ in CATALOGUE.values()
    if len(ja) >= 3 and "{" not in ja and re.search(r"[\u3040-\u30ff]", ja)
}
#: Known exceptions, each only of that kind and only on that screen.
PENDING = {
    # Data, not a text of the screen: the demo incident's description and the demo
    # e-mail slip's notes (how the password went) mention a password.
    "incidents": ("japanese 'パスワード'", "japanese 'ファイル'"),
    "slip": ("japanese 'パスワード'",),
}
#: A thing named by its row id (「貸出 9」, "load 3"): the desk names it by what the
#: operator knows (control number, slip number, contract title).
ROW_ID = re.compile(
    r"(?:貸出|格納|消去記録|受入) \d+(?![\d-])|\b(?:[Ll]oan|[Ll]oad|[Ww]ipe run) \d+\b"
)
WAREKI = re.compile(r"(令和|平成)\s*(\d+|元)年")
#: A crash shown as the app's unexpected-error dialog, or an exception's bare class name.
CRASH = tuple(text.split("{")[0] for text in CATALOGUE["app.unexpected_error"])
EXCEPTION = re.compile(r"\b[A-Z][A-Za-z]*[a-z](?:Error|Exception)\b")


def problems(text: str, lang: str) -> list[str]:
    words = set(re.findall(r"(?<![\w/-])[a-z][a-z_]*(?:\.[a-z_]+)+", text))
    found = [f"key {w}" for w in sorted(words & KEYS)]
    found += [f"crash {c!r}" for c in CRASH if c in text]
    found += [f"exception {m.group(0)!r}" for m in EXCEPTION.finditer(text)]
    found += [f"action {w}" for w in sorted(words & ACTIONS)]
    found += [f"json {m.group(0)}" for m in JSON.finditer(text)]
    found += [f"row id {m.group(0)!r}" for m in ROW_ID.finditer(text)]
    if lang == "ja":
        codes = set(re.findall(r"(?<![\w/.-])[a-z][a-z_]+(?![\w/.-])", text))
        found += [f"code {w}" for w in sorted(codes & CODES)]
        found += [f"english {e!r}" for e in sorted(ENGLISH) if e in text]
    else:
        found += [f"japanese {j!r}" for j in sorted(JAPANESE) if j in text]
        found += [f"wareki {m.group(0)!r}" for m in WAREKI.finditer(text)]
    return found


async def _back_to_the_desk(app: LedgerApp) -> None:
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    await app.switch_mode("dashboard")


@pytest.fixture
def snapshot_svg(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(SVGImageExtension)


@pytest.mark.timeout(1800)
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_every_screen(
    demo_app: Callable[[str], LedgerApp],  # noqa: F811
    snapshot_svg: SnapshotAssertion,
    lang: str,
    size: str,
) -> None:
    app = demo_app(lang)
    language: dict[str, list[str]] = {}
    looks: dict[str, bool] = {}

    async def look(name: str) -> None:
        for field in app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the snapshot random
        # As pytest-textual-snapshot's own `snap_compare` does before its screenshot; then
        # until every DataTable has measured its rows (on its own idle, after they arrive
        # from the worker) and the screen has laid it out.
        await pilot.wait_for_scheduled_animations()
        await steady(pilot)
        # The screen has settled when two pictures in a row are the same (a cursor, a
        # notification fading).
        svg: Any = None
        for _ in range(40):
            previous, svg = svg, app.export_screenshot(title=app.title)
            if previous is not None and normalize_svg(previous) == normalize_svg(svg):
                break
            await pilot.pause(0.05)
        language[name] = problems(screen_text(app), lang)
        looks[name] = svg == snapshot_svg(name=name)

    async with app.run_test(size=SIZES[size]) as pilot:
        await open_screen(pilot, "login")
        await look("login")
        await log_in(pilot)
        for name, opener in SCREENS.items():
            await opener(pilot, app)
            await settle(pilot)
            await look(name)
            app.clear_notifications()
            if name != "lock":
                await _back_to_the_desk(app)
                await settle(pilot)
    left = {
        name: [p for p in found if not p.startswith(PENDING.get(name, ()))]
        for name, found in language.items()
    }
    assert {name: found for name, found in left.items() if found} == {}
    assert [name for name, same in looks.items() if not same] == []
