"""The command palette (Ctrl+P): a Textual command `Provider` over the keys table.

Nothing here is a hand-kept list: the commands are the bindings of `ledger_tui.ui.keys`.
First the actions of the screen in front (named after its highlighted row, e.g. the
medium's control number, when the screen says what that is), then every desk area's
actions reached through that area, then the app's own (help, lock, log out, quit). Texts
come from the catalogue in the screen's language, the palette's own included.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from ledger_tui.i18n import t
from ledger_tui.ui.keys import BY_ID, KEYS

if TYPE_CHECKING:
    from textual.screen import Screen

    from ledger_tui.ui.desk import DeskApp

#: The areas whose actions the palette offers from anywhere (the operators' area only
#: to an administrator, as its F-key).
AREA_GROUPS = (
    "dashboard",
    "register",
    "loans",
    "slips",
    "contracts",
    "trail",
    "operators",
    "inspection",
)


@dataclass(frozen=True)
class Command:
    text: str
    help: str
    run: Callable[[], Any]
    context: bool  # an action of the screen in front


def _subject(screen: Screen[Any]) -> str | None:
    """What the screen's actions act on (its highlighted row), if it says."""
    subject = getattr(screen, "palette_subject", None)
    return subject() if callable(subject) else None


def desk_commands(app: DeskApp, screen: Screen[Any]) -> Iterator[Command]:
    logged_in = app.actor is not None and not app.locked
    seen: set[str] = set()
    if logged_in:
        subject = _subject(screen)
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            key = BY_ID.get(binding.id or "")
            if key is None or not key.show or not enabled or node is app or key.id in seen:
                continue
            seen.add(key.id)
            text = t(key.label)
            if subject:
                text = t("palette.on_subject", action=text, subject=subject)
            run = partial(node.run_action, key.action)  # type: ignore[attr-defined]
            yield Command(text, t(key.help_key), run, True)
        for area in AREA_GROUPS:
            if area == "operators" and not (app.actor and app.actor.is_admin):
                continue
            nav = BY_ID[f"nav.{area}"]
            if nav.id not in seen:
                seen.add(nav.id)
                yield Command(t(nav.label), t(nav.help_key), partial(app.action_area, area), False)
            for key in KEYS.get(area, ()):
                if key.anywhere and key.id not in seen:
                    seen.add(key.id)
                    text = t("palette.in_area", area=t(nav.label), action=t(key.label))
                    yield Command(text, t(key.help_key), _in_area(app, area, key.action), False)
        lock = BY_ID["nav.lock"]
        yield Command(t(lock.label), t(lock.help_key), app.action_lock, False)
        yield Command(t("nav.logout"), t("cmd.logout.help"), app.logout, False)
    for key_id in ("nav.help", "nav.quit"):
        key = BY_ID[key_id]
        yield Command(t(key.label), t(key.help_key), partial(app.run_action, key.action), False)


def _in_area(app: DeskApp, area: str, action: str) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await app.switch_mode(area)
        await app.screen.run_action(action)

    return run


class DeskCommands(Provider):
    def _commands(self) -> list[Command]:
        app: DeskApp = self.app  # type: ignore[assignment]
        return list(desk_commands(app, self.screen))

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.text, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.text)
            if score > 0:
                # The screen's own actions rank first among equally good matches.
                score = score if command.context else score * 0.9
                yield Hit(score, matcher.highlight(command.text), command.run, help=command.help)


class DeskPalette(CommandPalette):
    """Textual's palette with the desk's commands and its own texts in the catalogue."""

    def __init__(self) -> None:
        super().__init__(
            providers=[DeskCommands], placeholder=t("palette.placeholder"), id="--command-palette"
        )

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
