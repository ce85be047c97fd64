"""merge: media and transfers (0016) and the trail's desk column (0017)

Revision ID: 0018
Revises: 0016, 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0018"
down_revision = ("0016", "0017")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
