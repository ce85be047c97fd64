"""The ledger_tui application: app factory, session (login, idle lock), navigation.

`make_app(settings)` is the one factory shared by the CLI and the tests. The app opens
the ledger in the background, then shows first-run (no administrator yet) or login.
After login each area is a mode with its own screen stack, so switching areas keeps
the operator's work in place; the lock screen is pushed on top of whatever is open.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual import on
from textual.app import SystemCommand
from textual.events import Event, InputEvent, Key
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

from ledger_tui.config import Settings
from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import set_language, t
from ledger_tui.ui.desk import DeskApp
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.session import SessionBaseScreen

if TYPE_CHECKING:
    from textual.notifications import Notification

    # Imported for types only: the database and device layers load in the background
    # while the first screen is already drawn (cold start target 0.5 s).
    from ledger_tui.db.uow import Ledger
    from ledger_tui.domain.audit import ChainReport
    from ledger_tui.domain.operators import Actor
    from ledger_tui.services.lending.slip_views import SlipView
    from ledger_tui.services.register.devices import DeviceMatch
    from ledger_tui.system.devices.model import DeviceEvent, DeviceSource
    from ledger_tui.system.devices.watcher import DeviceWatcher

log = logging.getLogger("ledger_tui.ui")

T = TypeVar("T")


class DeviceSeen(Message):
    """A stick arrived, left or changed (with its register match), or the monitor spoke."""

    def __init__(self, event: DeviceEvent, match: DeviceMatch | None) -> None:
        super().__init__()
        self.event = event
        self.match = match


AREAS = ("dashboard", "register", "loans", "slips", "contracts", "trail", "operators", "inspection")

#: How often the desk asks the ledger whether another desk committed something.
CHANGE_POLL_SECONDS = 2.0
#: The worker (and timer) name of the poll; its own result does not trigger another.
CHANGE_POLL = "change-poll"

#: A keyboard-wedge scanner types a whole code within a few ms per key; a person does not.
SCAN_KEY_GAP = 0.08
SCAN_PREFIX = "LTUI."


class LedgerApp(DeskApp):
    """Keyboard-driven desk application over one ledger."""

    CSS_PATH = "app.tcss"
    TITLE = "ledger_tui"
    #: Before login (and after logout) the app sits in the "session" mode.
    DEFAULT_MODE = "session"
    MODES = {"session": SessionBaseScreen}

    BINDINGS = bindings("app")

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        device_source: DeviceSource | None = None,
    ) -> None:
        set_language(settings.lang)
        super().__init__()
        self.settings = settings
        self.ledger = ledger
        self.actor: Actor | None = None
        self.monotonic = monotonic
        self.last_activity = monotonic()
        self.trail_message = ""
        self.trail_report: ChainReport | None = None
        self.locked = False
        self._areas: set[str] = set()
        self._scan_buffer = ""
        self._scan_last = 0.0
        self.device_source = device_source
        self.device_source_key = "devices.source.fake"
        self.devices: dict[str, DeviceMatch] = {}
        self.devices_ready = False
        self._watcher: DeviceWatcher | None = None
        self._open_attempts = 0
        self._stop_waiting: Callable[[], None] | None = None
        self._retry_left = 0
        self._retry_timer: Timer | None = None
        #: Seconds before each new attempt to open a ledger that cannot be reached.
        self.retry_delays: tuple[int, ...] = (2, 4, 8, 15, 30)
        #: The ledger's change mark (trail head sequence) the screens last showed.
        self._change_mark: int | None = None
        self._polling = False
        self._device_note: Notification | None = None

    # --- start-up -----------------------------------------------------------------

    def on_mount(self) -> None:
        if self.settings.keys_file is not None:
            from ledger_tui.ui.keys import load_keymap

            self.set_keymap(load_keymap(self.settings.keys_file))
        self.title = t("app.title") + (f" — {t('app.demo')}" if self.settings.demo else "")
        self.sub_title = t("app.not_logged_in")
        self.set_interval(1.0, self._check_idle, name="idle-lock")
        from ledger_tui.system.first_run import embedded_ledger_without_admin
        from ledger_tui.ui.screens.session import FirstRunScreen, LoginScreen

        # The login screen is drawn at once; the ledger opens meanwhile in a worker and
        # replaces it with the first-run screen if the ledger has no administrator yet.
        # A new embedded ledger is known at once: its set-up shows without a login flash.
        first_run = embedded_ledger_without_admin(self.settings.db_url)
        self.push_screen(FirstRunScreen() if first_run else LoginScreen())

    def on_ready(self) -> None:
        """The first frame is written: now open the ledger (the worker's imports would
        otherwise compete with drawing the login screen for the interpreter)."""
        self._start_open()

    def _start_open(self) -> None:
        if self.ledger is None:
            self.call_service(self._open, self._opened, on_error=self._open_refused, what="open")
        else:
            self._opened(self.ledger)

    def _open_refused(self, error: DomainError) -> None:
        """A ledger that cannot be reached now (the server is down or restarting) is
        tried again with a visible countdown; anything else ends the desk."""
        if error.key not in RETRY_OPEN:
            self._fatal(error)
            return
        self._open_attempts += 1
        delays = self.retry_delays
        self._retry_left = delays[min(self._open_attempts, len(delays)) - 1]
        self._show_retry()
        self._retry_timer = self.set_interval(1.0, self._retry_tick, name="open-retry")

    def _show_retry(self) -> None:
        self.sub_title = t("db.retrying", seconds=self._retry_left, attempt=self._open_attempts)

    def _retry_tick(self) -> None:
        self._retry_left -= 1
        if self._retry_left > 0:
            self._show_retry()
            return
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self.sub_title = t("app.not_logged_in")
        self._start_open()

    def _waiting_for_another_desk(self) -> None:
        """From the lock watch's timer thread: say so on the screen."""
        with contextlib.suppress(RuntimeError):  # the desk is closing
            self.call_from_thread(self.notify, t("db.waiting"), timeout=5)

    def _open(self) -> Ledger:
        from ledger_tui.services.ledger.bootstrap import open_ledger

        return open_ledger(self.settings.db_url, self.settings.key_dir, settings=self.settings)

    def _opened(self, ledger: Ledger) -> None:
        from ledger_tui.services import auth

        self.ledger = ledger
        if self._stop_waiting is None:  # "waiting for another desk…" when a lock takes long
            from ledger_tui.services.ledger.waiting import on_lock_wait

            self._stop_waiting = on_lock_wait(self._waiting_for_another_desk)
        self.call_service(self._name_ledger, self._named, what="ledger-name")
        self.check_trail()
        self.start_device_watch()
        self.call_service(
            lambda: auth.needs_first_admin(ledger), self._first_run_needed, what="first-run-check"
        )
        self.call_service(lambda: _recover_wipes(ledger), None, what="recover-wipes")
        self.call_service(lambda: _recover_loads(ledger), None, what="recover-loads")
        self.set_interval(CHANGE_POLL_SECONDS, self.ledger_changed, name=CHANGE_POLL)

    def _first_run_needed(self, needed: bool) -> None:
        from ledger_tui.ui.screens.session import FirstRunScreen, LoginScreen

        if needed and isinstance(self.screen, LoginScreen):
            self.switch_screen(FirstRunScreen())
        elif needed and isinstance(self.screen, FirstRunScreen):
            self.screen.ledger_ready()
        elif not needed and isinstance(self.screen, FirstRunScreen):
            self.switch_screen(LoginScreen())  # another desk set the ledger up meanwhile
        elif isinstance(self.screen, LoginScreen):
            self.screen.ledger_ready()

    def check_trail(self) -> None:
        """Verify the audit trail in the background; warn everywhere if it is broken."""
        from ledger_tui.services.trail.verify import verify_trail

        ledger = self.ledger
        assert ledger is not None

        def check() -> tuple[ChainReport, str]:
            from ledger_tui.services.trail.guard import guard_writes
            from ledger_tui.system.memory import release_free_memory

            report = verify_trail(ledger)
            release_free_memory()  # the scan's pages go back to the system
            # On a broken trail this desk's writes stop until an administrator records
            # a recovery (unless one already acknowledged this fault).
            return report, guard_writes(ledger, report)

        self.call_service(
            check, self.trail_verified, what="verify-trail", group="verify", exclusive=True
        )

    def trail_verified(self, outcome: tuple[ChainReport, str]) -> None:
        report, message = outcome
        self.trail_message = message
        if not report.ok:
            log.error("audit trail verification failed: %s", report)
            self.notify(t("app.trail_broken", message=message), severity="error", timeout=30)
        self.trail_report = report
        if not self.screen_stack:  # the desk is closing: no screen to tell
            return
        show = getattr(self.screen, "show_trail_status", None)
        if show is not None:
            show()

    # --- inserted sticks ----------------------------------------------------------

    def start_device_watch(self) -> None:
        from ledger_tui.system.devices.sources import choose_source
        from ledger_tui.system.devices.watcher import DeviceWatcher

        source = self.device_source
        if source is None:
            source, _ = choose_source(allow_loop=self.settings.allow_loop_devices)
        self.device_source_key = source.status_key
        self._watcher = DeviceWatcher(source, self._device_event_in_thread)
        self._watcher.start()

    def _device_event_in_thread(self, event: DeviceEvent) -> None:
        """Runs in the watcher thread: match and record through the services, then post."""
        from ledger_tui.domain.operators import SYSTEM
        from ledger_tui.services.register.devices import match_device, record_device_event

        ledger = self.ledger
        if ledger is None:
            return
        match = None
        if event.info is not None and event.action in ("add", "change", "remove"):
            match = match_device(ledger, event.info)
            if event.action != "change":
                action = (
                    "removed"
                    if event.action == "remove"
                    else "present"
                    if event.initial
                    else "inserted"
                )
                record_device_event(ledger, self.actor or SYSTEM, action, match)
        self.post_message(DeviceSeen(event, match))

    @on(DeviceSeen)
    def _device_seen(self, message: DeviceSeen) -> None:
        event, match = message.event, message.match
        if event.action == "ready":
            self.devices_ready = True
        elif event.action == "error":
            log.error("device monitor: %s", event.error)
            self.notify(t("error.devices.event", detail=event.error or ""), severity="error")
        elif event.action == "remove" and event.node:
            self.devices.pop(event.node, None)
        elif match is not None and event.node:
            old = self.devices.get(event.node)
            # A password-lock stick unlocked (its medium appeared) arrives as a stick
            # then: announced and followed like an insertion, without re-inserting it.
            new = old is None or (old.device.locked and not match.device.locked)
            self.devices[event.node] = match
            if new and not event.initial:
                self._announce(match)
                follow = getattr(self.screen, "stick_inserted", None)
                if follow is not None:
                    follow(match)
        show = getattr(self.screen, "show_devices", None)
        if show is not None:
            show()

    def ledger_changed(self) -> None:
        """Something may have been committed (by this desk or another): read the cheap
        change mark, and when it moved, match the inserted sticks afresh and let the
        screen on top refresh what it shows."""
        ledger = self.ledger
        if ledger is None or self.actor is None or self._polling:
            return
        from ledger_tui.services.ledger.changes import change_mark

        self._polling = True
        self.call_service(
            lambda: change_mark(ledger),
            self._change_seen,
            on_error=self._change_unseen,
            what=CHANGE_POLL,
            group=CHANGE_POLL,
        )

    def _change_unseen(self, error: DomainError) -> None:
        self._polling = False

    def _change_seen(self, mark: int) -> None:
        self._polling = False
        if mark == self._change_mark:
            return
        # The first answer refreshes too: a change committed between the screen's
        # first read and this desk's first look must not stay unseen.
        self._change_mark = mark
        if self.devices:
            self._rematch_devices()
        refresh = getattr(self.screen, "ledger_changed", None)
        if refresh is not None:
            refresh()

    def _rematch_devices(self) -> None:
        """The inserted sticks matched to the register as it is now (never stale)."""
        from ledger_tui.services.register.devices import match_device

        ledger, infos = self.ledger, [m.device for m in self.devices.values()]
        assert ledger is not None

        def rematched(matches: list[DeviceMatch]) -> None:
            for match in matches:
                if match.device.node in self.devices:  # not pulled meanwhile
                    self.devices[match.device.node] = match
            show = getattr(self.screen, "show_devices", None)
            if show is not None:
                show()

        self.call_service(
            lambda: [match_device(ledger, info) for info in infos],
            rematched,
            what="devices-rematch",
            group="devices-rematch",
        )

    def _announce(self, match: DeviceMatch) -> None:
        from ledger_tui.services.register.devices import MatchOutcome
        from ledger_tui.ui.screens.dialogs import ErrorDialog
        from ledger_tui.ui.widgets.device_strip import locked_name

        node = match.device.node
        if match.device.locked:
            self.device_notice(t("devices.notify.locked", name=locked_name(match)))
        elif match.outcome is MatchOutcome.MISMATCH:
            self.push_screen(
                ErrorDialog(t("devices.notify.mismatch", node=node, reason=t(match.reason)))
            )
        elif match.outcome is MatchOutcome.UNKNOWN:
            self.device_notice(t("devices.notify.unknown", node=node))
        elif match.medium is not None:
            self.device_notice(
                t(
                    "devices.notify.known",
                    control_number=match.medium.control_number,
                    state=t("state." + match.medium.state.value),
                )
            )

    def device_notice(self, message: str) -> None:
        """One compact notice about inserted sticks: each replaces the one before, so a
        handful of insertions never stacks up over the form being filled in (the device
        strip keeps the full picture)."""
        from textual.notifications import Notification

        old = self._device_note
        if old is not None and old in self._notifications:
            self._unnotify(old, refresh=False)
        self._device_note = Notification(message, "", "information", 8)
        self._notifications.add(self._device_note)  # as App._on_notify, but at once
        self._refresh_notifications()

    def _handle_exception(self, error: Exception) -> None:
        # Textual ends the app on an exception no handler caught; keep its context in
        # the desk's log before that happens (service errors never get here: see port.py).
        log.error("unhandled exception in the UI", exc_info=error)
        super()._handle_exception(error)

    def on_unmount(self) -> None:
        if self._stop_waiting is not None:
            self._stop_waiting()
            self._stop_waiting = None
        if self._watcher is not None:
            self._watcher.stop()

    def _name_ledger(self) -> str:
        from ledger_tui.services.paper import ledger_name

        assert self.ledger is not None
        return ledger_name(self.ledger)

    def _named(self, name: str) -> None:
        if name and not self.settings.demo:  # the demo says so in the screen's language
            self.title = f"{t('app.title')} — {name}"

    def _fatal(self, error: DomainError) -> None:
        from ledger_tui.ui.screens.dialogs import ErrorDialog

        self.push_screen(ErrorDialog(error.message()), lambda _: self.exit(1))

    # --- session ------------------------------------------------------------------

    def logged_in(self, actor: Actor) -> None:
        """Called by the login and first-run screens."""
        from ledger_tui.ui.screens.areas import area_screen

        self.actor = actor
        self.locked = False
        self.last_activity = self.monotonic()
        self.sub_title = f"{actor.name} ({actor.login})"
        for area in AREAS:
            if area not in self._areas:
                self.add_mode(area, partial(area_screen, area))
                self._areas.add(area)
        self.switch_mode("dashboard")
        self.notify(t("login.welcome", name=actor.name))

    def logout(self) -> None:
        from ledger_tui.services import auth

        actor, ledger = self.actor, self.ledger
        self.actor = None
        if actor is not None and ledger is not None:
            self.call_service(
                lambda: auth.record_session_event(ledger, actor, "session.logout"),
                None,
                what="logout",
            )
        self._back_to_login()

    def _back_to_login(self, reason: str = "") -> None:
        """Close every area and show the login screen (with `reason`, when the session
        was ended for the operator: account disabled or locked meanwhile)."""
        from ledger_tui.ui.screens.session import LoginScreen

        if reason:
            log.warning("session ended: %s", reason)
        self.actor = None
        self.locked = False
        self.sub_title = t("app.not_logged_in")

        async def reset() -> None:
            await self.switch_mode("session")
            for area in sorted(self._areas):
                await self.remove_mode(area)
            self._areas.clear()
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(LoginScreen())
            if reason:
                self.notify(reason, severity="error", timeout=30)

        self.call_later(reset)

    def action_lock(self, idle: bool = False) -> None:
        from ledger_tui.services import auth
        from ledger_tui.ui.screens.session import LockScreen

        if self.actor is None or self.locked or self.ledger is None:
            return
        self.locked = True
        actor, ledger = self.actor, self.ledger
        self.call_service(
            lambda: auth.record_session_event(ledger, actor, "session.locked"), None, what="lock"
        )
        self.push_screen(LockScreen(actor, idle=idle))

    def session(self) -> tuple[Ledger, Actor]:
        """The open ledger and the operator logged in (screens past login only)."""
        assert self.ledger is not None and self.actor is not None
        return self.ledger, self.actor

    def unlocked(self) -> None:
        self.locked = False
        self.last_activity = self.monotonic()

    async def on_event(self, event: Event) -> None:
        if isinstance(event, InputEvent):
            self.last_activity = self.monotonic()
            if isinstance(event, Key) and not event.is_forwarded:
                self._watch_for_scan(event)
        await super().on_event(event)

    def _watch_for_scan(self, event: Key) -> None:
        """Collect fast bursts of keys; a burst ending in Enter that reads as one of our
        form codes (the slip's QR) opens that form, wherever the operator is."""
        now = time.monotonic()
        if now - self._scan_last > SCAN_KEY_GAP:
            self._scan_buffer = ""
        self._scan_last = now
        if event.key == "enter":
            burst, self._scan_buffer = self._scan_buffer, ""
            if burst.startswith(SCAN_PREFIX) and self.actor is not None and not self.locked:
                self.call_later(self.open_scanned, burst)
        elif event.character and event.is_printable:
            self._scan_buffer += event.character

    def open_scanned(self, payload: str) -> None:
        from ledger_tui.services.lending.slip_views import find_slip
        from ledger_tui.system.pdf.qr import parse_qr_payload
        from ledger_tui.ui import flows

        focused = self.focused
        if isinstance(focused, Input) and focused.value.endswith(payload):
            focused.value = focused.value[: -len(payload)]  # the scanner typed into it
        ref = parse_qr_payload(payload)
        if ref is not None and ref.kind == "CHECKPOINT" and self.ledger is not None:
            self._scanned_checkpoint(ref.number, ref.audit_hash)
            return
        if ref is None or ref.kind != "SLIP" or self.ledger is None:
            return
        ledger = self.ledger

        def opened(slip: SlipView) -> None:
            if ref.audit_hash and slip.entry_hash and ref.audit_hash != slip.entry_hash:
                self.notify(
                    t("scan.hash_mismatch", number=slip.number), severity="error", timeout=15
                )
            else:
                self.notify(t("scan.opened", number=slip.number))
            flows.open_slip(self, slip)

        self.call_service(lambda: find_slip(ledger, ref.number), opened, what="scan-slip")

    def _scanned_checkpoint(self, number: str, audit_hash: str) -> None:
        """A checkpoint page scanned: does the trail still hold its entry with its hash?"""
        from ledger_tui.services.trail.checkpoint import scanned_checkpoint_held

        ledger = self.ledger
        assert ledger is not None

        def shown(held: bool) -> None:
            key = "checkpoint.scan.held" if held else "checkpoint.scan.not_held"
            self.notify(
                t(key, number=number),
                severity="information" if held else "error",
                timeout=8 if held else 30,
            )

        self.call_service(
            lambda: scanned_checkpoint_held(ledger, number, audit_hash), shown, what="scan-cp"
        )

    def _check_idle(self) -> None:
        limit = self.settings.idle_lock_seconds
        if limit <= 0 or self.actor is None or self.locked:
            return
        if self.monotonic() - self.last_activity >= limit:
            self.action_lock(idle=True)

    # --- navigation ---------------------------------------------------------------

    def lend(self, control_number: str | None = None) -> None:
        from ledger_tui.ui import flows

        flows.lend(self, control_number)

    def lend_transfer(self, loan_id: int, record_count: int | None = None) -> None:
        from ledger_tui.ui import flows

        flows.lend_transfer(self, loan_id, record_count=record_count)

    def action_area(self, area: str) -> None:
        if self.actor is None or self.locked:
            return
        self.switch_mode(area)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("area", "lock") and (self.actor is None or self.locked):
            return False
        if action == "area" and parameters == ("operators",):
            return bool(self.actor and self.actor.is_admin)
        return True

    def service_done(self, what: str) -> None:
        """After each service call this desk made (but the change poll's own)."""
        if what != CHANGE_POLL:
            self.ledger_changed()  # this desk's own change shows at once

    def service_refused(self, error: DomainError) -> bool:
        """The app's part of a refusal: True when the session ended (back to login)."""
        from ledger_tui.domain.errors import SessionEnded, TrailBroken

        if isinstance(error, SessionEnded):
            if self.actor is not None:
                self._back_to_login(error.message())
            return True
        if isinstance(error, TrailBroken):
            # A write found the trail broken: every screen shows it from now on.
            self.trail_message = error.message()
            show = getattr(self.screen, "show_trail_status", None)
            if show is not None:
                show()
        return False

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return ()  # the palette's commands all come from the keys table (palette.py)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from ledger_tui.ui.palette import DeskPalette

        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(DeskPalette())

    def action_help(self) -> None:
        from ledger_tui.config import keys_path
        from ledger_tui.ui.screens.help import HelpScreen

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        title = getattr(screen, "area_title_key", "") or ""
        name = t(title) if title else str(self.sub_title or self.title)
        path = self.settings.keys_file or keys_path()
        self.push_screen(HelpScreen(screen, name, str(path)))


#: Ledger failures that may pass (the server is starting, restarting, busy): retried.
RETRY_OPEN = frozenset(
    {
        "db.error.unreachable",
        "db.error.closed",
        "db.error.lock_timeout",
        "db.error.statement_timeout",
    }
)


def _recover_wipes(ledger: Ledger) -> list[int]:
    """A wipe cut short by a crash or a pulled stick is recorded as interrupted; its
    medium stays 'wipe pending' until a complete, verified run."""
    from ledger_tui.services.wiping.wipe import recover_interrupted_wipes

    return recover_interrupted_wipes(ledger)


def _recover_loads(ledger: Ledger) -> list[int]:
    """A load cut short by a crash is failed as interrupted; its stick goes to 'wipe
    pending' and is never lent before a verified wipe."""
    from ledger_tui.services.lending.unfinished_loads import recover_interrupted_loads

    return recover_interrupted_loads(ledger)


def make_app(settings: Settings, ledger: Ledger | None = None, **kwargs: Any) -> LedgerApp:
    return LedgerApp(settings, ledger, **kwargs)


def run_tui(settings: Settings) -> int:
    app = make_app(settings)
    result = app.run()
    return int(result or 0)
