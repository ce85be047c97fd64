"""Checkpoints of the audit trail: a signed record (file and A4 paper with a QR code) of
the trail's head at a moment — ledger id, entry number, hash, time — kept outside the
database. `verify_checkpoint` proves later that the trail still contains that entry with
that hash: a rollback or a rewrite below a checkpoint is seen even by a desk whose
witness file was lost.
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select

from ledger_tui.db.models import AuditEntry
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain import audit as chain
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import DomainError, InvalidInput, TrailBroken
from ledger_tui.i18n import Lang, t
from ledger_tui.services.paper import paper_lang
from ledger_tui.services.trail.verify import report_message, verify_trail

FORMAT = "ledger-tui-checkpoint/1"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    ledger_id: str
    seq: int
    entry_hash: str
    made_at: str
    made_by: str
    signature: str

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, indent=2, sort_keys=True) + "\n"


def make_checkpoint(ledger: Ledger, actor: Actor, path: Path) -> Checkpoint:
    """Check the whole trail, record `audit.checkpoint` naming its head, and write the
    signed checkpoint file to `path` (a new file)."""
    report = verify_trail(ledger)
    if not report.ok:
        key, params = report_message(report)
        raise TrailBroken("error.trail.broken", message=t(key, **params))
    if path.exists():
        raise DomainError("checkpoint.error.exists", path=str(path))
    with ledger.unit_of_work() as uow:
        last = uow.last_entry()
        assert last is not None  # an intact ledger has at least `ledger.created`
        moment = uow.now().isoformat(timespec="seconds")
        signature = chain.sign_checkpoint(
            ledger.audit_key, ledger.ledger_id, last[0], last[1], moment
        )
        point = Checkpoint(ledger.ledger_id, last[0], last[1], moment, actor.login, signature)
        uow.record(
            actor,
            "audit.checkpoint",
            f"ledger:{ledger.ledger_id}",
            seq=last[0],
            hash=last[1],
            file=path.name,
        )
        # Written before the entry commits: no checkpoint the trail lacks is kept.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, point.to_json().encode())
        finally:
            os.close(fd)
        try:
            uow.commit()
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return point


def read_checkpoint(path: Path) -> Checkpoint:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("format") != FORMAT:
            raise ValueError("format")
        return Checkpoint(**data)
    except FileNotFoundError:
        raise InvalidInput("checkpoint.error.missing", path=str(path)) from None
    except (ValueError, KeyError, TypeError):
        raise InvalidInput("checkpoint.error.unreadable", path=str(path)) from None


@dataclass(frozen=True, slots=True)
class CheckpointCheck:
    held: bool
    reason: str  # catalogue key
    stored_hash: str | None


def verify_checkpoint(ledger: Ledger, point: Checkpoint) -> CheckpointCheck:
    """Does the trail still hold the checkpoint's entry with its hash? (Its signature is
    checked first: a checkpoint made up without the key proves nothing.)"""
    if point.ledger_id != ledger.ledger_id:
        return CheckpointCheck(False, "checkpoint.bad.ledger", None)
    expected = chain.sign_checkpoint(
        ledger.audit_key, point.ledger_id, point.seq, point.entry_hash, point.made_at
    )
    if not hmac.compare_digest(expected, point.signature):
        return CheckpointCheck(False, "checkpoint.bad.signature", None)
    with ledger.read_session() as session:
        entry = session.get(AuditEntry, point.seq)
        stored = entry.entry_hash if entry is not None else None
    if stored is None:
        return CheckpointCheck(False, "checkpoint.bad.missing", None)
    if stored != point.entry_hash:
        return CheckpointCheck(False, "checkpoint.bad.hash", stored)
    return CheckpointCheck(True, "checkpoint.ok", stored)


def scanned_checkpoint_held(ledger: Ledger, number: str, audit_hash: str) -> bool:
    """A checkpoint page's QR code read at the desk (`CP-<seq>` and the entry's hash):
    does the trail still hold that entry with that hash?"""
    seq_text = number.removeprefix("CP-")
    if not seq_text.isdigit() or not audit_hash:
        return False
    with ledger.read_session() as session:
        stored = session.scalar(
            select(AuditEntry.entry_hash).where(AuditEntry.seq == int(seq_text))
        )
    return stored is not None and hmac.compare_digest(stored, audit_hash)


def checkpoint_paper(ledger: Ledger, point: Checkpoint, lang: Lang) -> bytes:
    """The A4 page of a checkpoint (QR: kind CHECKPOINT, the entry number, its hash)."""
    from datetime import datetime

    from ledger_tui.services.paper import ledger_name, ward_name
    from ledger_tui.system.pdf.layout import Issuer
    from ledger_tui.system.pdf.trail_checkpoint import CheckpointPaper, render_checkpoint

    made = datetime.fromisoformat(point.made_at)
    h = point.entry_hash
    fields = (
        (t("checkpoint.field.ledger", lang), f"{ledger_name(ledger)} {point.ledger_id}".strip()),
        (t("checkpoint.field.seq", lang), str(point.seq)),
        (t("checkpoint.field.hash", lang), " ".join(h[i : i + 16] for i in range(0, 64, 16))),
        (t("checkpoint.field.made_at", lang), point.made_at),
        (t("checkpoint.field.made_by", lang), point.made_by),
        (
            t("checkpoint.field.signature", lang),
            " ".join(point.signature[i : i + 16] for i in range(0, 64, 16)),
        ),
    )
    paper = CheckpointPaper(
        number=f"CP-{point.seq}",
        issued_on=local_date(made),
        issuer=Issuer(ward_name(ledger, lang), ""),
        fields=fields,
        audit_hash=h,
    )
    return render_checkpoint(paper, lang)


def output_checkpoint(
    ledger: Ledger,
    actor: Actor,
    point: Checkpoint,
    *,
    printer: str | None = None,
    pdf: Path | None = None,
    lang: Lang | None = None,
) -> str:
    """Print the checkpoint's page (or save it as a PDF); a failure goes on the trail.
    Returns the printer (or "pdf:<file>") it went to."""
    lang = paper_lang(ledger, lang)
    from ledger_tui.services.paper import print_or_record, save_or_record

    data = checkpoint_paper(ledger, point, lang)

    def failed(where: str, failure: DomainError) -> None:
        with ledger.unit_of_work() as uow:
            uow.record(
                actor,
                "audit.checkpoint_print_failed",
                f"ledger:{ledger.ledger_id}",
                seq=point.seq,
                printer=where,
                error=failure.key,
            )
            uow.commit()

    if pdf is not None:
        where, _ = save_or_record(data, pdf, failed)
    else:
        where = print_or_record(ledger, data, printer, f"CP-{point.seq}", failed).printer
    with ledger.unit_of_work() as uow:
        uow.record(
            actor,
            "audit.checkpoint_printed",
            f"ledger:{ledger.ledger_id}",
            seq=point.seq,
            printer=where,
        )
        uow.commit()
    return where
