"""The end of a cycle for what is not wiped, and the contractor's own erasures.

`destroy_medium`: a CD-R (or a stick that cannot be wiped) is shredded; a paper case's
papers are shredded or returned to the section's files. Each is recorded with method,
witness and day, closes the returned loan, and gets its own certificate: category
Destroy for a shredding, none for a return to file (nothing was sanitised; the paper
says so). What becomes of the medium: a shredded CD-R or stick is destroyed; a paper
case is a locked case around papers, so once its papers are shredded or filed back the
case is empty, i.e. blank, and can be lent again.

`record_contractor_erasure`: the contractor erased its PC/tablet copies in the presence
of ward staff and handed over its erasure certificate; recorded against the contract
(the compliance checks build on these records).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ledger_tui.db.models import Contract, Operator
from ledger_tui.db.models.wipes import ContractorErasure, MediumDisposal
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.clock import local_date
from ledger_tui.domain.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.operators import normalise_login
from ledger_tui.domain.text import clean_text
from ledger_tui.domain.wipes import CertificateKind, DisposalMethod, ErasureCategory
from ledger_tui.services.lending.loans import close_loan_after_wipe, lock_medium, open_loan_of
from ledger_tui.services.organisation import get_contract
from ledger_tui.services.register.media import move_medium
from ledger_tui.services.wiping.certificates import (
    CertificateView,
    draw_number,
    issue_certificate,
    lock_returned_loan,
    show_certificate,
)

WITNESS_LIMIT = 200
NOTES_LIMIT = 2000
CERTIFICATE_NUMBER_LIMIT = 60
DEVICES_LIMIT = 2000

#: Where each kind of medium ends up after each disposal; a pair not listed is refused.
DISPOSAL_TARGET: dict[tuple[MediumKind, DisposalMethod], MediumState] = {
    (MediumKind.CDR, DisposalMethod.SHRED): MediumState.DESTROYED,
    (MediumKind.USB, DisposalMethod.SHRED): MediumState.DESTROYED,
    (MediumKind.PAPER_CASE, DisposalMethod.SHRED): MediumState.BLANK,
    (MediumKind.PAPER_CASE, DisposalMethod.RETURN_TO_FILE): MediumState.BLANK,
}
#: A disposal ends a cycle: the medium came back (or, to be destroyed, was never used).
DISPOSE_FROM = frozenset({MediumState.RETURNED, MediumState.WIPE_PENDING})
DESTROY_UNUSED_FROM = frozenset({MediumState.REGISTERED, MediumState.BLANK})


@dataclass(frozen=True, slots=True)
class ContractorErasureView:
    id: int
    contract_id: int
    contract_title: str
    contractor_name: str
    certificate_number: str
    erased_on: date
    devices: str
    witness_login: str
    witness_name: str
    notes: str
    recorded_at: datetime


def _disposal_method(method: DisposalMethod | str) -> DisposalMethod:
    try:
        return DisposalMethod(method)
    except ValueError:
        raise InvalidInput(
            "error.disposal.method",
            field="method",
            method=str(method),
            choices=", ".join(m.value for m in DisposalMethod),
        ) from None


def _check_day(day: date, today: date, field: str) -> None:
    if day > today:
        raise InvalidInput("error.disposal.future_date", field=field, day=day.isoformat())


def destroy_medium(
    ledger: Ledger,
    actor: Actor,
    control_number: str,
    *,
    method: DisposalMethod | str,
    witness: str,
    day: date | None = None,
    notes: str = "",
) -> CertificateView:
    """Record the shredding (or return to file) of a returned medium, witnessed by
    `witness` on `day` (default today), close its loan and issue the certificate."""
    chosen = _disposal_method(method)
    witness = clean_text(" ".join(witness.split()), "witness", WITNESS_LIMIT, required=True)
    notes = clean_text(notes, "notes", NOTES_LIMIT)
    with ledger.unit_of_work() as uow:
        medium = lock_medium(uow, control_number)
        number = medium.control_number
        today = local_date(uow.now())
        performed = day or today
        _check_day(performed, today, "day")
        target = DISPOSAL_TARGET.get((medium.kind, chosen))
        if target is None:
            raise InvalidInput(
                "error.disposal.not_for_kind",
                field="method",
                method=chosen.value,
                kind=medium.kind,
                control_number=number,
            )
        loan = open_loan_of(uow, medium.id)
        if loan is not None and loan.state is LoanState.OUT:
            raise IllegalTransition("error.wiping.loan_out", control_number=number)
        if loan is not None and loan.state is not LoanState.BACK:
            raise IllegalTransition(
                "error.disposal.loan_open",
                control_number=number,
                state=loan.state,
            )
        unused = target is MediumState.DESTROYED and medium.state in DESTROY_UNUSED_FROM
        if medium.state not in DISPOSE_FROM and not unused:
            raise IllegalTransition(
                "error.disposal.state", control_number=number, state=medium.state
            )
        returned = lock_returned_loan(uow, medium.id)
        drawn = draw_number(uow)  # the form counter before the trail head
        disposal = MediumDisposal(
            medium=medium,
            loan_id=returned.id if returned else None,
            method=chosen,
            witness=witness,
            performed_on=performed,
            notes=notes,
            operator_id=actor.operator_id,
            recorded_at=uow.now(),
        )
        uow.session.add(disposal)
        uow.session.flush()
        reason = f"disposal.{chosen.value}"
        if medium.state is MediumState.RETURNED:
            move_medium(uow, actor, medium, MediumState.WIPE_PENDING, reason)
        move_medium(uow, actor, medium, target, reason, disposal=disposal.id)
        closed = close_loan_after_wipe(
            uow, actor, medium, certificate=drawn.number, disposal=disposal.id
        )
        uow.record(
            actor,
            "medium.disposed",
            f"medium:{number}",
            method=chosen.value,
            day=performed.isoformat(),
            disposal=disposal.id,
            certificate=drawn.number,
        )
        shredded = chosen is DisposalMethod.SHRED
        certificate = issue_certificate(
            uow,
            actor,
            drawn,
            kind=CertificateKind.DESTROY if shredded else CertificateKind.RETURN_TO_FILE,
            category=ErasureCategory.DESTROY if shredded else None,
            medium=medium,
            loan_id=closed.id if closed else None,
            disposal=disposal,
        )
        uow.commit()
        certificate_id = certificate.id
    return show_certificate(ledger, certificate_id)


# --- the contractor's own erasure ---------------------------------------------------------


def _erasure_view(row: ContractorErasure) -> ContractorErasureView:
    return ContractorErasureView(
        id=row.id,
        contract_id=row.contract_id,
        contract_title=row.contract.title,
        contractor_name=row.contract.contractor.name,
        certificate_number=row.certificate_number,
        erased_on=row.erased_on,
        devices=row.devices,
        witness_login=row.witness_operator.login,
        witness_name=row.witness_operator.name,
        notes=row.notes,
        recorded_at=row.recorded_at,
    )


def record_contractor_erasure(
    ledger: Ledger,
    actor: Actor,
    contract_id: int,
    *,
    certificate_number: str,
    erased_on: date,
    devices: str,
    witness_login: str,
    notes: str = "",
) -> ContractorErasureView:
    """Record the contractor's erasure certificate for its PC/tablet copies, erased on
    `erased_on` in the presence of the ward's operator `witness_login`."""
    number = clean_text(
        certificate_number, "certificate_number", CERTIFICATE_NUMBER_LIMIT, required=True
    )
    devices = clean_text(devices, "devices", DEVICES_LIMIT, required=True)
    notes = clean_text(notes, "notes", NOTES_LIMIT)
    with ledger.unit_of_work() as uow:
        contract = get_contract(uow, contract_id)
        _check_day(erased_on, local_date(uow.now()), "erased_on")
        if erased_on < contract.period_start:
            raise InvalidInput(
                "error.contractor_erasure.before_contract",
                field="erased_on",
                start=contract.period_start.isoformat(),
            )
        login = normalise_login(witness_login)
        witness = uow.session.scalars(select(Operator).where(Operator.login == login)).first()
        if witness is None or not witness.active:
            raise NotFound("error.contractor_erasure.witness", login=login)
        clash = uow.session.scalar(
            select(ContractorErasure.id).where(
                ContractorErasure.contract_id == contract.id,
                ContractorErasure.certificate_number == number,
            )
        )
        if clash is not None:
            raise Conflict(
                "error.contractor_erasure.duplicate", contract=contract.id, number=number
            )
        row = ContractorErasure(
            contract=contract,
            certificate_number=number,
            erased_on=erased_on,
            devices=devices,
            witness_operator=witness,
            notes=notes,
            recorded_by=actor.operator_id,
            recorded_at=uow.now(),
        )
        uow.session.add(row)
        uow.session.flush()
        uow.record(
            actor,
            "contractor_erasure.recorded",
            f"contract:{contract.id}",
            erasure=row.id,
            certificate_number=number,
            erased_on=erased_on.isoformat(),
            witness=witness.login,
        )
        uow.commit()
        return _erasure_view(row)


def list_contractor_erasures(
    ledger: Ledger, contract_id: int | None = None
) -> list[ContractorErasureView]:
    """The contractor erasure records, newest erasure first, optionally of one contract."""
    stmt = (
        select(ContractorErasure)
        .options(
            joinedload(ContractorErasure.contract).joinedload(Contract.contractor),
            joinedload(ContractorErasure.witness_operator),
        )
        .order_by(ContractorErasure.erased_on.desc(), ContractorErasure.id.desc())
    )
    if contract_id is not None:
        stmt = stmt.where(ContractorErasure.contract_id == contract_id)
    with ledger.read_session() as session:
        return [_erasure_view(row) for row in session.scalars(stmt).all()]
