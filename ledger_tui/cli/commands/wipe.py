"""Commands for the end of a medium's cycle: wipe a returned stick, show and print its
erasure certificate, list certificates, record a shredding or return to file, and the
contractor's own erasure certificates. The grammar is in `cli.parser_wipe`.

`wipe` writes progress lines to stderr (at most one a second per phase, and each
phase's end) and the outcome to stdout. The first Ctrl-C cancels the wipe cleanly at the
next chunk: the run is recorded cancelled and the medium stays wipe pending.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from typing import Any, TextIO

from ledger_tui.cli import output
from ledger_tui.cli.context import Context
from ledger_tui.config import LOOP_DEVICES_ENV as LOOP_ENV_VAR
from ledger_tui.i18n import t
from ledger_tui.services.wiping import certificate_paper, certificates, disposals
from ledger_tui.services.wiping import wipe as wiping
from ledger_tui.services.wiping.certificates import CertificateView
from ledger_tui.services.wiping.wipe import WipeStage
from ledger_tui.system.stick.wipe import WipeProgress

EXIT_OK = 0
#: Certificates are printed in Japanese, whatever the language of the messages.
REPORT_EVERY = 1.0  # seconds between progress lines of one phase
MB = 1_000_000
MIB = 1024 * 1024


class ProgressLines:
    """The engine's progress as lines on a stream, throttled; stages as they come."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._phase = ""
        self._last = 0.0

    def stage(self, step: WipeStage) -> None:
        if step is not WipeStage.WIPING:
            self._write(t("cli.wipe.stage", stage=t(f"wiping.stage.{step.value}")))

    def progress(self, report: WipeProgress) -> None:
        now = time.monotonic()
        new_phase = report.phase.value != self._phase
        finished = report.bytes_done >= report.bytes_total
        if not (new_phase or finished or now - self._last >= REPORT_EVERY):
            return
        self._phase, self._last = report.phase.value, now
        percent = 100 * report.bytes_done // report.bytes_total if report.bytes_total else 100
        eta = "-" if report.eta_seconds is None else f"{report.eta_seconds:.0f}"
        self._write(
            t(
                "cli.wipe.progress",
                phase=t(f"wipe.phase.{report.phase.value}"),
                number=report.pass_number,
                passes=report.passes,
                percent=percent,
                done=report.bytes_done // MIB,
                total=report.bytes_total // MIB,
                rate=f"{report.rate / MB:,.1f}",
                eta=eta,
            )
        )

    def _write(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


def wipe(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    ledger = ctx.ledger
    if ctx.settings.allow_loop_devices:
        sys.stderr.write(t("cli.wipe.loop_banner", env=LOOP_ENV_VAR) + "\n")
    lines = ProgressLines(sys.stderr)
    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
    try:
        outcome = wiping.wipe_medium(
            ledger,
            actor,
            args.medium,
            args.device,
            witness=args.witness,
            method=args.method,
            progress=lines.progress,
            stage=lines.stage,
            cancel=cancel,
            make_fs=not args.no_mkfs,
            fs=args.fs,
            compare_bytes=args.verify == "bytes",
            vendor_key_reset=None
            if args.vendor_key_reset is None
            else args.vendor_key_reset == "yes",
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    run, cert = outcome.run, outcome.certificate
    if ctx.json:
        ctx.emit(outcome)
        return EXIT_OK
    ctx.say(
        "cli.wipe.done",
        control_number=run.control_number,
        bytes=f"{run.bytes_verified:,}",
        seconds=f"{run.duration_seconds or 0:.1f}",
        rate=f"{run.throughput / MB:,.1f}",
    )
    if run.fs_label:
        ctx.say("cli.wipe.filesystem", filesystem=run.filesystem, label=run.fs_label)
    for note in outcome.notes:
        ctx.out.write(note + "\n")
    if outcome.closed_loan_id is not None:
        ctx.say("cli.wipe.loan_closed", loan=outcome.closed_loan_id)
    ctx.say("cli.wipe.certificate", number=cert.number)
    return EXIT_OK


# --- certificates -------------------------------------------------------------------------


def _certificate_fields(v: CertificateView) -> list[tuple[str, str]]:
    def label(name: str) -> str:
        return t(f"cli.certificate_field.{name}")

    category = (
        t("erasure.category", category=t(f"erasure.category.{v.category.value}"))
        if v.category
        else t("certificate.category.none")
    )
    pairs = [
        (label("number"), v.number),
        (label("kind"), t(f"certificate_kind.{v.kind.value}")),
        (label("category"), category),
        (label("issued_at"), output.moment(v.issued_at)),
        (
            label("medium"),
            f"{v.control_number}（{t(f'kind.{v.medium_kind.value}')}） {v.medium_serial}".rstrip(),
        ),
        (label("contract"), f"{v.contract_title} / {v.contractor_name}" if v.contract_id else ""),
        (label("slips"), t("cli.list_sep").join(v.loan_slips)),
        (label("operator"), f"{v.operator_name}（{v.operator_login}）" if v.operator_login else ""),
        (label("witness"), v.witness),
    ]
    if v.wipe is not None:
        run = v.wipe
        pairs += [
            (label("method"), t(f"wipe.method.{run.method}")),
            (label("verification"), t(f"wipe.verification.{run.verification}")),
            (
                label("bytes"),
                t(
                    "erasure.bytes",
                    written=f"{run.bytes_written:,}",
                    verified=f"{run.bytes_verified:,}",
                ),
            ),
            (label("errors"), str(len(run.errors))),
            (
                label("period"),
                f"{output.moment(run.started_at)} - {output.moment(run.finished_at)}",
            ),
            (label("throughput"), t("cli.wipe.rate", rate=f"{run.throughput / MB:,.1f}")),
            (label("filesystem"), f"{run.filesystem} {run.fs_label}".strip()),
            (label("tool"), run.tool),
        ]
    if v.disposal is not None:
        pairs += [
            (label("method"), t(f"disposal.method.{v.disposal.method.value}")),
            (label("performed_on"), v.disposal.performed_on.isoformat()),
            (label("notes"), v.disposal.notes),
        ]
    if v.printed_at is not None:
        pairs.append(
            (
                label("printed"),
                t(
                    "cli.certificate.value.printed",
                    moment=output.moment(v.printed_at),
                    printer=v.printer,
                    count=v.print_count,
                ),
            )
        )
    pairs.append((label("entry_hash"), v.entry_hash))
    return pairs


def certificate_show(ctx: Context) -> int:
    view = certificates.find_certificate(ctx.ledger, ctx.args.number)
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    output.fields(ctx.out, _certificate_fields(view))
    return EXIT_OK


def certificate_print(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    ledger = ctx.ledger
    view = certificates.find_certificate(ledger, args.number)
    paper: dict[str, Any]
    if args.pdf:
        recorded = certificate_paper.save_certificate_pdf(
            ledger, actor, view.id, args.pdf, copies=args.copies
        )
        paper = {"pdf": args.pdf, "printer": recorded.printer, "job_id": recorded.print_job}
        if not ctx.json:
            ctx.say("cli.certificate.saved", number=view.number, path=args.pdf)
    else:
        result = certificate_paper.print_certificate(
            ledger, actor, view.id, printer=args.printer, copies=args.copies
        )
        recorded = result.certificate
        paper = {
            "printer": result.printer,
            "job_id": result.job_id,
            "answer": result.answer,
            "status": result.status_text,
        }
        if not ctx.json:
            ctx.say(
                "cli.certificate.printed",
                number=view.number,
                printer=result.printer,
                job=result.job_id,
                copy=recorded.print_count,
                answer=result.answer,
            )
            if result.status_text:
                ctx.say("cli.slip.printer_status", status=result.status_text)
    if ctx.json:
        ctx.emit({"certificate": recorded, "print": paper})
    return EXIT_OK


def certificates_list(ctx: Context) -> int:
    limit = ctx.args.limit
    rows = certificates.list_certificates(
        ctx.ledger, ctx.args.medium, None if limit is None else limit + 1
    )
    shown = rows if limit is None else rows[:limit]
    if ctx.json:
        ctx.emit(shown)
        return EXIT_OK
    if not rows:
        ctx.say("cli.list.empty")
        return EXIT_OK
    names = ("number", "kind", "issued_at", "medium", "witness", "printed")
    headers = [t(f"cli.certificate_field.{name}") for name in names]
    cells = [
        [
            v.number,
            t(f"certificate_kind.{v.kind.value}"),
            output.moment(v.issued_at),
            v.control_number,
            v.witness,
            str(v.print_count),
        ]
        for v in shown
    ]
    widths = [max([output.width(row[i]) for row in cells]) for i in range(len(headers))]
    table = output.Table(ctx.out, headers, widths)
    for row in cells:
        table.row(row)
    if limit is not None and len(rows) > limit:
        ctx.say("cli.list.more", limit=limit)
    return EXIT_OK


# --- disposals and contractor erasures ---------------------------------------------------


def destroy(ctx: Context) -> int:
    args = ctx.args
    view = disposals.destroy_medium(
        ctx.ledger,
        ctx.actor(),
        args.medium,
        method=args.method,
        witness=args.witness,
        day=args.day,
        notes=args.notes,
    )
    ctx.result(
        view,
        "cli.destroy.done",
        control_number=view.control_number,
        method=t(f"disposal.method.{args.method}"),
        number=view.number,
    )
    return EXIT_OK


def contractor_erasure_add(ctx: Context) -> int:
    args = ctx.args
    view = disposals.record_contractor_erasure(
        ctx.ledger,
        ctx.actor(),
        args.contract,
        certificate_number=args.certificate,
        erased_on=args.day,
        devices=args.devices,
        witness_login=args.witness,
        notes=args.notes,
    )
    ctx.result(
        view,
        "cli.contractor_erasure.recorded",
        number=view.certificate_number,
        contract=view.contract_id,
        day=view.erased_on.isoformat(),
        witness=view.witness_name,
        id=view.id,
    )
    return EXIT_OK


def contractor_erasure_device(ctx: Context) -> int:
    from ledger_tui.services.wiping import erasure_witness

    args = ctx.args
    view = erasure_witness.record_erased_device(
        ctx.ledger,
        ctx.actor(),
        args.erasure,
        erasure_witness.ErasedDeviceForm(
            kind=args.kind,
            maker_model=args.maker_model,
            serial=args.serial,
            erased_data=args.erased,
            method=args.method,
            erased_at=args.at,
            contractor_person=args.person,
            witness_login=args.witness,
            check=args.check,
            check_note=args.check_note,
        ),
    )
    ctx.result(
        view,
        "cli.contractor_erasure.device_recorded",
        erasure=view.erasure_id,
        position=view.position,
        check=t(f"erasure_check.{view.check.value}"),
    )
    return EXIT_OK


def contractor_erasure_print(ctx: Context) -> int:
    from ledger_tui.services.wiping import erasure_witness

    args = ctx.args
    actor = ctx.actor()
    if args.pdf:
        done = erasure_witness.save_witness_record_pdf(
            ctx.ledger, actor, args.erasure, args.pdf, copies=args.copies
        )
    else:
        done = erasure_witness.print_witness_record(
            ctx.ledger, actor, args.erasure, printer=args.printer, copies=args.copies
        ).record
    if ctx.json:
        ctx.emit(done)
    elif done.path:
        ctx.say("cli.contractor_erasure.saved", number=done.number, path=done.path)
    else:
        ctx.say(
            "cli.contractor_erasure.printed",
            number=done.number,
            printer=done.printer,
            job=done.job_id,
        )
    return EXIT_OK


def contractor_erasure_list(ctx: Context) -> int:
    rows = disposals.list_contractor_erasures(ctx.ledger, ctx.args.contract)
    if ctx.json:
        ctx.emit(rows)
        return EXIT_OK
    if not rows:
        ctx.say("cli.list.empty")
        return EXIT_OK
    names = ("erasure", "contract", "contractor_certificate", "erased_on", "witness", "devices")
    headers = [t(f"cli.certificate_field.{name}") for name in names]
    cells = [
        [
            str(r.id),
            str(r.contract_id),
            r.certificate_number,
            r.erased_on.isoformat(),
            r.witness_name,
            r.devices,
        ]
        for r in rows
    ]
    widths = [max([output.width(row[i]) for row in cells]) for i in range(len(headers))]
    widths[-1] = 0
    table = output.Table(ctx.out, headers, widths)
    for row in cells:
        table.row(row)
    return EXIT_OK
