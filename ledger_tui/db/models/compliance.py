"""ORM models of compliance and oversight: the confirmation record sheet (確認記録票),
audits of the contractor (監査・立入り調査) and incidents (事故報告).

A contract's sheet is a list of `SheetItem`s made from a template (servicer or law
firm) and then edited for that contract: items are added, reworded or withdrawn (never
deleted, so their history stays). Each check of an item on a date by an operator is a
`SheetCheck` row; the item's current status is its latest check (by `checked_on`, then
`id`), and an item never checked is "unchecked". Nothing is overwritten.

An `ContractAudit` is one audit of one contract, counted in the fiscal year of its
planned date (the year it was done in, once done): planned, then done with findings and
follow-ups; the follow-ups are closed on a date.

An `Incident` (事故) is numbered per fiscal year (INC-R7-0003) and concerns one contract,
optionally one loan and medium and the contractor's handlers involved; it records when
it happened, was discovered, was first notified (and by whom), the written report's
date, the instructions given, and its closure. A loss or theft moves the medium to lost.

No personal data lives here: descriptions say what happened to media and files, the
count of records possibly affected, never whose.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger_tui.db.base import Base, UTCDateTime, enum_type
from ledger_tui.db.models.core import Contract, Loan, Medium, Operator
from ledger_tui.domain.compliance import AuditKind, CheckStatus, IncidentKind, IncidentState


class SheetItem(Base):
    """One protective measure on a contract's confirmation record sheet."""

    __tablename__ = "sheet_items"
    __table_args__ = (Index("ix_sheet_items_contract_position", "contract_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    #: Order on the sheet (1, 2, ...); new items go last.
    position: Mapped[int] = mapped_column(Integer)
    #: A code of `domain.compliance.MEASURES`, or "custom" for an item the desk wrote.
    code: Mapped[str] = mapped_column(String(40))
    #: The wording printed; empty for a template item still worded as the catalogue has it.
    label: Mapped[str] = mapped_column(String(400), default="")
    #: False once withdrawn from this contract's sheet (kept for its history).
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship()
    checks: Mapped[list[SheetCheck]] = relationship(
        back_populates="item", order_by="(SheetCheck.checked_on, SheetCheck.id)"
    )


class SheetCheck(Base):
    """One check of one measure: status on a date, by an operator, with a note."""

    __tablename__ = "sheet_checks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("sheet_items.id"), index=True)
    status: Mapped[CheckStatus] = mapped_column(enum_type(CheckStatus, "check_status"))
    checked_on: Mapped[date] = mapped_column(Date)
    operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    item: Mapped[SheetItem] = relationship(back_populates="checks")
    operator: Mapped[Operator] = relationship()


class ContractAudit(Base):
    """One audit / on-site inspection of a contractor under one contract."""

    __tablename__ = "contract_audits"
    __table_args__ = (
        Index("ix_contract_audits_contract_year", "contract_id", "fiscal_year"),
        CheckConstraint("planned_on IS NOT NULL OR done_on IS NOT NULL", name="planned_or_done"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    #: The fiscal year it counts for: of `done_on` once done, else of `planned_on`.
    fiscal_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[AuditKind] = mapped_column(enum_type(AuditKind, "audit_kind"))
    planned_on: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    #: Ward staff who audited (names of staff, never of residents).
    auditor: Mapped[str] = mapped_column(String(200), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    follow_ups: Mapped[str] = mapped_column(Text, default="")
    #: The date the follow-ups were confirmed done; None while some are open.
    follow_ups_closed_on: Mapped[date | None] = mapped_column(Date)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship()


class Incident(Base):
    """One incident or suspected incident (事故・事故のおそれ), numbered per fiscal year."""

    __tablename__ = "incidents"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "sequence"),
        Index("ix_incidents_state", "state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[IncidentKind] = mapped_column(enum_type(IncidentKind, "incident_kind"))
    suspected: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[IncidentState] = mapped_column(enum_type(IncidentState, "incident_state"))
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    medium_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), index=True)
    #: Ids of the contractor's handler designations involved.
    handler_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When the ward was first told (clause 19: at once), and by whom.
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_by: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text)
    #: Records possibly affected (a count; never who).
    records_affected: Mapped[int | None] = mapped_column(Integer)
    measures_taken: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    #: The contractor's written report (clause 19: in writing) received on.
    written_report_on: Mapped[date | None] = mapped_column(Date)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    closure_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The trail entry that recorded it; its hash is printed on the report's QR code.
    report_seq: Mapped[int | None] = mapped_column(BigInteger)

    contract: Mapped[Contract] = relationship()
    loan: Mapped[Loan | None] = relationship()
    medium: Mapped[Medium | None] = relationship()
