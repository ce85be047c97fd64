"""The contractor's erasure, device by device, and the ward's 消去立会確認書.

Seed 000 (受託者の運用上の対策 7, 区のシステム上の対策 2) has the contractor erase the
personal data on its PCs and tablets after the work, in the presence of ward staff, who
then check the state after the erasure; the contractor hands over its own certificate.
`disposals.record_contractor_erasure` records that certificate against the contract;
`record_erased_device` adds one device to it (kind, maker/model, serial, what was erased,
method and tool, date and time, the contractor's person, the ward's witness and the
witness's 消去後の状況確認) — one action, one trail entry. `print_witness_record` /
`save_witness_record_pdf` put the 立会確認書 on paper (two copies: 区控, 委託先控) with
stamp boxes for both sides and the contractor's certificate number; its QR code carries
the hash of the erasure's latest trail entry.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import AuditEntry, Contract, Operator
from ledger_tui.db.models.wipes import ContractorErasedDevice, ContractorErasure
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date, local_zone
from ledger_tui.domain.errors import DomainError, InvalidInput, NotFound
from ledger_tui.domain.form_series import ContractPaperKind, contract_paper_number
from ledger_tui.domain.operators import normalise_login
from ledger_tui.domain.text import clean_text
from ledger_tui.domain.wipes import ContractorDeviceKind, ErasureCheck
from ledger_tui.i18n import Lang, t
from ledger_tui.services.paper import (
    PDF_JOB,
    FailureRecorder,
    PaperPrint,
    PrintResult,
    Progress,
    copies_to_print,
    print_or_record,
    save_or_record,
    ward_name,
)

if TYPE_CHECKING:  # reportlab loads only when a form is actually rendered
    from ledger_tui.system.pdf.erasure_witness import ErasureWitnessRecord

#: Limits that keep one device's row shorter than a page of the 立会確認書 (its narrow
#: columns hold about ten characters a line), so no row is ever cut across pages.
NAME_LIMIT = 100
SERIAL_LIMIT = 100
DATA_LIMIT = 300
METHOD_LIMIT = 200
NOTE_LIMIT = 300


@dataclass(frozen=True, slots=True)
class ErasedDeviceForm:
    """One device the contractor erased while the ward's `witness_login` watched."""

    kind: ContractorDeviceKind | str
    erased_data: str
    method: str
    erased_at: datetime
    contractor_person: str
    witness_login: str
    check: ErasureCheck | str
    maker_model: str = ""
    serial: str = ""
    check_note: str = ""


@dataclass(frozen=True, slots=True)
class ErasedDeviceView:
    erasure_id: int
    position: int
    kind: ContractorDeviceKind
    maker_model: str
    serial: str
    erased_data: str
    method: str
    erased_at: datetime
    contractor_person: str
    witness_login: str
    witness_name: str
    check: ErasureCheck
    check_note: str


def witness_number(contract_id: int, erasure_id: int) -> str:
    """The 立会確認書's number: the contract and the erasure it records (C12-E3)."""
    return contract_paper_number(ContractPaperKind.WITNESS, contract_id, f"-E{erasure_id}")


def _choice(value: str, cls: type[ContractorDeviceKind] | type[ErasureCheck], key: str) -> str:
    try:
        return cls(value).value
    except ValueError:
        field = "kind" if cls is ContractorDeviceKind else "check"
        raise InvalidInput(
            key, field=field, **{field: str(value)}, choices=", ".join(m.value for m in cls)
        ) from None


def _view(row: ContractorErasedDevice) -> ErasedDeviceView:
    return ErasedDeviceView(
        erasure_id=row.erasure_id,
        position=row.position,
        kind=row.kind,
        maker_model=row.maker_model,
        serial=row.serial,
        erased_data=row.erased_data,
        method=row.method,
        erased_at=row.erased_at,
        contractor_person=row.contractor_person,
        witness_login=row.witness_operator.login,
        witness_name=row.witness_operator.name,
        check=row.check_result,
        check_note=row.check_note,
    )


def record_erased_device(
    ledger: Ledger, actor: Actor, erasure_id: int, form: ErasedDeviceForm
) -> ErasedDeviceView:
    """Add one witnessed device to the contractor erasure `erasure_id`."""
    kind = ContractorDeviceKind(
        _choice(form.kind, ContractorDeviceKind, "error.contractor_erasure.device_kind")
    )
    check = ErasureCheck(_choice(form.check, ErasureCheck, "error.contractor_erasure.check"))
    maker_model = clean_text(form.maker_model, "maker_model", NAME_LIMIT)
    serial = clean_text(form.serial, "serial", SERIAL_LIMIT)
    erased_data = clean_text(form.erased_data, "erased_data", DATA_LIMIT, required=True)
    method = clean_text(form.method, "method", METHOD_LIMIT, required=True)
    person = clean_text(
        " ".join(form.contractor_person.split()), "contractor_person", NAME_LIMIT, required=True
    )
    note = clean_text(form.check_note, "check_note", NOTE_LIMIT)
    erased_at = form.erased_at
    if erased_at.tzinfo is None:  # typed at the desk: the desk's wall clock
        erased_at = erased_at.replace(tzinfo=local_zone())
    if check is ErasureCheck.DATA_LEFT and not note:
        raise InvalidInput("error.contractor_erasure.check_note", field="check_note")
    with ledger.unit_of_work() as uow:
        erasure = uow.session.get(ContractorErasure, erasure_id)
        if erasure is None:
            raise NotFound("error.contractor_erasure.not_found", erasure=erasure_id)
        if erased_at > uow.now():
            raise InvalidInput(
                "error.contractor_erasure.future",
                field="erased_at",
                moment=erased_at.isoformat(timespec="minutes"),
            )
        if local_date(erased_at) < erasure.contract.period_start:
            raise InvalidInput(
                "error.contractor_erasure.before_contract",
                field="erased_at",
                start=erasure.contract.period_start.isoformat(),
            )
        login = normalise_login(form.witness_login)
        witness = uow.session.scalars(select(Operator).where(Operator.login == login)).first()
        if witness is None or not witness.active:
            raise NotFound("error.contractor_erasure.witness", login=login)
        position = 1 + (
            uow.session.scalar(
                select(func.max(ContractorErasedDevice.position)).where(
                    ContractorErasedDevice.erasure_id == erasure.id
                )
            )
            or 0
        )
        row = ContractorErasedDevice(
            erasure=erasure,
            position=position,
            kind=kind,
            maker_model=maker_model,
            serial=serial,
            erased_data=erased_data,
            method=method,
            erased_at=erased_at,
            contractor_person=person,
            witness_operator=witness,
            check_result=check,
            check_note=note,
            recorded_by=actor.operator_id,
            recorded_at=uow.now(),
        )
        uow.session.add(row)
        uow.session.flush()
        # Device kind, position and the check; names of people stay off the trail.
        uow.record(
            actor,
            "contractor_erasure.device_recorded",
            f"contract:{erasure.contract_id}",
            erasure=erasure.id,
            position=position,
            kind=kind.value,
            check=check.value,
            witness=witness.login,
        )
        uow.commit()
        return _view(row)


def _devices(session: Session, erasure_id: int) -> list[ContractorErasedDevice]:
    return list(
        session.scalars(
            select(ContractorErasedDevice)
            .where(ContractorErasedDevice.erasure_id == erasure_id)
            .options(joinedload(ContractorErasedDevice.witness_operator))
            .order_by(ContractorErasedDevice.position)
        )
    )


def list_erased_devices(ledger: Ledger, erasure_id: int) -> list[ErasedDeviceView]:
    """The devices of one contractor erasure, in the order recorded."""
    with ledger.read_session() as session:
        return [_view(row) for row in _devices(session, erasure_id)]


def witness_record_form(ledger: Ledger, erasure_id: int, lang: Lang = "ja") -> ErasureWitnessRecord:
    from ledger_tui.system.pdf.erasure_witness import ErasureWitnessRecord, WitnessedDevice
    from ledger_tui.system.pdf.layout import Issuer

    with ledger.read_session() as session:
        erasure = session.scalars(
            select(ContractorErasure)
            .where(ContractorErasure.id == erasure_id)
            .options(
                joinedload(ContractorErasure.contract).joinedload(Contract.contractor),
                joinedload(ContractorErasure.contract).joinedload(Contract.section),
                joinedload(ContractorErasure.witness_operator),
            )
        ).first()
        if erasure is None:
            raise NotFound("error.contractor_erasure.not_found", erasure=erasure_id)
        contract = erasure.contract
        entry_hash = session.scalar(
            select(AuditEntry.entry_hash)
            .where(
                AuditEntry.subject == f"contract:{contract.id}",
                AuditEntry.action.like("contractor_erasure.%"),
            )
            .order_by(AuditEntry.seq.desc())
            .limit(1)
        )
        devices = tuple(
            WitnessedDevice(
                position=row.position,
                kind=t(f"contractor_device.{row.kind.value}", lang),
                maker_model=row.maker_model,
                serial=row.serial,
                erased_data=row.erased_data,
                method=row.method,
                erased_at=row.erased_at,
                contractor_person=row.contractor_person,
                witness=row.witness_operator.name,
                check=row.check_result.value,
                check_note=row.check_note,
            )
            for row in _devices(session, erasure_id)
        )
        return ErasureWitnessRecord(
            number=witness_number(contract.id, erasure.id),
            issued_at=ledger.clock(),
            issuer=Issuer(ward_name(ledger, lang), contract.section.name),
            contract_title=contract.title,
            contractor=contract.contractor.name,
            period_start=contract.period_start,
            period_end=contract.period_end,
            contractor_certificate=erasure.certificate_number,
            erased_on=erasure.erased_on,
            lead_witness=erasure.witness_operator.name,
            devices=devices,
            notes=erasure.notes,
            audit_hash=entry_hash or "",
        )


def witness_record_document(
    ledger: Ledger, erasure_id: int, *, lang: Lang = "ja", copies: int | None = None
) -> bytes:
    """The 立会確認書 as an A4 PDF (区控 and 委託先控 unless `copies` says otherwise)."""
    from ledger_tui.system.pdf.erasure_witness import render_erasure_witness

    form = witness_record_form(ledger, erasure_id, lang)
    return render_erasure_witness(form, lang, copies_to_print(ledger, copies))


def _record(ledger: Ledger, actor: Actor, action: str, subject: str, **details: object) -> None:
    with ledger.unit_of_work() as uow:
        uow.record(actor, action, subject, **details)
        uow.commit()


def _subject(ledger: Ledger, erasure_id: int) -> tuple[str, str]:
    with ledger.read_session() as session:
        erasure = session.get(ContractorErasure, erasure_id)
        if erasure is None:
            raise NotFound("error.contractor_erasure.not_found", erasure=erasure_id)
        return f"contract:{erasure.contract_id}", witness_number(erasure.contract_id, erasure.id)


def _failure(ledger: Ledger, actor: Actor, subject: str, erasure_id: int) -> FailureRecorder:
    def record(printer: str, failure: DomainError) -> None:
        _record(
            ledger,
            actor,
            "contractor_erasure.print_failed",
            subject,
            erasure=erasure_id,
            printer=printer,
            reason=failure.key,
        )

    return record


def print_witness_record(
    ledger: Ledger,
    actor: Actor,
    erasure_id: int,
    *,
    printer: str | None = None,
    lang: Lang = "ja",
    copies: int | None = None,
    wait_timeout: float = 30.0,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> PrintResult[PaperPrint]:
    """Print the 立会確認書 through CUPS, wait for the job, then record it."""
    subject, number = _subject(ledger, erasure_id)
    data = witness_record_document(ledger, erasure_id, lang=lang, copies=copies)
    job = print_or_record(
        ledger,
        data,
        printer,
        number,
        _failure(ledger, actor, subject, erasure_id),
        wait_timeout=wait_timeout,
        progress=progress,
        cancel=cancel,
    )
    _record(
        ledger,
        actor,
        "contractor_erasure.printed",
        subject,
        erasure=erasure_id,
        number=number,
        printer=job.printer,
        job=job.job_id,
    )
    done = PaperPrint(number, job.printer, job.job_id, job.answer)
    return PrintResult(done, job.job_id, job.printer, job.answer)


def save_witness_record_pdf(
    ledger: Ledger,
    actor: Actor,
    erasure_id: int,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "ja",
    copies: int | None = None,
) -> PaperPrint:
    """Write the 立会確認書 to `path` instead of printing it, and record that."""
    subject, number = _subject(ledger, erasure_id)
    data = witness_record_document(ledger, erasure_id, lang=lang, copies=copies)
    printer, written = save_or_record(data, path, _failure(ledger, actor, subject, erasure_id))
    _record(
        ledger,
        actor,
        "contractor_erasure.printed",
        subject,
        erasure=erasure_id,
        number=number,
        printer=printer,
        job=PDF_JOB,
    )
    return PaperPrint(number, printer, PDF_JOB, path=str(written))
