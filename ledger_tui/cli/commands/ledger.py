"""Commands about the ledger as a whole: init, demo, audit verify, export, backup."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ledger_tui.cli.context import Context, UsageError, display_url, option
from ledger_tui.config import default_db_url
from ledger_tui.db.uow import Ledger
from ledger_tui.domain.clock import format_local
from ledger_tui.i18n import t
from ledger_tui.services import auth
from ledger_tui.services.demo import ledger as demo_ledger
from ledger_tui.services.ledger.backup import audit_key_path, backup_ledger
from ledger_tui.services.ledger.export import export as export_rows
from ledger_tui.services.ledger.export import private_file, record_export
from ledger_tui.services.trail.checkpoint import (
    make_checkpoint,
    output_checkpoint,
    read_checkpoint,
    verify_checkpoint,
)
from ledger_tui.services.trail.recover import recover_trail
from ledger_tui.services.trail.verify import entry_by_seq, report_message, verify_trail

EXIT_OK = 0
EXIT_TRAIL_DAMAGED = 1


def init(ctx: Context) -> int:
    login, name = ctx.args.admin, ctx.args.name
    if login and not name:
        raise UsageError("cli.error.admin_needs_name")
    ledger = ctx.ledger
    if login:
        password = ctx.secret(t("cli.password.new"))
        auth.create_first_admin(ledger, login, name, password)
    key_path = audit_key_path(ledger, ctx.settings.key_dir)
    needs_admin = auth.needs_first_admin(ledger)
    if ctx.json:
        ctx.emit(
            {
                "url": ctx.shown_url,
                "dialect": ledger.dialect,
                "ledger_id": ledger.ledger_id,
                "admin": login or None,
                "needs_admin": needs_admin,
                "key_path": key_path,
            }
        )
        return EXIT_OK
    ctx.say("cli.init.done", url=ctx.shown_url, dialect=ledger.dialect, ledger_id=ledger.ledger_id)
    if login:
        ctx.say("cli.init.admin", login=login)
    elif needs_admin:
        ctx.say("cli.init.no_admin_yet")
    ctx.say("cli.key_reminder", path=key_path)
    return EXIT_OK


def upgrade(ctx: Context) -> int:
    """Bring a ledger (a shared one above all: desks never do it at start) to this desk's
    schema version, under the migration lock; the trail records it."""
    from ledger_tui.services.ledger.bootstrap import open_ledger, schema_versions

    ledger = open_ledger(
        ctx.settings.db_url, ctx.settings.key_dir, settings=ctx.settings, upgrade=True
    )
    try:
        if ctx.json:
            ctx.emit({"url": ctx.shown_url, "schema": schema_versions()})
        else:
            ctx.say("cli.upgrade.done", url=ctx.shown_url, schema=", ".join(schema_versions()))
    finally:
        ledger.close()
    return EXIT_OK


def counter(ctx: Context) -> int:
    """The counter terminal of one desk: the slip waiting there, confirmed by the
    contractor's officer with their handler code on the keys facing them."""
    from ledger_tui.ui.counter_app import run_counter  # here: the CLI starts fast

    desk = " ".join(str(ctx.args.desk).split())
    if not desk:
        raise UsageError("cli.error.counter_desk")
    return run_counter(ctx.ledger, desk)


def demo(ctx: Context) -> int:
    settings = replace(
        ctx.settings, db_url=option(ctx.args, "db") or default_db_url(demo=True), demo=True
    )
    url = display_url(settings.db_url)
    ledger = demo_ledger.create_demo_ledger(
        settings.db_url, settings.key_dir, settings=settings, reset=ctx.args.reset
    )
    ledger.close()
    logins = [
        {"login": d.login, "password": d.password, "role": d.role} for d in demo_ledger.LOGINS
    ]
    counts = {
        "sections": len(demo_ledger.SECTIONS),
        "contractors": len(demo_ledger.CONTRACTORS),
        "contracts": len(demo_ledger.CONTRACT_TITLES),
        "media": len(demo_ledger.MEDIA),
    }
    if ctx.json:
        ctx.emit({"url": url, "logins": logins, **counts})
        return EXIT_OK
    ctx.say("cli.demo.done", url=url)
    for entry in logins:
        ctx.say(
            "cli.demo.login",
            login=entry["login"],
            password=entry["password"],
            role=t(f"role.{entry['role']}"),
        )
    ctx.say("cli.demo.summary", **counts)
    ctx.say("cli.demo.start_hint")
    return EXIT_OK


def audit_verify(ctx: Context) -> int:
    ledger = ctx.ledger
    # A large SQLite trail is checked in ranges, one process per core.
    report = verify_trail(ledger, workers=len(os.sched_getaffinity(0)))
    key, params = report_message(report)
    entry = None
    if not report.ok and report.first_bad_seq is not None:
        entry = entry_by_seq(ledger, report.first_bad_seq)
    if ctx.json:
        ctx.emit(
            {
                "ok": report.ok,
                "entries": report.entries,
                "first_bad_seq": report.first_bad_seq,
                "reason": report.reason or None,
                "message": t(key, **params),
                "entry": entry,
            }
        )
    else:
        ctx.say(key, **params)
        if entry is not None:
            ctx.say(
                "cli.audit.entry",
                seq=entry.seq,
                time=format_local(entry.recorded_at),
                actor=entry.actor,
                action=entry.action,
                subject=entry.subject,
            )
    held = _checkpoints(ctx, ledger, option(ctx.args, "checkpoint") or [])
    return EXIT_OK if report.ok and held else EXIT_TRAIL_DAMAGED


def _checkpoints(ctx: Context, ledger: Ledger, files: list[str]) -> bool:
    """`audit verify --checkpoint FILE`: does the trail still hold each checkpoint?"""
    all_held = True
    for name in files:
        point = read_checkpoint(Path(name))
        check = verify_checkpoint(ledger, point)
        all_held = all_held and check.held
        params = {
            "seq": point.seq,
            "made_at": point.made_at,
            "hash": point.entry_hash[:16],
            "stored": (check.stored_hash or "")[:16],
        }
        if ctx.json:
            ctx.emit({"checkpoint": name, "held": check.held, "reason": check.reason, **params})
        else:
            ctx.say(check.reason, **params)
    return all_held


def audit_checkpoint(ctx: Context) -> int:
    actor = ctx.actor()
    ledger = ctx.ledger
    path = Path(ctx.args.output)
    point = make_checkpoint(ledger, actor, path)
    pdf = Path(ctx.args.pdf) if ctx.args.pdf else None
    where = output_checkpoint(ledger, actor, point, printer=ctx.args.printer, pdf=pdf)
    ctx.result(
        {"path": path, "seq": point.seq, "hash": point.entry_hash, "printer": where},
        "cli.checkpoint.done",
        path=path,
        seq=point.seq,
        hash=point.entry_hash[:16],
        where=where,
    )
    return EXIT_OK


def audit_recover(ctx: Context) -> int:
    """An administrator records the recovery of a broken trail (see services.trail.recover)."""
    login = option(ctx.args, "operator")
    if not login:
        raise UsageError("cli.error.operator_required")
    password = ctx.secret(t("cli.password.operator", login=login))
    done = recover_trail(ctx.ledger, login, password, ctx.args.reason)
    fault = t(done.fault, seq=done.fault_seq) if done.fault else t("trail.no_fault")
    ctx.result(
        {
            "seq": done.seq,
            "old_head_seq": done.old_head_seq,
            "last_seq": done.last_seq,
            "fault": done.fault or None,
            "fault_seq": done.fault_seq,
        },
        "cli.audit.recovered",
        seq=done.seq,
        old_head="-" if done.old_head_seq is None else done.old_head_seq,
        last=done.last_seq,
        fault=fault,
    )
    return EXIT_OK


def export(ctx: Context) -> int:
    args = ctx.args
    actor = ctx.actor()  # reading the ledger out needs an operator
    ledger = ctx.ledger
    if not args.output:
        rows = export_rows(ledger, args.target, args.format, ctx.out, args.bom)
        record_export(ledger, actor, args.target, args.format, rows, "-")
        return EXIT_OK
    path = Path(args.output)
    with private_file(path) as handle:
        rows = export_rows(ledger, args.target, args.format, handle, args.bom)
        # Recorded before the file takes its name: no export exists that the trail lacks.
        record_export(ledger, actor, args.target, args.format, rows, path.name)
    ctx.result(
        {"target": args.target, "format": args.format, "rows": rows, "path": path},
        "cli.export.done",
        rows=rows,
        path=path,
    )
    return EXIT_OK


def backup(ctx: Context) -> int:
    actor = ctx.actor()  # an administrator: a backup copies every record
    result = backup_ledger(ctx.ledger, actor, Path(ctx.args.dest), ctx.settings.key_dir)
    reminder = t("cli.key_reminder", path=result.key_path)
    if ctx.json:
        ctx.emit(
            {
                "path": result.path,
                "size_bytes": result.size_bytes,
                "dialect": result.dialect,
                "check": result.check,
                "key_path": result.key_path,
                "reminder": reminder,
            }
        )
        return EXIT_OK
    ctx.say("cli.backup.done", path=result.path, size=f"{result.size_bytes:,}", check=result.check)
    ctx.out.write(reminder + "\n")
    return EXIT_OK
