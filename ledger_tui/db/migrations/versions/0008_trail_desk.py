"""trail desk: which desk (host and configured desk name) recorded each trail entry

An entry's desk is part of its hash when it is not empty (entries from before keep their
hash: their desk is '').

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # In place (ALTER TABLE ADD COLUMN): the trail keeps every row and its search trigger.
    with op.batch_alter_table("audit_entries", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("desk", sa.String(length=120), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("audit_entries", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("desk")
