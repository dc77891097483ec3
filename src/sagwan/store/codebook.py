"""The codebook: every column the store keeps and every column an export writes, with type and meaning.

Database columns are described where they are defined (the `comment` of each column in `schema.py`);
the export columns are described here, next to nothing else, so `sagwan export --codebook` and the
test that checks every exported column is documented read one source.
"""

from __future__ import annotations

from typing import Any

from sagwan._version import CODER, SCHEMA
from sagwan.store.schema import metadata

# (name, type, description) of each flat column, per export. Lists are joined with ";" in csv/tsv.
EXPORT_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "events": [
        ("event_id", "string", "stable chronicle event id"),
        ("type", "string", "PLOVER event type"),
        ("mode", "string", "PLOVER mode, or empty"),
        ("date", "string", "most precise date reported: YYYY-MM-DD, YYYY-MM or YYYY; empty when undated"),
        ("date_end", "string", "end of a span, same form, or empty"),
        ("status", "string", "occurred | intended | planned | expected | alleged | proposed | denied | hypothetical"),
        ("score", "float", "cooperation-conflict score, or empty"),
        ("quad", "string", "quad class, or empty"),
        ("source_actors", "list[string]", "actor ids that act"),
        ("target_actors", "list[string]", "actor ids acted upon"),
        ("source_countries", "list[string]", "countries of the acting side (the dyad's first half)"),
        ("target_countries", "list[string]", "countries of the side acted upon"),
        ("n_documents", "integer", "documents that report the event"),
        ("n_outlets", "integer", "distinct outlets that report the event"),
        ("n_mentions", "integer", "text spans that report the event, over all documents"),
        ("first_reported", "string", "publication date of the first report (YYYY-MM-DD), or empty"),
        ("first_document", "string", "document id of the first report"),
        ("first_source", "string", "path or URL of the first report"),
        ("attributed_to", "list[string]", "actor ids the reports attribute the event to (empty: the articles' voice)"),
        ("first_text", "string", "trigger words of the first report"),
        ("coder", "string", "coder version that merged the event"),
    ],
    "quotes": [
        ("document_id", "string", "document the quote is in"),
        ("id", "string", "quote id inside its document"),
        ("speaker", "string", "actor id of the speaker, or empty when unknown"),
        ("speaker_text", "string", "surface form that names the speaker"),
        ("text", "string", "what was said"),
        ("start", "integer", "start offset into the document text"),
        ("end", "integer", "end offset (exclusive) into the document text"),
        ("kind", "string", "direct | indirect"),
        ("cue", "string", "speech verb or phrase"),
        ("date", "string", "when it was said, or empty"),
        ("via", "string", "actor id of the outlet that carried it"),
        ("coder", "string", "coder version that extracted it"),
        ("source", "string", "path or URL of the document"),
        ("title", "string", "headline of the document"),
        ("published", "string", "publication date of the document"),
    ],
    "actors": [
        ("id", "string", "canonical actor id"),
        ("name", "string", "canonical display name"),
        ("kind", "string", "state | organization | person | group | location"),
        ("country", "string", "ISO alpha-3 country the actor belongs to"),
        ("role", "string", "role such as foreign minister"),
        ("affiliation", "string", "actor id of the organisation or state it speaks for"),
        ("wikidata", "string", "Wikidata Q-id"),
        ("n_mentions", "integer", "mentions over all documents"),
        ("n_documents", "integer", "documents that mention the actor"),
        ("aliases", "list[string]", "every surface form seen"),
    ],
    "plover": [
        ("id", "string", "stable chronicle event id"),
        ("date", "string", "most precise date reported, or null"),
        ("date_end", "string", "end of a span, or null"),
        ("event", "string", "PLOVER event type"),
        ("mode", "string", "PLOVER mode, or null"),
        ("status", "string", "how sure the reports are (occurred, alleged, ...)"),
        ("quad", "string", "quad class, or null"),
        ("score", "float", "cooperation-conflict score, or null"),
        ("actor", "list[object]", "acting side: {id, name, country}"),
        ("recipient", "list[object]", "side acted upon: {id, name, country}"),
        ("attributed_to", "list[string]", "actor ids the reports attribute the event to"),
        ("n_documents", "integer", "documents that report the event"),
        ("n_outlets", "integer", "distinct outlets that report the event"),
        ("text", "list[object]", "reporting spans: {document_id, start, end, text, sentence}"),
        ("cite_info", "list[object]", "one per document: {document_id, source, url, outlet, title, published, coder}"),
    ],
}


def codebook() -> dict[str, Any]:
    """The machine-readable codebook (JSON-ready)."""
    tables = {
        t.name: [{"name": c.name, "type": str(c.type).lower(), "nullable": bool(c.nullable),
                  "description": c.comment or ""} for c in t.columns]
        for t in metadata.sorted_tables
    }
    exports = {name: [{"name": n, "type": ty, "description": d} for n, ty, d in cols]
               for name, cols in EXPORT_COLUMNS.items()}
    return {
        "codebook": "sagwan store",
        "record_schema": SCHEMA,
        "coder": CODER,
        "list_separator": ";",
        "tables": tables,
        "exports": exports,
    }


def column_names(export: str) -> list[str]:
    return [n for n, _t, _d in EXPORT_COLUMNS[export]]
