"""The audit trail as an operator reads it: each entry's action by its catalogue label,
what it is about and its details as "label: value" text, in the screen's language.

The stored entry is untouched (its hash covers the codes and the canonical JSON); this
is only how it is shown. Enum codes show by their label, row ids by what the desk knows
them by (a loan by its medium's control number or the transfer's name, a contract by its
title, a wipe by its stick); ids nothing names cheaply (a record sheet item, an audit)
are left out: the entry's subject already says what they belong to."""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from ledger_tui.db.models import (
    AuditEntry,
    Contract,
    Contractor,
    HandlerDesignation,
    Loan,
    Medium,
)
from ledger_tui.db.models.loads import Intake, Load
from ledger_tui.db.models.wipes import WipeRun
from ledger_tui.db.paging import TrailRow
from ledger_tui.db.uow import Ledger
from ledger_tui.i18n import CATALOGUE, t
from ledger_tui.services.lending.loans import loan_label

__all__ = ["TrailLine", "action_label", "describe", "described_entry", "details_text"]


@dataclass(frozen=True, slots=True)
class TrailLine:
    """One trail entry as the desk shows it (`key` pages the list; `code` is the stored
    action, for whoever needs it)."""

    key: int
    seq: int
    recorded_at: datetime
    actor: str
    action: str
    subject: str
    details: str
    code: str


#: A detail value longer than this goes after the shorter ones.
_LONG = 24

#: Details that are row ids with no name worth a query (the subject names their owner).
_HIDDEN = frozenset({"audit_id", "item_id", "runner_pid"})

#: Where the label of a coded value is looked up, by detail field (first hit wins).
_VALUE_LABELS: dict[str, tuple[str, ...]] = {
    "state": ("state.", "state.slip.", "wipe_state.", "load.state."),
    "previous": ("state.",),
    "medium_state": ("state.",),
    "loan_state": ("state.loan.",),
    "state_before": ("state.slip.",),
    "direction": ("direction.",),
    "kind": ("kind.", "incident_kind.", "audit_kind.", "certificate_kind."),
    "lock_kind": ("lock_kind.",),
    "role": ("handler_role.", "role."),
    "method": ("transfer.", "disposal.method.", "wipe.method."),
    "channel": ("transfer.",),
    "status": ("check_status.",),
    "template": ("sheet_template.",),
    "category": ("erasure.category.",),
    "disposal": ("disposal.method.",),
    "how": ("insp.how.",),
    "result": ("inspection.finding.",),
    "target": ("trail.target.",),
    "fields": ("medium.field.",),
    "outcome": ("load.state.",),
    "code": ("measure.",),
}


@dataclass
class _Names:
    """Row ids of one page of entries, and what the desk calls them."""

    loans: dict[int, str] = field(default_factory=dict)
    contracts: dict[int, str] = field(default_factory=dict)
    contractors: dict[int, str] = field(default_factory=dict)
    handlers: dict[int, str] = field(default_factory=dict)
    wipes: dict[int, str] = field(default_factory=dict)
    loads: dict[int, str] = field(default_factory=dict)
    intakes: dict[int, str] = field(default_factory=dict)


#: Which detail field or subject kind holds which kind of id.
_ID_FIELDS = {
    "loan": "loans",
    "last_loan": "loans",
    "contract": "contracts",
    "handler": "handlers",
    "handler_id": "handlers",
    "wipe_run": "wipes",
    "load": "loads",
}
_ID_SUBJECTS = {
    "loan": "loans",
    "contract": "contracts",
    "contractor": "contractors",
    "wipe": "wipes",
    "load": "loads",
    "intake": "intakes",
}


def _int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _names(session: Session, entries: Iterable[tuple[str, Mapping[str, Any]]]) -> _Names:
    wanted: dict[str, set[int]] = {kind: set() for kind in _Names.__dataclass_fields__}
    for subject, details in entries:
        kind, _, ref = subject.partition(":")
        if kind in _ID_SUBJECTS and (number := _int(ref)) is not None:
            wanted[_ID_SUBJECTS[kind]].add(number)
        for name, value in details.items():
            if name in _ID_FIELDS and (number := _int(value)) is not None:
                wanted[_ID_FIELDS[name]].add(number)
    names = _Names()
    loads = _pairs(session, select(Load.id, Load.loan_id).where(Load.id.in_(wanted["loads"])))
    intakes = _pairs(
        session, select(Intake.id, Intake.loan_id).where(Intake.id.in_(wanted["intakes"]))
    )
    loan_ids = wanted["loans"] | set(loads.values()) | set(intakes.values())
    if loan_ids:
        rows = session.scalars(
            select(Loan).where(Loan.id.in_(loan_ids)).options(joinedload(Loan.medium))
        ).all()
        names.loans = {loan.id: loan_label(loan) for loan in rows}
    names.loads = {i: names.loans.get(loan, "") for i, loan in loads.items()}
    names.intakes = {i: names.loans.get(loan, "") for i, loan in intakes.items()}
    if wanted["contracts"]:
        names.contracts = _pairs(
            session, select(Contract.id, Contract.title).where(Contract.id.in_(wanted["contracts"]))
        )
    if wanted["contractors"]:
        names.contractors = _pairs(
            session,
            select(Contractor.id, Contractor.name).where(Contractor.id.in_(wanted["contractors"])),
        )
    if wanted["handlers"]:
        names.handlers = _pairs(
            session,
            select(HandlerDesignation.id, HandlerDesignation.person_name).where(
                HandlerDesignation.id.in_(wanted["handlers"])
            ),
        )
    if wanted["wipes"]:
        names.wipes = _pairs(
            session,
            select(WipeRun.id, Medium.control_number)
            .join(Medium, Medium.id == WipeRun.medium_id)
            .where(WipeRun.id.in_(wanted["wipes"])),
        )
    return names


def _pairs(session: Session, stmt: Select[int, Any]) -> dict[int, Any]:
    return {int(key): value for key, value in session.execute(stmt).tuples()}


def action_label(code: str) -> str:
    """The action's label in the current language (the code itself only for an action
    the catalogue does not know, which a test of the catalogue rules out)."""
    key = f"trail.action.{code}"
    return t(key) if key in CATALOGUE else code


class _Blank(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "…"


def _text_of_key(key: str) -> str:
    """A catalogue text recorded as a reason (its parameters are not kept: shown as …)."""
    text = t(key)
    if "{" not in text:
        return text
    return string.Formatter().vformat(text, (), _Blank())


def _value(name: str, value: object, names: _Names) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return t("trail.yes" if value else "trail.no")
    if name in _ID_FIELDS and (number := _int(value)) is not None:
        return getattr(names, _ID_FIELDS[name]).get(number, "") or str(value)
    if isinstance(value, list):
        return "、".join(v for item in value if (v := _value(name, item, names)))
    if isinstance(value, dict):
        if "name" in value:
            return str(value["name"])
        return " ".join(
            f"{_label(k)}={v}" for k, item in value.items() if (v := _value(k, item, names))
        )
    text = str(value)
    for prefix in _VALUE_LABELS.get(name, ()):
        if prefix + text in CATALOGUE:
            return t(prefix + text)
    if name in ("reason", "reasons", "error", "fault") and text in CATALOGUE:
        return _text_of_key(text)
    return text


def _label(name: str) -> str:
    key = f"trail.field.{name}"
    return t(key) if key in CATALOGUE else name


def details_text(details: Mapping[str, Any], names: _Names | None = None) -> str:
    """The details as "label: value" pairs; empty values and bare ids left out."""
    names = names or _Names()
    short: list[str] = []
    long: list[str] = []
    for name, value in details.items():
        if name in _HIDDEN:
            continue
        shown = _value(name, value, names)
        if shown:  # long texts (a measure, a list of items) last: the rest stays in sight
            part = t("trail.field_value", label=_label(name), value=shown)
            (long if len(shown) > _LONG else short).append(part)
    return "  ".join(short + long)


def _subject(subject: str, names: _Names) -> str:
    kind, _, ref = subject.partition(":")
    key = f"trail.subject.{kind}"
    if key not in CATALOGUE:
        return subject
    if kind in _ID_SUBJECTS and (number := _int(ref)) is not None:
        ref = getattr(names, _ID_SUBJECTS[kind]).get(number, "") or ref
    return t(key, ref=ref)


def _parsed(details: str) -> dict[str, Any]:
    try:
        parsed = json.loads(details) if details else {}
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def describe(session: Session, rows: list[TrailRow]) -> list[TrailLine]:
    """One page of entries as the desk shows them (a few queries for the whole page)."""
    parsed = [_parsed(row.details) for row in rows]
    names = _names(session, zip((r.subject for r in rows), parsed, strict=True))
    return [
        TrailLine(
            row.key,
            row.seq,
            row.recorded_at,
            row.actor,
            action_label(row.action),
            _subject(row.subject, names),
            details_text(details, names),
            row.action,
        )
        for row, details in zip(rows, parsed, strict=True)
    ]


def described_entry(ledger: Ledger, seq: int) -> tuple[TrailLine, str] | None:
    """One entry as the desk reads it, with its stored hash (the entry's details view)."""
    with ledger.read_session() as session:
        entry = session.get(AuditEntry, seq)
        if entry is None:
            return None
        row = TrailRow(
            entry.seq,
            entry.seq,
            entry.recorded_at,
            entry.actor,
            entry.action,
            entry.subject,
            entry.details,
        )
        return describe(session, [row])[0], entry.entry_hash
