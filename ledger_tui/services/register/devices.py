"""Inserted sticks matched to the register, and every insertion and removal on the trail.

A stick is *known* when its serial (and USB id, when both sides have one) is the
register's; *unknown* when nothing matches (the desk may register it, with the detected
identity pre-filled); an *identity mismatch* when its serial belongs to a medium whose
USB id differs, or its volume label is a registered medium's while the serial is not.
Weak serials (empty, generic) never match by serial alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import select

from ledger_tui.db.models import Loan, Medium
from ledger_tui.db.uow import Actor, Ledger
from ledger_tui.domain.loans import LoanState
from ledger_tui.domain.media import MediumKind
from ledger_tui.services.register.media import MediumView, view
from ledger_tui.system.devices.model import DeviceInfo


class MatchOutcome(enum.StrEnum):
    KNOWN = "known"
    UNKNOWN = "unknown"
    MISMATCH = "mismatch"


@dataclass(frozen=True, slots=True)
class OpenLoan:
    """The known stick's loan not yet closed: which one, and how far it has gone."""

    id: int
    state: LoanState


@dataclass(frozen=True, slots=True)
class DeviceMatch:
    device: DeviceInfo
    outcome: MatchOutcome
    medium: MediumView | None = None
    loan: OpenLoan | None = None
    #: catalogue key explaining a mismatch
    reason: str = ""


def _labels(info: DeviceInfo) -> set[str]:
    return {p.label.strip().upper() for p in info.partitions if p.label}


def match_device(ledger: Ledger, info: DeviceInfo) -> DeviceMatch:
    with ledger.read_session() as session:
        by_serial = None
        if info.serial and not info.weak_identity:
            by_serial = session.scalars(select(Medium).where(Medium.serial == info.serial)).first()
        if by_serial is not None:
            medium = view(by_serial)
            if medium.usb_id and info.usb_id and medium.usb_id != info.usb_id:
                return DeviceMatch(
                    info, MatchOutcome.MISMATCH, medium, reason="devices.mismatch.usb_id"
                )
            found = session.execute(
                select(Loan.id, Loan.state).where(
                    Loan.medium_id == by_serial.id, Loan.state != LoanState.CLOSED
                )
            ).first()
            loan = OpenLoan(found[0], found[1]) if found is not None else None
            return DeviceMatch(info, MatchOutcome.KNOWN, medium, loan)
        labels = _labels(info)
        if labels:
            from ledger_tui.system.stick.mkfs import volume_label

            sticks = session.scalars(select(Medium).where(Medium.kind == MediumKind.USB)).all()
            for medium_row in sticks:
                if volume_label(medium_row.control_number, "vfat").upper() in labels:
                    return DeviceMatch(
                        info,
                        MatchOutcome.MISMATCH,
                        view(medium_row),
                        reason="devices.mismatch.label",
                    )
    return DeviceMatch(info, MatchOutcome.UNKNOWN)


def record_device_event(ledger: Ledger, actor: Actor, action: str, match: DeviceMatch) -> None:
    """`device.inserted` / `device.removed` on the trail: identity only, no contents."""
    info = match.device
    subject = (
        f"medium:{match.medium.control_number}" if match.medium else f"device:{info.usb_id or '?'}"
    )
    with ledger.unit_of_work() as uow:
        uow.record(
            actor,
            f"device.{action}",
            subject,
            outcome=match.outcome.value,
            serial=info.serial or "",
            usb_id=info.usb_id or "",
            node=info.node,
            weak_identity=info.weak_identity,
            loop=info.is_loop,
            reason=match.reason,
        )
        uow.commit()
