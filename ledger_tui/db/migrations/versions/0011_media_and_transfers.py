"""media and transfers: transfers without a medium, CD-R sessions, lock kinds

Loans, handover slips, loads and intakes may have no medium (e-mail, registered mail of
papers): their `medium_id` (and a loan's `expected_return`) become nullable and a loan
records its `channel`. A slip records a locked case's seal that differs from the
register. A load records where it wrote (stick, disc, folder) and a disc's session
(volume id, image size, SHA-256). Media record their lock kind; a wipe run whether the
vendor's key reset was attested.

SQLite cannot drop NOT NULL in place and rebuilding these tables would break the foreign
keys that point at them; the documented way for dropping a NOT NULL constraint is to
edit the table's schema text (https://sqlite.org/lang_altertable.html, "making other
kinds of table schema changes", simple changes that do not touch stored data).

Revision ID: 0011
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None

_NULLABLE = {
    "loans": ("medium_id", "expected_return"),
    "handover_slips": ("medium_id",),
    "loads": ("medium_id",),
    "intakes": ("medium_id",),
}


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def _sqlite_set_nullable(table: str, columns: tuple[str, ...], nullable: bool) -> None:
    bind = op.get_bind()
    sql: str = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).scalar_one()
    for column in columns:
        pattern = re.compile(rf"(\n\s*\"?{column}\"?\s+[A-Z]+(?:\(\d+\))?)( NOT NULL)?(,|\n)")
        replacement = r"\1 NOT NULL\3" if not nullable else r"\1\3"
        sql, count = pattern.subn(replacement, sql, count=1)
        if count != 1:
            raise RuntimeError(f"column {table}.{column} not found in its schema")
    version: int = bind.exec_driver_sql("PRAGMA schema_version").scalar_one()
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (sql, table)
    )
    bind.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _set_nullable(nullable: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, columns in _NULLABLE.items():
        if sqlite:
            _sqlite_set_nullable(table, columns, nullable)
            continue
        for column in columns:
            op.alter_column(table, column, nullable=nullable)


def upgrade() -> None:
    _set_nullable(True)
    with op.batch_alter_table("loans", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "channel",
                _enum("transfer_method", "hand", "registered_mail", "locked_case", "email"),
                nullable=True,
            )
        )
    with op.batch_alter_table("handover_slips", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("seal_mismatch", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("loads", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "target",
                _enum("load_target", "stick", "disc", "folder"),
                server_default="stick",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("volume_id", sa.String(length=32), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("image_size", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("image_sha256", sa.String(length=64), server_default="", nullable=False)
        )
    with op.batch_alter_table("media", recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column(
                "lock_kind",
                _enum("lock_kind", "none", "keypad", "software"),
                server_default="none",
                nullable=False,
            )
        )
    op.execute("UPDATE media SET lock_kind = 'keypad' WHERE hardware_lock")
    with op.batch_alter_table("wipe_runs", recreate="never") as batch_op:
        batch_op.add_column(sa.Column("vendor_key_reset", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("wipe_runs", recreate="never") as batch_op:
        batch_op.drop_column("vendor_key_reset")
    with op.batch_alter_table("media", recreate="never") as batch_op:
        batch_op.drop_column("lock_kind")
    with op.batch_alter_table("loads", recreate="never") as batch_op:
        for column in ("image_sha256", "image_size", "volume_id", "target"):
            batch_op.drop_column(column)
    with op.batch_alter_table("handover_slips", recreate="never") as batch_op:
        batch_op.drop_column("seal_mismatch")
    with op.batch_alter_table("loans", recreate="never") as batch_op:
        batch_op.drop_column("channel")
    _drop_transfers_without_medium()
    _set_nullable(False)


def _drop_transfers_without_medium() -> None:
    """The older schema cannot hold a transfer without a medium: its rows go (a
    downgrade is for tearing a ledger down, e.g. the demo's reset)."""
    loans = "SELECT id FROM loans WHERE medium_id IS NULL"
    intakes = f"SELECT id FROM intakes WHERE loan_id IN ({loans})"
    loads = f"SELECT id FROM loads WHERE loan_id IN ({loans})"
    archives = f"SELECT id FROM load_archives WHERE load_id IN ({loads})"
    for statement in (
        "DELETE FROM intake_files WHERE intake_archive_id IN"
        f" (SELECT id FROM intake_archives WHERE intake_id IN ({intakes}))",
        f"DELETE FROM intake_archives WHERE intake_id IN ({intakes})",
        f"DELETE FROM intakes WHERE loan_id IN ({loans})",
        f"DELETE FROM load_files WHERE archive_id IN ({archives})",
        f"DELETE FROM load_archives WHERE load_id IN ({loads})",
        f"DELETE FROM loads WHERE loan_id IN ({loans})",
        "UPDATE handover_slips SET out_slip_id = NULL, cancels_slip_id = NULL"
        f" WHERE loan_id IN ({loans})",
        f"DELETE FROM handover_slips WHERE loan_id IN ({loans})",
        "DELETE FROM loans WHERE medium_id IS NULL",
    ):
        op.execute(statement)
