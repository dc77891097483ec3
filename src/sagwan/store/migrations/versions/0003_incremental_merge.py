"""Date intervals on document events and the event_pairs table: what lets a new report re-merge only
the events its dates can touch, and a dyad query read its events from one index range
(measured: bench/run.py --only ingest,query).

Existing rows are filled in here, from the columns they already have.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sagwan.store.merge import date_interval, pair_rows

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    with op.batch_alter_table("document_events") as batch:
        batch.add_column(sa.Column("date_lo", sa.String(length=10), nullable=True,
                                   comment="first day the date (or span) can mean, or null: what the merge compares"))
        batch.add_column(sa.Column("date_hi", sa.String(length=10), nullable=True,
                                   comment="last day the date (or span) can mean, or null"))
        batch.create_index("ix_document_events_key_date", ["merge_key", "date_lo"], unique=False)
    op.create_table(
        "event_pairs",
        sa.Column("a", sa.String(length=128), nullable=False,
                  comment="the party that sorts first (actor id or country)"),
        sa.Column("b", sa.String(length=128), nullable=False, comment="the party that sorts second"),
        sa.Column("event_id", sa.String(length=32), nullable=False, comment="chronicle event"),
        sa.Column("a_acts", sa.Boolean(), nullable=False,
                  comment="a is on the source side and b on the target side"),
        sa.Column("b_acts", sa.Boolean(), nullable=False,
                  comment="b is on the source side and a on the target side"),
        sa.Column("joint", sa.Boolean(), nullable=False,
                  comment="the event has no target and both are on the source side"),
        sa.Column("type", sa.String(length=16), nullable=False, comment="the event's PLOVER type"),
        sa.Column("mode", sa.String(length=32), nullable=True, comment="the event's PLOVER mode, or null"),
        sa.Column("placed", sa.String(length=10), nullable=True,
                  comment="the date that places the event: its own, else its first report's, or null"),
        sa.Column("status", sa.String(length=16), nullable=False, comment="the event's status"),
        sa.Column("score", sa.Float(), nullable=True, comment="the event's cooperation-conflict score, or null"),
        sa.Column("quad", sa.String(length=32), nullable=True, comment="the event's quad class, or null"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_event_pairs_event_id_events"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("a", "b", "event_id", name=op.f("pk_event_pairs")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_event_pairs_event", "event_pairs", ["event_id"], unique=False)
    _fill()


def _fill() -> None:
    conn = op.get_bind()
    meta = sa.MetaData()
    de = sa.Table("document_events", meta, autoload_with=conn)
    ea = sa.Table("event_actors", meta, autoload_with=conn)
    pairs = sa.Table("event_pairs", meta, autoload_with=conn)
    dated = conn.execute(sa.select(de.c.document_id, de.c.local_id, de.c.date, de.c.date_end)
                         .where(de.c.date.is_not(None))).all()
    update = (sa.update(de).where(de.c.document_id == sa.bindparam("d"), de.c.local_id == sa.bindparam("l"))
              .values(date_lo=sa.bindparam("lo"), date_hi=sa.bindparam("hi")))
    rows = []
    for doc, local, date, date_end in dated:
        if (interval := date_interval(date, date_end)) is not None:
            rows.append({"d": doc, "l": local, "lo": interval[0], "hi": interval[1]})
    for i in range(0, len(rows), _CHUNK):
        conn.execute(update, rows[i:i + _CHUNK])
    ev = sa.Table("events", meta, autoload_with=conn)
    rows_of = {r["id"]: dict(r) for r in conn.execute(sa.select(ev)).mappings()}
    roles: dict[str, list[tuple[str, str, str]]] = {}
    for event_id, actor_id, role, country in conn.execute(
            sa.select(ea.c.event_id, ea.c.actor_id, ea.c.role, ea.c.country).order_by(ea.c.event_id)):
        roles.setdefault(event_id, []).append((actor_id, role, country))
    out = [row for event_id, parties in roles.items() if event_id in rows_of
           for row in pair_rows(rows_of[event_id], parties)]
    for i in range(0, len(out), _CHUNK):
        conn.execute(sa.insert(pairs), out[i:i + _CHUNK])


def downgrade() -> None:
    op.drop_index("ix_event_pairs_event", table_name="event_pairs")
    op.drop_table("event_pairs")
    with op.batch_alter_table("document_events") as batch:
        batch.drop_index("ix_document_events_key_date")
        batch.drop_column("date_hi")
        batch.drop_column("date_lo")
