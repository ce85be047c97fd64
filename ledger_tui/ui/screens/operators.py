"""Staff accounts (admins only): add, enable/disable, reset a password."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.widgets import DataTable

from ledger_tui.i18n import t
from ledger_tui.services import auth, organisation
from ledger_tui.services.auth import OperatorView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen


class OperatorsScreen(AreaScreen):
    area_title_key = "operators.title"

    BINDINGS = bindings("operators")

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        yield DataTable(id="operators", cursor_type="row")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#operators", DataTable)
        table.add_columns(
            t("operators.login"),
            t("operators.name"),
            t("operators.role"),
            t("operators.section"),
            t("operators.status"),
        )
        self.operators: list[OperatorView] = []
        self.load()
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "toggle_active", "reset"):
            return self.actor.is_admin
        return True

    def load(self) -> None:
        ledger = self.ledger
        self.call_service(lambda: auth.list_operators(ledger), self._loaded, what="operators")

    def _loaded(self, operators: list[OperatorView]) -> None:
        self.operators = operators
        table = self.query_one("#operators", DataTable)
        table.clear()
        for op in operators:
            status = t("operators.active" if op.active else "operators.inactive")
            if op.locked:
                status += " / " + t("operators.locked")
            table.add_row(
                op.login, op.name, t("role." + op.role.value), op.section, status, key=op.login
            )

    @property
    def selected(self) -> OperatorView | None:
        table = self.query_one("#operators", DataTable)
        if 0 <= table.cursor_row < len(self.operators):
            return self.operators[table.cursor_row]
        return None

    def _done(self, key: str) -> Callable[[object], None]:
        def done(result: object) -> None:
            if result is not None:
                login = getattr(result, "login", result)
                self.notify(t(key, login=login))
                self.load()

        return done

    def action_add(self) -> None:
        from ledger_tui.ui.screens.org_forms import OperatorFormScreen

        ledger = self.ledger
        self.call_service(
            lambda: organisation.list_sections(ledger),
            lambda sections: self.app.push_screen(
                OperatorFormScreen(sections), self._done("operator.added")
            ),
            what="operator-form",
        )

    def action_toggle_active(self) -> None:
        op = self.selected
        if op is None:
            return
        ledger, actor = self.ledger, self.actor

        def toggle() -> str:
            auth.set_operator_active(ledger, actor, op.login, not op.active)
            return op.login

        self.call_service(
            toggle,
            self._done("operator.updated"),
            what="operator-toggle",
        )

    def action_reset(self) -> None:
        from ledger_tui.ui.screens.org_forms import PasswordResetScreen

        op = self.selected
        if op is not None:
            self.app.push_screen(PasswordResetScreen(op.login), self._done("operator.updated"))
