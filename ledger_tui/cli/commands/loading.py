"""Commands for encrypted loading and intake: `load` (with `load password`, `load notice`,
`load show` and `load resolve`) and `intake`.

`load --medium CONTROL_NO --device PATH FILE...` loads the files onto the stick for the
medium's draft loan (opening one first with `--contract ID` when there is none; a loan
opened here is withdrawn again if the load fails). `--plan` only counts. The generated
passwords are printed once, as the screen shows them (with --json: in the JSON); later
retrieval is `load password --load ID --archive NAME`, logged each time. The words
password, notice, show and resolve after `load` name those actions, so a source file
with one of those names is given as ./password.

`intake --medium CONTROL_NO --device PATH [--dest DIR]` opens the archives on a returned
stick with the loan's sealed passwords; `--contractor-password` reads the contractor's
own password from standard input (after the operator's, with --password-stdin).

The grammar is in `cli.grammar.loading`; the services load when a command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledger_tui.i18n import t

if TYPE_CHECKING:
    from ledger_tui.cli.context import Context
    from ledger_tui.services.loading.intake import IntakeResult
    from ledger_tui.services.loading.load import LoadResult
    from ledger_tui.services.loading.plan import LoadPlan
    from ledger_tui.services.loading.progress import LoadProgress

EXIT_OK = 0
ACTIONS = ("password", "notice", "show", "resolve")

# --- load -------------------------------------------------------------------------------


def load(ctx: Context) -> int:
    args = ctx.args
    if len(args.files) == 1 and args.files[0] in ACTIONS:
        return int(globals()[f"_load_{args.files[0]}"](ctx))
    if args.plan:
        return _plan(ctx)
    from ledger_tui.cli.context import UsageError

    if args.transfer is not None:
        if not args.outbox or args.medium or args.device:
            raise UsageError("cli.error.transfer_needs_outbox")
    elif not args.medium or not args.device:
        raise UsageError("cli.error.load_needs_medium_device")
    return _load(ctx)


def _plan(ctx: Context) -> int:
    from ledger_tui.services.loading.plan import plan_load

    plan = plan_load(ctx.args.files, ctx.args.split_column)
    if ctx.json:
        ctx.emit(_plan_json(plan))
        return EXIT_OK
    _say_plan(ctx, plan)
    return EXIT_OK


def _plan_json(plan: LoadPlan) -> dict[str, Any]:
    return {
        "split_column": plan.split_column,
        "records": plan.total_records,
        "bytes": plan.total_bytes,
        "archives": [
            {"split_key": a.split_key, "records": a.records, "bytes": a.size, "files": a.files}
            for a in plan.archives
        ],
    }


def _say_plan(ctx: Context, plan: LoadPlan) -> None:
    for archive in plan.archives:
        if archive.split_key is not None:
            ctx.say("cli.load.plan_part", area=archive.split_key, records=archive.records)
        for planned in archive.files:
            ctx.say(
                "cli.load.plan_file",
                name=planned.name,
                records=planned.records,
                encoding=t(f"archive.csv.encoding.{planned.encoding}") if planned.encoding else "-",
                size=planned.size,
            )
    ctx.say("cli.load.plan_total", records=plan.total_records, archives=len(plan.archives))


def _progress(ctx: Context) -> Callable[[LoadProgress], None] | None:
    if ctx.json or not sys.stderr.isatty():
        return None

    def show(step: LoadProgress) -> None:
        eta = step.eta_seconds
        sys.stderr.write(
            "\r"
            + t(
                "cli.load.progress",
                phase=t(f"load.phase.{step.phase}"),
                index=step.index,
                count=step.archives,
                done=step.done // 1_000_000,
                total=step.total // 1_000_000,
                rate=f"{step.rate / 1e6:.0f}",
                eta="-" if eta is None else f"{eta:.0f}",
            )
            + "  "
        )
        if step.done >= step.total:
            sys.stderr.write("\n")

    return show


def _load(ctx: Context) -> int:
    """A transfer's archives into its outbox folder, or a medium's onto the stick."""
    from ledger_tui.services.loading.load import load_medium, load_transfer

    args = ctx.args
    if args.transfer is not None:
        load = partial(load_transfer, ctx.ledger, ctx.actor(), args.transfer, args.outbox)
    else:
        # With --contract a blank stick's draft loan opens with the load (and is
        # withdrawn again if the load fails).
        load = partial(
            load_medium,
            ctx.ledger,
            ctx.actor(),
            args.medium,
            args.device,
            contract_id=args.contract,
        )
    result = load(
        args.files,
        split_column=args.split_column,
        expected_records=args.expect_count,
        progress=_progress(ctx),
    )
    _say_loaded(ctx, result)
    return EXIT_OK


def _say_loaded(ctx: Context, result: LoadResult) -> None:
    if ctx.json:  # the one moment the passwords leave the program, as on the screen
        ctx.emit(result.as_dict(with_passwords=True))
        return
    ctx.say(
        "cli.load.done",
        load=result.load_id,
        control_number=result.control_number,
        records=result.total_records,
        archives=len(result.archives),
    )
    for archive in result.archives:
        ctx.say(
            "cli.load.archive",
            name=archive.name,
            records=archive.records,
            size=archive.size,
            sha256=archive.sha256,
        )
        ctx.say("cli.load.password", password=archive.password)
    ctx.say("cli.load.password_once", load=result.load_id)


def _need_load_id(ctx: Context) -> int:
    from ledger_tui.cli.context import UsageError

    if ctx.args.load_id is None:
        raise UsageError("cli.error.load_id_required")
    return int(ctx.args.load_id)


def _load_password(ctx: Context) -> int:
    from ledger_tui.services.loading.records import retrieve_password

    load_id = _need_load_id(ctx)
    password = retrieve_password(ctx.ledger, ctx.actor(), load_id, ctx.args.archive, purpose="cli")
    ctx.result(
        {"load_id": load_id, "archive": ctx.args.archive, "password": password},
        "cli.load.password",
        password=password,
    )
    return EXIT_OK


def _load_notice(ctx: Context) -> int:
    from ledger_tui.cli.context import UsageError
    from ledger_tui.services.loading.records import save_password_notice_pdf

    load_id = _need_load_id(ctx)
    if not ctx.args.pdf:
        raise UsageError("cli.error.notice_pdf_required")
    path = save_password_notice_pdf(
        ctx.ledger, ctx.actor(), load_id, Path(ctx.args.pdf), ctx.args.archive
    )
    ctx.result(
        {"load_id": load_id, "archive": ctx.args.archive, "pdf": path},
        "cli.load.notice_saved",
        path=path,
    )
    return EXIT_OK


def _load_show(ctx: Context) -> int:
    from ledger_tui.services.loading.records import show_load

    view = show_load(ctx.ledger, _need_load_id(ctx))
    if ctx.json:
        ctx.emit(view)
        return EXIT_OK
    reason = view.failure_message() or "-"
    ctx.say(
        "cli.load.shown",
        load=view.id,
        control_number=view.control_number,
        attempt=view.attempt,
        state=t(f"load.state.{view.state.value}"),
        records=view.records,
        reason=reason,
    )
    for archive in view.archives:
        ctx.say(
            "cli.load.archive",
            name=archive.name,
            records=archive.records,
            size=archive.size,
            sha256=archive.sha256,
        )
    return EXIT_OK


def _load_resolve(ctx: Context) -> int:
    from ledger_tui.services.loading.records import resolve_interrupted_load

    view = resolve_interrupted_load(ctx.ledger, ctx.actor(), _need_load_id(ctx))
    ctx.result(view, "cli.load.resolved", load=view.id, control_number=view.control_number)
    return EXIT_OK


# --- intake -------------------------------------------------------------------------------


def intake(ctx: Context) -> int:
    from ledger_tui.cli.context import UsageError
    from ledger_tui.services.loading.intake import intake_file, intake_returned

    args = ctx.args
    by_file = args.transfer is not None or args.file
    if by_file and (args.transfer is None or not args.file or args.medium or args.device):
        raise UsageError("cli.error.intake_transfer_file")
    if not by_file and (not args.medium or not args.device):
        raise UsageError("cli.error.intake_medium_device")
    actor = ctx.actor()
    password = ctx.secret(t("cli.password.contractor")) if args.contractor_password else None
    if args.dest and not ctx.json:
        ctx.say("intake.warning.plaintext", path=args.dest)
    if by_file:
        result = intake_file(
            ctx.ledger,
            actor,
            args.transfer,
            args.file,
            password=password,
            dest_dir=args.dest,
            progress=_progress(ctx),
        )
    else:
        result = intake_returned(
            ctx.ledger,
            actor,
            args.medium,
            args.device,
            password=password,
            dest_dir=args.dest,
            progress=_progress(ctx),
        )
    _say_intake(ctx, result)
    return EXIT_OK


def _say_intake(ctx: Context, result: IntakeResult) -> None:
    if ctx.json:
        ctx.emit(result)
        return
    ctx.say(
        "cli.intake.done",
        intake=result.intake_id,
        control_number=result.control_number,
        archives=len(result.archives),
        records=result.returned_records,
        state=t(f"state.loan.{result.loan_state.value}"),
    )
    for archive in result.archives:
        ctx.say(
            "cli.intake.archive",
            name=archive.name,
            records=archive.records,
            files=len(archive.files),
            source=t(f"intake.password_source.{archive.password_source}"),
        )
    if result.back_slip_number is None:
        ctx.say("cli.intake.no_back_slip")
    elif result.count_matches:
        ctx.say(
            "cli.intake.count_matches", number=result.back_slip_number, count=result.back_slip_count
        )
    else:
        ctx.say(
            "cli.intake.count_differs",
            number=result.back_slip_number,
            count=result.back_slip_count,
            records=result.returned_records,
        )
    if result.destination is not None:
        ctx.say("cli.intake.written", path=result.destination)
