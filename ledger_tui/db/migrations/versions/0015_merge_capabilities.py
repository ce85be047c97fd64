"""merge: the trail's desk column (0008), load runners (0009), media and transfers
(0011) and dashboard counts (0014), each a branch off the compliance schema (0007)

Revision ID: 0015
Revises: 0008, 0009, 0011, 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0015"
down_revision = ("0008", "0009", "0011", "0014")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
