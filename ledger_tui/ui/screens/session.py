"""First run (create the first administrator), login, and the lock screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from ledger_tui.domain.errors import DomainError
from ledger_tui.domain.operators import MIN_PASSWORD_LENGTH
from ledger_tui.i18n import t
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.port import ServiceCalls
from ledger_tui.ui.widgets.footer import LocalizedFooter
from ledger_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual import getters

    from ledger_tui.domain.operators import Actor
    from ledger_tui.ui.desk import DeskApp


class SessionBaseScreen(Screen[None]):
    """The empty backdrop of the session mode, under login and first-run."""

    def compose(self) -> ComposeResult:
        yield Static(t("app.title"), id="backdrop")


class ButtonSlot(Static):
    """Where a session screen's button goes: empty, of the button's size, in the first
    frame; the button is mounted in its place right after that frame is written.
    Textual's Button brings 7 KB of CSS (57 rules, ~10 ms of CPU to parse, more to match
    against every widget) that the first frame does not need: Enter submits the form
    (the cold start to the login screen, issue 17)."""

    DEFAULT_CSS = """
    ButtonSlot { height: 3; margin-top: 1; width: 100%; }
    """

    def __init__(self, make: Callable[[], Button]) -> None:
        super().__init__()
        self._make = make

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        parent = self.parent
        if isinstance(parent, Widget) and self.is_attached:
            parent.mount(self._make(), before=self)
            self.remove()


class _SessionScreen(ServiceCalls, Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    _SessionScreen { align: center middle; }
    _SessionScreen .box { width: 64; height: auto; border: thick $primary;
        background: $surface; padding: 1 3; }
    _SessionScreen .title { text-style: bold; content-align: center middle; width: 100%;
        margin-bottom: 1; }
    _SessionScreen Label.field-label { margin-top: 1; color: $text-muted; }
    _SessionScreen .error { color: $error; margin-top: 1; height: auto; }
    _SessionScreen Button { margin-top: 1; width: 100%; }
    _SessionScreen Input.-routed { border: tall $accent; }
    """

    @property
    def desk(self) -> DeskApp:
        return self.app

    def show_error(self, error: DomainError) -> None:
        self.query_one("#session-error", Label).update(error.message())

    def clear_error(self) -> None:
        self.query_one("#session-error", Label).update("")


class LoginField(TextField):
    """The login input. After Enter it keeps the keyboard focus and hands every further
    key, in order, to the password field (shown as the active field) until the next Enter
    submits. Keys typed ahead of the app — a quick typist, a badge reader typing
    "login<Enter>password<Enter>" — all wait in this one widget's queue, so none can
    overtake another and land in the wrong field, as they could if focus moved. (Tab
    moves focus at once, app-wide, before later keys are handed out.)"""

    DEFAULT_CSS = """
    LoginField.-routing { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.route_to: Input | None = None

    def _route(self, target: Input | None) -> None:
        if self.route_to is not None:
            self.route_to.remove_class("-routed")
        self.route_to = target
        self.set_class(target is not None, "-routing")
        if target is not None:
            target.add_class("-routed")

    async def _on_key(self, event: events.Key) -> None:
        target = self.route_to
        if target is None:
            if event.key == "enter":
                event.stop()
                event.prevent_default()
                self._route(self.screen.query_one("#password", Input))
                return
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        if event.key == "enter":
            self._route(None)
            screen = self.screen
            if isinstance(screen, LoginScreen):
                screen.submit()
        elif event.key == "backspace":
            target.value = target.value[:-1]
        elif event.key in ("escape", "up"):
            self._route(None)
        elif event.is_printable and event.character:
            target.value += event.character

    def _on_focus(self, event: events.Focus) -> None:
        # Coming back to the login field (a click, Shift+Tab) means editing the login.
        self._route(None)
        super()._on_focus(event)

    def _on_blur(self, event: events.Blur) -> None:
        self._route(None)  # Tab went on to the password: it takes the keys itself
        super()._on_blur(event)


class LoginScreen(_SessionScreen):
    BINDINGS = bindings("session")
    #: Login and password submitted before the ledger was open, waiting for it.
    _pending: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="box"):
            yield Static(t("app.title") + " — " + t("login.title"), classes="title")
            yield Label(t("login.login"), classes="field-label")
            yield LoginField(id="login")
            yield Label(t("login.password"), classes="field-label")
            yield TextField(id="password", password=True)
            yield Label("", id="session-error", classes="error")
            yield ButtonSlot(lambda: Button(t("login.submit"), id="submit", variant="primary"))
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#login", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "password":
            self.submit()

    def on_button_pressed(self) -> None:
        self.submit()

    def submit(self) -> None:
        self.clear_error()
        login = self.query_one("#login", Input).value
        password_input = self.query_one("#password", Input)
        password = password_input.value
        password_input.value = ""
        if self.desk.ledger is None:
            # Still opening (the screen is drawn before the ledger is open): keep the
            # credentials typed ahead and log in as soon as it is (`ledger_ready`).
            self._pending = (login, password)
            self.query_one("#session-error", Label).update(t("login.opening"))
            return
        self._login(login, password)

    def ledger_ready(self) -> None:
        """Called by the app once the ledger is open and has an administrator."""
        pending, self._pending = self._pending, None
        if pending is not None:
            self.clear_error()
            self._login(*pending)

    def _login(self, login: str, password: str) -> None:
        from ledger_tui.services import auth

        ledger = self.desk.ledger
        assert ledger is not None
        self.call_service(
            lambda: auth.login(ledger, login, password),
            self._done,
            on_error=self._refused,
            what="login",
        )

    def _refused(self, error: DomainError) -> None:
        self.show_error(error)
        self.query_one("#password", Input).focus()

    def _done(self, actor: Actor) -> None:
        self.app.pop_screen()
        self.desk.logged_in(actor)


class FirstRunScreen(_SessionScreen):
    BINDINGS = [*bindings("session"), *bindings("first_run")]

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="box"):
            yield Static(t("first_run.title"), classes="title")
            yield Static(t("first_run.intro"))
            yield Label(t("login.login"), classes="field-label")
            yield TextField(id="login")
            yield Label(t("first_run.name"), classes="field-label")
            yield TextField(id="name")
            yield Label(t("login.password"), classes="field-label")
            yield Static(
                t("first_run.password_rule", minimum=MIN_PASSWORD_LENGTH), id="password-rule"
            )
            yield TextField(id="password", password=True)
            yield Label(t("first_run.password2"), classes="field-label")
            yield TextField(id="password2", password=True)
            yield Label("", id="session-error", classes="error")
            yield ButtonSlot(lambda: Button(t("first_run.submit"), id="submit", variant="primary"))
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#login", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":  # on the button, Enter is the button's
            return isinstance(self.focused, Input)
        return True

    _pending = False

    def ledger_ready(self) -> None:
        """Called by the app once the ledger is open (and still has no administrator)."""
        if self._pending:
            self._pending = False
            self.submit()

    def action_next_field(self) -> None:
        if self.focused is self.query_one("#password2", Input):
            self.submit()
        else:
            self.focus_next()

    def on_button_pressed(self) -> None:
        self.submit()

    def submit(self) -> None:
        self.clear_error()
        values = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("login", "name", "password", "password2")
        }
        if values["password"] != values["password2"]:
            self.query_one("#session-error", Label).update(t("first_run.mismatch"))
            return
        ledger = self.desk.ledger
        if ledger is None:  # drawn before the ledger was open: submitted once it is
            self._pending = True
            self.query_one("#session-error", Label).update(t("login.opening"))
            return
        from ledger_tui.services import auth

        self.call_service(
            lambda: auth.create_first_admin(
                ledger, values["login"], values["name"], values["password"]
            ),
            self._done,
            on_error=self.show_error,
            what="first-run",
        )

    def _done(self, actor: Actor) -> None:
        self.app.pop_screen()
        self.desk.logged_in(actor)


class LockScreen(_SessionScreen):
    """Covers the desk; the same operator's password unlocks it and the work is kept."""

    BINDINGS = bindings("session")

    def __init__(self, actor: Actor, idle: bool = False) -> None:
        super().__init__()
        self.actor = actor
        self.idle = idle

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="box"):
            yield Static("🔒 " + t("lock.title"), classes="title")
            if self.idle:
                minutes = max(1, self.desk.settings.idle_lock_seconds // 60)
                yield Static(t("lock.idle", minutes=minutes))
            yield Static(t("lock.by", name=self.actor.name, login=self.actor.login))
            yield Label(t("login.password"), classes="field-label")
            yield TextField(id="password", password=True)
            yield Label("", id="session-error", classes="error")
            yield Button(t("lock.unlock"), id="unlock", variant="primary")
            yield Button(t("lock.switch"), id="switch")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#password", Input).focus()

    def on_input_submitted(self) -> None:
        self.unlock()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "switch":
            self.desk.logout()
        else:
            self.unlock()

    def unlock(self) -> None:
        self.clear_error()
        field = self.query_one("#password", Input)
        password = field.value
        field.value = ""
        ledger = self.desk.ledger
        assert ledger is not None
        login = self.actor.login
        from ledger_tui.services import auth

        self.call_service(
            lambda: auth.login(ledger, login, password),
            self._done,
            on_error=self.show_error,
            what="unlock",
        )

    def _done(self, actor: Actor) -> None:
        self.app.pop_screen()
        self.desk.unlocked()
