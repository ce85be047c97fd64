"""handler code hashes: the contractors' counter codes are kept only as argon2id hashes

A handler code confirms a slip at the counter: the desk must not be able to read it
(and type it for the contractor). Each existing clear code is replaced by its argon2id
hash and the clear column (with its per-contract uniqueness) is dropped; handlers are
named by their designation number. A slip records the desk that drafted it, so that
the desk's counter terminal (`ledger-tui counter --desk NAME`) shows it.

On SQLite the designations table is rebuilt (batch mode); slips point at it, so the
migration runs with foreign keys off and checked in full before it commits (env.py).

The downgrade cannot bring the clear codes back: each designation gets a fresh random
code (the contractor must be told a new one, as after a reset).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

from ledger_tui.domain.hashing import hash_secret

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_UNIQUE = "uq_handler_designations_contract_id_code"


def upgrade() -> None:
    with op.batch_alter_table("handover_slips", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("desk", sa.String(length=120), server_default="", nullable=False)
        )
    with op.batch_alter_table("handler_designations", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("code_hash", sa.String(length=200), nullable=True))
    bind = op.get_bind()
    designations = sa.table(
        "handler_designations",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("code_hash", sa.String),
    )
    for ident, code in bind.execute(sa.select(designations.c.id, designations.c.code)).all():
        bind.execute(
            designations.update()
            .where(designations.c.id == ident)
            .values(code_hash=hash_secret(str(code).strip().upper()))
        )
    with op.batch_alter_table("handler_designations") as batch_op:
        batch_op.drop_constraint(_UNIQUE, type_="unique")
        batch_op.drop_column("code")
        batch_op.alter_column("code_hash", existing_type=sa.String(length=200), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("handler_designations", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("code", sa.String(length=20), nullable=True))
    bind = op.get_bind()
    designations = sa.table(
        "handler_designations", sa.column("id", sa.Integer), sa.column("code", sa.String)
    )
    for (ident,) in bind.execute(sa.select(designations.c.id)).all():
        bind.execute(
            designations.update()
            .where(designations.c.id == ident)
            .values(code=secrets.token_hex(5).upper())
        )
    with op.batch_alter_table("handler_designations") as batch_op:
        batch_op.drop_column("code_hash")
        batch_op.alter_column("code", existing_type=sa.String(length=20), nullable=False)
        batch_op.create_unique_constraint(_UNIQUE, ["contract_id", "code"])
    with op.batch_alter_table("handover_slips", recreate="never") as batch_op:
        batch_op.drop_column("desk")
