"""The record of loads: what a load wrote, the logged retrieval of its sealed passwords
(on screen, or on a printed パスワード通知書), and the resolution of a load that was
interrupted (the program or the workstation stopped mid-load).

Every unsealing writes a trail entry (`load.password_retrieved`, with the purpose), in
the same unit of work that returns or prints the password: no retrieval goes unlogged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ledger_tui.db.models import HandoverSlip, Loan
from ledger_tui.db.models.loads import Load, LoadArchive
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.form_series import PASSWORD_NOTICE
from ledger_tui.domain.loads import LoadState
from ledger_tui.domain.slips import SlipDirection, SlipState
from ledger_tui.i18n import Lang
from ledger_tui.services.lending.loans import loan_label
from ledger_tui.services.lending.unfinished_loads import resolve_load
from ledger_tui.services.loading.load import seal_context, unseal_keys
from ledger_tui.services.paper import paper_lang
from ledger_tui.system.archive.errors import DetailedError
from ledger_tui.system.secrets.sealing import unseal_with


@dataclass(frozen=True, slots=True)
class LoadArchiveView:
    name: str
    split_key: str | None
    records: int
    size: int
    sha256: str
    files: tuple[tuple[str, int, str, int], ...]  # name, size, sha256, records


@dataclass(frozen=True, slots=True)
class LoadView:
    id: int
    loan_id: int
    control_number: str
    attempt: int
    state: LoadState
    device_node: str
    detected_serial: str
    failure_key: str
    failure_params: dict[str, object]
    wrote_to_stick: bool
    split_column: str
    records: int
    total_bytes: int
    started_at: datetime
    finished_at: datetime | None
    archives: tuple[LoadArchiveView, ...]

    def failure_message(self, lang: Lang | None = None) -> str:
        """Why the load failed, for the screen ("" when it did not)."""
        if not self.failure_key:
            return ""
        return DetailedError(self.failure_key, **self.failure_params).message(lang)


def _view(load: Load, control_number: str) -> LoadView:
    return LoadView(
        id=load.id,
        loan_id=load.loan_id,
        control_number=control_number,
        attempt=load.attempt,
        state=load.state,
        device_node=load.device_node,
        detected_serial=load.detected_serial,
        failure_key=load.failure_key,
        failure_params=dict(load.failure_params),
        wrote_to_stick=load.wrote_to_stick,
        split_column=load.split_column,
        records=load.record_count,
        total_bytes=load.total_bytes,
        started_at=load.started_at,
        finished_at=load.finished_at,
        archives=tuple(
            LoadArchiveView(
                a.name,
                a.split_key,
                a.record_count,
                a.size,
                a.sha256,
                tuple((f.name, f.size, f.sha256, f.record_count) for f in a.files),
            )
            for a in load.archives
        ),
    )


def _get_load(session: Session, load_id: int) -> Load:
    load = session.scalars(
        select(Load)
        .where(Load.id == load_id)
        .options(selectinload(Load.archives).selectinload(LoadArchive.files))
    ).one_or_none()
    if load is None:
        raise NotFound("load.error.not_found", ref=load_id)
    return load


def _control_number(session: Session, load: Load) -> str:
    loan = session.get(Loan, load.loan_id)
    assert loan is not None
    return loan_label(loan)


def show_load(ledger: Ledger, load_id: int) -> LoadView:
    with ledger.read_session() as session:
        load = _get_load(session, load_id)
        return _view(load, _control_number(session, load))


def loads_of_loan(ledger: Ledger, loan_id: int) -> list[LoadView]:
    """Every load attempt of a loan, oldest first (failed ones too)."""
    with ledger.read_session() as session:
        ids = session.scalars(
            select(Load.id).where(Load.loan_id == loan_id).order_by(Load.attempt)
        ).all()
    return [show_load(ledger, load_id) for load_id in ids]


# --- sealed passwords --------------------------------------------------------------------


def _archive(load: Load, archive_name: str | None) -> LoadArchive:
    if load.state is not LoadState.VERIFIED:
        raise IllegalTransition("load.error.not_verified", ref=load.id, state=load.state)
    if archive_name is None:
        if len(load.archives) != 1:
            raise InvalidInput(
                "load.error.archive_required",
                field="archive",
                ref=load.id,
                archives=", ".join(a.name for a in load.archives),
            )
        return load.archives[0]
    for archive in load.archives:
        if archive.name == archive_name:
            return archive
    raise NotFound("load.error.no_such_archive", ref=load.id, archive=archive_name)


def unseal_archive_password(ledger: Ledger, archive: LoadArchive) -> str:
    """The archive's password (the caller logs the retrieval in its unit of work)."""
    return unseal_with(
        unseal_keys(ledger), archive.sealed_password, seal_context(archive.load_id, archive.name)
    )


def retrieve_password(
    ledger: Ledger,
    actor: Actor,
    load_id: int,
    archive_name: str | None = None,
    *,
    purpose: str = "screen",
) -> str:
    """Unseal the password of one archive of a verified load; logged every time."""
    with ledger.unit_of_work() as uow:
        load = _get_load(uow.session, load_id)
        archive = _archive(load, archive_name)
        password = unseal_archive_password(ledger, archive)
        uow.record(
            actor,
            "load.password_retrieved",
            f"load:{load.id}",
            loan=load.loan_id,
            medium=_control_number(uow.session, load),
            archive=archive.name,
            purpose=purpose,
        )
        uow.commit()
        return password


def _out_slip_number(uow: UnitOfWork, loan_id: int) -> str:
    number = uow.session.scalar(
        select(HandoverSlip.number).where(
            HandoverSlip.loan_id == loan_id,
            HandoverSlip.direction == SlipDirection.OUT,
            HandoverSlip.state != SlipState.CANCELLED,
            HandoverSlip.cancels_slip_id.is_(None),
        )
    )
    return number or ""


def save_password_notice_pdf(
    ledger: Ledger,
    actor: Actor,
    load_id: int,
    path: str | os.PathLike[str],
    archive_name: str | None = None,
    *,
    lang: Lang | None = None,
) -> Path:
    """Write the パスワード通知書 of one archive to `path` as an A4 PDF (owner-only),
    numbered (e.g. PWN-R7-0003) and logged as a retrieval; its QR code carries the number
    and the trail entry's hash. The file is written inside the unit of work: a notice
    that could not be written takes no number and leaves no trail entry."""
    lang = paper_lang(ledger, lang)
    from ledger_tui.services.form_numbers import next_form_number
    from ledger_tui.services.paper import ward_name
    from ledger_tui.system.pdf.layout import Issuer
    from ledger_tui.system.pdf.password_notice import PasswordNotice, render_password_notice
    from ledger_tui.system.printing import write_pdf

    ward = ward_name(ledger, lang)
    with ledger.unit_of_work() as uow:
        load = _get_load(uow.session, load_id)
        archive = _archive(load, archive_name)
        loan = uow.session.get(Loan, load.loan_id)
        assert loan is not None
        password = unseal_archive_password(ledger, archive)
        now = uow.now()
        number, _, _ = next_form_number(uow, PASSWORD_NOTICE, local_date(now))
        entry = uow.record(
            actor,
            "load.password_retrieved",
            f"load:{load.id}",
            loan=loan.id,
            medium=loan.medium.control_number if loan.medium else None,
            archive=archive.name,
            purpose="notice",
            notice=number,
        )
        contract = loan.contract
        notice = PasswordNotice(
            number=number,
            issued_at=now,
            issuer=Issuer(ward, contract.section.name),
            contract_title=contract.title,
            contractor=contract.contractor.name,
            control_number=loan_label(loan),
            archive_names=(archive.name,),
            password=password,
            issued_by=actor.name or actor.login,
            slip_number=_out_slip_number(uow, loan.id),
            audit_hash=entry.entry_hash,
        )
        written = write_pdf(path, render_password_notice(notice, lang))
        uow.commit()
        return written


# --- an interrupted load ---------------------------------------------------------------


def resolve_interrupted_load(ledger: Ledger, actor: Actor, load_id: int) -> LoadView:
    """Close a load left "in_progress" by a crash whose desk will not come back: failed
    (load.error.interrupted), and its stick to wipe_pending, since whatever it wrote is
    unknown (`lending.unfinished_loads`, which also finds such loads by itself)."""
    resolve_load(ledger, actor, load_id)
    return show_load(ledger, load_id)
