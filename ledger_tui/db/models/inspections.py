"""ORM models of inspections (点検): the periodic walk through the register.

An `Inspection` is numbered per fiscal year (INSP-R7-0003), run by one inspector (an
operator), open until it is finished; at most one is open at a time (a partial unique
index), so two desks walking the register add to the same one. Its `InspectionLine`s
are a snapshot of the register taken at the start, one per medium in the ward's custody
(not destroyed, retired or lost), each expected either present in the ward or out on
loan (expected absent), plus one line for each thing seen that the snapshot did not
expect (an unknown stick, an unknown control number or seal number, a lost medium that
turned up). A line says how the medium was seen (inserted stick, typed control number,
scanned barcode, seal number checked), when and by whom, and its result; a discrepancy
(a wrong seal number, a medium seen that the register says is out on loan) is kept as a
text key beside the result.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger_tui.db.base import Base, UTCDateTime, enum_type
from ledger_tui.db.models.core import Operator
from ledger_tui.domain.inspections import (
    Expectation,
    InspectionState,
    LineResult,
    SeenHow,
)
from ledger_tui.domain.media import MediumKind, MediumState

#: One open inspection at a time: two desks starting at once cannot both win.
_OPEN = text("state = 'open'")


class Inspection(Base):
    """One inspection of the register (点検), numbered per fiscal year."""

    __tablename__ = "inspections"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "sequence"),
        Index(
            "uq_inspections_open", "state", unique=True, sqlite_where=_OPEN, postgresql_where=_OPEN
        ),
        Index("ix_inspections_finished_at", "finished_at"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    state: Mapped[InspectionState] = mapped_column(enum_type(InspectionState, "inspection_state"))
    inspector_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The trail entry that finished it; its hash is printed in the record's QR code.
    finish_seq: Mapped[int | None] = mapped_column(BigInteger)

    inspector: Mapped[Operator] = relationship()
    lines: Mapped[list[InspectionLine]] = relationship(
        back_populates="inspection", order_by="InspectionLine.id"
    )


class InspectionLine(Base):
    """One medium expected by the snapshot, or one thing seen that was not expected."""

    __tablename__ = "inspection_lines"
    __table_args__ = (UniqueConstraint("inspection_id", "medium_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inspection_id: Mapped[int] = mapped_column(ForeignKey("inspections.id"), index=True)
    #: None for a stick, control number or seal number the register does not know.
    medium_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), index=True)
    #: As at the start (or as seen, for an unexpected line; "" for an unknown stick).
    control_number: Mapped[str] = mapped_column(String(40), default="")
    medium_kind: Mapped[MediumKind | None] = mapped_column(enum_type(MediumKind, "medium_kind"))
    register_state: Mapped[MediumState | None] = mapped_column(
        enum_type(MediumState, "medium_state")
    )
    #: None for an unexpected line.
    expected: Mapped[Expectation | None] = mapped_column(enum_type(Expectation, "expectation"))
    #: None while not yet seen in an open inspection; set for every line at the finish.
    result: Mapped[LineResult | None] = mapped_column(enum_type(LineResult, "line_result"))
    how: Mapped[SeenHow | None] = mapped_column(enum_type(SeenHow, "seen_how"))
    serial_seen: Mapped[str] = mapped_column(String(200), default="")
    seal_seen: Mapped[str] = mapped_column(String(60), default="")
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seen_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    #: Text key of what was wrong although the medium was seen (e.g. a wrong seal).
    discrepancy: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    inspection: Mapped[Inspection] = relationship(back_populates="lines")
