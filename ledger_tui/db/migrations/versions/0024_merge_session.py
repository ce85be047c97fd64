"""merge: handler codes hashed and the slip's desk (0016), media out of service (0017),
each a branch off 0015

Revision ID: 0024
Revises: 0016, 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0024"
down_revision = ("0016", "0017")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
