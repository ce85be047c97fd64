"""form series and media sections: every kind of paper numbered in its own series
(SLIP-R8-0001, CERT-R8-0001, ...); every medium owned by a section

Numbers issued before had no prefix, so R8-0001 named a slip, a certificate, an
inspection and an incident at once. Each stored number gets its series' prefix
(domain/form_series.py); the counters were already per form and stay as they are. The
audit trail keeps the numbers as they were written (its entries are hash-chained); a
bare number typed or scanned from older paper still finds its form.

Media get their owning section (`media.section_id`), the 発行課 of a certificate when no
loan names a contract's section (the first wipe of a new stick). A medium takes the
section of the contract of its latest loan; one never lent takes the section of the
ledger's only section when there is just one, and stays unset otherwise (the register
shows it, and an edit sets it).

Revision ID: 0018
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0015"
branch_labels = None
depends_on = None

#: The numbered tables and their series' prefixes (fixed here: a migration does not
#: follow later changes of domain/form_series.py).
_NUMBERED = (
    ("handover_slips", "SLIP"),
    ("erasure_certificates", "CERT"),
    ("inspections", "INSP"),
    ("incidents", "INC"),
)


_LATEST_LOAN_SECTION = """
UPDATE media SET section_id = (
    SELECT contracts.section_id FROM loans JOIN contracts ON contracts.id = loans.contract_id
    WHERE loans.medium_id = media.id ORDER BY loans.id DESC LIMIT 1
)
"""
_ONLY_SECTION = """
UPDATE media SET section_id = (SELECT min(id) FROM sections)
WHERE section_id IS NULL AND (SELECT count(*) FROM sections) = 1
"""


def upgrade() -> None:
    # Added in place (no table copy on SQLite): a rebuilt `media` would lose its
    # search and state-count triggers. SQLite takes the foreign key with the column.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE media ADD COLUMN section_id INTEGER "
            "CONSTRAINT fk_media_section_id_sections REFERENCES sections (id)"
        )
    else:
        op.add_column("media", sa.Column("section_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_media_section_id_sections"), "media", "sections", ["section_id"], ["id"]
        )
    op.execute(_LATEST_LOAN_SECTION)
    op.execute(_ONLY_SECTION)
    for table, prefix in _NUMBERED:
        op.execute(
            f"UPDATE {table} SET number = '{prefix}-' || number WHERE number NOT LIKE '{prefix}-%'"
        )


def downgrade() -> None:
    for table, prefix in _NUMBERED:
        op.execute(
            f"UPDATE {table} SET number = substr(number, {len(prefix) + 2}) "
            f"WHERE number LIKE '{prefix}-%'"
        )
    if op.get_bind().dialect.name == "postgresql":
        op.drop_constraint(op.f("fk_media_section_id_sections"), "media", type_="foreignkey")
    op.execute("ALTER TABLE media DROP COLUMN section_id")
