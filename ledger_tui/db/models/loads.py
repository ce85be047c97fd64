"""ORM models of encrypted loads onto sticks and of the intake of what comes back.

A `Load` is one attempt to write a loan's data onto its stick: who, which device (and
the serial detected on it), which process runs it and its heartbeat, when, how it ended
(in_progress, verified, failed, cancelled, with the reason's text key and parameters;
a load killed mid-write is found later and failed as "interrupted") and what it wrote. Its
`LoadArchive`s (one, or one per investigator when the CSV was split) carry name, size,
SHA-256, record count and the archive password sealed at rest (`system.sealing`, never
in plaintext); their `LoadFile`s the plaintext files' names, sizes, SHA-256, record
counts and encodings. An `Intake` records one reading of a returned stick: its
`IntakeArchive`s and `IntakeFile`s, verified or failed with the reason, and where the
decrypted files went (or that they were only verified and counted).

No personal data lives in these rows. A split load's archives are named by number; the
split column's value of each (`LoadArchive.split_key`) is kept only as a keyed hash
("h:..."), the value itself only in the manifest inside the encrypted archive; a split
column that looks personal (氏名, 住所, a different value on every row) is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
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
from ledger_tui.domain.loads import (
    IntakeOutcome,
    LoadState,
    LoadTarget,
)
from ledger_tui.domain.loans import LoanState

__all__ = ["IntakeOutcome", "LoadState", "LoadTarget"]

#: At most one load of a loan runs at a time (two desks, one stick).
_RUNNING = text("state = 'in_progress'")


class Load(Base):
    """One attempt to load a loan's data onto its stick."""

    __tablename__ = "loads"
    __table_args__ = (
        UniqueConstraint("loan_id", "attempt"),
        Index(
            "uq_loads_running_loan",
            "loan_id",
            unique=True,
            sqlite_where=_RUNNING,
            postgresql_where=_RUNNING,
        ),
        CheckConstraint("record_count >= 0 AND total_bytes >= 0", name="counts"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    #: None for a transfer without a medium (the archive went to a folder for e-mail).
    medium_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    device_node: Mapped[str] = mapped_column(String(200))
    #: The serial read from the device (a loop device's backing file), "" before the check.
    detected_serial: Mapped[str] = mapped_column(String(200), default="")
    #: Where the archives went: stick, disc (a CD-R or its image file), folder (e-mail).
    target: Mapped[LoadTarget] = mapped_column(
        enum_type(LoadTarget, "load_target"), default=LoadTarget.STICK, server_default="stick"
    )
    #: A disc's session: ISO volume id, image size and SHA-256 ("" / None otherwise).
    volume_id: Mapped[str] = mapped_column(String(32), default="", server_default="")
    image_size: Mapped[int | None] = mapped_column(BigInteger)
    image_sha256: Mapped[str] = mapped_column(String(64), default="", server_default="")
    state: Mapped[LoadState] = mapped_column(enum_type(LoadState, "load_state"), index=True)
    #: Text key of why it failed (e.g. archive.stick.disk_full) and its parameters.
    failure_key: Mapped[str] = mapped_column(String(80), default="")
    failure_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Whether anything reached the stick (then the stick needs a wipe).
    wrote_to_stick: Mapped[bool] = mapped_column(Boolean, default=False)
    split_column: Mapped[str] = mapped_column(String(200), default="")
    record_count: Mapped[int] = mapped_column(Integer, default=0)
    #: Plaintext bytes of the files loaded.
    total_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Which process runs it and its heartbeat (`services.runs`), so that a load killed
    #: mid-write is told from a live one and found interrupted.
    runner_host: Mapped[str] = mapped_column(String(100), default="")
    runner_pid: Mapped[int] = mapped_column(Integer, default=0)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    archives: Mapped[list[LoadArchive]] = relationship(
        back_populates="load", order_by="LoadArchive.id"
    )


class LoadArchive(Base):
    """One encrypted archive a load wrote (one per investigator when split)."""

    __tablename__ = "load_archives"
    __table_args__ = (UniqueConstraint("load_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("loads.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    #: A keyed hash of the split column's value for this archive ("h:" + 32 hex; the
    #: value is only in the archive's manifest); None when the load was not split.
    split_key: Mapped[str | None] = mapped_column(String(200))
    #: `system.sealing` token, context "load:<load id>:<archive name>".
    sealed_password: Mapped[str] = mapped_column(Text)
    record_count: Mapped[int] = mapped_column(Integer)

    load: Mapped[Load] = relationship(back_populates="archives")
    files: Mapped[list[LoadFile]] = relationship(back_populates="archive", order_by="LoadFile.id")


class LoadFile(Base):
    """One plaintext file inside a loaded archive (its hash, never its content)."""

    __tablename__ = "load_files"
    __table_args__ = (UniqueConstraint("archive_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    archive_id: Mapped[int] = mapped_column(ForeignKey("load_archives.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(20))  # stored / deflate
    kind: Mapped[str] = mapped_column(String(10))  # csv / file
    record_count: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str | None] = mapped_column(String(20))

    archive: Mapped[LoadArchive] = relationship(back_populates="files")


class Intake(Base):
    """One reading of a returned stick: every archive on it opened, checked and counted."""

    __tablename__ = "intakes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    loan_id: Mapped[int] = mapped_column(ForeignKey("loans.id"), index=True)
    #: None for a return by e-mail (the archive was taken in from a file).
    medium_id: Mapped[int | None] = mapped_column(ForeignKey("media.id"))
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[IntakeOutcome] = mapped_column(enum_type(IntakeOutcome, "intake_outcome"))
    failure_key: Mapped[str] = mapped_column(String(80), default="")
    failure_params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: out (counted before the back-slip) or back (after it).
    loan_state: Mapped[LoanState] = mapped_column(enum_type(LoanState, "loan_state"))
    device_node: Mapped[str] = mapped_column(String(200))
    detected_serial: Mapped[str] = mapped_column(String(200), default="")
    #: The folder the decrypted files went to; None: verified and counted only.
    destination: Mapped[str | None] = mapped_column(String(1000))
    returned_records: Mapped[int | None] = mapped_column(Integer)
    back_slip_id: Mapped[int | None] = mapped_column(ForeignKey("handover_slips.id"))
    back_slip_count: Mapped[int | None] = mapped_column(Integer)
    count_matches: Mapped[bool | None] = mapped_column(Boolean)

    archives: Mapped[list[IntakeArchive]] = relationship(
        back_populates="intake", order_by="IntakeArchive.id"
    )


class IntakeArchive(Base):
    """One archive found on a returned stick, and how its check ended."""

    __tablename__ = "intake_archives"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_id: Mapped[int] = mapped_column(ForeignKey("intakes.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    #: "" when the check stopped before the whole archive was read.
    sha256: Mapped[str] = mapped_column(String(64), default="")
    outcome: Mapped[IntakeOutcome] = mapped_column(enum_type(IntakeOutcome, "intake_outcome"))
    failure_key: Mapped[str] = mapped_column(String(80), default="")
    #: Whose password opened it: "loan" (sealed at the load) or "given" (the contractor's).
    password_source: Mapped[str] = mapped_column(String(10), default="")
    #: The loaded archive of the same name, if there is one.
    load_archive_id: Mapped[int | None] = mapped_column(ForeignKey("load_archives.id"))
    #: Byte for byte the archive the load wrote.
    unchanged: Mapped[bool] = mapped_column(Boolean, default=False)
    record_count: Mapped[int] = mapped_column(Integer, default=0)

    intake: Mapped[Intake] = relationship(back_populates="archives")
    files: Mapped[list[IntakeFile]] = relationship(
        back_populates="archive", order_by="IntakeFile.id"
    )


class IntakeFile(Base):
    """One decrypted file of a returned archive: name, size, hash and record count."""

    __tablename__ = "intake_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    intake_archive_id: Mapped[int] = mapped_column(ForeignKey("intake_archives.id"), index=True)
    name: Mapped[str] = mapped_column(String(1000))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    record_count: Mapped[int] = mapped_column(Integer)
    encoding: Mapped[str | None] = mapped_column(String(20))
    #: The same name and content as a file the load put on the stick.
    unchanged: Mapped[bool] = mapped_column(Boolean, default=False)

    archive: Mapped[IntakeArchive] = relationship(back_populates="files")
