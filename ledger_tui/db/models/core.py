"""ORM models of the ledger's core: organisation, operators, media, loans, slips, trail."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

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
    event,
    inspect,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger_tui.db.base import Base, BigId, UTCDateTime, enum_type
from ledger_tui.domain.contracts import HandlerRole, TransferMethod
from ledger_tui.domain.errors import IllegalTransition
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import LockKind, MediumKind, MediumState
from ledger_tui.domain.operators import Role
from ledger_tui.domain.slips import FROZEN as FROZEN_SLIP_STATES
from ledger_tui.domain.slips import SlipDirection, SlipState


class LedgerMeta(Base):
    """Key/value facts about this ledger: its id, name and the organisation printed on forms."""

    __tablename__ = "ledger_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Section(Base):
    """A ward section that owns the data (保有課), e.g. 税務課."""

    __tablename__ = "sections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Operator(Base):
    """A ward staff account at the security desk."""

    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"))
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    section: Mapped[Section | None] = relationship()


class Contractor(Base):
    """The outside company or law office (委託先)."""

    __tablename__ = "contractors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Contract(Base):
    """One outsourcing engagement (業務委託)."""

    __tablename__ = "contracts"
    __table_args__ = (CheckConstraint("period_end >= period_start", name="period_order"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"))
    contractor_id: Mapped[int] = mapped_column(ForeignKey("contractors.id"))
    purpose: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    provided_items: Mapped[list[str]] = mapped_column(JSON, default=list)
    collected_items: Mapped[list[str]] = mapped_column(JSON, default=list)
    allowed_media_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    allowed_transfer_methods: Mapped[list[str]] = mapped_column(JSON, default=list)
    planned_record_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The special-terms clauses (特記事項, 1..21) the contract carries.
    special_terms: Mapped[list[int]] = mapped_column(JSON, default=lambda: list(range(1, 22)))
    #: Close-out (契約の完了): set once, after every blocker was cleared.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    #: The trail entry of the close-out; its hash is printed on the summary's QR code.
    close_seq: Mapped[int | None] = mapped_column(BigInteger)

    section: Mapped[Section] = relationship()
    contractor: Mapped[Contractor] = relationship()
    designations: Mapped[list[HandlerDesignation]] = relationship(
        back_populates="contract", order_by="HandlerDesignation.id"
    )


class HandlerDesignation(Base):
    """A contractor's person designated (and reported) as responsible person or handler."""

    __tablename__ = "handler_designations"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="valid_order"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    person_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[HandlerRole] = mapped_column(enum_type(HandlerRole, "handler_role"))
    #: The argon2id hash of the code the person types at the counter to confirm a slip
    #: (the code itself is never stored and never shown after it was set).
    code_hash: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    reported_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship(back_populates="designations")


class Medium(Base):
    """A ward-owned medium in the USB management ledger (USBメモリ管理台帳)."""

    __tablename__ = "media"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    control_number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[MediumKind] = mapped_column(enum_type(MediumKind, "medium_kind"))
    vendor: Mapped[str] = mapped_column(String(100), default="")
    model: Mapped[str] = mapped_column(String(100), default="")
    serial: Mapped[str] = mapped_column(String(200), default="", index=True)
    usb_id: Mapped[str] = mapped_column(String(9), default="")
    capacity_bytes: Mapped[int | None] = mapped_column(BigInteger)
    hardware_lock: Mapped[bool] = mapped_column(Boolean, default=False)
    #: How the stick is unlocked: none, keypad (PIN on the stick), software (vendor tool).
    lock_kind: Mapped[LockKind] = mapped_column(
        enum_type(LockKind, "lock_kind"), default=LockKind.NONE, server_default="none"
    )
    #: Serial empty or generic: registered from the device only with an explicit note.
    weak_identity: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )
    seal_number: Mapped[str] = mapped_column(String(60), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    #: The section that owns the medium (保有課): the 発行課 of its certificates when no
    #: loan names a contract's section. Chosen at registration (migration 0018).
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id"))
    state: Mapped[MediumState] = mapped_column(enum_type(MediumState, "medium_state"), index=True)
    #: Why the medium may never be lent or loaded again ("" = in service): the text key
    #: of a wipe that found it keeps less than it reports (counterfeit capacity).
    out_of_service: Mapped[str] = mapped_column(String(60), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Optimistic lock: two desks editing the same medium cannot both win.
    version: Mapped[int] = mapped_column(Integer, default=1)

    section: Mapped[Section | None] = relationship()

    __mapper_args__: dict[str, Any] = {"version_id_col": version}


class MediumStateCount(Base):
    """How many media are in each state, kept by database triggers on `media` (migration
    0014), so that the dashboard reads nine rows instead of counting a million."""

    __tablename__ = "media_state_counts"
    state: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class AuditEntry(Base):
    """One entry of the hash-chained audit trail. Never updated, never deleted."""

    __tablename__ = "audit_entries"
    seq: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    actor: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(200))
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    #: The desk that recorded it: "host/desk name" (in the hash when not empty).
    desk: Mapped[str] = mapped_column(String(120), default="", server_default="")


Index("ix_audit_entries_action_seq", AuditEntry.action, AuditEntry.seq)


class AuditHead(Base):
    """The newest (seq, hash) of the trail, HMAC-signed with a key kept outside the DB.

    Its single row is also the lock that serialises appends across desks.
    """

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    entry_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(64))


# --- lending: loans, handover slips, form numbers -----------------------------------

#: A medium is in at most one open loan; this partial unique index is the guarantee
#: that holds when two desks lend the same medium at the same moment.
_OPEN_LOAN = text("state <> 'closed'")
#: A loan has at most one live out-slip and one live back-slip (cancelled slips and
#: cancelling slips do not count).
_LIVE_SLIP = text("state <> 'cancelled' AND cancels_slip_id IS NULL")
#: Slips confirmed but not yet printed or stamped: a handful among a million. Queries
#: name the condition in these very words (`WAITING_SLIP`) so that both databases use
#: the partial index on it (SQLite matches a partial index only on literal terms).
_WAITING = "state IN ('confirmed', 'printed')"
WAITING_SLIP = text(f"handover_slips.{_WAITING}")


class Loan(Base):
    """One medium lent under one contract for one hand-over cycle (貸出)."""

    __tablename__ = "loans"
    __table_args__ = (
        Index(
            "uq_loans_open_medium",
            "medium_id",
            unique=True,
            sqlite_where=_OPEN_LOAN,
            postgresql_where=_OPEN_LOAN,
        ),
        Index("ix_loans_state_expected_return", "state", "expected_return"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: None for a transfer without a medium (e-mail, registered mail of papers).
    medium_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    state: Mapped[LoanState] = mapped_column(enum_type(LoanState, "loan_state"))
    #: None for a transfer without a medium: nothing is lent, nothing comes back.
    expected_return: Mapped[date | None] = mapped_column(Date)
    #: How a transfer without a medium travels (email, registered_mail); None with a medium.
    channel: Mapped[TransferMethod | None] = mapped_column(
        enum_type(TransferMethod, "transfer_method")
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    medium: Mapped[Medium | None] = relationship()
    contract: Mapped[Contract] = relationship()


class HandoverSlip(Base):
    """One hand-over (個人情報受け渡し票): out to the contractor or back to the ward."""

    __tablename__ = "handover_slips"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "sequence"),
        UniqueConstraint("cancels_slip_id"),
        CheckConstraint("record_count >= 0", name="record_count"),
        Index(
            "uq_handover_slips_live_direction",
            "loan_id",
            "direction",
            unique=True,
            sqlite_where=_LIVE_SLIP,
            postgresql_where=_LIVE_SLIP,
        ),
        # The slip ledger pages newest first by (handed_at, id), whole or filtered.
        Index("ix_handover_slips_handed_at_id", "handed_at", "id"),
        Index("ix_handover_slips_medium_handed", "medium_id", "handed_at", "id"),
        Index("ix_handover_slips_contract_handed", "contract_id", "handed_at", "id"),
        Index("ix_handover_slips_handler_handed", "handler_id", "handed_at", "id"),
        Index(
            "ix_handover_slips_waiting",
            "handed_at",
            "id",
            sqlite_where=text(_WAITING),
            postgresql_where=text(_WAITING),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    direction: Mapped[SlipDirection] = mapped_column(enum_type(SlipDirection, "slip_direction"))
    state: Mapped[SlipState] = mapped_column(enum_type(SlipState, "slip_state"))
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    # Denormalised from the loan so that each slip-ledger filter has its own index.
    #: None for a transfer without a medium (e-mail, registered mail of papers).
    medium_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"))
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    handler_id: Mapped[int] = mapped_column(ForeignKey("handler_designations.id"))
    ward_operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    #: The desk that drafted it ("host/desk name"): its counter terminal shows it.
    desk: Mapped[str] = mapped_column(String(120), default="", server_default="")
    handed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    items: Mapped[list[str]] = mapped_column(JSON, default=list)
    free_text: Mapped[str] = mapped_column(Text, default="")
    record_count: Mapped[int] = mapped_column(Integer)
    transfer_method: Mapped[TransferMethod] = mapped_column(
        enum_type(TransferMethod, "transfer_method")
    )
    transfer_detail: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    expected_return: Mapped[date | None] = mapped_column(Date)
    out_slip_id: Mapped[int | None] = mapped_column(ForeignKey("handover_slips.id"))
    count_mismatch: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    mismatch_explanation: Mapped[str] = mapped_column(Text, default="")
    #: A locked case came back under a seal other than the register's (explained in
    #: `mismatch_explanation`).
    seal_mismatch: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )
    cancels_slip_id: Mapped[int | None] = mapped_column(ForeignKey("handover_slips.id"))
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    #: What the confirmation changed, so that a cancellation can undo exactly that.
    prior_loan_state: Mapped[LoanState | None] = mapped_column(enum_type(LoanState, "loan_state"))
    effect_medium_version: Mapped[int | None] = mapped_column(Integer)
    confirm_attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: The trail entry that confirmed the slip; its hash is printed in the QR code.
    confirm_seq: Mapped[int | None] = mapped_column(BigInteger)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printer: Mapped[str] = mapped_column(String(200), default="")
    print_job: Mapped[str] = mapped_column(String(200), default="")
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    stamped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    loan: Mapped[Loan] = relationship()
    medium: Mapped[Medium | None] = relationship()
    contract: Mapped[Contract] = relationship()
    handler: Mapped[HandlerDesignation] = relationship()
    ward_operator: Mapped[Operator] = relationship()
    out_slip: Mapped[HandoverSlip | None] = relationship(
        foreign_keys=[out_slip_id], remote_side=[id]
    )
    cancels: Mapped[HandoverSlip | None] = relationship(
        foreign_keys=[cancels_slip_id], remote_side=[id]
    )


#: The only changes a frozen (stamped or cancelled) slip accepts: a stamped slip being
#: marked cancelled by its cancelling slip.
_CANCEL_MARKS = frozenset({"state", "cancelled_at", "updated_at"})


@event.listens_for(HandoverSlip, "before_update")
def _refuse_changes_to_frozen_slips(_mapper: Any, _connection: Any, slip: HandoverSlip) -> None:
    """The last line of defence for "a stamped slip is never edited", below the services."""
    state = inspect(slip)
    before = state.attrs.state.history.deleted
    was = SlipState(before[0]) if before else slip.state
    if was not in FROZEN_SLIP_STATES:
        return
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    if was is SlipState.STAMPED and slip.state is SlipState.CANCELLED and changed <= _CANCEL_MARKS:
        return
    raise IllegalTransition("error.slip.immutable", number=slip.number, state=was.value)


class FormCounter(Base):
    """The last sequence issued per series and fiscal year (the 42 of SLIP-R7-0042); its row
    is the lock."""

    __tablename__ = "form_counters"
    form: Mapped[str] = mapped_column(String(20), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
