"""ORM models of the end of a medium's cycle: secure wipes, erasure certificates,
physical destruction / return-to-file records, and the contractor's own erasures.

A `WipeRun` is one attempt to wipe a USB stick: recorded "in_progress" before the first
byte is written, checkpointed while it runs (phase, offset, time: also its heartbeat),
and ended as verified, failed, cancelled, or interrupted (a crash or a pulled stick found
later). Only a verified run may turn its medium blank; it then gets an
`ErasureCertificate` (消去証明書), numbered per fiscal year. CD-Rs and paper cases are not
wiped: a `MediumDisposal` records their shredding or return to file, and its own
certificate. A `ContractorErasure` records the contractor's certificate for erasing its
PC/tablet copies, witnessed by ward staff, against the contract.

No personal data lives in these rows. Witness names are ward staff or the contractor's
officer (never residents); they are kept here for the certificate, never in the trail.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ledger_tui.db.base import Base, UTCDateTime, enum_type
from ledger_tui.db.models.core import Contract, Loan, Medium, Operator
from ledger_tui.domain.wipes import (
    CertificateKind,
    ContractorDeviceKind,
    DisposalMethod,
    ErasureCategory,
    ErasureCheck,
    WipeState,
)

#: At most one wipe of a medium runs at a time (two desks, one stick).
_RUNNING = text("state = 'in_progress'")


class WipeRun(Base):
    """One attempt to wipe a USB stick and re-initialise it."""

    __tablename__ = "wipe_runs"
    __table_args__ = (
        Index(
            "uq_wipe_runs_running_medium",
            "medium_id",
            unique=True,
            sqlite_where=_RUNNING,
            postgresql_where=_RUNNING,
        ),
        CheckConstraint(
            "passes >= 1 AND bytes_written >= 0 AND bytes_verified >= 0 AND checkpoint_offset >= 0",
            name="counts",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medium_id: Mapped[int] = mapped_column(ForeignKey("media.id"), index=True)
    #: The returned loan the wipe ends (closed when the run is verified), if any.
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    #: 立会者: a person's name (ward staff or the contractor's officer), free text.
    witness: Mapped[str] = mapped_column(String(200), default="")
    device_node: Mapped[str] = mapped_column(String(200))
    #: The serial read from the device (a loop device's backing file path).
    detected_serial: Mapped[str] = mapped_column(String(200), default="")
    #: `system.wipe.WipeMethod` value, e.g. clear_random_verify.
    method: Mapped[str] = mapped_column(String(40))
    passes: Mapped[int] = mapped_column(Integer)
    #: `system.wipe.Verification` value: gmac (keyed chunk tags) or bytes.
    verification: Mapped[str] = mapped_column(String(20))
    state: Mapped[WipeState] = mapped_column(enum_type(WipeState, "wipe_state"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The last checkpoint: phase (write, verify, zero, zero_verify, mkfs), bytes done in
    #: that phase, and when; the time is the run's heartbeat for other desks.
    checkpoint_phase: Mapped[str] = mapped_column(String(20), default="")
    checkpoint_offset: Mapped[int] = mapped_column(BigInteger, default=0)
    checkpoint_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    device_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_written: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_verified: Mapped[int] = mapped_column(BigInteger, default=0)
    #: [{"phase", "offset", "errno" | "mismatch", "recovered"}], in the order seen.
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Bytes moved (written and read back) per second over the run.
    throughput: Mapped[float] = mapped_column(Float, default=0.0)
    write_rate: Mapped[float] = mapped_column(Float, default=0.0)
    verify_rate: Mapped[float] = mapped_column(Float, default=0.0)
    tool: Mapped[str] = mapped_column(String(400), default="")
    #: The file system made afterwards ("" when none was asked for): vfat16, vfat32, exfat.
    filesystem: Mapped[str] = mapped_column(String(20), default="")
    fs_label: Mapped[str] = mapped_column(String(40), default="")
    fs_tools: Mapped[str] = mapped_column(String(400), default="")
    fs_check: Mapped[str] = mapped_column(String(400), default="")
    #: Text key of why the run did not verify, and its parameters (phase, offset, ...).
    failure_key: Mapped[str] = mapped_column(String(80), default="")
    failure_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Which process runs it, so a crash on this workstation is told from a live wipe.
    runner_host: Mapped[str] = mapped_column(String(100), default="")
    runner_pid: Mapped[int] = mapped_column(Integer, default=0)
    #: Hardware-lock sticks: whether the operator says the vendor's full initialisation
    #: (key reset) was also performed (operator-attested, not verified); None: not asked.
    vendor_key_reset: Mapped[bool | None] = mapped_column(Boolean)

    medium: Mapped[Medium] = relationship()
    loan: Mapped[Loan | None] = relationship()
    operator: Mapped[Operator | None] = relationship()


class MediumDisposal(Base):
    """The end of a CD-R's or paper case's cycle: shredded, or the papers filed back."""

    __tablename__ = "medium_disposals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    medium_id: Mapped[int] = mapped_column(ForeignKey("media.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    method: Mapped[DisposalMethod] = mapped_column(enum_type(DisposalMethod, "disposal_method"))
    witness: Mapped[str] = mapped_column(String(200), default="")
    performed_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    medium: Mapped[Medium] = relationship()
    loan: Mapped[Loan | None] = relationship()
    operator: Mapped[Operator | None] = relationship()


class ErasureCertificate(Base):
    """A データ消去証明書 (or a return-to-file record) as issued, numbered per fiscal year."""

    __tablename__ = "erasure_certificates"
    __table_args__ = (
        UniqueConstraint("fiscal_year", "sequence"),
        UniqueConstraint("wipe_run_id"),
        UniqueConstraint("disposal_id"),
        CheckConstraint(
            "(kind = 'wipe' AND wipe_run_id IS NOT NULL AND disposal_id IS NULL)"
            " OR (kind <> 'wipe' AND disposal_id IS NOT NULL"
            " AND wipe_run_id IS NULL)",
            name="source",
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[CertificateKind] = mapped_column(enum_type(CertificateKind, "certificate_kind"))
    #: None for a return to file: nothing was sanitised.
    category: Mapped[ErasureCategory | None] = mapped_column(
        enum_type(ErasureCategory, "erasure_category")
    )
    medium_id: Mapped[int] = mapped_column(ForeignKey("media.id"), index=True)
    wipe_run_id: Mapped[int | None] = mapped_column(ForeignKey("wipe_runs.id"))
    disposal_id: Mapped[int | None] = mapped_column(ForeignKey("medium_disposals.id"))
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The trail entry that issued it; its hash is printed in the QR code.
    issue_seq: Mapped[int] = mapped_column(BigInteger)
    printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    printer: Mapped[str] = mapped_column(String(200), default="")
    print_job: Mapped[str] = mapped_column(String(200), default="")
    print_count: Mapped[int] = mapped_column(Integer, default=0)

    medium: Mapped[Medium] = relationship()
    wipe_run: Mapped[WipeRun | None] = relationship()
    disposal: Mapped[MediumDisposal | None] = relationship()
    loan: Mapped[Loan | None] = relationship()
    operator: Mapped[Operator | None] = relationship()


class ContractorErasure(Base):
    """The contractor erased its PC/tablet copies in the presence of ward staff and
    submitted its erasure certificate (委託先の消去証明書)."""

    __tablename__ = "contractor_erasures"
    __table_args__ = (UniqueConstraint("contract_id", "certificate_number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    #: The contractor's own certificate number, as printed on its certificate.
    certificate_number: Mapped[str] = mapped_column(String(60))
    erased_on: Mapped[date] = mapped_column(Date)
    #: Which devices were erased (e.g. "調査用タブレット3台、事務所PC1台").
    devices: Mapped[str] = mapped_column(Text)
    witness_operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    contract: Mapped[Contract] = relationship()
    witness_operator: Mapped[Operator] = relationship(foreign_keys=[witness_operator_id])
    erased_devices: Mapped[list[ContractorErasedDevice]] = relationship(
        back_populates="erasure", order_by="ContractorErasedDevice.position"
    )


class ContractorErasedDevice(Base):
    """One device of a contractor erasure, as the ward's witness saw it erased: what it
    is, what was erased and how, when, by whom, and the witness's 消去後の状況確認
    (migration 0019). The ward's 立会確認書 prints one row per device."""

    __tablename__ = "contractor_erased_devices"
    __table_args__ = (UniqueConstraint("erasure_id", "position"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    erasure_id: Mapped[int] = mapped_column(ForeignKey("contractor_erasures.id"), index=True)
    #: 1, 2, ... in the order recorded (the row number on the paper).
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ContractorDeviceKind] = mapped_column(
        enum_type(ContractorDeviceKind, "contractor_device_kind")
    )
    maker_model: Mapped[str] = mapped_column(String(200), default="")
    serial: Mapped[str] = mapped_column(String(200), default="")
    #: What was erased (e.g. "調査結果フォルダ一式、調査用アプリのデータ").
    erased_data: Mapped[str] = mapped_column(Text)
    #: How: the method and the tool (e.g. "上書き消去 3回 / 消去ソフト X 5.2").
    method: Mapped[str] = mapped_column(String(400))
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The contractor's person who erased it (a name, never a resident's).
    contractor_person: Mapped[str] = mapped_column(String(200))
    witness_operator_id: Mapped[int] = mapped_column(ForeignKey("operators.id"))
    check_result: Mapped[ErasureCheck] = mapped_column(enum_type(ErasureCheck, "erasure_check"))
    check_note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)

    erasure: Mapped[ContractorErasure] = relationship(back_populates="erased_devices")
    witness_operator: Mapped[Operator] = relationship(foreign_keys=[witness_operator_id])
