"""The wipe screen: every guard check shown, for a hardware-lock stick the question
whether the vendor's initialisation (key reset) was also performed (recorded as the
operator's attestation and printed on the certificate), a typed confirmation (the
control number), a live progress panel (phase, pass, bytes, rate, ETA), Stop, and the
erasure certificate at the end. The wipe runs in a thread worker that reports through
messages; Stop sets the engine's cancel event."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, ProgressBar, RadioButton, RadioSet, Static

from ledger_tui.domain.errors import DomainError
from ledger_tui.i18n import t
from ledger_tui.ui.jobs import JobResult, JobScreen, JobStaged, human_size
from ledger_tui.ui.keys import bindings
from ledger_tui.ui.widgets.footer import LocalizedFooter
from ledger_tui.ui.widgets.text_field import TextField

if TYPE_CHECKING:
    from textual import getters

    from ledger_tui.services.wiping.guards import WipeTarget
    from ledger_tui.services.wiping.wipe import WipeOutcome, WipeStage
    from ledger_tui.system.stick.wipe import WipeProgress
    from ledger_tui.ui.desk import DeskApp


class WipeScreen(JobScreen):
    if TYPE_CHECKING:
        app = getters.app(DeskApp)

    DEFAULT_CSS = """
    WipeScreen #wipe { padding: 1 2; }
    WipeScreen .section { text-style: bold; margin-top: 1; }
    WipeScreen #checks { height: auto; }
    WipeScreen Input { width: 60; }
    WipeScreen #wipe-error { color: $error; height: auto; }
    WipeScreen #progress-text { height: auto; }
    WipeScreen #result { height: auto; margin-top: 1; }
    WipeScreen #key-reset { width: 60; height: auto; }
    WipeScreen .key-reset { display: none; }
    WipeScreen.-hardware-lock .key-reset { display: block; }
    """
    BINDINGS = bindings("wipe")

    def __init__(self, control_number: str, device: str | None) -> None:
        super().__init__(control_number, device)
        self.allowed = False
        self.certificate_printed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="wipe"):
            yield Static(t("wipe.title", control_number=self.control_number), classes="section")
            yield Label(t("wipe.device"), classes="section")
            yield TextField(
                value=self.device or "",
                id="device",
                placeholder=t("wipe.no_device") if not self.device else "",
            )
            yield Label(t("wipe.checks"), classes="section")
            yield Static(t("wipe.checking"), id="checks")
            yield Label(t("wipe.witness"), classes="section")
            yield TextField(id="witness")
            # Asked of a hardware-lock stick only (shown once the checks know the medium).
            yield Label(t("wipe.key_reset"), classes="section key-reset")
            with RadioSet(id="key-reset", classes="key-reset"):  # none pressed: unanswered
                yield RadioButton(t("wipe.key_reset.yes"), id="key-reset-yes")
                yield RadioButton(t("wipe.key_reset.no"), id="key-reset-no")
            yield Label(t("wipe.confirm"), classes="section")
            yield TextField(id="confirm")
            yield Label("", id="wipe-error")
            yield ProgressBar(id="bar", show_eta=False)
            yield Static("", id="progress-text")
            yield JobResult("", id="result")
        yield LocalizedFooter()

    def on_mount(self) -> None:
        self.query_one("#confirm" if self.device else "#device", Input).focus()
        if self.device:
            self.check()

    # --- checks -------------------------------------------------------------------

    @on(Input.Submitted, "#device")
    def _device_given(self, event: Input.Submitted) -> None:
        self.device = event.value.strip()
        self.check()
        self.query_one("#witness", Input).focus()

    def check(self) -> None:
        from ledger_tui.services.wiping.guards import wipe_target

        ledger, _ = self.app.session()
        number, device = self.control_number, self.device
        self.call_service(
            lambda: wipe_target(ledger, number, device or ""),
            self._checked,
            what="wipe-check",
            group="wipe-check",
            exclusive=True,
        )

    def show_devices(self) -> None:
        """A stick arrived, left or was unlocked (the app calls this on every device
        event): the checks are made afresh, so a locked stick's refusal goes as soon as
        its password is entered, without re-inserting it."""
        if self.device and not self.running and self.outcome is None:
            self.check()

    def _checked(self, target: WipeTarget) -> None:
        self.allowed = target.allowed
        self.set_class(target.hardware_lock, "-hardware-lock")
        text = Text()
        if target.allowed:
            text.append("✓ " + t("wipe.checks.ok"), style="bold green")
        for refusal in target.refusals:
            text.append("✗ " + refusal.message() + "\n", style="bold red")
        self.query_one("#checks", Static).update(text)

    # --- run ----------------------------------------------------------------------

    @on(Input.Submitted, "#witness")
    def _witness_given(self) -> None:
        key_reset = self.query_one("#key-reset", RadioSet)
        (key_reset if self.has_class("-hardware-lock") else self.query_one("#confirm")).focus()

    @on(RadioSet.Changed, "#key-reset")
    def _key_reset_answered(self) -> None:
        self.query_one("#confirm", Input).focus()

    @property
    def vendor_key_reset(self) -> bool | None:
        """The operator's answer: was the vendor's initialisation (key reset) performed
        too? None where not asked (no hardware lock) or left unanswered."""
        if not self.has_class("-hardware-lock"):
            return None
        pressed = self.query_one("#key-reset", RadioSet).pressed_button
        return None if pressed is None else pressed.id == "key-reset-yes"

    @on(Input.Submitted, "#confirm")
    def _confirmed(self, event: Input.Submitted) -> None:
        error = self.query_one("#wipe-error", Label)
        if self.running or self.outcome is not None:
            return
        if event.value.strip() != self.control_number:
            error.update(t("wipe.confirm_mismatch"))
            return
        error.update("")
        self.run_wipe(self.query_one("#witness", Input).value.strip())

    def run_wipe(self, witness: str) -> None:
        from ledger_tui.services.wiping.wipe import wipe_medium

        ledger, actor = self.app.session()
        key_reset = self.vendor_key_reset
        self.run_job(
            lambda: wipe_medium(
                ledger,
                actor,
                self.control_number,
                self.device,
                witness=witness,
                cancel=self.cancel,
                progress=self.report,
                stage=self._staged,
                vendor_key_reset=key_reset,
            ),
            self._wiped,
            self._wipe_failed,
            what="wipe",
        )

    def _staged(self, stage: WipeStage) -> None:
        self.post_message(JobStaged(str(stage)))

    def show_progress(self, p: WipeProgress) -> None:
        bar = self.query_one("#bar", ProgressBar)
        bar.update(total=max(1, p.bytes_total), progress=p.bytes_done)
        eta = f"{p.eta_seconds:,.0f}s" if p.eta_seconds is not None else "—"
        self.query_one("#progress-text", Static).update(
            t(
                "wipe.progress",
                phase=t("wipe.phase." + str(p.phase)),
                pass_number=p.pass_number,
                passes=p.passes,
                done=human_size(p.bytes_done),
                total=human_size(p.bytes_total),
                rate=human_size(p.rate),
                eta=eta,
            )
        )

    def on_job_staged(self, message: JobStaged) -> None:
        self.show_result(t("wipe.stage." + message.stage))

    def _wiped(self, outcome: WipeOutcome) -> None:
        self.outcome = outcome
        number = outcome.certificate.number
        self.show_result(Text(t("wipe.done", number=number), style="bold green"))
        self.set_focus(None)  # p / f act on the certificate, not type into a field

    def _wipe_failed(self, error: DomainError) -> None:
        self.show_result(self.failure_text("wipe.failed", error))
        self.check()

    # --- certificate ----------------------------------------------------------------

    def action_print_certificate(self) -> None:
        from ledger_tui.services.wiping.certificate_paper import (
            CertificatePrintResult,
            print_certificate,
        )

        if self.outcome is None:
            return
        ledger, actor = self.app.session()
        cert_id = self.outcome.certificate.id

        def printed(result: CertificatePrintResult) -> None:
            self.certificate_printed = True
            self.notify(t("wipe.cert_printed", printer=result.printer))

        self.call_service(
            lambda: print_certificate(ledger, actor, cert_id),
            printed,
            what="certificate-print",
        )

    def action_save_certificate(self) -> None:
        from ledger_tui.services.wiping.certificate_paper import save_certificate_pdf

        if self.outcome is None:
            return
        ledger, actor = self.app.session()
        cert = self.outcome.certificate
        path = Path.home() / f"erasure-{cert.number}.pdf"
        self.call_service(
            lambda: save_certificate_pdf(ledger, actor, cert.id, path),
            lambda _: self.notify(t("wipe.cert_saved", path=str(path))),
            what="certificate-pdf",
        )
