"""Intake (委託先 → 区): open every archive on a returned stick, verify it, count its
records and compare the count with the back-slip; optionally decrypt into a folder.

The rules a returned stick must meet (each refusal is a clear `DomainError`, recorded as
a failed intake and an `intake.failed` trail entry; the loan and the medium never change):
- it is the loan's registered stick (serial), and the loan is out (counted before the
  back-slip is drafted) or back (after it); the intake records which;
- the stick's root holds only ZIP archives (any other file, e.g. a plaintext CSV, is an
  unexpected file), at least one;
- every archive the load wrote is still there and still holds every file it was loaded
  with (the contractor may add files, e.g. the collected items);
- every file of every archive is WinZip-AES encrypted, opens with a password and
  authenticates (a flipped byte is a corrupt archive). Passwords tried, in order: the
  one given (the contractor's), the sealed password of the loaded archive of the same
  name, the loan's other sealed passwords.
Counting: CSV files count their data records, other files 1 (the rule of `csvcount`).
The returned count compared with the back-slip is that of the files that are new or
changed; when every file comes back unchanged, that of all of them.
With `dest_dir` the decrypted files are written there (one folder per archive, files
0600); a failed intake deletes everything it wrote. Without it nothing is written.
"""

from __future__ import annotations

import io
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ledger_tui.db.models import HandoverSlip, Loan, Medium
from ledger_tui.db.models.loads import Intake, IntakeArchive, IntakeFile, Load, LoadArchive
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.errors import IllegalTransition, NotFound
from ledger_tui.domain.loads import IntakeOutcome, LoadState
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.services.lending.loans import loan_label
from ledger_tui.services.loading.intake_files import Extraction, IntakeRefused, check_destination
from ledger_tui.services.loading.job import failure_reason
from ledger_tui.services.loading.progress import LoadProgressFn, PhaseReporter
from ledger_tui.services.loading.records import unseal_archive_password
from ledger_tui.services.loading.stick import detected_serial, identify_stick
from ledger_tui.services.register.media import medium_by_number
from ledger_tui.system.archive.csvcount import MANIFEST_NAME, count_records, is_csv
from ledger_tui.system.archive.errors import WrongPassword
from ledger_tui.system.archive.reader import ArchiveContents, ArchiveReader
from ledger_tui.system.stick.folder import ArchiveStore, SingleFile

__all__ = [
    "IntakeArchiveResult",
    "IntakeFileResult",
    "IntakeRefused",
    "IntakeResult",
    "intake_file",
    "intake_returned",
]

ARCHIVE_SUFFIX = ".zip"
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class IntakeFileResult:
    name: str
    size: int
    sha256: str
    records: int
    encoding: str | None
    unchanged: bool
    path: Path | None  # where the plaintext was written, if anywhere


@dataclass(frozen=True, slots=True)
class IntakeArchiveResult:
    name: str
    size: int
    sha256: str
    password_source: str  # "given" or "loan"
    unchanged: bool
    files: tuple[IntakeFileResult, ...]

    @property
    def records(self) -> int:
        return sum(f.records for f in self.files)


@dataclass(frozen=True, slots=True)
class IntakeResult:
    intake_id: int
    loan_id: int
    control_number: str
    loan_state: LoanState
    archives: tuple[IntakeArchiveResult, ...]
    returned_records: int
    back_slip_number: str | None
    back_slip_count: int | None
    count_matches: bool | None
    destination: Path | None


# --- what the ledger expects back ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Loaded:
    row: LoadArchive
    files: dict[str, str]  # name -> sha256


@dataclass(slots=True)
class _Context:
    loan_id: int
    loan_state: LoanState
    medium_id: int | None  # None: a return by e-mail, taken in from a file
    control_number: str
    serial: str
    loaded: dict[str, _Loaded]
    back_slip: tuple[int, str, int] | None  # id, number, count
    detected: str = ""
    archives: list[IntakeArchiveResult] = field(default_factory=list)
    failed_archive: tuple[str, int] | None = None  # name, size


def _context(ledger: Ledger, control_number: str) -> _Context:
    with ledger.read_session() as session:
        medium = medium_by_number(session, control_number)
        loan = session.scalars(
            select(Loan).where(Loan.medium_id == medium.id, Loan.state != LoanState.CLOSED)
        ).one_or_none()
        if loan is None:
            raise NotFound("intake.error.no_loan", control_number=medium.control_number)
        return _loan_context(session, loan, medium)


def _transfer_context(ledger: Ledger, loan_id: int) -> _Context:
    with ledger.read_session() as session:
        loan = session.get(Loan, loan_id)
        if loan is None:
            raise NotFound("error.loan.not_found", ref=loan_id)
        if loan.medium_id is not None:
            raise IllegalTransition("intake.error.transfer_has_medium", medium=loan_label(loan))
        return _loan_context(session, loan, None)


def _loan_context(session: Session, loan: Loan, medium: Medium | None) -> _Context:
    archives = session.scalars(
        select(LoadArchive)
        .join(Load)
        .where(Load.loan_id == loan.id, Load.state == LoadState.VERIFIED)
        .options(selectinload(LoadArchive.files))
        .order_by(LoadArchive.id)
    ).all()
    slip = session.execute(
        select(HandoverSlip.id, HandoverSlip.number, HandoverSlip.record_count).where(
            HandoverSlip.loan_id == loan.id,
            HandoverSlip.direction == SlipDirection.BACK,
            HandoverSlip.state != SlipState.CANCELLED,
            HandoverSlip.cancels_slip_id.is_(None),
        )
    ).one_or_none()
    context = _Context(
        loan.id,
        loan.state,
        medium.id if medium is not None else None,
        medium.control_number if medium is not None else loan_label(loan),
        medium.serial if medium is not None else "",
        {a.name: _Loaded(a, {f.name: f.sha256 for f in a.files}) for a in archives},
        (slip[0], slip[1], slip[2]) if slip is not None else None,
    )
    return context


# --- one archive ---------------------------------------------------------------------------


def _open_with(
    ledger: Ledger, reader: ArchiveReader, name: str, context: _Context, given: str | None
) -> tuple[str, str]:
    """(password, its source) that opens every file of the archive."""
    reader.require_encrypted()
    own = context.loaded.get(name)
    candidates: list[tuple[str, LoadArchive | str]] = []
    if given:
        candidates.append(("given", given))
    if own is not None:
        candidates.append(("loan", own.row))
    candidates += [
        ("loan", other.row) for other_name, other in context.loaded.items() if other_name != name
    ]
    if not candidates:  # a stick lent blank for collection: only the contractor knows it
        raise IntakeRefused("intake.error.password_needed", archive=name)
    failure: WrongPassword | None = None
    for source, candidate in candidates:
        password = (
            candidate if isinstance(candidate, str) else unseal_archive_password(ledger, candidate)
        )
        try:
            reader.check_password(password)
        except WrongPassword as wrong:
            failure = failure or wrong
            continue
        return password, source
    files = reader.files()
    raise failure or WrongPassword(name, files[0].name if files else "-")


def _check_complete(reader: ArchiveReader, name: str, context: _Context) -> None:
    own = context.loaded.get(name)
    if own is None:
        return
    present = {entry.name for entry in reader.files()}
    for wanted in sorted(own.files):
        if wanted not in present:
            raise IntakeRefused("intake.error.missing_file", archive=name, file=wanted)


def _file_results(
    name: str, contents: ArchiveContents, extraction: Extraction, context: _Context
) -> tuple[IntakeFileResult, ...]:
    own = context.loaded.get(name)
    results = []
    for entry in contents.entries:
        encoding = None
        records = 0 if entry.name == MANIFEST_NAME else 1  # a split's manifest: no record
        buffer = extraction.buffers.get((name, entry.name))
        if is_csv(entry.name) and buffer is not None:
            counted = count_records(io.BytesIO(buffer.getvalue()), entry.name)
            records, encoding = counted.records, counted.encoding
        unchanged = own is not None and own.files.get(entry.name) == entry.sha256
        results.append(
            IntakeFileResult(
                entry.name,
                entry.size,
                entry.sha256,
                records,
                encoding,
                unchanged,
                extraction.paths.get((name, entry.name)),
            )
        )
    extraction.buffers.clear()  # plaintext leaves memory as soon as it is counted
    return tuple(results)


def _take_archive(
    ledger: Ledger,
    stick: ArchiveStore,
    name: str,
    size: int,
    context: _Context,
    password: str | None,
    extraction: Extraction,
    reporter: PhaseReporter,
    cancel: threading.Event | None,
) -> IntakeArchiveResult:
    context.failed_archive = (name, size)
    with stick.open(name) as handle:
        reader = ArchiveReader(handle, archive_name=name)
        secret, source = _open_with(ledger, reader, name, context, password)
        _check_complete(reader, name, context)
        contents = reader.extract_all(
            secret,
            lambda entry: extraction.sink_for(name, entry.name),
            progress=reporter.archive_progress,
            cancel=cancel,
        )
    extraction.finish()
    files = _file_results(name, contents, extraction, context)
    own = context.loaded.get(name)
    result = IntakeArchiveResult(
        name,
        contents.archive_size,
        contents.archive_sha256,
        source,
        own is not None and own.row.sha256 == contents.archive_sha256,
        files,
    )
    context.failed_archive = None
    return result


# --- the stick as a whole ------------------------------------------------------------------


def _archives_on(stick: ArchiveStore, context: _Context) -> list[tuple[str, int]]:
    found = stick.list_files()
    for item in found:
        if not item.name.lower().endswith(ARCHIVE_SUFFIX):
            raise IntakeRefused(
                "intake.error.unexpected_file",
                file=item.name,
                control_number=context.control_number,
            )
    if not found:
        raise IntakeRefused("intake.error.no_archives", control_number=context.control_number)
    names = {item.name for item in found}
    for wanted in context.loaded:
        if wanted not in names:
            raise IntakeRefused(
                "intake.error.missing_archive",
                archive=wanted,
                control_number=context.control_number,
            )
    return [(item.name, item.size) for item in found]


def _check_out(context: _Context) -> None:
    if context.loan_state not in (LoanState.OUT, LoanState.BACK):
        raise IllegalTransition(
            "intake.error.loan_not_out", medium=context.control_number, state=context.loan_state
        )


def _returned_file(path: str, context: _Context) -> ArchiveStore:
    """A return by e-mail: the one archive the contractor sent, saved from the mail."""
    _check_out(context)
    file = Path(path)
    if not file.is_file():
        raise IntakeRefused("intake.error.file_missing", file=file.name or path)
    if not file.name.lower().endswith(ARCHIVE_SUFFIX):
        raise IntakeRefused(
            "intake.error.unexpected_file", file=file.name, control_number=context.control_number
        )
    return SingleFile(file)


def returned_count(archives: Sequence[IntakeArchiveResult]) -> int:
    files = [f for a in archives for f in a.files]
    changed = [f for f in files if not f.unchanged]
    return sum(f.records for f in (changed or files))


def _run(
    ledger: Ledger,
    context: _Context,
    device: str,
    password: str | None,
    extraction: Extraction,
    progress: LoadProgressFn | None,
    cancel: threading.Event | None,
) -> None:
    if context.medium_id is None:
        stick: ArchiveStore = _returned_file(device, context)
        found = [(item.name, item.size) for item in stick.list_files()]
    else:
        context.detected = detected_serial(device)
        identity = identify_stick(
            device,
            context.serial,
            context.control_number,
            allow_loop=ledger.settings.allow_loop_devices,
        )
        _check_out(context)
        stick = identity.stick
        found = _archives_on(stick, context)
    reporter = PhaseReporter(progress, "intake", sum(size for _, size in found), len(found))
    for index, (name, size) in enumerate(sorted(found), 1):
        reporter.begin_archive(name, index)
        context.archives.append(
            _take_archive(
                ledger, stick, name, size, context, password, extraction, reporter, cancel
            )
        )
    reporter.finish()


# --- recording -----------------------------------------------------------------------------


def _archive_row(result: IntakeArchiveResult, context: _Context) -> IntakeArchive:
    own = context.loaded.get(result.name)
    row = IntakeArchive(
        name=result.name,
        size=result.size,
        sha256=result.sha256,
        outcome=IntakeOutcome.VERIFIED,
        failure_key="",
        password_source=result.password_source,
        load_archive_id=own.row.id if own else None,
        unchanged=result.unchanged,
        record_count=result.records,
    )
    row.files = [
        IntakeFile(
            name=f.name,
            size=f.size,
            sha256=f.sha256,
            record_count=f.records,
            encoding=f.encoding,
            unchanged=f.unchanged,
        )
        for f in result.files
    ]
    return row


def _record(
    ledger: Ledger,
    actor: Actor,
    context: _Context,
    device: str,
    destination: Path | None,
    error: BaseException | None,
) -> tuple[int, int, bool | None]:
    returned = returned_count(context.archives)
    slip = context.back_slip
    matches = None if slip is None or error is not None else returned == slip[2]
    with ledger.unit_of_work() as uow:
        intake = Intake(
            loan_id=context.loan_id,
            medium_id=context.medium_id,
            operator_id=actor.operator_id,
            recorded_at=uow.now(),
            outcome=IntakeOutcome.FAILED if error else IntakeOutcome.VERIFIED,
            failure_key="",
            failure_params={},
            loan_state=context.loan_state,
            device_node=device[:200],
            detected_serial=context.detected[:200],
            destination=str(destination) if destination else None,
            returned_records=None if error else returned,
            back_slip_id=slip[0] if slip else None,
            back_slip_count=slip[2] if slip else None,
            count_matches=matches,
        )
        intake.archives = [_archive_row(a, context) for a in context.archives]
        details: dict[str, object] = {
            "loan": context.loan_id,
            "medium": context.control_number,
            "loan_state": context.loan_state.value,
            "mode": "folder" if destination else "verify_only",
            "archives": [
                {
                    "name": a.name,
                    "sha256": a.sha256,
                    "size": a.size,
                    "password": a.password_source,
                    "unchanged": a.unchanged,
                    "files": len(a.files),
                    "records": a.records,
                }
                for a in context.archives
            ],
        }
        if error is not None:
            key, params = failure_reason(error)
            intake.failure_key, intake.failure_params = key[:80], params
            if context.failed_archive is not None:
                name, size = context.failed_archive
                intake.archives.append(
                    IntakeArchive(
                        name=name,
                        size=size,
                        sha256="",
                        outcome=IntakeOutcome.FAILED,
                        failure_key=key[:80],
                        password_source="",
                        unchanged=False,
                        record_count=0,
                    )
                )
                details["failed_archive"] = name
            details["reason"] = key
        else:
            details.update(
                records=returned,
                back_slip=slip[1] if slip else None,
                back_slip_count=slip[2] if slip else None,
                count_matches=matches,
            )
        uow.session.add(intake)
        uow.session.flush()
        uow.record(
            actor, "intake.failed" if error else "intake.verified", f"intake:{intake.id}", **details
        )
        uow.commit()
        return intake.id, returned, matches


def intake_file(
    ledger: Ledger,
    actor: Actor,
    loan_id: int,
    file_path: str | os.PathLike[str],
    *,
    password: str | None = None,
    dest_dir: str | os.PathLike[str] | None = None,
    progress: LoadProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> IntakeResult:
    """Take in the archive a contractor returned by e-mail (saved from the mail client
    as `file_path`) for a transfer without a medium: opened, verified, counted and
    compared with the back-slip, exactly as the archives of a returned stick."""
    return _intake(
        ledger,
        actor,
        _transfer_context(ledger, loan_id),
        str(file_path),
        password,
        dest_dir,
        progress,
        cancel,
    )


def intake_returned(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    device_path: str | os.PathLike[str],
    *,
    password: str | None = None,
    dest_dir: str | os.PathLike[str] | None = None,
    progress: LoadProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> IntakeResult:
    """Take in the archives on the returned stick of the medium's open loan (see the
    module docstring). `password` is the contractor's, when they chose their own."""
    return _intake(
        ledger,
        actor,
        _context(ledger, control_number),
        str(device_path),
        password,
        dest_dir,
        progress,
        cancel,
    )


def _intake(
    ledger: Ledger,
    actor: Actor,
    context: _Context,
    device: str,
    password: str | None,
    dest_dir: str | os.PathLike[str] | None,
    progress: LoadProgressFn | None,
    cancel: threading.Event | None,
) -> IntakeResult:
    destination = check_destination(dest_dir)
    extraction = Extraction(destination)
    try:
        _run(ledger, context, device, password, extraction, progress, cancel)
    except BaseException as error:
        extraction.discard()
        try:
            _record(ledger, actor, context, device, destination, error)
        except Exception:  # the refusal itself is what the operator must see
            log.exception("could not record the failed intake of loan %s", context.loan_id)
        raise
    intake_id, returned, matches = _record(ledger, actor, context, device, destination, None)
    slip = context.back_slip
    return IntakeResult(
        intake_id,
        context.loan_id,
        context.control_number,
        context.loan_state,
        tuple(context.archives),
        returned,
        slip[1] if slip else None,
        slip[2] if slip else None,
        matches,
        destination,
    )
