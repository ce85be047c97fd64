"""Encrypted loading (区 → 委託先): the loan's files go onto its stick as AES-256 ZIP
archives, are read back and verified, and only then is the loan "loaded".

`load_medium` runs the whole job and is safe to interrupt at any point:
1. In its own committed unit of work, before the stick is touched: the medium is a
   registered, blank USB stick with an open draft loan and no other load running; the
   load is recorded "in_progress" (`load.started`) with the process running it and a
   heartbeat, written every `HEARTBEAT_EVERY` while it runs (`services.runs`, as a wipe
   run's). A load killed mid-write is found by `recover_interrupted_loads` (at the
   desk's start, before every load and every lending): failed as "interrupted", its
   stick wipe pending.
2. The device is checked: the registered stick (serial), not read-only, a filesystem
   we can write, empty, with room for the archives.
3. One password is generated per archive and sealed at rest; every archive is streamed
   from its files through deflate and AES onto the stick (no plaintext temporary files,
   memory bounded whatever the size), each CSV's records counted as its bytes go past;
   a count other than the one the operator confirmed fails the load once written (the
   files changed since the plan). Every archive is then read back in full and compared
   with what was written (every file's SHA-256, the archive's SHA-256). (A split load
   reads, splits and counts its CSV in memory first, see `plan`.)
4. In ONE unit of work: the archives and files with their sealed passwords, the load
   "verified", the loan draft -> loaded and the medium blank -> loaded
   (`lending.mark_loaded`), and the `load.verified` trail entry (names, counts, hashes;
   never a password, never personal data).
Any failure or cancel (stick pulled, disk full, read-only, wrong stick, file vanished,
verify mismatch, the operator's cancel) deletes what this load wrote to the stick where
that is still possible, marks the load failed/cancelled with the reason's text key, and
moves the medium blank -> wipe_pending when anything reached the stick (the register
then shows "needs wipe"); then the error is raised again. The loan stays draft, so after
the wipe the stick can be loaded again. (`lending.abandon_load` is for a loan that is
already loaded; a load that never verified leaves its loan draft, so the medium is moved
here directly.)

The generated passwords are returned once in `LoadResult` for the screen (or the JSON
of `load --json`); they are never logged. `load_records` retrieves them later, logged.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, cast

from sqlalchemy import func, select

from ledger_tui.db.models import Loan, Medium
from ledger_tui.db.models.loads import Load, LoadArchive, LoadFile
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.contracts import TransferMethod
from ledger_tui.domain.errors import Conflict, DomainError, IllegalTransition, InvalidInput
from ledger_tui.domain.loads import LoadState, LoadTarget, check_load_transition
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import (
    MediumKind,
    MediumState,
    check_in_service,
    normalise_control_number,
)
from ledger_tui.services.lending.loans import (
    loan_label,
    lock_loan_and_medium,
    lock_medium,
    mark_loaded,
    open_draft_loan,
    open_loan_of,
)
from ledger_tui.services.lending.unfinished_loads import LIVE_LOADS, recover_interrupted_loads
from ledger_tui.services.loading.heartbeat import Heartbeat
from ledger_tui.services.loading.job import LoadJob, fail_load
from ledger_tui.services.loading.plan import (
    LoadPlan,
    PlannedFile,
    PreparedArchive,
    archive_names,
    check_split_column_name,
    plan_load,
    prepare_load,
    source_bytes,
)
from ledger_tui.services.loading.progress import (
    LoadProgress,
    LoadProgressFn,
    PhaseReporter,
    ReportingSource,
)
from ledger_tui.services.loading.stick import (
    StickIdentity,
    StickRefused,
    detected_serial,
    identify_stick,
    mounted_read_only,
)
from ledger_tui.services.runs import Runner
from ledger_tui.system.archive.csvcount import CsvCounter
from ledger_tui.system.archive.errors import StickReadOnly
from ledger_tui.system.archive.reader import ArchiveReader, verify_against_manifest
from ledger_tui.system.archive.writer import (
    ArchiveManifest,
    ArchiveSource,
    Cancelled,
    write_archive,
)
from ledger_tui.system.secrets.keys import KeyStore
from ledger_tui.system.secrets.passwords import generate_password
from ledger_tui.system.secrets.sealing import seal_key_name, seal_with
from ledger_tui.system.stick.disc import DiscStore, check_target
from ledger_tui.system.stick.folder import Folder

__all__ = [
    "LoadPlan",
    "LoadProgress",
    "LoadResult",
    "LoadedArchive",
    "LoadedFile",
    "load_disc",
    "load_medium",
    "load_transfer",
    "plan_load",
    "seal_context",
]


#: Room kept free beyond the archives' own size: ZIP records per file, FAT cluster slack.
_PER_FILE_OVERHEAD = 512
_PER_ARCHIVE_OVERHEAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class LoadedFile:
    name: str
    size: int
    sha256: str
    records: int
    kind: str
    encoding: str | None
    method: str


@dataclass(frozen=True, slots=True)
class LoadedArchive:
    name: str
    split_key: str | None
    records: int
    size: int
    sha256: str
    format: str
    files: tuple[LoadedFile, ...]
    #: What was written and verified (archive and plaintext hashes, sizes, methods).
    manifest: ArchiveManifest
    #: Shown once to the operator; kept out of repr so that it never lands in a log.
    password: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class LoadResult:
    load_id: int
    loan_id: int
    control_number: str
    archives: tuple[LoadedArchive, ...]
    seconds: float

    @property
    def total_records(self) -> int:
        return sum(a.records for a in self.archives)

    @property
    def total_bytes(self) -> int:
        return sum(f.size for a in self.archives for f in a.files)

    def as_dict(self, *, with_passwords: bool) -> dict[str, object]:
        """JSON-ready; `with_passwords` only for the one moment the password is shown."""
        archives = []
        for archive in self.archives:
            item: dict[str, object] = {
                "name": archive.name,
                "split_key": archive.split_key,
                "records": archive.records,
                "size": archive.size,
                "sha256": archive.sha256,
                "format": archive.format,
                "files": [
                    {
                        "name": f.name,
                        "size": f.size,
                        "sha256": f.sha256,
                        "records": f.records,
                        "kind": f.kind,
                        "encoding": f.encoding,
                        "method": f.method,
                    }
                    for f in archive.files
                ],
            }
            if with_passwords:
                item["password"] = archive.password
            archives.append(item)
        return {
            "load_id": self.load_id,
            "loan_id": self.loan_id,
            "control_number": self.control_number,
            "records": self.total_records,
            "bytes": self.total_bytes,
            "seconds": round(self.seconds, 3),
            "archives": archives,
        }


def seal_context(load_id: int, name: str) -> str:
    """What a sealed password is bound to: a token copied elsewhere does not open."""
    return f"load:{load_id}:{name}"


def key_store(ledger: Ledger) -> KeyStore:
    if ledger.key_dir is None:
        raise DomainError("load.error.no_key_dir")
    return KeyStore(ledger.key_dir)


def seal_key(ledger: Ledger) -> bytes:
    """The key sealing archive passwords: derived from the ledger secret, so every desk
    holding the secret opens every desk's sealed passwords."""
    if ledger.seal_key is None:
        raise DomainError("load.error.no_key_dir")
    return ledger.seal_key


def unseal_keys(ledger: Ledger) -> list[bytes]:
    """Keys a sealed password may be under: the ledger secret's, then (passwords sealed
    before the ledger secret) this desk's old `password-seal-<id>` key file."""
    keys = [seal_key(ledger)]
    store = key_store(ledger)
    legacy = seal_key_name(ledger.ledger_id)
    if store.path(legacy).exists():
        try:
            keys.append(store.load(legacy))
        except ValueError:
            pass  # a damaged old key file opens nothing
    return keys


# --- step 1: the load is on record before the stick is touched ------------------------


def _begin(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    device: str,
    split_column: str | None,
    *,
    target: LoadTarget = LoadTarget.STICK,
    contract_id: int | None = None,
) -> LoadJob:
    with ledger.unit_of_work() as uow:
        medium = lock_medium(uow, control_number)
        wanted = MediumKind.USB if target is LoadTarget.STICK else MediumKind.CDR
        if medium.kind is not wanted:
            raise InvalidInput(
                "error.loan.load_needs_usb" if target is LoadTarget.STICK else "load.error.not_cdr",
                field="control_number",
                control_number=medium.control_number,
            )
        loan = open_loan_of(uow, medium.id)
        opened = loan is None and contract_id is not None
        if opened:
            # A blank stick is loaded for a contract: its draft loan opens here, in the
            # same unit of work as the load's record (a refused load opens nothing; a
            # failed one withdraws it again).
            assert contract_id is not None
            loan = open_draft_loan(uow, actor, medium, contract_id)
        if loan is None:
            raise IllegalTransition("load.error.no_loan", control_number=medium.control_number)
        if contract_id is not None and loan.contract_id != contract_id:
            raise Conflict("load.error.other_contract", control_number=medium.control_number)
        if loan.state is not LoanState.DRAFT:
            raise IllegalTransition(
                "load.error.loan_not_draft", medium=loan_label(loan), state=loan.state
            )
        check_in_service(medium.out_of_service, medium.control_number)
        if medium.state is MediumState.WIPE_PENDING:
            raise IllegalTransition("load.error.needs_wipe", control_number=medium.control_number)
        if medium.state is not MediumState.BLANK:
            raise IllegalTransition(
                "load.error.medium_not_blank",
                control_number=medium.control_number,
                state=medium.state.value,
            )
        load = _new_load(uow, actor, loan.id, medium, device, split_column, target)
        job = LoadJob(
            ledger,
            actor,
            load.id,
            loan.id,
            medium.id,
            medium.control_number,
            medium.serial,
            device,
            opened_loan=opened,
        )
        _commit_live(uow, load.id)
    return job


def transfer_stem(loan_id: int) -> str:
    """What an e-mail transfer's archive is called (transfer-0012.zip): no medium names it."""
    return f"transfer-{loan_id:04d}"


def _begin_transfer(
    ledger: Ledger, actor: Actor, loan_id: int, outbox: str, split_column: str | None
) -> LoadJob:
    with ledger.unit_of_work() as uow:
        loan, medium = lock_loan_and_medium(uow, loan_id)
        if medium is not None or loan.channel is not TransferMethod.EMAIL:
            raise IllegalTransition("load.error.not_email_transfer", medium=loan_label(loan))
        if loan.state is not LoanState.DRAFT:
            raise IllegalTransition(
                "load.error.loan_not_draft", medium=loan_label(loan), state=loan.state
            )
        load = _new_load(uow, actor, loan.id, None, outbox, split_column, LoadTarget.FOLDER)
        job = LoadJob(ledger, actor, load.id, loan.id, None, transfer_stem(loan.id), "", outbox)
        _commit_live(uow, load.id)
    return job


def _new_load(
    uow: UnitOfWork,
    actor: Actor,
    loan_id: int,
    medium: Medium | None,
    device: str,
    split_column: str | None,
    target: LoadTarget,
) -> Load:
    """The load on record ("in_progress", `load.started`) before anything is written."""
    loan = uow.session.get(Loan, loan_id)
    assert loan is not None
    name = loan_label(loan)  # (read before the flush: a failed flush expires every object)
    running = uow.session.scalar(
        select(Load.id).where(Load.loan_id == loan_id, Load.state == LoadState.IN_PROGRESS)
    )
    if running is not None:
        raise Conflict("load.error.running", medium=name, load=running)
    attempt = (
        uow.session.scalar(select(func.max(Load.attempt)).where(Load.loan_id == loan_id)) or 0
    ) + 1
    now, runner = uow.now(), Runner.here()
    load = Load(
        loan_id=loan_id,
        medium_id=medium.id if medium is not None else None,
        attempt=attempt,
        operator_id=actor.operator_id,
        device_node=device[:200],
        target=target,
        state=LoadState.IN_PROGRESS,
        failure_params={},
        split_column=(split_column or "").strip()[:200],
        started_at=now,
        heartbeat_at=now,
        runner_host=runner.host,
        runner_pid=runner.pid,
    )
    # Another desk may have started a load of this loan a moment ago.
    uow.add_unique(load, Conflict("load.error.running_concurrent", medium=name))
    uow.record(
        actor,
        "load.started",
        f"load:{load.id}",
        loan=loan_id,
        medium=medium.control_number if medium is not None else None,
        attempt=attempt,
        device=device,
        target=target.value,
        split_column=load.split_column,
        runner_host=runner.host,
        runner_pid=runner.pid,
    )
    return load


def _commit_live(uow: UnitOfWork, load_id: int) -> None:
    """Commit the started load, known to this process as live from before the commit."""
    LIVE_LOADS.add(load_id)  # before the commit: from then on the row is visible
    try:
        uow.commit()
    except BaseException:
        LIVE_LOADS.forget(load_id)
        raise


def _check_folder(job: LoadJob) -> None:
    folder = Folder(job.device)
    if not folder.path.is_dir():
        raise StickRefused("load.folder.missing", folder=job.device)
    if folder.read_only():
        raise StickReadOnly(job.device)
    job.stick = folder


# --- step 2: the device ------------------------------------------------------------------


def _needed_bytes(archives: Sequence[PreparedArchive]) -> int:
    total = 0
    for archive in archives:
        total += _PER_ARCHIVE_OVERHEAD
        for prepared in archive.files:
            size = prepared.planned.size
            total += (
                size
                + size // 1000
                + _PER_FILE_OVERHEAD
                + 2 * len(prepared.planned.name.encode("utf-8"))
            )
    return total


def _check_device(job: LoadJob) -> StickIdentity:
    job.detected = detected_serial(job.device)
    identity = identify_stick(
        job.device,
        job.serial,
        job.control_number,
        allow_loop=job.ledger.settings.allow_loop_devices,
    )
    job.detected = identity.serial
    stick = identity.stick
    if stick.read_only() or mounted_read_only(identity.node):
        raise StickReadOnly(identity.node)
    present = stick.list_files()  # also refuses an unknown or unmounted exFAT filesystem
    if present:
        raise StickRefused(
            "load.stick.not_empty",
            device=identity.node,
            control_number=job.control_number,
            files=len(present),
            first=present[0].name,
        )
    job.stick = stick
    return identity


def _check_room_for(job: LoadJob, size: int, files: int) -> None:
    """The sources' sizes (from the file system, before a byte is read) against the
    stick's free space."""
    _need_room(job, size + size // 1000 + files * _PER_FILE_OVERHEAD + _PER_ARCHIVE_OVERHEAD)


def _check_room(job: LoadJob, archives: Sequence[PreparedArchive]) -> None:
    """What will be written (split parts, names) against the stick's free space."""
    _need_room(job, _needed_bytes(archives))


def _need_room(job: LoadJob, needed: int) -> None:
    assert job.stick is not None
    free = job.stick.free_bytes()
    if needed > free and job.stick.read_only():  # made read-only since the device check
        raise StickReadOnly(job.device)
    if needed > free:
        raise StickRefused("load.stick.no_room", device=job.device, needed=needed, free=free)


# --- step 3: write and verify ------------------------------------------------------------


def _write(
    job: LoadJob,
    name: str,
    archive: PreparedArchive,
    password: str,
    reporter: PhaseReporter,
    cancel: threading.Event | None,
) -> tuple[ArchiveManifest, tuple[PlannedFile, ...]]:
    """Write one archive; its files as counted while they streamed into it."""
    assert job.stick is not None
    counters: dict[str, CsvCounter] = {}
    with contextlib.ExitStack() as streams:
        sources = []
        for prepared in archive.files:
            stream = streams.enter_context(prepared.open())
            counter = None
            if prepared.planned.records is None:  # a CSV counted as it streams past
                counter = counters[prepared.planned.name] = CsvCounter(prepared.planned.source)
            sources.append(
                ArchiveSource(
                    prepared.planned.name,
                    cast(BinaryIO, ReportingSource(stream, reporter)),
                    prepared.planned.size,
                    tap=counter.feed if counter else None,
                )
            )
        with job.stick.writer(name) as out:
            # From here the stick's filesystem is changed (the file exists, clusters are
            # allocated as bytes arrive through the writer thread): whatever happens next,
            # the stick needs its wipe and the archive its deletion.
            job.wrote = True
            job.written.append(name)
            manifest = write_archive(sources, out, password, archive_name=name, cancel=cancel)
    files = []
    for prepared in archive.files:
        planned = prepared.planned
        counter = counters.get(planned.name)
        if counter is not None:
            counted = counter.finish()
            planned = replace(planned, records=counted.records, encoding=counted.encoding)
        files.append(planned)
    return manifest, tuple(files)


def _verify(
    job: LoadJob,
    name: str,
    manifest: ArchiveManifest,
    password: str,
    reporter: PhaseReporter,
    cancel: threading.Event | None,
) -> None:
    assert job.stick is not None
    with job.stick.open(name) as handle:
        contents = ArchiveReader(handle, archive_name=name).extract_all(
            password, progress=reporter.archive_progress, cancel=cancel
        )
    verify_against_manifest(contents, manifest)


@dataclass(frozen=True, slots=True)
class _Written:
    name: str
    archive: PreparedArchive
    manifest: ArchiveManifest
    password: str
    sealed: str
    #: The archive's files with their records as counted while written.
    files: tuple[PlannedFile, ...]


def _check_count(found: int, expected: int | None) -> None:
    if expected is not None and found != expected:
        raise InvalidInput(
            "load.error.count_changed", field="files", expected=expected, found=found
        )


def _write_and_verify(
    job: LoadJob,
    archives: Sequence[PreparedArchive],
    expected_records: int | None,
    progress: LoadProgressFn | None,
    cancel: threading.Event | None,
) -> list[_Written]:
    key = seal_key(job.ledger)
    done: list[_Written] = []
    names = archive_names(job.control_number, [a.split_key for a in archives])
    writing = PhaseReporter(progress, "write", sum(a.planned.size for a in archives), len(archives))
    for index, (name, archive) in enumerate(zip(names, archives, strict=True), 1):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        password = generate_password()
        sealed = seal_with(key, password, seal_context(job.load_id, name))
        writing.begin_archive(name, index)
        manifest, files = _write(job, name, archive, password, writing, cancel)
        done.append(_Written(name, archive, manifest, password, sealed, files))
    writing.finish()
    _check_count(sum(f.records or 0 for w in done for f in w.files), expected_records)
    if job.disc is not None:  # the archives go onto the CD-R; the check reads the disc
        job.disc.burn()
    verifying = PhaseReporter(progress, "verify", sum(w.manifest.size for w in done), len(done))
    for index, written in enumerate(done, 1):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        verifying.begin_archive(written.name, index)
        _verify(job, written.name, written.manifest, written.password, verifying, cancel)
    if job.disc is not None:  # an image file's SHA-256 comes from the archives' reads
        job.disc.finish()
    verifying.finish()
    if cancel is not None and cancel.is_set():
        raise Cancelled()
    return done


# --- step 4: one unit of work records the verified load --------------------------------


def _loaded_archive(written: _Written) -> LoadedArchive:
    counted = {f.name: f for f in written.files}
    files = tuple(
        LoadedFile(
            e.name,
            e.size,
            e.sha256,
            counted[e.name].records or 0,
            counted[e.name].kind,
            counted[e.name].encoding,
            e.method,
        )
        for e in written.manifest.entries
    )
    return LoadedArchive(
        written.name,
        written.archive.split_key,
        sum(f.records for f in files),
        written.manifest.size,
        written.manifest.sha256,
        written.manifest.format,
        files,
        written.manifest,
        written.password,
    )


def split_digest(ledger: Ledger, split_key: str | None) -> str | None:
    """What the ledger keeps of a split key: a keyed hash (the key itself, an area or
    perhaps a person, stays inside the encrypted archive's manifest)."""
    if split_key is None:
        return None
    mac = hmac.new(ledger.audit_key, f"split:{split_key}".encode(), hashlib.sha256)
    return "h:" + mac.hexdigest()[:32]


def _commit_verified(job: LoadJob, written: Sequence[_Written]) -> list[LoadedArchive]:
    loaded = [_loaded_archive(w) for w in written]
    with job.ledger.unit_of_work() as uow:
        # medium, then loan: the lending lock order
        name = loan_label(lock_loan_and_medium(uow, job.loan_id)[0])
        load = uow.session.scalars(
            select(Load).where(Load.id == job.load_id).with_for_update()
        ).one()
        if load.state is not LoadState.IN_PROGRESS:
            raise Conflict("load.error.no_longer_running", medium=name, state=load.state)
        for archive, item in zip(written, loaded, strict=True):
            row = LoadArchive(
                load_id=load.id,
                name=item.name,
                format=item.format,
                size=item.size,
                sha256=item.sha256,
                split_key=split_digest(job.ledger, item.split_key),
                sealed_password=archive.sealed,
                record_count=item.records,
            )
            row.files = [
                LoadFile(
                    name=f.name,
                    size=f.size,
                    sha256=f.sha256,
                    method=f.method,
                    kind=f.kind,
                    record_count=f.records,
                    encoding=f.encoding,
                )
                for f in item.files
            ]
            uow.session.add(row)
        check_load_transition(load.state, LoadState.VERIFIED, name)
        load.state = LoadState.VERIFIED
        if job.disc is not None and job.disc.session is not None:
            session = job.disc.session
            load.volume_id = session.volume_id
            load.image_size = session.size
            load.image_sha256 = session.sha256
        load.detected_serial = job.detected[:200]
        load.wrote_to_stick = True
        load.record_count = sum(a.records for a in loaded)
        load.total_bytes = sum(f.size for a in loaded for f in a.files)
        load.finished_at = uow.now()
        mark_loaded(
            uow,
            job.actor,
            job.loan_id,
            load=load.id,
            records=load.record_count,
            archives=[a.name for a in loaded],
        )
        uow.record(
            job.actor,
            "load.verified",
            f"load:{load.id}",
            loan=job.loan_id,
            medium=job.control_number if job.medium_id is not None else None,
            target=load.target.value,
            disc=_trail_disc(load),
            records=load.record_count,
            bytes=load.total_bytes,
            archives=[_trail_archive(job.ledger, a) for a in loaded],
        )
        uow.commit()
    return loaded


def _trail_disc(load: Load) -> dict[str, object] | None:
    if load.target is not LoadTarget.DISC:
        return None
    return {"volume_id": load.volume_id, "size": load.image_size, "sha256": load.image_sha256}


def _trail_archive(ledger: Ledger, archive: LoadedArchive) -> dict[str, object]:
    return {
        "name": archive.name,
        "split_key": split_digest(ledger, archive.split_key),
        "size": archive.size,
        "sha256": archive.sha256,
        "records": archive.records,
        "files": [
            {"name": f.name, "size": f.size, "sha256": f.sha256, "records": f.records}
            for f in archive.files
        ],
    }


# --- the user action ----------------------------------------------------------------------


def load_medium(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    device_path: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str]],
    *,
    split_column: str | None = None,
    contract_id: int | None = None,
    expected_records: int | None = None,
    progress: LoadProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> LoadResult:
    """Load `files` onto the stick at `device_path` for the medium's draft loan, or,
    with `contract_id`, for a new draft loan under that contract opened with the load (a
    CD-R: onto the burner or image file `device_path`, see `load_disc`).

    `expected_records` (the total the operator confirmed from `plan_load`) refuses the
    load when the files changed since. Raises a `DomainError` for every refusal and
    failure (after recording it, see the module docstring); `Cancelled` on cancel.
    """
    if _kind_of(ledger, control_number) is MediumKind.CDR:  # a CD-R is burned, not copied
        return load_disc(
            ledger,
            actor,
            control_number,
            device_path,
            files,
            split_column=split_column,
            contract_id=contract_id,
            expected_records=expected_records,
            progress=progress,
            cancel=cancel,
        )
    started = time.monotonic()
    check_split_column_name(split_column)
    recover_interrupted_loads(ledger)
    job = _begin(
        ledger, actor, control_number, str(device_path), split_column, contract_id=contract_id
    )
    with LIVE_LOADS.running(job.load_id):
        return _run(
            job, _check_device, files, split_column, expected_records, progress, cancel, started
        )


def _kind_of(ledger: Ledger, control_number: str) -> MediumKind | None:
    with ledger.read_session() as session:
        return session.scalar(
            select(Medium.kind).where(
                Medium.control_number == normalise_control_number(control_number)
            )
        )


def load_disc(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    target: str | os.PathLike[str] | None = None,
    files: Sequence[str | os.PathLike[str]] = (),
    *,
    split_column: str | None = None,
    contract_id: int | None = None,
    expected_records: int | None = None,
    progress: LoadProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> LoadResult:
    """Load `files` onto the CD-R `control_number` for its draft loan: the same AES-256
    archives a stick gets, in an ISO 9660 + Joliet image written with xorriso to the
    burner `target` (default: the desk's burner setting, /dev/sr0 unless
    `LEDGER_TUI_BURNER` names another or a `stdio:` pseudo drive) or to an image file
    where the desk has none; the
    disc is read back (the image's SHA-256, then every archive from the disc against its
    manifest) before the loan is "loaded". The session (volume id, size, SHA-256) is
    recorded with the load. A disc whose burn began but did not verify is spent: it goes
    to wipe_pending, i.e. to its witnessed shredding."""
    started = time.monotonic()
    if target is None:
        target = ledger.settings.burner
    recover_interrupted_loads(ledger)
    job = _begin(
        ledger,
        actor,
        control_number,
        str(target),
        split_column,
        target=LoadTarget.DISC,
        contract_id=contract_id,
    )
    with (
        LIVE_LOADS.running(job.load_id),
        tempfile.TemporaryDirectory(prefix="ledger-tui-cdr-") as staging,
    ):
        os.mkdir(os.path.join(staging, "disc"), 0o700)

        def check(job: LoadJob) -> None:
            check_target(job.device)
            volume = f"LEDGER_L{job.load_id:06d}"
            job.disc = DiscStore(Path(staging) / "disc", job.device, volume)
            job.stick = job.disc

        return _run(job, check, files, split_column, expected_records, progress, cancel, started)


def load_transfer(
    ledger: Ledger,
    actor: Actor,
    loan_id: int,
    outbox: str | os.PathLike[str],
    files: Sequence[str | os.PathLike[str]],
    *,
    split_column: str | None = None,
    expected_records: int | None = None,
    progress: LoadProgressFn | None = None,
    cancel: threading.Event | None = None,
) -> LoadResult:
    """Make the password-protected file(s) of an e-mail transfer in the folder `outbox`
    (where the mail client attaches them from): the same AES-256 archives a stick gets,
    written, read back and verified against the manifest; passwords sealed the same way.
    The transfer goes draft -> loaded; the out-slip then records the file."""
    started = time.monotonic()
    recover_interrupted_loads(ledger)
    job = _begin_transfer(ledger, actor, loan_id, str(outbox), split_column)
    with LIVE_LOADS.running(job.load_id):
        return _run(
            job, _check_folder, files, split_column, expected_records, progress, cancel, started
        )


def _beating(job: LoadJob, progress: LoadProgressFn | None) -> LoadProgressFn:
    """The progress callback, writing the load's heartbeat on the way."""
    heartbeat = Heartbeat(job.ledger, job.load_id)

    def report(step: LoadProgress) -> None:
        heartbeat.beat()
        if progress is not None:
            progress(step)

    return report


def _run(
    job: LoadJob,
    check: Callable[[LoadJob], object],
    files: Sequence[str | os.PathLike[str]],
    split_column: str | None,
    expected_records: int | None,
    progress: LoadProgressFn | None,
    cancel: threading.Event | None,
    started: float,
) -> LoadResult:
    try:
        check(job)
        _check_room_for(job, source_bytes(files), len(files))  # before a byte is read
        archives = prepare_load(files, split_column)
        if all(a.planned.counted for a in archives):  # a split: counted before the write
            _check_count(sum(a.planned.records for a in archives), expected_records)
        _check_room(job, archives)
        written = _write_and_verify(
            job, archives, expected_records, _beating(job, progress), cancel
        )
        loaded = _commit_verified(job, written)
    except BaseException as error:
        fail_load(job, error)
        raise
    return LoadResult(
        job.load_id, job.loan_id, job.control_number, tuple(loaded), time.monotonic() - started
    )
