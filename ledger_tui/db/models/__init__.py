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
    Operator,
    Section,
)
from ledger_tui.db.models.inspections import (
    Expectation,
    Inspection,
    InspectionLine,
    InspectionState,
    LineResult,
    SeenHow,
)
from ledger_tui.db.models.loads import (
    Intake,
    IntakeArchive,
    IntakeFile,
    IntakeOutcome,
    Load,
    LoadArchive,
    LoadFile,
    LoadState,
)
from ledger_tui.db.models.wipes import (
    CertificateKind,
    ContractorErasure,
    DisposalMethod,
    ErasureCategory,
    ErasureCertificate,
    MediumDisposal,
    WipeRun,
    WipeState,
)

__all__ = [
    "AuditEntry",
    "AuditHead",
    "CertificateKind",
    "Contract",
    "ContractAudit",
    "Contractor",
    "ContractorErasure",
    "DisposalMethod",
    "ErasureCategory",
    "ErasureCertificate",
    "Expectation",
    "FormCounter",
    "HandlerDesignation",
    "HandoverSlip",
    "Incident",
    "Inspection",
    "InspectionLine",
    "InspectionState",
    "Intake",
    "IntakeArchive",
    "IntakeFile",
    "IntakeOutcome",
    "LedgerMeta",
    "LineResult",
    "Load",
    "LoadArchive",
    "LoadFile",
    "LoadState",
    "Loan",
    "Medium",
    "MediumDisposal",
    "Operator",
    "Section",
    "SeenHow",
    "SheetCheck",
    "SheetItem",
    "WipeRun",
    "WipeState",
]
