"""The store's tables (SQLAlchemy Core). Every column carries a `comment`: the codebook is built from them.

Rows that an extraction made say which document and which coder version made them; chronicle
events (merged across documents) name their first document and the coder that merged them.
Document-owned rows go when their document goes (ON DELETE CASCADE), so replacing a document
never leaves orphans.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints so Alembic's batch mode (SQLite) can find them again.
metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

DOC_FK = {"ondelete": "CASCADE"}


def _doc_id(comment: str = "document whose extraction made this row", primary_key: bool = False) -> Column:
    return Column("document_id", String(64), ForeignKey("documents.id", **DOC_FK), nullable=False, index=True,
                  primary_key=primary_key, comment=comment)


def _coder() -> Column:
    return Column("coder", String(64), nullable=False, comment="coder version that made this row")


documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True, comment="stable document id: hash of the source bytes"),
    Column("source", Text, nullable=False, index=True, comment="path or URL the document came from"),
    Column("title", Text, comment="headline, or null"),
    Column("published", String(10), index=True, comment="publication date YYYY-MM-DD, or null"),
    Column("language", String(8), comment="language code (ko, en, ...)"),
    Column("text", Text, nullable=False, comment="clean body text; every offset indexes it"),
    Column("outlet", Text, comment="news outlet that published it, or null"),
    Column("url", Text, comment="URL of the article, or null"),
    Column("meta", Text, comment="other document metadata of the record, as a JSON object"),
    _coder(),
    Column("content_hash", String(64), nullable=False,
           comment="hash of the whole sagwan/1 record: the same hash means nothing to rewrite"),
    Column("ingested_at", String(32), nullable=False, comment="UTC time the row was written (ISO 8601)"),
)

actors = Table(
    "actors", metadata,
    Column("id", String(128), primary_key=True, comment="canonical actor id (ISO alpha-3 for states, slug otherwise)"),
    Column("name", Text, nullable=False, comment="canonical display name"),
    Column("kind", String(16), nullable=False, comment="state | organization | person | group | location"),
    Column("country", String(8), comment="ISO alpha-3 country the actor belongs to, or null"),
    Column("role", Text, comment="role such as foreign minister, or null"),
    Column("affiliation", String(128), comment="actor id of the organisation or state it speaks for, or null"),
    Column("wikidata", String(32), comment="Wikidata Q-id, or null"),
    Column("first_document_id", String(64), ForeignKey("documents.id", ondelete="SET NULL"),
           comment="document that first named this actor (null once that document is gone)"),
    _coder(),
)

actor_aliases = Table(
    "actor_aliases", metadata,
    Column("actor_id", String(128), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True,
           comment="actor this surface form names"),
    Column("alias", Text, primary_key=True, comment="surface form seen in a document"),
    Column("document_id", String(64), ForeignKey("documents.id", **DOC_FK), primary_key=True,
           comment="document the form was seen in"),
    _coder(),
)

actor_mentions = Table(
    "actor_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="row number"),
    _doc_id(),
    Column("actor_id", String(128), ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True,
           comment="actor mentioned"),
    Column("start", Integer, nullable=False, comment="start offset into the document text"),
    Column("end", Integer, nullable=False, comment="end offset (exclusive) into the document text"),
    Column("text", Text, nullable=False, comment="the mention as written"),
    _coder(),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="row number (full-text index key)"),
    _doc_id(),
    Column("local_id", String(32), nullable=False, comment="quote id inside its document record (q1, q2, ...)"),
    Column("speaker", String(128), index=True, comment="actor id of the speaker, or null when unknown"),
    Column("speaker_text", Text, comment="surface form that names the speaker, or null"),
    Column("text", Text, nullable=False, comment="what was said"),
    Column("start", Integer, nullable=False, comment="start offset into the document text"),
    Column("end", Integer, nullable=False, comment="end offset (exclusive) into the document text"),
    Column("kind", String(16), nullable=False, comment="direct | indirect"),
    Column("cue", Text, comment="speech verb or phrase (말했다, 에 따르면, ...), or null"),
    Column("date", String(10), comment="when it was said (YYYY-MM-DD, YYYY-MM or YYYY), or null"),
    Column("via", String(128), comment="actor id of the outlet that carried it, or null"),
    Column("segmented", Text, nullable=False,
           comment="Kiwi content morphemes of the text joined by spaces: the full-text search column"),
    _coder(),
    Column("review", String(16),
           comment="null, or the analyst's verdict applied to it: corrected | wrong (table reviews)"),
    UniqueConstraint("document_id", "local_id"),
)

# Chronicle events: one row per real-world happening after merging reports across documents.
events = Table(
    "events", metadata,
    Column("id", String(32), primary_key=True, comment="stable chronicle event id (hash of type, dyad, first report)"),
    Column("type", String(16), nullable=False, index=True, comment="PLOVER event type"),
    Column("mode", String(32), comment="PLOVER mode, or null"),
    Column("merge_key", Text, nullable=False, index=True, comment="type and dyad key the merge groups by"),
    Column("date", String(10), comment="most precise date reported (YYYY-MM-DD, YYYY-MM or YYYY), or null"),
    Column("date_end", String(10), comment="end of a span, same form, or null"),
    Column("date_lo", String(10), index=True, comment="first day the date can mean (for range queries), or null"),
    Column("date_hi", String(10), comment="last day the date (or span) can mean, or null"),
    Column("status", String(16), nullable=False, index=True, comment="status most reports give"),
    Column("score", Float, comment="cooperation-conflict score, or null"),
    Column("quad", String(32), comment="quad class, or null"),
    Column("n_documents", Integer, nullable=False, comment="number of documents that report it"),
    Column("n_outlets", Integer, nullable=False, comment="number of distinct outlets that report it"),
    Column("first_reported_at", String(10), comment="publication date of the first report, or null"),
    Column("first_document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False,
           comment="document of the first report"),
    _coder(),
    Column("review", String(16),
           comment="null, or the analyst's verdict applied to it: corrected | wrong (table reviews)"),
)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
           comment="chronicle event"),
    Column("actor_id", String(128), ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True,
           comment="actor taking part"),
    Column("role", String(8), primary_key=True, comment="source (acts) | target (acted upon)"),
    Column("country", String(128), nullable=False, index=True,
           comment="country the actor counts for in the dyad (its own id when none is known)"),
)

# The dyads an event links, one row per unordered pair of parties, with what a dyad series counts
# (type, placing date, status, score): `sagwan dyad` reads one range of this table instead of
# intersecting every event of two countries and joining the events. A party is an actor id or the
# country it counts for. The merge writes an event and its pairs together, so they always agree.
event_pairs = Table(
    "event_pairs", metadata,
    Column("a", String(128), primary_key=True, comment="the party that sorts first (actor id or country)"),
    Column("b", String(128), primary_key=True, comment="the party that sorts second"),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True,
           comment="chronicle event"),
    Column("a_acts", Boolean, nullable=False, comment="a is on the source side and b on the target side"),
    Column("b_acts", Boolean, nullable=False, comment="b is on the source side and a on the target side"),
    Column("joint", Boolean, nullable=False, comment="the event has no target and both are on the source side"),
    Column("type", String(16), nullable=False, comment="the event's PLOVER type"),
    Column("mode", String(32), comment="the event's PLOVER mode, or null"),
    Column("placed", String(10), comment="the date that places the event: its own, else its first report's, or null"),
    Column("status", String(16), nullable=False, comment="the event's status"),
    Column("score", Float, comment="the event's cooperation-conflict score, or null"),
    Column("quad", String(32), comment="the event's quad class, or null"),
    sqlite_with_rowid=False,   # rows of one dyad lie together on disk
)

# What one document says about one event (the extractor's event, already merged inside the document).
document_events = Table(
    "document_events", metadata,
    _doc_id(primary_key=True),
    Column("local_id", String(32), primary_key=True, comment="event id inside its document record (e1, e2, ...)"),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="SET NULL"), index=True,
           comment="chronicle event it was merged into"),
    Column("type", String(16), nullable=False, comment="PLOVER event type"),
    Column("mode", String(32), comment="PLOVER mode, or null"),
    Column("source_ids", Text, nullable=False, comment="JSON list of source actor ids"),
    Column("target_ids", Text, nullable=False, comment="JSON list of target actor ids"),
    Column("countries", Text, nullable=False,
           comment="JSON object: actor id -> country it counts for in the dyad, as this document tells it"),
    Column("merge_key", Text, nullable=False, index=True, comment="type and dyad key the merge groups by"),
    Column("date", String(10), comment="date as the document gives it, or null"),
    Column("date_end", String(10), comment="end of a span, or null"),
    Column("date_lo", String(10), comment="first day the date (or span) can mean, or null: what the merge compares"),
    Column("date_hi", String(10), comment="last day the date (or span) can mean, or null"),
    Column("location", Text, comment="place name, or null"),
    Column("status", String(16), nullable=False, comment="status as the document gives it"),
    Column("attributed_to", String(128), comment="actor id of whoever asserts it, or null for the article's voice"),
    Column("score", Float, comment="cooperation-conflict score, or null"),
    Column("quad", String(32), comment="quad class, or null"),
    Column("seq", Integer, nullable=False, comment="position of the event in its record"),
    _coder(),
)

event_mentions = Table(
    "event_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="row number"),
    Column("event_id", String(32), ForeignKey("events.id", ondelete="SET NULL"), index=True,
           comment="chronicle event"),
    _doc_id(),
    Column("local_event_id", String(32), nullable=False, comment="event id inside its document record"),
    Column("status", String(16), nullable=False, comment="status this document gives"),
    Column("attributed_to", String(128), comment="actor id this document attributes it to, or null"),
    Column("start", Integer, nullable=False, comment="start offset of the trigger words"),
    Column("end", Integer, nullable=False, comment="end offset (exclusive) of the trigger words"),
    Column("text", Text, nullable=False, comment="trigger words as written"),
    Column("sentence_start", Integer, nullable=False, comment="start offset of the sentence"),
    Column("sentence_end", Integer, nullable=False, comment="end offset of the sentence"),
    Column("date", String(10), comment="date this document gives, or null"),
    _coder(),
    ForeignKeyConstraint(["document_id", "local_event_id"], ["document_events.document_id", "document_events.local_id"],
                         ondelete="CASCADE"),
)

failures = Table(
    "failures", metadata,
    Column("source", Text, primary_key=True, comment="path or URL that could not be read or analysed"),
    Column("reason", Text, nullable=False, comment="why, and what to do"),
    Column("at", String(32), nullable=False, comment="UTC time of the last failure (ISO 8601)"),
    _coder(),
)

# The watcher's state (`sagwan watch`, migration 0004): what each listing and each article looked like when
# last fetched, so a round asks sites only for what changed and a killed round resumes where it stopped.
watch_sources = Table(
    "watch_sources", metadata,
    Column("url", Text, primary_key=True, comment="URL of the feed, sitemap or URL list"),
    Column("kind", String(16), nullable=False, comment="feed | sitemap | urls"),
    Column("etag", Text, comment="ETag of the last full answer, sent back as If-None-Match, or null"),
    Column("last_modified", Text, comment="Last-Modified of the last full answer, sent back as If-Modified-Since"),
    Column("last_fetch_at", String(32), comment="UTC time of the last request (ISO 8601), or null"),
    Column("last_status", Integer, comment="HTTP status of the last answer, or null when none came"),
    Column("last_ok_at", String(32), comment="UTC time of the last answer that could be read, or null"),
    Column("last_error", Text, comment="why the last fetch failed, or null when it worked"),
    Column("errors", Integer, nullable=False, comment="failures in a row (the backoff grows with them)"),
    Column("next_fetch_at", String(32), comment="UTC time before which the source is not asked again, or null"),
)

watch_items = Table(
    "watch_items", metadata,
    Column("url", Text, primary_key=True, comment="canonical URL of the article as a listing gives it"),
    Column("source_url", Text, nullable=False, index=True, comment="listing that gave the article"),
    Column("seq", Integer, nullable=False, comment="position in that listing (0 first) when last listed"),
    Column("listed_updated", Text, comment="update time the listing gives for the article, or null"),
    Column("pending", Boolean, nullable=False, comment="true while the article waits to be fetched"),
    Column("canonical", Text, comment="canonical URL the page names (or it was fetched at): the document source"),
    Column("document_id", String(64), comment="id of the stored document made from it, or null"),
    Column("body_hash", String(64), comment="hash of the page bytes last fetched, or null"),
    Column("content_hash", String(64), comment="hash of the clean title and text last stored, or null"),
    Column("etag", Text, comment="ETag of the page, or null"),
    Column("last_modified", Text, comment="Last-Modified of the page, or null"),
    Column("first_seen_at", String(32), nullable=False, comment="UTC time a listing first gave it"),
    Column("fetched_at", String(32), comment="UTC time of the last fetch, or null"),
    Column("stored_round", Integer, comment="watch round that last stored a version of it, or null"),
    Column("replaced_keys", Text, comment="JSON list of the happenings the version it replaced reported, or null"),
    Column("last_error", Text, comment="why the last fetch or extraction failed, or null"),
    Column("errors", Integer, nullable=False, comment="failures in a row; at the limit it waits for a new listing"),
)

watch_rounds = Table(
    "watch_rounds", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="round number"),
    Column("started_at", String(32), nullable=False, comment="UTC time the round started"),
    Column("finished_at", String(32), comment="UTC time it finished, or null while it is open (a killed round "
                                              "is resumed by the next run)"),
    Column("summary", Text, comment="JSON object of the round's counts, once finished"),
)

watch_alerts = Table(
    "watch_alerts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="alert number"),
    Column("round_id", Integer, nullable=False, index=True, comment="watch round that found the event"),
    Column("event_id", String(32), nullable=False, comment="chronicle event the alert is about"),
    Column("happening", Text, nullable=False, unique=True,
           comment="type, dyad and dates of the event: one alert per happening, whatever its id becomes"),
    Column("rules", Text, nullable=False, comment="JSON list of the names of the rules it matched"),
    Column("at", String(32), nullable=False, comment="UTC time the alert was raised"),
    Column("logged", Boolean, nullable=False, comment="true once it is in the JSON Lines alert log"),
    Column("alert", Text, nullable=False, comment="the alert as written to the log (JSON object)"),
)

# Near-copies of a text (store/copies.py): its MinHash signature, its copy group and its LSH bands.
document_fingerprints = Table(
    "document_fingerprints", metadata,
    _doc_id("document fingerprinted", primary_key=True),
    Column("cluster", String(64), nullable=False, index=True,
           comment="copy group: the smallest document id among the document and its near-copies"),
    Column("signature", Text, comment="JSON list of MinHash values over word shingles, or null for a short text"),
)

document_bands = Table(
    "document_bands", metadata,
    Column("band", Integer, primary_key=True, comment="band number of the signature (-1: the short text's own hash)"),
    Column("hash", String(16), primary_key=True, comment="hash of the band's values: equal hashes make candidates"),
    _doc_id("document the band belongs to", primary_key=True),
    sqlite_with_rowid=False,
)

# Human review: an append-only layer over the coded chronicle. Rows are never updated or deleted;
# store/review.py applies them, in order, to whatever the coder and the merge make of the documents.
reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, comment="review number: later reviews win"),
    Column("target", String(8), nullable=False, comment="event | quote"),
    Column("target_id", String(128), nullable=False,
           comment="chronicle event id, or document_id:local_id of a quote, when the review was made"),
    Column("document_id", String(64), nullable=False, index=True,
           comment="document the reviewed item was read from (kept when the document goes)"),
    Column("anchor_start", Integer, nullable=False,
           comment="start offset of the sentence (event) or quote the review is anchored to"),
    Column("anchor_end", Integer, nullable=False, comment="end offset (exclusive) of that span"),
    Column("action", String(16), nullable=False, comment="wrong | correct | restore"),
    Column("changes", Text, nullable=False, comment="JSON object of corrected fields (type, status, date, ...)"),
    Column("original", Text, nullable=False, comment="JSON object of the values before the review"),
    Column("reason", Text, nullable=False, comment="why, in the reviewer's words"),
    Column("reviewer", String(128), nullable=False, comment="who reviewed"),
    Column("at", String(32), nullable=False, comment="UTC time of the review (ISO 8601)"),
)

Index("ix_events_first_document", events.c.first_document_id)
Index("ix_actors_first_document", actors.c.first_document_id)
Index("ix_event_mentions_doc_event", event_mentions.c.document_id, event_mentions.c.local_event_id)
# dyad queries find the events of two parties from these alone (migration 0002)
Index("ix_event_actors_country_event", event_actors.c.country, event_actors.c.role, event_actors.c.event_id)
Index("ix_event_actors_actor_event", event_actors.c.actor_id, event_actors.c.role, event_actors.c.event_id)
# the merge reads only the reports of one (type, dyad) key whose dates can meet a new one's (migration 0003)
Index("ix_document_events_key_date", document_events.c.merge_key, document_events.c.date_lo)
Index("ix_event_pairs_event", event_pairs.c.event_id)


def managed_by_autogenerate(name: str | None, type_: str, _parent_names) -> bool:
    """False for the full-text search objects the migrations make by hand (FTS5 tables, the GIN index),
    so Alembic's autogenerate neither drops them nor reports them as drift."""
    if type_ == "table" and name and name.startswith("quotes_fts"):
        return False
    return not (type_ == "index" and name == "ix_quotes_segmented_fts")
