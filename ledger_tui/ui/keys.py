"""Every key of the desk in one table: an id, the default key, the action, a short label
(footer) and a longer help text (tooltip, help screen, command palette), both catalogue
keys. Screens take their `BINDINGS` from here (`bindings("register")`), so the footer,
the help screen (F1), the command palette and the README's key table are all generated
from the same rows and cannot disagree.

Operators remap keys by id in the settings file (`keys.toml`, see `load_keymap`):

    [keys]
    "register.lend" = "ctrl+k"
    "nav.register" = "f3,ctrl+r"
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding

log = logging.getLogger("ledger_tui.ui")


@dataclass(frozen=True)
class DeskKey:
    id: str  # what a keymap names: "register.lend"
    key: str  # default key(s), comma separated
    action: str
    label: str  # catalogue key of the footer label
    help: str = ""  # catalogue key of the longer text; the label when empty
    show: bool = True  # in the footer (hidden keys still appear in the help)
    priority: bool = False
    anywhere: bool = False  # offered by the palette from every screen (through its area)

    @property
    def help_key(self) -> str:
        return self.help or self.label

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.label,
            show=self.show,
            priority=self.priority,
            tooltip=self.help_key,
            id=self.id,
        )


K = DeskKey

#: Keys by the screen (or widget) that declares them, in footer order. The README's key
#: table lists the same groups (`markdown_table`).
KEYS: dict[str, tuple[DeskKey, ...]] = {
    "app": (
        K("nav.help", "f1", "help", "keys.help", "keys.help.help"),
        K("nav.dashboard", "f2", "area('dashboard')", "nav.dashboard", "cmd.dashboard.help"),
        K("nav.register", "f3", "area('register')", "nav.register", "cmd.register.help"),
        K("nav.loans", "f4", "area('loans')", "nav.loans", "cmd.loans.help"),
        K("nav.slips", "f5", "area('slips')", "nav.slips", "cmd.slips.help"),
        K("nav.contracts", "f6", "area('contracts')", "nav.contracts", "cmd.contracts.help"),
        K("nav.trail", "f7", "area('trail')", "nav.trail", "cmd.trail.help"),
        K("nav.operators", "f8", "area('operators')", "nav.operators", "cmd.operators.help"),
        K("nav.inspection", "f9", "area('inspection')", "nav.inspection", "cmd.inspection.help"),
        K("nav.palette", "ctrl+p", "command_palette", "nav.palette", "keys.palette.help"),
        K("nav.lock", "ctrl+l", "lock", "nav.lock", "cmd.lock.help"),
        K("nav.quit", "ctrl+q", "quit", "nav.quit", "keys.quit.help", priority=True),
        # Tab moves focus as the key arrives, before the keys typed after it are handed
        # out: as Textual's screen binding it moved focus only on its way back up from
        # the field, and keys of the same burst (a quick typist on a busy machine, a
        # barcode reader) had already gone into the field being left.
        K("focus.next", "tab", "focus_next", "keys.focus_next", show=False, priority=True),
        K(
            "focus.previous",
            "shift+tab",
            "focus_previous",
            "keys.focus_previous",
            show=False,
            priority=True,
        ),
    ),
    "session": (K("session.quit", "ctrl+q", "app.quit", "nav.quit", "keys.quit.help"),),
    "first_run": (
        # Enter goes on as the key arrives, so keys typed ahead in one burst land in
        # the next field (as in every form), not all in the first one.
        K("first_run.next", "enter", "next_field", "keys.next_field", show=False, priority=True),
    ),
    "list": (
        K("list.up", "up", "cursor(-1)", "keys.list.up", show=False),
        K("list.down", "down", "cursor(1)", "keys.list.down", show=False),
        K("list.page_up", "pageup", "page(-1)", "keys.list.page_up", show=False),
        K("list.page_down", "pagedown", "page(1)", "keys.list.page_down", show=False),
        K("list.first", "home", "edge(-1)", "keys.list.first", show=False),
        K("list.last", "end", "edge(1)", "keys.list.last", show=False),
        K("list.open", "enter", "select", "register.open", show=False),
    ),
    "ledger": (
        K("ledger.filter", "slash", "filter", "register.filter_key", "keys.filter.help"),
        K("ledger.to_list", "escape", "focus_list", "keys.to_list", show=False),
    ),
    "dashboard": (K("dashboard.refresh", "r", "refresh", "dash.refresh", show=False),),
    "register": (
        K("register.add", "a", "add", "register.add", "cmd.add_medium.help", anywhere=True),
        K("register.edit", "e", "edit", "register.edit", "keys.register.edit.help"),
        K("register.state", "s", "state", "register.state", "keys.register.state.help"),
        K(
            "register.device",
            "i",
            "register_device",
            "cmd.register_device",
            "cmd.register_device.help",
            anywhere=True,
        ),
        K("register.lend", "l", "lend", "cmd.lend", "cmd.lend.help", anywhere=True),
        K("register.wipe", "w", "wipe", "cmd.wipe", "cmd.wipe.help", anywhere=True),
        K("register.load", "o", "load", "cmd.load", "cmd.load.help", anywhere=True),
        K("register.intake", "k", "intake", "cmd.intake", "cmd.intake.help", anywhere=True),
        K("register.return", "r", "take_return", "cmd.return", "cmd.return.help", anywhere=True),
        K("register.next", "n", "next_step", "cmd.next_step", "cmd.next_step.help"),
        K(
            "register.print",
            "p",
            "print_register",
            "cmd.print_register",
            "cmd.print_register.help",
            anywhere=True,
        ),
        K(
            "register.pdf",
            "f",
            "save_register",
            "cmd.save_register",
            "cmd.print_register.help",
            show=False,
        ),
    ),
    "loans": (
        K("loans.lend", "l", "lend", "cmd.lend", "cmd.lend.help", anywhere=True),
        K("loans.return", "r", "take_return", "cmd.return", "cmd.return.help", anywhere=True),
        K("loans.send", "m", "send", "cmd.send_without_medium", "cmd.send_without_medium.help"),
        K("loans.intake", "k", "intake", "cmd.intake", "cmd.intake.help"),
        K("loans.open", "enter", "open", "register.open", show=False),
    ),
    "trail": (K("trail.verify", "v", "verify", "trail.verify", "cmd.verify.help", anywhere=True),),
    "contracts": (
        K(
            "contracts.add",
            "n",
            "add_contract",
            "cmd.add_contract",
            "cmd.contracts.help",
            anywhere=True,
        ),
        K(
            "contracts.handler",
            "h",
            "add_handler",
            "cmd.add_handler",
            "cmd.contracts.help",
            anywhere=True,
        ),
        K(
            "contracts.reset_code",
            "r",
            "reset_code",
            "cmd.reset_handler_code",
            "cmd.reset_handler_code.help",
            anywhere=True,
        ),
        K(
            "contracts.section",
            "k",
            "add_section",
            "cmd.add_section",
            "cmd.contracts.help",
            anywhere=True,
        ),
        K(
            "contracts.contractor",
            "c",
            "add_contractor",
            "cmd.add_contractor",
            "cmd.contracts.help",
            anywhere=True,
        ),
        K("contracts.sheet", "s", "sheet", "cmd.sheet", "cmd.compliance.help", anywhere=True),
        K("contracts.audits", "a", "audits", "cmd.audits", "cmd.compliance.help", anywhere=True),
        K(
            "contracts.incidents",
            "i",
            "incidents",
            "cmd.incidents",
            "cmd.incidents.help",
            anywhere=True,
        ),
        K(
            "contracts.terms_paper",
            "p",
            "terms_paper",
            "cmd.terms_paper",
            "cmd.contract_paper.help",
        ),
        K(
            "contracts.handlers_paper",
            "r",
            "handlers_paper",
            "cmd.handlers_paper",
            "cmd.contract_paper.help",
        ),
        K(
            "contracts.erased_device",
            "d",
            "add_erased_device",
            "cmd.add_erased_device",
            "cmd.add_erased_device.help",
        ),
        K(
            "contracts.erasure_paper",
            "e",
            "erasure_paper",
            "cmd.erasure_paper",
            "cmd.erasure_paper.help",
        ),
        K(
            "contracts.closeout",
            "x",
            "closeout",
            "cmd.closeout",
            "cmd.compliance.help",
            anywhere=True,
        ),
    ),
    "operators": (
        K("operators.add", "a", "add", "cmd.add_operator", "cmd.operators.help", anywhere=True),
        K("operators.toggle", "t", "toggle", "operators.toggle"),
        K("operators.reset", "p", "reset", "operators.reset"),
    ),
    "inspection": (
        K("inspection.start", "ctrl+n", "start", "insp.bind.start", anywhere=True),
        K("inspection.finish", "ctrl+f", "finish", "insp.bind.finish"),
        K("inspection.print", "ctrl+o", "print", "insp.bind.print"),
        K("inspection.pdf", "ctrl+s", "pdf", "insp.bind.pdf"),
        K("inspection.filter", "ctrl+t", "cycle_filter", "insp.bind.filter"),
        K("inspection.to_input", "escape", "focus_input", "keys.to_input", show=False),
    ),
    "slip": (
        K("slip.back", "escape", "app.pop_screen", "nav.back"),
        K("slip.counter", "c", "counter", "slip.counter"),
        K("slip.print", "p", "print", "slip.print"),
        K("slip.pdf", "f", "pdf", "slip.pdf"),
        K("slip.stamp", "s", "stamp", "slip.stamp"),
        K("slip.cancel", "x", "cancel", "slip.cancel"),
    ),
    "counter": (K("counter.back", "escape", "close", "nav.back"),),
    "job": (
        K("job.leave", "escape", "leave", "nav.back"),
        K("job.stop", "ctrl+x", "stop", "wipe.cancel"),
    ),
    "load": (
        K("load.notice", "n", "notice", "load.notice", show=False),
        K("load.lend", "l", "lend", "cmd.lend", "cmd.lend.help", show=False),
    ),
    "stick_pick": (K("stick_pick.cancel", "escape", "cancel", "form.cancel"),),
    "intake": (K("intake.start", "ctrl+s", "start", "job.start"),),
    "wipe": (
        K("wipe.print", "p", "print_certificate", "slip.print", show=False),
        K("wipe.pdf", "f", "save_certificate", "slip.pdf", show=False),
    ),
    "audits": (
        K("audits.back", "escape", "app.pop_screen", "nav.back"),
        K("audits.plan", "n", "plan", "ui.audits.plan"),
        K("audits.record", "r", "record", "ui.audits.record"),
        K("audits.close", "c", "close_follow_ups", "ui.audits.close"),
        K("audits.print", "p", "print", "ui.audits.print"),
        K("audits.pdf", "ctrl+s", "pdf", "ui.pdf_save"),
    ),
    "incidents": (
        K("incidents.back", "escape", "app.pop_screen", "nav.back"),
        K("incidents.new", "n", "report", "ui.incidents.new"),
        K("incidents.update", "u", "update", "ui.incidents.update"),
        K("incidents.found", "f", "found", "ui.incidents.found"),
        K("incidents.close", "c", "close", "ui.incidents.close"),
        K("incidents.print", "p", "print", "ui.incidents.print"),
        K("incidents.pdf", "ctrl+s", "pdf", "ui.pdf_save"),
    ),
    "closeout": (
        K("closeout.back", "escape", "back", "cmd.closeout_back"),
        K("closeout.print", "p", "print_summary", "cmd.closeout_print"),
        K("closeout.save", "s", "save_summary", "cmd.closeout_save"),
    ),
    "sheet": (
        K("sheet.back", "escape", "leave", "nav.back"),
        K("sheet.met", "m", "met", "sheet.bind.met"),
        K("sheet.not_met", "n", "not_met", "sheet.bind.not_met"),
        K("sheet.na", "a", "not_applicable", "sheet.bind.not_applicable"),
        K("sheet.history", "h", "history", "sheet.bind.history"),
        K("sheet.start", "ctrl+n", "start", "sheet.bind.start"),
        K("sheet.add", "i", "add_item", "sheet.bind.add"),
        K("sheet.reword", "r", "reword_item", "sheet.bind.reword"),
        K("sheet.withdraw", "w", "withdraw_item", "sheet.bind.withdraw"),
        K("sheet.terms", "t", "terms", "sheet.bind.terms"),
        K("sheet.print", "ctrl+o", "print", "sheet.bind.print"),
        K("sheet.pdf", "ctrl+s", "pdf", "sheet.bind.pdf"),
    ),
    "form": (
        K("form.cancel", "escape", "cancel", "form.cancel"),
        K("form.save", "ctrl+s", "submit", "form.save"),
        # Enter in a text field goes on as the key arrives (see `action_next_field`).
        K("form.next", "enter", "next_field", "keys.next_field", show=False, priority=True),
    ),
    "error": (K("error.close", "escape,enter", "close", "common.close"),),
    "confirm": (
        K("confirm.yes", "y", "answer(True)", "form.yes"),
        K("confirm.no", "n,escape", "answer(False)", "form.no"),
    ),
    "detail": (K("detail.close", "escape,enter", "close", "common.close"),),
    "help": (K("help.close", "escape,f1", "close", "common.close"),),
}

#: The table's groups in the README and the help screen: catalogue key of the place.
PLACES = {
    "app": "keys.place.everywhere",
    "list": "keys.place.lists",
    "ledger": "keys.place.ledgers",
    "dashboard": "nav.dashboard",
    "register": "nav.register",
    "loans": "nav.loans",
    "trail": "nav.trail",
    "contracts": "nav.contracts",
    "operators": "nav.operators",
    "inspection": "nav.inspection",
    "slip": "keys.place.slip",
    "counter": "keys.place.counter",
    "job": "keys.place.job",
    "load": "keys.place.load",
    "stick_pick": "keys.place.dialogs",
    "intake": "cmd.intake",
    "wipe": "keys.place.wipe",
    "audits": "cmd.audits",
    "incidents": "cmd.incidents",
    "closeout": "cmd.closeout",
    "sheet": "cmd.sheet",
    "form": "keys.place.forms",
    "session": "keys.place.login",
    "first_run": "keys.place.login",
    "error": "keys.place.dialogs",
    "confirm": "keys.place.dialogs",
    "detail": "keys.place.dialogs",
    "help": "keys.place.dialogs",
}

BY_ID: dict[str, DeskKey] = {key.id: key for group in KEYS.values() for key in group}


def bindings(group: str) -> list[Binding | tuple[str, str] | tuple[str, str, str]]:
    """The `BINDINGS` of the screen or widget that owns `group` (typed as Textual's)."""
    return [key.binding() for key in KEYS[group]]


def all_keys() -> Iterator[tuple[str, DeskKey]]:
    for group, keys in KEYS.items():
        for key in keys:
            yield group, key


def keymap_path(config_dir: Path) -> Path:
    return config_dir / "keys.toml"


def load_keymap(path: Path) -> dict[str, str]:
    """The operator's remapped keys (`[keys]` id = "key,key"); unknown ids are ignored
    with a log line, a broken file leaves the defaults in place."""
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        log.error("key settings %s not read: %s", path, error)
        return {}
    keymap: dict[str, str] = {}
    for key_id, keys in dict(data.get("keys", {})).items():
        if key_id not in BY_ID or not isinstance(keys, str) or not keys.strip():
            log.warning("key settings %s: %r = %r ignored", path, key_id, keys)
            continue
        keymap[key_id] = keys.replace(" ", "")
    return keymap


KEY_NAMES = {
    "slash": "/",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
}


def display_key(key: str) -> str:
    """How the README, the help screen and the palette write a key: F2, Ctrl+P, /, Esc."""
    shown = []
    for one in key.split(","):
        *modifiers, last = one.split("+")
        name = KEY_NAMES.get(last, last.upper() if modifiers or len(last) > 1 else last)
        shown.append("+".join([*(m.capitalize() for m in modifiers), name]))
    return " / ".join(shown)


def what(key: DeskKey, lang: str | None = None) -> str:
    """The label, and the longer text when there is one."""
    from ledger_tui.i18n import t

    label = t(key.label, lang)  # type: ignore[arg-type]
    long = t(key.help_key, lang)  # type: ignore[arg-type]
    return label if long == label else f"{label} — {long}"


def markdown_table(lang: str = "en") -> str:
    """The README's key table, generated from `KEYS` (a test checks the README has it)."""
    from ledger_tui.i18n import t

    rows = ["| key | where | what |", "|---|---|---|"]
    for group, key in all_keys():
        place = t(PLACES[group], lang)  # type: ignore[arg-type]
        rows.append(f"| {display_key(key.key)} | {place} | {what(key, lang)} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(markdown_table())
