"""Forms of the oversight screens: plan, record and close audits; report an incident,
record its progress, close it. Inline errors come from the services' `InvalidInput`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from textual.widgets import Checkbox, Select

from ledger_tui.domain.compliance import AuditKind, IncidentKind
from ledger_tui.domain.errors import InvalidInput
from ledger_tui.i18n import t
from ledger_tui.services.oversight import audits, incidents
from ledger_tui.services.oversight.incidents import IncidentForm
from ledger_tui.ui.widgets.form import Field, FormScreen, parse_date, parse_int
from ledger_tui.ui.widgets.text_field import TextField


def _input(name: str, label_key: str, value: str = "") -> Field:
    return Field(name, t(label_key), TextField(value=value, compact=True))


def parse_moment(text: str, field: str, required: bool = False) -> datetime | None:
    """YYYY-MM-DD HH:MM typed at the desk (local time; the service makes it aware)."""
    if not text:
        if required:
            raise InvalidInput("error.field.required", field=field)
        return None
    try:
        if len(text) < 16:
            raise ValueError(text)
        return datetime.fromisoformat(text)
    except ValueError:
        raise InvalidInput("ui.error.datetime", field=field) from None


# --- audits -----------------------------------------------------------------------------


class PlanAuditForm(FormScreen):
    def __init__(self, contract_id: int, today: date) -> None:
        super().__init__()
        self.contract_id, self.today = contract_id, today

    def fields(self) -> list[Field]:
        self.title_text = t("ui.audits.form.plan")
        kinds = [(t(f"audit_kind.{k.value}"), k.value) for k in AuditKind]
        return [
            _input("planned_on", "ui.field.planned_on", self.today.isoformat()),
            Field(
                "kind",
                t("ui.field.audit_kind"),
                Select(kinds, value=AuditKind.ON_SITE.value, allow_blank=False, compact=True),
            ),
            _input("auditor", "ui.field.auditor"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], Any]:
        planned = parse_date(values["planned_on"], "planned_on")
        assert planned is not None
        ledger, actor = self.app.session()
        return lambda: audits.plan_audit(
            ledger, actor, self.contract_id, planned, kind=values["kind"], auditor=values["auditor"]
        )


class RecordAuditForm(FormScreen):
    """Record an audit done: the planned one highlighted, or one not planned."""

    def __init__(self, contract_id: int, today: date, audit: audits.AuditView | None) -> None:
        super().__init__()
        self.contract_id, self.today, self.audit = contract_id, today, audit

    def fields(self) -> list[Field]:
        self.title_text = t("ui.audits.form.record")
        auditor = self.audit.auditor if self.audit else ""
        return [
            _input("done_on", "ui.field.done_on", self.today.isoformat()),
            _input("auditor", "ui.field.auditor", auditor),
            _input("findings", "ui.field.findings"),
            _input("follow_ups", "ui.field.follow_ups"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], Any]:
        done = parse_date(values["done_on"], "done_on")
        assert done is not None
        ledger, actor = self.app.session()
        audit_id = self.audit.id if self.audit else None
        return lambda: audits.record_audit(
            ledger,
            actor,
            self.contract_id,
            done,
            values["auditor"],
            values["findings"],
            values["follow_ups"],
            audit_id=audit_id,
        )


class CloseFollowUpsForm(FormScreen):
    def __init__(self, audit_id: int, today: date) -> None:
        super().__init__()
        self.audit_id, self.today = audit_id, today

    def fields(self) -> list[Field]:
        self.title_text = t("ui.audits.form.close")
        return [
            _input("on", "ui.field.closed_on", self.today.isoformat()),
            _input("note", "ui.field.note"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], Any]:
        on = parse_date(values["on"], "on")
        assert on is not None
        ledger, actor = self.app.session()
        return lambda: audits.close_follow_ups(ledger, actor, self.audit_id, on, values["note"])


# --- incidents --------------------------------------------------------------------------


class ReportIncidentForm(FormScreen):
    def __init__(self, contracts: list[tuple[str, int]], now: datetime) -> None:
        super().__init__()
        self.contracts, self.now = contracts, now

    def fields(self) -> list[Field]:
        self.title_text = t("ui.incidents.form.new")
        kinds = [(t(f"incident_kind.{k.value}"), k.value) for k in IncidentKind]
        first = self.contracts[0][1] if self.contracts else Select.NULL
        return [
            Field(
                "contract",
                t("ui.field.contract"),
                Select(self.contracts, value=first, compact=True),
            ),
            Field(
                "kind",
                t("ui.field.incident_kind"),
                Select(kinds, value=IncidentKind.LOSS.value, allow_blank=False, compact=True),
            ),
            Field("suspected", t("ui.field.suspected"), Checkbox(compact=True)),
            _input("medium", "ui.field.medium"),
            _input("discovered_at", "ui.field.discovered", self.now.strftime("%Y-%m-%d %H:%M")),
            _input("occurred_at", "ui.field.occurred"),
            _input("notified_at", "ui.field.notified"),
            _input("notified_by", "ui.field.notified_by"),
            _input("description", "ui.field.what"),
            _input("records_affected", "ui.field.records"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], Any]:
        if values["contract"] is None:
            raise InvalidInput("error.field.required", field="contract")
        discovered = parse_moment(values["discovered_at"], "discovered_at", required=True)
        assert discovered is not None
        form = IncidentForm(
            contract_id=int(values["contract"]),
            kind=values["kind"],
            discovered_at=discovered,
            description=values["description"],
            suspected=bool(values["suspected"]),
            control_number=values["medium"],
            occurred_at=parse_moment(values["occurred_at"], "occurred_at"),
            notified_at=parse_moment(values["notified_at"], "notified_at"),
            notified_by=values["notified_by"],
            records_affected=parse_int(values["records_affected"], "records_affected"),
        )
        ledger, actor = self.app.session()
        return lambda: incidents.report_incident(ledger, actor, form)


class UpdateIncidentForm(FormScreen):
    """Record what came later; blank fields stay as they are."""

    def __init__(self, incident: incidents.IncidentView) -> None:
        super().__init__()
        self.incident = incident

    def fields(self) -> list[Field]:
        self.title_text = t("ui.incidents.form.update")
        return [
            _input("notified_at", "ui.field.notified"),
            _input("notified_by", "ui.field.notified_by"),
            _input("written_report_on", "ui.field.report_on"),
            _input("instructions", "ui.field.instructions"),
            _input("measures_taken", "ui.field.measures"),
            _input("records_affected", "ui.field.records"),
        ]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], Any]:
        notified = parse_moment(values["notified_at"], "notified_at")
        report_on = parse_date(values["written_report_on"], "written_report_on", required=False)
        records = parse_int(values["records_affected"], "records_affected")
        ledger, actor = self.app.session()
        incident_id = self.incident.id
        return lambda: incidents.update_incident(
            ledger,
            actor,
            incident_id,
            notified_at=notified,
            notified_by=values["notified_by"] or None,
            written_report_on=report_on,
            instructions=values["instructions"] or None,
            measures_taken=values["measures_taken"] or None,
            records_affected=records,
        )


class CloseIncidentForm(FormScreen):
    def __init__(self, incident_id: int, found: bool = False) -> None:
        super().__init__()
        self.incident_id, self.found = incident_id, found

    def fields(self) -> list[Field]:
        self.title_text = t("ui.incidents.form.found" if self.found else "ui.incidents.form.close")
        return [_input("note", "ui.field.note")]

    def submit_values(self, values: dict[str, Any]) -> Callable[[], Any]:
        ledger, actor = self.app.session()
        if self.found:
            return lambda: incidents.medium_found(ledger, actor, self.incident_id, values["note"])
        return lambda: incidents.close_incident(ledger, actor, self.incident_id, values["note"])
