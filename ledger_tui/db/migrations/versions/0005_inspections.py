"""inspections and weakly identified sticks

Inspections (点検) numbered per fiscal year with their lines (one per medium expected
by the snapshot taken at the start, or per thing seen that was not expected); a partial
unique index keeps at most one inspection open. `media.weak_identity` marks a stick
whose serial is empty or generic, registered from the device only with a note.
A branch of its own off 0002 (loads are 0003, wipes 0004).

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None

_MEDIUM_KINDS = ("usb", "cdr", "paper_case")
_MEDIUM_STATES = (
    "registered",
    "wipe_pending",
    "blank",
    "loaded",
    "lent",
    "returned",
    "destroyed",
    "lost",
    "retired",
)


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def upgrade() -> None:
    # In place (ALTER TABLE ADD COLUMN), never by copying the table: a copy would lose
    # the full-text search triggers that 0001 put on `media`.
    with op.batch_alter_table("media", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "weak_identity", sa.Boolean(), server_default=sa.text("false"), nullable=False
            )
        )

    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("state", _enum("inspection_state", "open", "finished"), nullable=False),
        sa.Column("inspector_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("finish_seq", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["inspector_id"], ["operators.id"], name=op.f("fk_inspections_inspector_id_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspections")),
        sa.UniqueConstraint(
            "fiscal_year", "sequence", name=op.f("uq_inspections_fiscal_year_sequence")
        ),
        sa.UniqueConstraint("number", name=op.f("uq_inspections_number")),
    )
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.create_index("ix_inspections_finished_at", ["finished_at"], unique=False)
        batch_op.create_index(
            "uq_inspections_open",
            ["state"],
            unique=True,
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        )

    op.create_table(
        "inspection_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("medium_id", sa.Integer(), nullable=True),
        sa.Column("control_number", sa.String(length=40), nullable=False),
        sa.Column("medium_kind", _enum("medium_kind", *_MEDIUM_KINDS), nullable=True),
        sa.Column("register_state", _enum("medium_state", *_MEDIUM_STATES), nullable=True),
        sa.Column("expected", _enum("expectation", "present", "on_loan"), nullable=True),
        sa.Column(
            "result",
            _enum("line_result", "found", "missing", "unexpected", "on_loan"),
            nullable=True,
        ),
        sa.Column("how", _enum("seen_how", "inserted", "typed", "scanned", "seal"), nullable=True),
        sa.Column("serial_seen", sa.String(length=200), nullable=False),
        sa.Column("seal_seen", sa.String(length=60), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_by", sa.Integer(), nullable=True),
        sa.Column("discrepancy", sa.String(length=80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_inspection_lines_inspection_id_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["medium_id"], ["media.id"], name=op.f("fk_inspection_lines_medium_id_media")
        ),
        sa.ForeignKeyConstraint(
            ["seen_by"], ["operators.id"], name=op.f("fk_inspection_lines_seen_by_operators")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspection_lines")),
        sa.UniqueConstraint(
            "inspection_id", "medium_id", name=op.f("uq_inspection_lines_inspection_id_medium_id")
        ),
    )
    with op.batch_alter_table("inspection_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inspection_lines_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_inspection_lines_medium_id"), ["medium_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("inspection_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_lines_medium_id"))
        batch_op.drop_index(batch_op.f("ix_inspection_lines_inspection_id"))

    op.drop_table("inspection_lines")
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_index("uq_inspections_open")
        batch_op.drop_index("ix_inspections_finished_at")

    op.drop_table("inspections")
    with op.batch_alter_table("media", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("weak_identity")
