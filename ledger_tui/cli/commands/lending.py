"""Commands for lending and returns: lend, return, and the life of a handover slip
(show, confirm at the counter, print, stamp, cancel).

`lend` and `return` run the desk's steps in order and stop at the first refusal: draft
the slip, then (with --confirm-code, typed by the contractor's handler at the counter or
by the officer in automation) confirm it, then (with --print or --pdf) print it. Each
step says what it did as it goes; with --json one document at the end tells where the
slip stands, also when a later step was refused (the refusal follows on stderr).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ledger_tui.cli.context import Context, UsageError
from ledger_tui.domain.errors import Conflict, DomainError, InvalidInput, NotFound
from ledger_tui.domain.operators import Actor
from ledger_tui.domain.slips import SlipState
from ledger_tui.i18n import t
from ledger_tui.services import organisation, paper
from ledger_tui.services.lending import handover, slips
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slip_paper as printing
from ledger_tui.services.lending.loans import LoanView, due_text, held_state
from ledger_tui.services.lending.slip_views import SlipView, find_slip

EXIT_OK = 0
#: Printed slips are in Japanese, whatever the language of the messages.


# --- shared steps ---------------------------------------------------------------------


def _slip_form(args: argparse.Namespace, handler: int, explanation: str = "") -> slips.SlipForm:
    return slips.SlipForm(
        handler_id=handler,
        record_count=args.count,
        transfer_method=args.method,
        items=tuple(args.items),
        transfer_detail=args.detail,
        free_text=args.text,
        notes=args.notes,
        mismatch_explanation=explanation,
        without_load=getattr(args, "without_load", False),
    )


def _check_print_needs_confirm(args: argparse.Namespace) -> None:
    if args.confirm_code and args.sent:
        raise UsageError("cli.error.code_or_sent")
    if (args.print_slip or args.pdf) and not (args.confirm_code or args.sent):
        raise UsageError("cli.error.print_needs_confirm")
    if not args.medium and args.transfer is None:
        raise UsageError("cli.error.medium_or_transfer")


def _say_slip(ctx: Context, key: str, view: SlipView, **params: object) -> None:
    if not ctx.json:
        ctx.say(key, number=view.number, **params)


def put_on_paper(
    ctx: Context,
    actor: Actor,
    view: SlipView,
    *,
    printer: str | None,
    pdf: str | None,
    copies: int | None = None,
) -> tuple[SlipView, dict[str, Any]]:
    """Print the slip (or write its PDF) and say what the printer answered."""
    ledger = ctx.ledger
    if pdf:
        path = Path(pdf)
        recorded = printing.save_slip_pdf(ledger, actor, view.id, path, copies=copies)
        _say_slip(ctx, "cli.slip.saved", recorded, path=path)
        return recorded, {"pdf": path, "printer": recorded.printer, "job_id": paper.PDF_JOB}
    result = printing.print_slip(ledger, actor, view.id, printer=printer, copies=copies)
    recorded = result.slip
    if view.state in (SlipState.STAMPED, SlipState.CANCELLED):
        _say_slip(
            ctx,
            "cli.slip.reprinted",
            recorded,
            state=t(f"slip_state.{view.state}"),
            printer=result.printer,
            job=result.job_id,
            answer=result.answer,
        )
    else:
        _say_slip(
            ctx,
            "cli.slip.printed",
            recorded,
            printer=result.printer,
            job=result.job_id,
            copy=recorded.print_count,
            answer=result.answer,
        )
    if result.status_text:
        _say_slip(ctx, "cli.slip.printer_status", recorded, status=result.status_text)
    return recorded, {
        "printer": result.printer,
        "job_id": result.job_id,
        "answer": result.answer,
        "status": result.status_text,
    }


def _counter_and_paper(ctx: Context, actor: Actor, loan: LoanView, view: SlipView) -> int:
    """After drafting: confirm at the counter and print, as the options ask."""
    args, ledger = ctx.args, ctx.ledger
    paper: dict[str, Any] | None = None
    try:
        if args.confirm_code or args.sent:
            view = (
                slips.confirm_sent(ledger, actor, view.id)
                if args.sent
                else slips.confirm_at_counter(ledger, actor, view.id, args.confirm_code)
            )
            loan = lending.show_loan(ledger, loan.id)
            _say_slip(
                ctx,
                "cli.slip.confirmed",
                view,
                control_number=loan.label(),
                state=held_state(loan),
            )
            if args.print_slip or args.pdf:
                view, paper = put_on_paper(ctx, actor, view, printer=args.printer, pdf=args.pdf)
                _say_slip(ctx, "cli.slip.stamp_hint", view)
    except DomainError:
        if ctx.json:  # where the slip stands; the refusal follows on stderr
            ctx.emit(
                {
                    "loan": lending.show_loan(ledger, loan.id),
                    "slip": find_slip(ledger, view.number),
                    "print": paper,
                    "completed": False,
                }
            )
        raise
    if ctx.json:
        ctx.emit({"loan": loan, "slip": view, "print": paper, "completed": True})
    return EXIT_OK


# --- lend and return --------------------------------------------------------------------


def check_loan_contract(existing: LoanView, contract_id: int) -> None:
    """The medium's open loan (e.g. a stick already loaded for it) must be of this
    contract (`lend` and `load --contract`)."""
    if existing.contract_id != contract_id:
        raise Conflict(
            "cli.error.loan_other_contract",
            control_number=existing.control_number,
            contract=existing.contract_id,
            loan=existing.id,
        )


def say_loan_opened(ctx: Context, loan: LoanView) -> None:
    if not ctx.json:
        ctx.say(
            "cli.loan.created",
            loan=loan.id,
            control_number=loan.control_number,
            contract=loan.contract_id,
            due=due_text(loan.expected_return),
        )


def _check_open_loan(ctx: Context) -> None:
    """The medium's open loan, if any, must be of this contract, and
    `--expected-return` applies to a new loan only."""
    args = ctx.args
    existing = lending.find_open_loan(ctx.ledger, args.medium)
    if existing is None:
        return
    check_loan_contract(existing, args.contract)
    if args.expected_return is not None and args.expected_return != existing.expected_return:
        raise InvalidInput(
            "cli.error.loan_due_differs",
            field="expected_return",
            control_number=existing.control_number,
            loan=existing.id,
            due=due_text(existing.expected_return),
        )


def lend(ctx: Context) -> int:
    args = ctx.args
    _check_print_needs_confirm(args)
    actor = ctx.actor()
    ledger = ctx.ledger
    handler = organisation.handler_of_contract(ledger, args.contract, args.handler)
    if args.transfer is not None:
        return _lend_transfer(ctx, actor, handler)
    _check_open_loan(ctx)
    started = handover.start_lending(
        ledger,
        actor,
        args.medium,
        args.contract,
        _slip_form(args, handler),
        args.expected_return,
    )
    loan, view = started.loan, started.slip
    if started.loan_opened:
        say_loan_opened(ctx, loan)
    _say_slip(ctx, "cli.slip.drafted", view, direction=t("slip_direction.out"))
    return _counter_and_paper(ctx, actor, loan, view)


def _lend_transfer(ctx: Context, actor: Actor, handler: int) -> int:
    """The out-slip of a transfer without a medium, opened by `transfer open`."""
    args, ledger = ctx.args, ctx.ledger
    transfer = lending.show_loan(ledger, args.transfer)
    if transfer.contract_id != args.contract:
        raise Conflict(
            "cli.error.loan_other_contract",
            control_number=transfer.label(),
            contract=transfer.contract_id,
            loan=transfer.id,
        )
    view = slips.draft_out_slip(ledger, actor, transfer.id, _slip_form(args, handler))
    _say_slip(ctx, "cli.slip.drafted", view, direction=t("slip_direction.out"))
    return _counter_and_paper(ctx, actor, transfer, view)


def take_back(ctx: Context) -> int:
    args = ctx.args
    _check_print_needs_confirm(args)
    actor = ctx.actor()
    ledger = ctx.ledger
    loan = (
        lending.show_loan(ledger, args.transfer)
        if args.transfer is not None
        else lending.find_open_loan(ledger, args.medium)
    )
    if loan is None:
        raise NotFound("cli.error.no_open_loan", control_number=args.medium.strip())
    handler = organisation.handler_of_contract(ledger, loan.contract_id, args.handler)
    view = slips.draft_back_slip(ledger, actor, loan.id, _slip_form(args, handler, args.explain))
    _say_slip(ctx, "cli.slip.drafted", view, direction=t("slip_direction.back"))
    return _counter_and_paper(ctx, actor, loan, view)


# --- one slip -------------------------------------------------------------------------


def slip_confirm(ctx: Context) -> int:
    actor = ctx.actor()
    ledger = ctx.ledger
    view = slips.confirm_at_counter(
        ledger, actor, find_slip(ledger, ctx.args.number).id, ctx.args.code
    )
    loan = lending.show_loan(ledger, view.loan_id)
    ctx.result(
        view,
        "cli.slip.confirmed",
        number=view.number,
        control_number=loan.control_number,
        state=held_state(loan),
    )
    return EXIT_OK


def slip_sent(ctx: Context) -> int:
    """An e-mail or registered-mail slip went out (or its return arrived)."""
    actor = ctx.actor()
    ledger = ctx.ledger
    view = slips.confirm_sent(ledger, actor, find_slip(ledger, ctx.args.number).id)
    loan = lending.show_loan(ledger, view.loan_id)
    ctx.result(
        view,
        "cli.slip.confirmed",
        number=view.number,
        control_number=loan.label(),
        state=held_state(loan),
    )
    return EXIT_OK


def transfer_open(ctx: Context) -> int:
    """Open a transfer without a medium (e-mail, registered mail of papers)."""
    loan = lending.create_transfer(ctx.ledger, ctx.actor(), ctx.args.contract, ctx.args.channel)
    ctx.result(
        loan,
        "cli.transfer.opened",
        loan=loan.id,
        label=loan.label(),
        contract=loan.contract_id,
    )
    return EXIT_OK


def slip_print(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()
    view = find_slip(ctx.ledger, args.number)
    view, paper = put_on_paper(
        ctx, actor, view, printer=args.printer, pdf=args.pdf, copies=args.copies
    )
    if ctx.json:
        ctx.emit({"slip": view, "print": paper})
    elif view.state is SlipState.PRINTED:
        ctx.say("cli.slip.stamp_hint", number=view.number)
    return EXIT_OK


def slip_stamp(ctx: Context) -> int:
    actor = ctx.actor()
    ledger = ctx.ledger
    view = slips.mark_stamped(ledger, actor, find_slip(ledger, ctx.args.number).id)
    ctx.result(view, "cli.slip.stamped", number=view.number)
    return EXIT_OK


def slip_cancel(ctx: Context) -> int:
    actor = ctx.actor()
    ledger = ctx.ledger
    done = slips.cancel_slip(ledger, actor, find_slip(ledger, ctx.args.number).id, ctx.args.reason)
    ctx.result(
        done, "cli.slip.cancelled", number=done.cancelled.number, cancelling=done.cancelling.number
    )
    return EXIT_OK


def ward_set(ctx: Context) -> int:
    name = paper.set_ward_name(ctx.ledger, ctx.actor(), ctx.args.name)
    ctx.result({"ward_name": name}, "cli.ward.set", name=name)
    return EXIT_OK
