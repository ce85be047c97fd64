"""Drive a contract of the compliance world through whole lending cycles for the
close-out, obligations and export tests: lend, take back, print and stamp both slips,
wipe (a test shortcut for a verified wipe: tests/wiping runs real ones) or destroy,
and record the audits, erasures, sheet checks and incidents the duties ask for.

Rows of the sheet, audit and incident tables are written through the ORM here so these
tests do not depend on the services other helpers are building at the same time."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ledger_tui.db.models import Loan
from ledger_tui.db.models.compliance import ContractAudit, Incident, SheetCheck, SheetItem
from ledger_tui.db.uow import Actor, Ledger, UnitOfWork
from ledger_tui.domain.compliance import AuditKind, CheckStatus, IncidentKind, IncidentState
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind, MediumState
from ledger_tui.domain.wareki import fiscal_year
from ledger_tui.services.lending import loans as lending
from ledger_tui.services.lending import slips
from ledger_tui.services.lending.loans import close_loan_after_wipe
from ledger_tui.services.lending.slip_views import SlipView
from ledger_tui.services.register import media
from ledger_tui.services.wiping import disposals
from tests.compliance.world import World
from tests.conftest import mark_verified_wipe

USB1, USB2, CDR = "契-USB-001", "契-USB-002", "契-CD-001"


def tokyo(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), ZoneInfo("Asia/Tokyo")).astimezone(UTC)


@dataclass
class Desk:
    """The compliance world seen from the desk, for one contract."""

    world: World
    contract_id: int
    handler_code: str

    @property
    def ledger(self) -> Ledger:
        return self.world.ledger

    @property
    def admin(self) -> Actor:
        return self.world.admin

    def form(self, count: int = 100) -> slips.SlipForm:
        return slips.SlipForm(
            handler_id=self.handler_id(),
            record_count=count,
            transfer_method="hand",
            free_text="転出者リスト",
            without_load=True,
        )

    def handler_id(self) -> int:
        return self.world.servicer_responsible_id  # the one whose code is handler_code

    def lend(
        self, control_number: str, count: int = 100, stamp: bool = True
    ) -> tuple[int, SlipView]:
        loan = lending.create_loan(self.ledger, self.admin, control_number, self.contract_id)
        slip = slips.draft_out_slip(self.ledger, self.admin, loan.id, self.form(count))
        slip = slips.confirm_at_counter(self.ledger, self.admin, slip.id, self.handler_code)
        if stamp:
            slip = self.stamp(slip)
        return loan.id, slip

    def lend_existing(self, loan_id: int) -> SlipView:
        """Hand out a loan opened with its own expected return: the confirmed slip."""
        slip = slips.draft_out_slip(self.ledger, self.admin, loan_id, self.form())
        return slips.confirm_at_counter(self.ledger, self.admin, slip.id, self.handler_code)

    def take_back(self, loan_id: int, count: int = 100, stamp: bool = True) -> SlipView:
        form = self.form(count)
        if count != 100:
            form = replace(form, mismatch_explanation="一部未回収")
        slip = slips.draft_back_slip(self.ledger, self.admin, loan_id, form)
        slip = slips.confirm_at_counter(self.ledger, self.admin, slip.id, self.handler_code)
        return self.stamp(slip) if stamp else slip

    def stamp(self, slip: SlipView) -> SlipView:
        printed = slips.mark_printed(self.ledger, self.admin, slip.id, "test", "1")
        return slips.mark_stamped(self.ledger, self.admin, printed.id)

    def wipe(self, control_number: str) -> None:
        """What a verified wipe does to the register and the loan (shortcut)."""
        with self.ledger.unit_of_work() as uow:
            medium = media.get_medium(uow, control_number)
            media.move_medium(uow, self.admin, medium, MediumState.BLANK, "test: verified wipe")
            close_loan_after_wipe(uow, self.admin, medium, certificate="test")
            uow.commit()

    def destroy(self, control_number: str) -> None:
        disposals.destroy_medium(
            self.ledger, self.admin, control_number, method="shred", witness="立会 太郎"
        )

    def cycle(self, control_number: str) -> int:
        """A whole clean cycle: lent, returned, both slips stamped, wiped or destroyed."""
        loan_id, _ = self.lend(control_number)
        self.take_back(loan_id)
        if control_number == CDR:
            self.destroy(control_number)
        else:
            self.wipe(control_number)
        return loan_id

    def erasure(self, number: str = "ER-001", day: date | None = None) -> None:
        disposals.record_contractor_erasure(
            self.ledger,
            self.admin,
            self.contract_id,
            certificate_number=number,
            erased_on=day or date(2025, 5, 20),
            devices="タブレット3台",
            witness_login="admin",
        )

    def audit(self, done_on: date | None, planned_on: date | None = None) -> int:
        with self.ledger.unit_of_work() as uow:
            now = uow.now()
            day = done_on or planned_on
            assert day is not None
            row = ContractAudit(
                contract_id=self.contract_id,
                fiscal_year=fiscal_year(day),
                kind=AuditKind.ON_SITE,
                planned_on=planned_on,
                done_on=done_on,
                auditor="監査 次郎",
                created_at=now,
                updated_at=now,
            )
            uow.session.add(row)
            uow.commit()
            return row.id

    def sheet_item(
        self, status: CheckStatus, code: str = "safe_storage", day: date = date(2025, 5, 15)
    ) -> int:
        with self.ledger.unit_of_work() as uow:
            now = uow.now()
            item = SheetItem(contract_id=self.contract_id, position=1, code=code, created_at=now)
            uow.session.add(item)
            uow.session.flush()
            self._check(uow, item.id, status, day)
            uow.commit()
            return item.id

    def check(self, item_id: int, status: CheckStatus, day: date) -> None:
        with self.ledger.unit_of_work() as uow:
            self._check(uow, item_id, status, day)
            uow.commit()

    def _check(self, uow: UnitOfWork, item_id: int, status: CheckStatus, day: date) -> None:
        uow.session.add(
            SheetCheck(
                item_id=item_id,
                status=status,
                checked_on=day,
                operator_id=self.admin.operator_id,
                note="",
                recorded_at=uow.now(),
            )
        )

    def incident(
        self,
        kind: IncidentKind = IncidentKind.LEAK,
        *,
        notified: bool = True,
        report: bool = True,
        control_number: str = "",
    ) -> int:
        with self.ledger.unit_of_work() as uow:
            now = uow.now()
            medium_id = loan_id = None
            if control_number:
                medium = media.get_medium(uow, control_number)
                medium_id = medium.id
                loan = lending.open_loan_of(uow, medium.id)
                loan_id = loan.id if loan else None
                if kind in (IncidentKind.LOSS, IncidentKind.THEFT):
                    media.move_medium(uow, self.admin, medium, MediumState.LOST, "test: lost")
            sequence = 1 + len(uow.session.scalars(select(Incident.id)).all())
            row = Incident(
                number=f"R7-{sequence:04d}",
                fiscal_year=2025,
                sequence=sequence,
                kind=kind,
                state=IncidentState.OPEN,
                contract_id=self.contract_id,
                loan_id=loan_id,
                medium_id=medium_id,
                discovered_at=now,
                notified_at=now if notified else None,
                description="test",
                written_report_on=now.date() if report else None,
                recorded_at=now,
                updated_at=now,
            )
            uow.session.add(row)
            uow.commit()
            return row.id

    def close_incident(self, incident_id: int) -> None:
        with self.ledger.unit_of_work() as uow:
            row = uow.session.get(Incident, incident_id)
            assert row is not None
            row.state = IncidentState.CLOSED
            row.closed_at = uow.now()
            uow.commit()

    def loan_state(self, loan_id: int) -> LoanState:
        with self.ledger.read_session() as session:
            loan = session.get(Loan, loan_id)
            assert loan is not None
            return loan.state


def register_media(ledger: Ledger, admin: Actor) -> None:
    for number in (USB1, USB2):
        media.register_medium(ledger, admin, media.MediumForm(number, serial=f"SN-{number}"))
        mark_verified_wipe(ledger, admin, number)
    media.register_medium(ledger, admin, media.MediumForm(CDR, kind=MediumKind.CDR))


def servicer_desk(world: World) -> Desk:
    register_media(world.ledger, world.admin)
    return Desk(world, world.servicer_contract_id, f"C{world.servicer_contract_id}H1")
