"""merge: media and transfers (0011) and the faults/dashboard merge (0015)

Revision ID: 0016
Revises: 0011, 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0016"
down_revision = ("0011", "0015")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
