"""load runners: the process running a load and its heartbeat

A load is recorded with the host and process id running it and a heartbeat, as a wipe
run is, so that a load killed mid-write is found interrupted (`services.runs`).

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place (ALTER TABLE ADD COLUMN): loads keep every existing row.
    with op.batch_alter_table("loads", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("runner_host", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("runner_pid", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("loads", schema=None) as batch_op:
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("runner_pid")
        batch_op.drop_column("runner_host")
