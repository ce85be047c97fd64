"""merge: handler codes hashed and the slip's desk (0016), media out of service (0017),
form series and media sections (0018), contractor erasure devices (0019), each a branch
off 0015

Revision ID: 0024
Revises: 0016, 0017, 0018, 0019
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "0024"
down_revision = ("0016", "0017", "0018", "0019")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
