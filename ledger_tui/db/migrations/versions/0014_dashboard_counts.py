"""dashboard counts: media per state kept by triggers; slips indexed by state

The dashboard's figures must not grow with the ledger. Media per state are kept in
`media_state_counts` by triggers on `media` (every insert, state change and delete,
whoever makes it: the desk, a restore, a bulk load), filled once from the table here.
On PostgreSQL the trigger locks the two counter rows it changes in state order, so two
desks moving media in opposite directions cannot deadlock on them. Handover slips get
a partial index of those waiting to be printed or stamped (a handful among a million).

Revision ID: 0014
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0007"
branch_labels = None
depends_on = None

_WAITING = "state IN ('confirmed', 'printed')"

_SQLITE_TRIGGERS = (
    """CREATE TRIGGER media_state_count_ai AFTER INSERT ON media BEGIN
        INSERT INTO media_state_counts (state, count) VALUES (new.state, 1)
            ON CONFLICT (state) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER media_state_count_au AFTER UPDATE OF state ON media
    WHEN old.state <> new.state BEGIN
        UPDATE media_state_counts SET count = count - 1 WHERE state = old.state;
        INSERT INTO media_state_counts (state, count) VALUES (new.state, 1)
            ON CONFLICT (state) DO UPDATE SET count = count + 1;
    END""",
    """CREATE TRIGGER media_state_count_ad AFTER DELETE ON media BEGIN
        UPDATE media_state_counts SET count = count - 1 WHERE state = old.state;
    END""",
)

_PG_FUNCTION = """
CREATE FUNCTION media_state_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO media_state_counts (state, count) VALUES (NEW.state, 1)
            ON CONFLICT (state) DO UPDATE SET count = media_state_counts.count + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE media_state_counts SET count = count - 1 WHERE state = OLD.state;
    ELSE
        INSERT INTO media_state_counts (state, count) VALUES (NEW.state, 0)
            ON CONFLICT (state) DO NOTHING;
        PERFORM 1 FROM media_state_counts WHERE state IN (OLD.state, NEW.state)
            ORDER BY state FOR UPDATE;
        UPDATE media_state_counts
            SET count = count + CASE WHEN state = NEW.state THEN 1 ELSE -1 END
            WHERE state IN (OLD.state, NEW.state);
    END IF;
    RETURN NULL;
END $$
"""

_PG_TRIGGERS = (
    """CREATE TRIGGER media_state_count_ins_del AFTER INSERT OR DELETE ON media
        FOR EACH ROW EXECUTE FUNCTION media_state_count()""",
    """CREATE TRIGGER media_state_count_upd AFTER UPDATE OF state ON media
        FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
        EXECUTE FUNCTION media_state_count()""",
)


def upgrade() -> None:
    op.create_table(
        "media_state_counts",
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("state", name=op.f("pk_media_state_counts")),
    )
    op.execute(
        "INSERT INTO media_state_counts (state, count) "
        "SELECT state, count(*) FROM media GROUP BY state"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for statement in _PG_TRIGGERS:
            op.execute(statement)
    else:
        for statement in _SQLITE_TRIGGERS:
            op.execute(statement)
    op.create_index(
        "ix_handover_slips_waiting",
        "handover_slips",
        ["handed_at", "id"],
        unique=False,
        sqlite_where=sa.text(_WAITING),
        postgresql_where=sa.text(_WAITING),
    )


def downgrade() -> None:
    op.drop_index("ix_handover_slips_waiting", table_name="handover_slips")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER media_state_count_upd ON media")
        op.execute("DROP TRIGGER media_state_count_ins_del ON media")
        op.execute("DROP FUNCTION media_state_count()")
    else:
        for name in ("media_state_count_ai", "media_state_count_au", "media_state_count_ad"):
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table("media_state_counts")
