"""Covering indexes for dyad queries: the events two actors (or countries) take part in are found
from event_actors alone, without reading the table (measured: bench/run.py --only query).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_event_actors_country_event", "event_actors", ["country", "role", "event_id"])
    op.create_index("ix_event_actors_actor_event", "event_actors", ["actor_id", "role", "event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_actors_actor_event", table_name="event_actors")
    op.drop_index("ix_event_actors_country_event", table_name="event_actors")
