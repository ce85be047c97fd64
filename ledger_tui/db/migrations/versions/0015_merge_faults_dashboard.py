"""merge: load runners (0009) and dashboard counts (0014)

Revision ID: 0015
Revises: 0009, 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0015"
down_revision = ("0009", "0014")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
