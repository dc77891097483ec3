"""Near-copy fingerprints of documents (store/copies.py) and the human review layer (store/review.py).

Existing documents are fingerprinted here; their events are re-merged the next time a document of
their copy group is stored (or with `sagwan reindex`-style re-ingest).

Revision ID: 0005
Revises: 0003 (the lead re-chains it after 0004 at merge)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("review", sa.String(length=16), nullable=True,
                                      comment="null, or the analyst's verdict applied to it: corrected | wrong "
                                              "(table reviews)"))
    op.add_column("quotes", sa.Column("review", sa.String(length=16), nullable=True,
                                      comment="null, or the analyst's verdict applied to it: corrected | wrong "
                                              "(table reviews)"))
    op.create_table(
        "document_fingerprints",
        sa.Column("document_id", sa.String(length=64), nullable=False, comment="document fingerprinted"),
        sa.Column("cluster", sa.String(length=64), nullable=False,
                  comment="copy group: the smallest document id among the document and its near-copies"),
        sa.Column("signature", sa.Text(), nullable=True,
                  comment="JSON list of MinHash values over word shingles, or null for a short text"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_fingerprints_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_fingerprints")),
    )
    op.create_index(op.f("ix_document_fingerprints_document_id"), "document_fingerprints", ["document_id"])
    op.create_index(op.f("ix_document_fingerprints_cluster"), "document_fingerprints", ["cluster"])
    op.create_table(
        "document_bands",
        sa.Column("band", sa.Integer(), nullable=False,
                  comment="band number of the signature (-1: the short text's own hash)"),
        sa.Column("hash", sa.String(length=16), nullable=False,
                  comment="hash of the band's values: equal hashes make candidates"),
        sa.Column("document_id", sa.String(length=64), nullable=False, comment="document the band belongs to"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_bands_document_id_documents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("band", "hash", "document_id", name=op.f("pk_document_bands")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_document_bands_document_id"), "document_bands", ["document_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False, comment="review number: later reviews win"),
        sa.Column("target", sa.String(length=8), nullable=False, comment="event | quote"),
        sa.Column("target_id", sa.String(length=128), nullable=False,
                  comment="chronicle event id, or document_id:local_id of a quote, when the review was made"),
        sa.Column("document_id", sa.String(length=64), nullable=False,
                  comment="document the reviewed item was read from (kept when the document goes)"),
        sa.Column("anchor_start", sa.Integer(), nullable=False,
                  comment="start offset of the sentence (event) or quote the review is anchored to"),
        sa.Column("anchor_end", sa.Integer(), nullable=False, comment="end offset (exclusive) of that span"),
        sa.Column("action", sa.String(length=16), nullable=False, comment="wrong | correct | restore"),
        sa.Column("changes", sa.Text(), nullable=False,
                  comment="JSON object of corrected fields (type, status, date, ...)"),
        sa.Column("original", sa.Text(), nullable=False, comment="JSON object of the values before the review"),
        sa.Column("reason", sa.Text(), nullable=False, comment="why, in the reviewer's words"),
        sa.Column("reviewer", sa.String(length=128), nullable=False, comment="who reviewed"),
        sa.Column("at", sa.String(length=32), nullable=False, comment="UTC time of the review (ISO 8601)"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    op.create_index(op.f("ix_reviews_document_id"), "reviews", ["document_id"])
    _fingerprint_existing()


def _fingerprint_existing() -> None:
    from sagwan.store.copies import register

    conn = op.get_bind()
    for doc_id, text in conn.execute(sa.text("SELECT id, text FROM documents ORDER BY id")).all():
        register(conn, doc_id, text or "")


def downgrade() -> None:
    op.drop_index(op.f("ix_reviews_document_id"), table_name="reviews")
    op.drop_table("reviews")
    op.drop_index(op.f("ix_document_bands_document_id"), table_name="document_bands")
    op.drop_table("document_bands")
    op.drop_index(op.f("ix_document_fingerprints_cluster"), table_name="document_fingerprints")
    op.drop_index(op.f("ix_document_fingerprints_document_id"), table_name="document_fingerprints")
    op.drop_table("document_fingerprints")
    # plain DROP COLUMN (SQLite 3.35+): a batch copy of `events` would cascade-delete its parties
    op.drop_column("quotes", "review")
    op.drop_column("events", "review")
