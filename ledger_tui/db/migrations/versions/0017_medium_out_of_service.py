"""media out of service: a stick whose wipe found it keeps less than it reports

A fake-capacity stick (writes past its real size wrap round or are dropped) fails the
read-back of its wipe. The failed wipe marks the medium out of service with the reason's
text key (`error.wipe.counterfeit_*`): it is never lent or loaded again, only destroyed.
An empty key means in service (every medium so far).

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("media", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("out_of_service", sa.String(length=60), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("media", recreate="never") as batch_op:
        batch_op.drop_column("out_of_service")
