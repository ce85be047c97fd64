"""Contracts with their designated handlers; admins add contracts, handlers, sections,
contractors. (Contracts number in the tens, so a DataTable is the right tool here.)"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from ledger_tui.domain.clock import format_local, local, local_date
from ledger_tui.domain.compliance import format_clauses
from ledger_tui.domain.contracts import ContractPhase
from ledger_tui.i18n import t
from ledger_tui.services import organisation
from ledger_tui.services.organisation import ContractView, HandlerCode
from ledger_tui.services.paper import PaperPrint
from ledger_tui.services.wiping.disposals import ContractorErasureView
from ledger_tui.services.wiping.erasure_witness import ErasedDeviceView
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.screens.base import AreaScreen
from ledger_tui.ui.screens.dialogs import DetailDialog

ADMIN_ACTIONS = {"add_contract", "add_handler", "reset_code", "add_section", "add_contractor"}


class ContractsScreen(AreaScreen):
    area_title_key = "contracts.title"

    BINDINGS = bindings("contracts")

    DEFAULT_CSS = """
    ContractsScreen #contracts { height: 1fr; min-height: 5; }
    ContractsScreen #detail { height: auto; max-height: 60%; overflow-y: auto;
        padding: 0 1; border-top: solid $primary; }
    ContractsScreen #handlers { height: auto; max-height: 12; }
    """

    def compose(self) -> ComposeResult:
        yield from self.compose_frame_top()
        table: DataTable[str] = DataTable(id="contracts", cursor_type="row")
        yield table
        with Vertical(id="detail"):
            yield Static("", id="contract-detail")
            yield Static(t("contracts.handlers"), classes="area-title")
            yield DataTable(id="handlers", cursor_type="row")
        yield from self.compose_frame_bottom()

    def on_mount(self) -> None:
        table = self.query_one("#contracts", DataTable)
        table.add_columns(
            t("contracts.title_field"),
            t("contracts.section"),
            t("contracts.contractor"),
            t("contracts.period"),
        )
        handlers = self.query_one("#handlers", DataTable)
        handlers.add_columns(
            t("contracts.handler_number"),
            t("handler.field.name"),
            t("handler.field.role"),
            t("contracts.valid"),
            t("contracts.reported"),
        )
        self.contracts: list[ContractView] = []
        self.load()
        table.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ADMIN_ACTIONS:
            return self.actor.is_admin
        return True

    def load(self) -> None:
        ledger = self.ledger
        self.call_service(
            lambda: organisation.list_contracts(ledger), self._loaded, what="contracts"
        )

    def _loaded(self, contracts: list[ContractView]) -> None:
        self.contracts = contracts
        table = self.query_one("#contracts", DataTable)
        table.clear()
        for c in contracts:
            table.add_row(
                c.title,
                c.section_name,
                c.contractor_name,
                f"{c.period_start} – {c.period_end}",
                key=str(c.id),
            )
        if not contracts:
            self.query_one("#contract-detail", Static).update(t("contracts.empty"))
        else:
            self._show(contracts[min(table.cursor_row, len(contracts) - 1)])

    @on(DataTable.RowHighlighted, "#contracts")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.contracts):
            self._show(self.contracts[event.cursor_row])

    def _show(self, c: ContractView) -> None:
        media = "、".join(t("kind." + k) for k in c.allowed_media_kinds)
        methods = "、".join(t("transfer." + m) for m in c.allowed_transfer_methods)
        detail = Text()
        for label, value in (
            ("contracts.purpose", c.purpose),
            ("contracts.provided", "、".join(c.provided_items)),
            ("contracts.collected", "、".join(c.collected_items)),
            ("contracts.media", media),
            ("contracts.methods", methods),
            ("contracts.planned", str(c.planned_record_count)),
            (
                "contracts.special_terms",
                t("contracts.clauses", clauses=format_clauses(c.special_terms)),
            ),
            ("contracts.state", self._state(c)),
        ):
            detail.append(t(label) + " ", style="bold")
            detail.append(value + "\n")
        self.query_one("#contract-detail", Static).update(detail)
        handlers = self.query_one("#handlers", DataTable)
        handlers.clear()
        for h in c.handlers:
            handlers.add_row(
                f"No.{h.id}",
                h.person_name,
                t("handler_role." + h.role.value),
                f"{h.valid_from} – {h.valid_to or ''}",
                str(h.reported_on),
            )

    def _state(self, c: ContractView) -> str:
        phase = c.phase_on(local_date(self.ledger.clock()))
        if phase is ContractPhase.CLOSED and c.closed_at is not None:
            return t("contracts.state.closed", on=format_local(c.closed_at))
        return t(f"contracts.state.{phase.value}")

    @property
    def selected(self) -> ContractView | None:
        table = self.query_one("#contracts", DataTable)
        if 0 <= table.cursor_row < len(self.contracts):
            return self.contracts[table.cursor_row]
        return None

    def _after(self, message_key: str) -> Callable[[object], None]:
        def done(result: object) -> None:
            if result is not None:
                self.notify(t(message_key))
                self.load()

        return done

    def action_add_contract(self) -> None:
        from ledger_tui.ui.screens.org_forms import ContractFormScreen

        ledger = self.ledger
        self.call_service(
            lambda: (organisation.list_sections(ledger), organisation.list_contractors(ledger)),
            lambda lists: self.app.push_screen(
                ContractFormScreen(*lists), self._after("contract.added")
            ),
            what="contract-form",
        )

    def action_add_handler(self) -> None:
        from ledger_tui.ui.screens.org_forms import HandlerFormScreen

        contract = self.selected
        if contract is None:
            return
        today = local_date(self.ledger.clock())
        self.app.push_screen(HandlerFormScreen(contract, today), self._code_set("handler.added"))

    def action_reset_code(self) -> None:
        from ledger_tui.ui.screens.org_forms import HandlerCodeFormScreen

        contract = self.selected
        if contract is None:
            return
        if not contract.handlers:
            self.notify(t("handler.code_form.none"), severity="warning")
            return
        self.app.push_screen(HandlerCodeFormScreen(contract), self._code_set("handler.code_set"))

    def _code_set(self, message_key: str) -> Callable[[HandlerCode | None], None]:
        """After a code was set: a code made here is shown once, to be handed over; a
        code the person typed is never shown."""

        def done(result: HandlerCode | None) -> None:
            if result is None:
                return
            self.notify(t(message_key))
            self.load()
            if result.made:
                self.app.push_screen(
                    DetailDialog(
                        t("handler.code_once.title", name=result.handler.person_name),
                        [
                            (t("contracts.handler_number"), f"No.{result.handler.id}"),
                            (t("handler.code_once.code"), result.code),
                            ("", t("handler.code_once.note")),
                        ],
                    )
                )

        return done

    def action_add_section(self) -> None:
        from ledger_tui.ui.screens.org_forms import SectionFormScreen

        self.app.push_screen(SectionFormScreen(), self._after("section.added"))

    def action_add_contractor(self) -> None:
        from ledger_tui.ui.screens.org_forms import ContractorFormScreen

        self.app.push_screen(ContractorFormScreen(), self._after("contractor.added"))

    # --- compliance: each opens its own screen over this one --------------------------

    def action_sheet(self) -> None:
        from ledger_tui.ui.screens.sheet import SheetScreen

        if (contract := self.selected) is not None:
            self.app.push_screen(SheetScreen(contract.id), lambda _: self.load())

    def action_audits(self) -> None:
        from ledger_tui.ui.screens.audits import AuditsScreen

        if (contract := self.selected) is not None:
            self.app.push_screen(AuditsScreen(contract.id), lambda _: self.load())

    def action_incidents(self) -> None:
        from ledger_tui.ui.screens.incidents import IncidentsScreen

        self.app.push_screen(IncidentsScreen(), lambda _: self.load())

    def action_closeout(self) -> None:
        from ledger_tui.ui.screens.closeout import CloseOutScreen

        if (contract := self.selected) is not None:
            self.app.push_screen(CloseOutScreen(contract.id), lambda _: self.load())

    # --- the contract's own papers ----------------------------------------------------

    def _save_paper(self, paper: str) -> None:
        from ledger_tui.services.oversight import terms_paper
        from ledger_tui.ui.widgets.form import SavePdfScreen

        contract = self.selected
        if contract is None:
            return
        ledger, actor, chosen = self.ledger, self.actor, terms_paper.ContractPaper(paper)

        def saved(result: terms_paper.ContractPrint | None) -> None:
            if result is not None:
                self.notify(t("ui.pdf_saved", path=result.path))

        self.app.push_screen(
            SavePdfScreen(
                t(f"contract_paper.{chosen.value}"),
                f"{terms_paper.paper_number(chosen, contract.id)}.pdf",
                lambda path: terms_paper.save_contract_paper_pdf(
                    ledger, actor, contract.id, chosen, path
                ),
            ),
            saved,
        )

    def action_terms_paper(self) -> None:
        self._save_paper("terms")

    def action_handlers_paper(self) -> None:
        self._save_paper("handlers")

    def _with_latest_erasure(
        self, then: Callable[[ContractorErasureView], None], what: str
    ) -> None:
        """Call `then` with the highlighted contract's latest contractor erasure, or say
        on screen that the contract has none."""
        from ledger_tui.services.wiping import disposals

        contract = self.selected
        if contract is None:
            return
        ledger = self.ledger

        def chosen(erasures: list[ContractorErasureView]) -> None:
            if not erasures:
                self.notify(t("ui.erasure_paper.none"))
                return
            then(erasures[0])

        self.call_service(
            lambda: disposals.list_contractor_erasures(ledger, contract.id), chosen, what=what
        )

    def action_add_erased_device(self) -> None:
        """Add a device the contractor erased under the ward's witness to the
        highlighted contract's latest contractor erasure."""
        from ledger_tui.ui.screens.erasure_forms import ErasedDeviceFormScreen

        ledger, login = self.ledger, self.actor.login
        now = local(ledger.clock()).replace(tzinfo=None)

        def added(device: ErasedDeviceView | None) -> None:
            if device is not None:
                self.notify(t("ui.erased_device.added", position=device.position))

        def ask(latest: ContractorErasureView) -> None:
            self.app.push_screen(ErasedDeviceFormScreen(latest, now, login), added)

        self._with_latest_erasure(ask, "erased-device")

    def action_erasure_paper(self) -> None:
        """The 消去立会確認書 of the highlighted contract's latest contractor erasure."""
        from ledger_tui.services.wiping import erasure_witness
        from ledger_tui.ui.widgets.form import SavePdfScreen

        ledger, actor = self.ledger, self.actor

        def saved(result: PaperPrint | None) -> None:
            if result is not None:
                self.notify(t("ui.pdf_saved", path=result.path))

        def ask(latest: ContractorErasureView) -> None:
            number = erasure_witness.witness_number(latest.contract_id, latest.id)
            self.app.push_screen(
                SavePdfScreen(
                    t("cmd.erasure_paper"),
                    f"{number}.pdf",
                    lambda path: erasure_witness.save_witness_record_pdf(
                        ledger, actor, latest.id, path
                    ),
                ),
                saved,
            )

        self._with_latest_erasure(ask, "erasure-paper")
