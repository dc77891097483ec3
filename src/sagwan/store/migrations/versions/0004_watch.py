"""The watcher's state: listings (feeds, sitemaps, URL lists) with their validators and backoff, the
articles they gave with their hashes, the rounds, and the alerts raised (`sagwan watch`).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_sources",
        sa.Column("url", sa.Text(), nullable=False, comment="URL of the feed, sitemap or URL list"),
        sa.Column("kind", sa.String(length=16), nullable=False, comment="feed | sitemap | urls"),
        sa.Column("etag", sa.Text(), nullable=True,
                  comment="ETag of the last full answer, sent back as If-None-Match, or null"),
        sa.Column("last_modified", sa.Text(), nullable=True,
                  comment="Last-Modified of the last full answer, sent back as If-Modified-Since"),
        sa.Column("last_fetch_at", sa.String(length=32), nullable=True,
                  comment="UTC time of the last request (ISO 8601), or null"),
        sa.Column("last_status", sa.Integer(), nullable=True,
                  comment="HTTP status of the last answer, or null when none came"),
        sa.Column("last_ok_at", sa.String(length=32), nullable=True,
                  comment="UTC time of the last answer that could be read, or null"),
        sa.Column("last_error", sa.Text(), nullable=True, comment="why the last fetch failed, or null when it worked"),
        sa.Column("errors", sa.Integer(), nullable=False, comment="failures in a row (the backoff grows with them)"),
        sa.Column("next_fetch_at", sa.String(length=32), nullable=True,
                  comment="UTC time before which the source is not asked again, or null"),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watch_sources")),
    )
    op.create_table(
        "watch_items",
        sa.Column("url", sa.Text(), nullable=False, comment="canonical URL of the article as a listing gives it"),
        sa.Column("source_url", sa.Text(), nullable=False, comment="listing that gave the article"),
        sa.Column("seq", sa.Integer(), nullable=False, comment="position in that listing (0 first) when last listed"),
        sa.Column("listed_updated", sa.Text(), nullable=True,
                  comment="update time the listing gives for the article, or null"),
        sa.Column("pending", sa.Boolean(), nullable=False, comment="true while the article waits to be fetched"),
        sa.Column("canonical", sa.Text(), nullable=True,
                  comment="canonical URL the page names (or it was fetched at): the document source"),
        sa.Column("document_id", sa.String(length=64), nullable=True,
                  comment="id of the stored document made from it, or null"),
        sa.Column("body_hash", sa.String(length=64), nullable=True,
                  comment="hash of the page bytes last fetched, or null"),
        sa.Column("content_hash", sa.String(length=64), nullable=True,
                  comment="hash of the clean title and text last stored, or null"),
        sa.Column("etag", sa.Text(), nullable=True, comment="ETag of the page, or null"),
        sa.Column("last_modified", sa.Text(), nullable=True, comment="Last-Modified of the page, or null"),
        sa.Column("first_seen_at", sa.String(length=32), nullable=False, comment="UTC time a listing first gave it"),
        sa.Column("fetched_at", sa.String(length=32), nullable=True, comment="UTC time of the last fetch, or null"),
        sa.Column("stored_round", sa.Integer(), nullable=True,
                  comment="watch round that last stored a version of it, or null"),
        sa.Column("replaced_keys", sa.Text(), nullable=True,
                  comment="JSON list of the happenings the version it replaced reported, or null"),
        sa.Column("last_error", sa.Text(), nullable=True, comment="why the last fetch or extraction failed, or null"),
        sa.Column("errors", sa.Integer(), nullable=False,
                  comment="failures in a row; at the limit it waits for a new listing"),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watch_items")),
    )
    op.create_index(op.f("ix_watch_items_source_url"), "watch_items", ["source_url"], unique=False)
    op.create_table(
        "watch_rounds",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False, comment="round number"),
        sa.Column("started_at", sa.String(length=32), nullable=False, comment="UTC time the round started"),
        sa.Column("finished_at", sa.String(length=32), nullable=True,
                  comment="UTC time it finished, or null while it is open (a killed round is resumed by the next run)"),
        sa.Column("summary", sa.Text(), nullable=True, comment="JSON object of the round's counts, once finished"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_rounds")),
    )
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False, comment="alert number"),
        sa.Column("round_id", sa.Integer(), nullable=False, comment="watch round that found the event"),
        sa.Column("event_id", sa.String(length=32), nullable=False, comment="chronicle event the alert is about"),
        sa.Column("happening", sa.Text(), nullable=False,
                  comment="type, dyad and dates of the event: one alert per happening, whatever its id becomes"),
        sa.Column("rules", sa.Text(), nullable=False, comment="JSON list of the names of the rules it matched"),
        sa.Column("at", sa.String(length=32), nullable=False, comment="UTC time the alert was raised"),
        sa.Column("logged", sa.Boolean(), nullable=False, comment="true once it is in the JSON Lines alert log"),
        sa.Column("alert", sa.Text(), nullable=False, comment="the alert as written to the log (JSON object)"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_alerts")),
        sa.UniqueConstraint("happening", name=op.f("uq_watch_alerts_happening")),
    )
    op.create_index(op.f("ix_watch_alerts_round_id"), "watch_alerts", ["round_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_watch_alerts_round_id"), table_name="watch_alerts")
    op.drop_table("watch_alerts")
    op.drop_table("watch_rounds")
    op.drop_index(op.f("ix_watch_items_source_url"), table_name="watch_items")
    op.drop_table("watch_items")
    op.drop_table("watch_sources")
