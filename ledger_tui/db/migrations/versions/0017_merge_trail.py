"""merge: the trail's desk column (0008) and the joined faults/dashboard head (0015)

Revision ID: 0017
Revises: 0008, 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0017"
down_revision = ("0008", "0015")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
