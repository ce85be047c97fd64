"""Encrypted loading (区 → 委託先) and intake of returned data (委託先 → 区).

Load: files (and an optional split column) → record counts for confirmation → the load
runs in a thread worker with progress → each archive's password is shown once, with a
reading aid for the phone; the notice can be saved; `l` goes on to lend with the count.
Intake: optional destination folder (plaintext warning) and password → verify, count,
compare with the back-slip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, ProgressBar, Static

from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.ui.jobs import JobScreen, human_size
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.widgets.footer import LocalizedFooter
from ledger_tui.ui.widgets.text_field import TextField


class _LoadingScreen(JobScreen):
    DEFAULT_CSS = """
    _LoadingScreen #job { padding: 1 2; }
    _LoadingScreen .section { text-style: bold; margin-top: 1; }
    _LoadingScreen Input { width: 90; }
    _LoadingScreen #plan, _LoadingScreen #result { height: auto; margin-top: 1; }
    _LoadingScreen #progress-text { height: auto; }
    """

    def show_progress(self, p: Any) -> None:
        self.query_one("#bar", ProgressBar).update(total=max(1, p.total), progress=p.done)
        self.query_one("#progress-text", Static).update(self.progress_line(p))

    def progress_line(self, p: Any) -> str:
        raise NotImplementedError


class LoadScreen(_LoadingScreen):
    BINDINGS = bindings("load")

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="job"):
            yield Static(t("load.title", control_number=self.control_number), classes="section")
            yield Label(t("job.device"), classes="section")
            yield TextField(value=self.device, id="device")
            yield Label(t("load.files"), classes="section")
            yield TextField(id="files")
            yield Label(t("load.split"), classes="section")
            yield TextField(id="split")
            yield Static("", id="plan")
            yield ProgressBar(id="bar", show_eta=False)
            yield Static("", id="progress-text")
            yield Static("", id="result")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.plan: Any = None
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

    def _planned(self, plan: Any) -> None:
        self.plan = plan
        text = Text(t("load.plan") + "\n", style="bold")
        for archive in plan.archives:
            names = "、".join(f.name for f in archive.files)
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
        from ledger_tui.services.loading.load import load_medium

        app: Any = self.app
        device = self.query_one("#device", Input).value.strip()
        files, plan = self._sources(), self.plan
        self.run_job(
            lambda: load_medium(
                app.ledger,
                app.actor,
                self.control_number,
                device,
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

    def progress_line(self, p: Any) -> str:
        return t(
            "load.running",
            phase=t("load.phase." + p.phase),
            archive=p.archive,
            index=p.index,
            archives=p.archives,
            done=human_size(p.done),
            total=human_size(p.total),
            rate=human_size(p.rate),
        )

    def _load_failed(self, error: DomainError) -> None:
        self.query_one("#result", Static).update(self.failure_text("load.failed", error))
        self.plan = None

    def _loaded(self, outcome: Any) -> None:
        from ledger_tui.system.secrets.passwords import reading_aid

        result = self.query_one("#result", Static)
        self.outcome = outcome
        text = Text(t("load.done", records=outcome.total_records) + "\n", style="bold green")
        for archive in outcome.archives:
            text.append(t("load.password", archive=archive.name) + "\n", style="bold")
            text.append(f"  {archive.password}\n", style="bold reverse")
            for group in reading_aid(archive.password):
                text.append(f"    {group.text}: {' '.join(group.words)}\n")
        text.append(t("load.next"))
        result.update(text)
        self.set_focus(None)

    def action_notice(self) -> None:
        from ledger_tui.services.loading.records import password_notice_pdf

        if self.outcome is None:
            return
        app: Any = self.app
        load_id = self.outcome.load_id
        path = Path.home() / f"password-notice-{self.control_number}-{load_id}.pdf"

        def save() -> str:
            pdf = password_notice_pdf(app.ledger, app.actor, load_id)
            from ledger_tui.system.printing import write_pdf

            write_pdf(path, pdf)
            return str(path)

        self.call_service(
            save, lambda p: self.notify(t("load.notice_saved", path=p)), what="password-notice"
        )

    def action_lend(self) -> None:
        from ledger_tui.ui import flows

        if self.outcome is not None:
            app: Any = self.app
            self.dismiss()
            flows.lend(app, self.control_number, record_count=self.outcome.total_records)


class IntakeScreen(_LoadingScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="job"):
            yield Static(t("intake.title", control_number=self.control_number), classes="section")
            yield Label(t("job.device"), classes="section")
            yield TextField(value=self.device, id="device")
            yield Label(t("intake.dest"), classes="section")
            yield Static(t("intake.warning.plaintext", path="…"), id="warning")
            yield TextField(id="dest")
            yield Label(t("intake.password"), classes="section")
            yield TextField(id="password", password=True)
            yield Static(t("job.start_hint"))
            yield ProgressBar(id="bar", show_eta=False)
            yield Static("", id="progress-text")
            yield Static("", id="result")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#dest" if self.device else "#device", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        from ledger_tui.services.loading.intake import intake_returned

        if self.running:
            return
        app: Any = self.app
        device = self.query_one("#device", Input).value.strip()
        dest = self.query_one("#dest", Input).value.strip() or None
        password = self.query_one("#password", Input).value or None
        self.run_job(
            lambda: intake_returned(
                app.ledger,
                app.actor,
                self.control_number,
                device,
                password=password,
                dest_dir=Path(dest) if dest else None,
                progress=self.report,
                cancel=self.cancel,
            ),
            self._taken_in,
            lambda error: self.query_one("#result", Static).update(
                self.failure_text("intake.failed", error)
            ),
            what="intake",
        )

    def progress_line(self, p: Any) -> str:
        done, total = getattr(p, "done", 0), getattr(p, "total", 0)
        return f"{human_size(done)} / {human_size(total)}"

    def _taken_in(self, r: Any) -> None:
        result = self.query_one("#result", Static)
        self.outcome = r
        if r.back_slip_count is None:
            compare = t("intake.no_slip")
        elif r.count_matches:
            compare = t("intake.match")
        else:
            compare = t("intake.mismatch", count=r.back_slip_count)
        style = "bold green" if r.count_matches is not False else "bold yellow"
        result.update(
            Text(t("intake.done", records=r.returned_records, compare=compare), style=style)
        )
