"""contractor erasures per device: what each PC or tablet is, what was erased on it and
how, when, by the contractor's whom, under which ward witness, and the witness's
消去後の状況確認 (the ward's 立会確認書 prints one row per device)

Revision ID: 0019
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0015"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    op.create_table(
        "contractor_erased_devices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("erasure_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("contractor_device_kind", "pc", "tablet", "other"), nullable=False),
        sa.Column("maker_model", sa.String(length=200), nullable=False),
        sa.Column("serial", sa.String(length=200), nullable=False),
        sa.Column("erased_data", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=400), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contractor_person", sa.String(length=200), nullable=False),
        sa.Column("witness_operator_id", sa.Integer(), nullable=False),
        sa.Column("check_result", _enum("erasure_check", "confirmed", "data_left"), nullable=False),
        sa.Column("check_note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["erasure_id"],
            ["contractor_erasures.id"],
            name=op.f("fk_contractor_erased_devices_erasure_id_contractor_erasures"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["operators.id"],
            name=op.f("fk_contractor_erased_devices_recorded_by_operators"),
        ),
        sa.ForeignKeyConstraint(
            ["witness_operator_id"],
            ["operators.id"],
            name=op.f("fk_contractor_erased_devices_witness_operator_id_operators"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contractor_erased_devices")),
        sa.UniqueConstraint(
            "erasure_id", "position", name=op.f("uq_contractor_erased_devices_erasure_id_position")
        ),
    )
    with op.batch_alter_table("contractor_erased_devices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contractor_erased_devices_erasure_id"), ["erasure_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contractor_erased_devices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contractor_erased_devices_erasure_id"))
    op.drop_table("contractor_erased_devices")
