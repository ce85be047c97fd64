"""compliance: confirmation record sheets, audits, incidents, special terms, close-out

Sheet items and their checks (確認記録票), audits of contractors (監査), incidents
(事故報告), and on `contracts` the special-terms clauses and the close-out columns.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_ALL_CLAUSES = "[" + ", ".join(str(n) for n in range(1, 22)) + "]"


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    # In place (ALTER TABLE ADD COLUMN): contracts keep every existing row and trigger.
    with op.batch_alter_table("contracts", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "special_terms",
                sa.JSON(),
                server_default=sa.text(f"'{_ALL_CLAUSES}'"),
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("close_seq", sa.BigInteger(), nullable=True))
    # SQLite can add a column with its REFERENCES clause but not a constraint later.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE contracts ADD COLUMN closed_by INTEGER REFERENCES operators (id)")
    else:
        op.add_column("contracts", sa.Column("closed_by", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_contracts_closed_by_operators"),
            "contracts",
            "operators",
            ["closed_by"],
            ["id"],
        )

    op.create_table(
        "sheet_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=400), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_sheet_items_contract_id_contracts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sheet_items")),
    )
    op.create_index(
        "ix_sheet_items_contract_position", "sheet_items", ["contract_id", "position"], unique=False
    )

    op.create_table(
        "sheet_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column(
            "status", _enum("check_status", "met", "not_met", "not_applicable"), nullable=False
        ),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"], ["sheet_items.id"], name=op.f("fk_sheet_checks_item_id_sheet_items")
        ),
        sa.ForeignKeyConstraint(
            ["operator_id"], ["operators.id"], name=op.f("fk_sheet_checks_operator_id_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sheet_checks")),
    )
    op.create_index(op.f("ix_sheet_checks_item_id"), "sheet_checks", ["item_id"], unique=False)

    op.create_table(
        "contract_audits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("audit_kind", "on_site", "document"), nullable=False),
        sa.Column("planned_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("auditor", sa.String(length=200), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("follow_ups", sa.Text(), nullable=False),
        sa.Column("follow_ups_closed_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "planned_on IS NOT NULL OR done_on IS NOT NULL",
            name=op.f("ck_contract_audits_planned_or_done"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_contract_audits_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["operators.id"], name=op.f("fk_contract_audits_recorded_by_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_audits")),
    )
    op.create_index(
        "ix_contract_audits_contract_year",
        "contract_audits",
        ["contract_id", "fiscal_year"],
        unique=False,
    )

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            _enum("incident_kind", "loss", "theft", "leak", "misdelivery", "violation", "other"),
            nullable=False,
        ),
        sa.Column("suspected", sa.Boolean(), nullable=False),
        sa.Column("state", _enum("incident_state", "open", "closed"), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("loan_id", sa.Integer(), nullable=True),
        sa.Column("medium_id", sa.Integer(), nullable=True),
        sa.Column("handler_ids", sa.JSON(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("discovered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_by", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("records_affected", sa.Integer(), nullable=True),
        sa.Column("measures_taken", sa.Text(), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("written_report_on", sa.Date(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closure_note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("report_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["closed_by"], ["operators.id"], name=op.f("fk_incidents_closed_by_operators")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_incidents_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(["loan_id"], ["loans.id"], name=op.f("fk_incidents_loan_id_loans")),
        sa.ForeignKeyConstraint(
            ["medium_id"], ["media.id"], name=op.f("fk_incidents_medium_id_media")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["operators.id"], name=op.f("fk_incidents_recorded_by_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint(
            "fiscal_year", "sequence", name=op.f("uq_incidents_fiscal_year_sequence")
        ),
        sa.UniqueConstraint("number", name=op.f("uq_incidents_number")),
    )
    op.create_index(op.f("ix_incidents_contract_id"), "incidents", ["contract_id"], unique=False)
    op.create_index(op.f("ix_incidents_medium_id"), "incidents", ["medium_id"], unique=False)
    op.create_index("ix_incidents_state", "incidents", ["state"], unique=False)


def downgrade() -> None:
    op.drop_table("incidents")
    op.drop_table("contract_audits")
    op.drop_table("sheet_checks")
    op.drop_table("sheet_items")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_column("close_seq")
        batch_op.drop_column("closed_by")
        batch_op.drop_column("closed_at")
        batch_op.drop_column("special_terms")
