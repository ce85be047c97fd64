"""ORM models of the ledger, one module per capability; importing this package registers
every table. Alembic migrations are the only way these reach a database."""

from __future__ import annotations

from ledger_tui.db.models.compliance import (
    ContractAudit,
    Incident,
    SheetCheck,
    SheetItem,
)
from ledger_tui.db.models.core import (
    AuditEntry,
    AuditHead,
    Contract,
    Contractor,
    FormCounter,
    HandlerDesignation,
    HandoverSlip,
    LedgerMeta,
    Loan,
    Medium,
    MediumStateCount,
    Operator,
    Section,
)
from ledger_tui.db.models.inspections import (
    Inspection,
    InspectionLine,
)
from ledger_tui.db.models.loads import (
    Intake,
    IntakeArchive,
    IntakeFile,
    Load,
    LoadArchive,
    LoadFile,
)
from ledger_tui.db.models.wipes import (
    ContractorErasedDevice,
    ContractorErasure,
    ErasureCertificate,
    MediumDisposal,
    WipeRun,
)

__all__ = [
    "AuditEntry",
    "AuditHead",
    "Contract",
    "ContractAudit",
    "Contractor",
    "ContractorErasedDevice",
    "ContractorErasure",
    "ErasureCertificate",
    "FormCounter",
    "HandlerDesignation",
    "HandoverSlip",
    "Incident",
    "Inspection",
    "InspectionLine",
    "Intake",
    "IntakeArchive",
    "IntakeFile",
    "LedgerMeta",
    "Load",
    "LoadArchive",
    "LoadFile",
    "Loan",
    "Medium",
    "MediumDisposal",
    "MediumStateCount",
    "Operator",
    "Section",
    "SheetCheck",
    "SheetItem",
    "WipeRun",
]
