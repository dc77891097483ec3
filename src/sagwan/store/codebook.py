"""The codebook: every column the store keeps and every column an export writes, with type and meaning.

Database columns are described where they are defined (the `comment` of each column in `schema.py`);
the export columns are described here, next to nothing else, so `sagwan export --codebook` and the
test that checks every exported column is documented read one source.
"""

from __future__ import annotations

from typing import Any

from sagwan._version import CODER, SCHEMA
from sagwan.store.schema import metadata

QUAD_NUMBERS = "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict"
# (name, type, description) of each flat column, per export. Lists are joined with ";" in csv/tsv.
EXPORT_COLUMNS: dict[str, list[tuple[str, str, str]]] = {
    "events": [
        ("event_id", "string", "stable chronicle event id"),
        ("type", "string", "PLOVER event type"),
        ("mode", "string", "PLOVER mode, or empty"),
        ("date", "string", "most precise date the text gives: YYYY-MM-DD, YYYY-MM or YYYY; empty when undated"),
        ("date_precision", "string", "year | month | day: the form of date; empty when undated"),
        ("date_end", "string", "end of a span, same form, or empty"),
        ("placed_date", "string", "the date that places the event in counts and charts: date, else first_reported"),
        ("placed_from", "string", "text (placed by its own date) | report (by the day it was first reported)"),
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
        ("first_outlet", "string", "outlet of the first report, or empty"),
        ("first_url", "string", "URL of the first report, or empty (local file paths are never exported)"),
        ("attributed_to", "list[string]", "actor ids the reports attribute the event to (empty: the articles' voice)"),
        ("first_text", "string", "trigger words of the first report"),
        ("sentence", "string", "the sentence of the first report that tells the event"),
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
        ("date", "string", "first day the placing date can mean (YYYY-MM-DD)"),
        ("enddate", "string", "last day it can mean, when that is not the same day (or the end of a span)"),
        ("datePrecision", "string", "year | month | day: how precise the date behind date/enddate is"),
        ("dateFrom", "string", "text (the event's own date) | report (the day it was first reported)"),
        ("source", "list[object]", "acting side: {actorText (as written), code (country), actorId}"),
        ("target", "list[object]", "side acted upon: {actorText, code, actorId}"),
        ("event", "string", "PLOVER event type"),
        ("mode", "string", "PLOVER mode"),
        ("eventText", "string", "trigger words of the first report"),
        ("status", "string", "how the reports present it (occurred, alleged, ...)"),
        ("attributedTo", "list[string]", "actor ids the reports attribute the event to"),
        ("quad_code", "integer", QUAD_NUMBERS),
        ("event_scale", "float", "cooperation-conflict score (PLOVER expert scores)"),
        ("text", "string", "the sentence of the first report"),
        ("textInfo", "object",
         "{markup: the sentence with (SRC: ...), (TAR: ...), (EVT: ...) marked; documentId, start, end}"),
        ("language", "string", "language of the first report"),
        ("publication", "string", "outlet of the first report"),
        ("url", "string", "URL of the first report"),
        ("title", "string", "headline of the first report"),
        ("reports", "object", "{documents, outlets}: how many documents and distinct outlets report it"),
        ("coder", "string", "coder version that merged the event"),
    ],
    "acled": [
        ("event_id_cnty", "string", "stable chronicle event id"),
        ("event_date", "string", "first day the placing date can mean (YYYY-MM-DD)"),
        ("event_date_end", "string", "last day it can mean"),
        ("year", "integer", "year of event_date"),
        ("time_precision", "integer", "ACLED's code: 1 the day is known, 3 only the month; empty for a year"),
        ("date_precision", "string", "year | month | day"),
        ("date_from", "string", "text | report"),
        ("event_type", "string", "PLOVER event type"),
        ("sub_event_type", "string", "PLOVER mode"),
        ("status", "string", "occurred, intended, planned, expected, alleged, proposed, denied, hypothetical"),
        ("actor1", "string", "name of the first acting actor"),
        ("assoc_actor_1", "string", "names of the other acting actors"),
        ("actor1_iso3", "string", "countries of the acting side (ISO alpha-3)"),
        ("actor2", "string", "name of the first actor acted upon"),
        ("assoc_actor_2", "string", "names of the other actors acted upon"),
        ("actor2_iso3", "string", "countries of the side acted upon"),
        ("attributed_to", "string", "actor ids the reports attribute the event to"),
        ("location", "string", "place of the event: empty (not coded yet)"),
        ("source", "string", "outlets of the reports"),
        ("source_url", "string", "URLs of the reports"),
        ("notes", "string", "the sentence of the first report"),
        ("n_documents", "integer", "documents that report the event"),
        ("n_outlets", "integer", "distinct outlets that report the event"),
        ("document_id", "string", "document of the first report (sagwan show ID traces it)"),
    ],
    "gdelt": [
        ("GLOBALEVENTID", "string", "stable chronicle event id"),
        ("SQLDATE", "string", "first day the placing date can mean (YYYYMMDD)"),
        ("MonthYear", "string", "YYYYMM of SQLDATE"),
        ("Year", "integer", "year of SQLDATE"),
        ("FractionDate", "float", "year plus the fraction of the year elapsed at SQLDATE"),
        ("DateEnd", "string", "last day the date can mean (YYYYMMDD)"),
        ("DatePrecision", "string", "year | month | day"),
        ("DateFrom", "string", "text | report"),
        ("Actor1Code", "string", "actor id of the first acting actor"),
        ("Actor1Name", "string", "its name"),
        ("Actor1CountryCode", "string", "country of the acting side (ISO alpha-3)"),
        ("Actor2Code", "string", "actor id of the first actor acted upon"),
        ("Actor2Name", "string", "its name"),
        ("Actor2CountryCode", "string", "country of the side acted upon"),
        ("EventType", "string", "PLOVER event type (not a CAMEO code)"),
        ("EventMode", "string", "PLOVER mode"),
        ("Status", "string", "occurred, intended, planned, expected, alleged, proposed, denied, hypothetical"),
        ("QuadClass", "integer", QUAD_NUMBERS),
        ("Score", "float", "cooperation-conflict score (PLOVER expert scores, not the Goldstein scale)"),
        ("NumMentions", "integer", "text spans that report the event"),
        ("NumSources", "integer", "distinct outlets that report it"),
        ("NumArticles", "integer", "documents that report it"),
        ("DATEADDED", "string", "day of the first report (YYYYMMDD)"),
        ("SOURCEURL", "string", "URL of the first report"),
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


def allowed_values() -> dict[str, list[str]]:
    """Columns whose values come from a closed list, with the list."""
    from sagwan.model import PLOVER_TYPES, STATUSES
    from sagwan.scores import QUADS
    from sagwan.store.filters import PLACED_FROM, PRECISIONS

    return {"type": list(PLOVER_TYPES), "status": list(STATUSES), "quad": list(QUADS),
            "date_precision": list(PRECISIONS), "placed_from": list(PLACED_FROM)}


_FRICTIONLESS = {"string": "string", "integer": "integer", "float": "number", "list[string]": "string"}


def datapackage(path: str = "events.csv", bom: bool = False) -> dict[str, Any]:
    """The events export (`sagwan export --format csv`) described as a Frictionless data package:
    every column with its type, its meaning and, where the values are a closed list, the list."""
    enums = allowed_values()
    fields = []
    for name, type_, description in EXPORT_COLUMNS["events"]:
        field: dict[str, Any] = {"name": name, "type": _FRICTIONLESS[type_], "description": description}
        if type_ == "list[string]":
            field["description"] += " (several values joined by ';')"
        if name in enums:
            field["constraints"] = {"enum": enums[name]}
        if name in ("event_id", "type", "status", "n_documents", "n_outlets", "first_document", "coder"):
            field.setdefault("constraints", {})["required"] = True
        fields.append(field)
    return {
        "name": "sagwan-events", "title": "sagwan chronicle events",
        "description": "One row per chronicle event (reports of one happening merged across documents).",
        "resources": [{
            "name": "events", "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig" if bom else "utf-8",
            "schema": {"fields": fields, "primaryKey": ["event_id"], "missingValues": [""]},
        }],
        "sources": [{"title": f"sagwan {CODER}"}],
    }


def column_names(export: str) -> list[str]:
    return [n for n, _t, _d in EXPORT_COLUMNS[export]]
