"""Encrypted loading (区 → 委託先) and intake of returned data (委託先 → 区).

Load: files (and an optional split column) → record counts for confirmation → the load
runs in a thread worker with progress → each archive's password is shown once, with a
reading aid for the phone; the notice can be saved; `l` goes on to lend with the count.
Intake: optional destination folder (plaintext warning) and password → verify, count,
compare with the back-slip."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, ProgressBar, Select, Static

from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.ui.jobs import JobResult, JobScreen, human_size
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.widgets.footer import LocalizedFooter
from ledger_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from textual import getters

    from ledger_tui.services.loading.intake import IntakeResult
    from ledger_tui.services.loading.load import LoadResult
    from ledger_tui.services.loading.plan import LoadPlan
    from ledger_tui.services.loading.progress import LoadProgress
    from ledger_tui.ui.desk import DeskApp


class _LoadingScreen(JobScreen):
    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    _LoadingScreen #job { padding: 1 2; }
    _LoadingScreen .section { text-style: bold; margin-top: 1; }
    _LoadingScreen Input { width: 90; }
    _LoadingScreen #plan, _LoadingScreen #result { height: auto; margin-top: 1; }
    _LoadingScreen #progress-text { height: auto; }
    """

    def __init__(
        self, control_number: str, device: str | None, transfer: int | None = None
    ) -> None:
        super().__init__(control_number, device)
        #: A transfer without a medium (its loan id): the archive goes to an outbox
        #: folder, or (intake) comes back as a file saved from the mail.
        self.transfer = transfer

    def show_progress(self, p: LoadProgress) -> None:
        self.query_one("#bar", ProgressBar).update(total=max(1, p.total), progress=p.done)
        self.query_one("#progress-text", Static).update(self.progress_line(p))

    def progress_line(self, p: LoadProgress) -> str:
        raise NotImplementedError


class LoadScreen(_LoadingScreen):
    BINDINGS = bindings("load")

    def __init__(
        self,
        control_number: str,
        device: str | None,
        contracts: list[tuple[str, int]] | None = None,
        transfer: int | None = None,
    ) -> None:
        super().__init__(control_number, device, transfer)
        #: (title, id) of the contracts to choose from when no loan was drafted yet.
        self.contracts = contracts or []
        self.plan: LoadPlan | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="job"):
            yield Static(t("load.title", control_number=self.control_number), classes="section")
            if self.contracts:
                yield Label(t("load.field.contract"), classes="section")
                yield Select(
                    [(title, str(cid)) for title, cid in self.contracts],
                    value=str(self.contracts[0][1]),
                    allow_blank=False,
                    compact=True,
                    id="contract",
                )
            yield Label(
                t("transfer.outbox" if self.transfer is not None else "job.device"),
                classes="section",
            )
            yield TextField(value=self.device, id="device")
            yield Label(t("load.files"), classes="section")
            yield TextField(id="files")
            yield Label(t("load.split"), classes="section")
            yield TextField(id="split")
            yield Static("", id="plan")
            yield ProgressBar(id="bar", show_eta=False)
            yield Static("", id="progress-text")
            yield JobResult("", id="result")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#files" if self.device else "#device", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self.running or self.outcome is not None:
            return
        if event.input.id in ("device", "files") and not self.query_one("#split").has_focus:
            if event.input.id == "device":
                self.query_one("#files", Input).focus()
                return
        if self.plan is None:
            self._plan()
        else:
            self._start()

    @on(Input.Changed, "#files, #split")
    def _sources_changed(self) -> None:
        """Changed files or split column: the counts shown no longer hold; the next
        Enter counts again before anything can start."""
        if self.plan is not None and not self.running and self.outcome is None:
            self.plan = None
            self.query_one("#plan", Static).update("")

    def _sources(self) -> list[str]:
        return self.query_one("#files", Input).value.split()

    def _plan(self) -> None:
        from ledger_tui.services.loading.load import plan_load

        files, split = self._sources(), self.query_one("#split", Input).value.strip() or None
        self.call_service(
            lambda: plan_load(files, split),
            self._planned,
            on_error=lambda e: self.query_one("#plan", Static).update(
                Text(e.message(), style="bold red")
            ),
            what="load-plan",
        )

    def _planned(self, plan: LoadPlan) -> None:
        self.plan = plan
        text = Text(t("load.plan") + "\n", style="bold")
        for archive in plan.archives:
            names = "、".join(  # the detected encoding, for the operator to confirm
                f.name + (f" [{t(f'archive.csv.encoding.{f.encoding}')}]" if f.encoding else "")
                for f in archive.files
            )
            text.append(
                t(
                    "load.plan.line",
                    archive=archive.split_key or "—",
                    records=archive.records,
                    files=names,
                )
                + "\n"
            )
        text.append(t("load.plan.total", records=plan.total_records), style="bold")
        self.query_one("#plan", Static).update(text)

    def _start(self) -> None:
        from ledger_tui.services.loading.load import load_medium, load_transfer

        ledger, actor = self.app.session()
        device = self.query_one("#device", Input).value.strip()
        files, plan = self._sources(), self.plan
        assert plan is not None
        # A transfer's archives go to its outbox folder (`device`); a medium's, to the stick.
        transfer = self.transfer
        if transfer is not None:
            load = partial(load_transfer, ledger, actor, transfer, device)
        else:
            chosen = self.query_one("#contract", Select).value if self.contracts else None
            contract_id = int(str(chosen)) if chosen is not None else None
            load = partial(
                load_medium, ledger, actor, self.control_number, device, contract_id=contract_id
            )
        self.run_job(
            lambda: load(
                files,
                split_column=plan.split_column,
                expected_records=plan.total_records,
                progress=self.report,
                cancel=self.cancel,
            ),
            self._loaded,
            self._load_failed,
            what="load",
        )

    def progress_line(self, p: LoadProgress) -> str:
        return t(
            "load.running",
            phase=t("load.phase." + str(p.phase)),
            archive=p.archive,
            index=p.index,
            archives=p.archives,
            done=human_size(p.done),
            total=human_size(p.total),
            rate=human_size(p.rate),
        )

    def _load_failed(self, error: DomainError) -> None:
        self.show_result(self.failure_text("load.failed", error))
        self.plan = None

    def _loaded(self, outcome: LoadResult) -> None:
        from ledger_tui.system.secrets.passwords import reading_aid

        self.outcome = outcome
        text = Text(t("load.done", records=outcome.total_records) + "\n", style="bold green")
        for archive in outcome.archives:
            text.append(t("load.password", archive=archive.name) + "\n", style="bold")
            text.append(f"  {archive.password}\n", style="bold reverse")
            for group in reading_aid(archive.password):
                text.append(f"    {group.text}: {' '.join(group.words)}\n")
        text.append(t("load.next"))
        self.show_result(text)
        self.set_focus(None)

    def action_notice(self) -> None:
        from ledger_tui.services.loading.records import save_password_notice_pdf

        if self.outcome is None:
            return
        ledger, actor = self.app.session()
        load_id = self.outcome.load_id
        path = Path.home() / f"password-notice-{self.control_number}-{load_id}.pdf"

        def save() -> str:
            return str(save_password_notice_pdf(ledger, actor, load_id, path))

        self.call_service(
            save, lambda p: self.notify(t("load.notice_saved", path=p)), what="password-notice"
        )

    def action_lend(self) -> None:
        if self.outcome is not None and self.transfer is not None:
            self.app.pop_screen()
            self.app.lend_transfer(self.transfer, record_count=self.outcome.total_records)
            return
        if self.outcome is not None:
            app = self.app
            self.dismiss()
            app.lend(self.control_number)


class IntakeScreen(_LoadingScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="job"):
            yield Static(t("intake.title", control_number=self.control_number), classes="section")
            yield Label(
                t("transfer.returned_file" if self.transfer is not None else "job.device"),
                classes="section",
            )
            yield TextField(value=self.device, id="device")
            yield Label(t("intake.dest"), classes="section")
            yield Static(t("intake.warning.plaintext", path="…"), id="warning")
            yield TextField(id="dest")
            yield Label(t("intake.password"), classes="section")
            yield TextField(id="password", password=True)
            yield Static(t("job.start_hint"))
            yield ProgressBar(id="bar", show_eta=False)
            yield Static("", id="progress-text")
            yield JobResult("", id="result")
        yield LocalizedFooter()

    BINDINGS = bindings("intake")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":  # offered only while it can still start
            return not self.running and self.outcome is None
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        self.query_one("#dest" if self.device else "#device", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it starts the intake."""
        if event.input.id != "password":
            self.focus_next()
            return
        self.action_start()

    def action_start(self) -> None:
        """Start the intake: once, on an explicit request, never again on this screen."""
        from ledger_tui.services.loading.intake import intake_file, intake_returned

        if self.running or self.outcome is not None:
            return
        ledger, actor = self.app.session()
        device = self.query_one("#device", Input).value.strip()
        dest = self.query_one("#dest", Input).value.strip() or None
        password = self.query_one("#password", Input).value or None
        # A transfer's archive came by e-mail (a file); a medium's, on the returned stick.
        transfer = self.transfer
        intake = (
            partial(intake_file, ledger, actor, transfer)
            if transfer is not None
            else partial(intake_returned, ledger, actor, self.control_number)
        )
        self.run_job(
            lambda: intake(
                device,
                password=password,
                dest_dir=Path(dest) if dest else None,
                progress=self.report,
                cancel=self.cancel,
            ),
            self._taken_in,
            lambda error: self.show_result(self.failure_text("intake.failed", error)),
            what="intake",
        )

    def progress_line(self, p: LoadProgress) -> str:
        done, total = p.done, p.total
        return f"{human_size(done)} / {human_size(total)}"

    def _taken_in(self, r: IntakeResult) -> None:
        self.outcome = r
        if r.back_slip_count is None:
            compare = t("intake.no_slip")
        elif r.count_matches:
            compare = t("intake.match")
        else:
            compare = t("intake.mismatch", count=r.back_slip_count)
        style = "bold green" if r.count_matches is not False else "bold yellow"
        self.show_result(
            Text(t("intake.done", records=r.returned_records, compare=compare), style=style)
        )
