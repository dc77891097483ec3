"""Exports: sagwan/1 records rebuilt from the store, PLOVER-shaped JSON Lines, flat tables (csv, tsv, parquet).

Flat tables have snake_case columns documented in the codebook (`codebook.py`); lists are joined with ";".
Every writer goes through a temporary file, so an interrupted export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from sagwan.errors import ConfigError
from sagwan.files import write_atomically
from sagwan.store.codebook import column_names
from sagwan.store.schema import (
    actor_aliases,
    actor_mentions,
    actors,
    document_events,
    documents,
    event_mentions,
    quotes,
)

FLAT_FORMATS = ("csv", "tsv", "parquet")
SHAPES = ("plover", "acled", "gdelt")      # the field's own shapes (see `shapes`)
EXPORT_FORMATS = ("jsonl", "plover", "acled", "gdelt", *FLAT_FORMATS)
SEP = ";"
BOM = "\ufeff"     # lets Excel open UTF-8 CSV as UTF-8 (Hangul intact)


# -- one flat row per chronicle event ---------------------------------------------------------------------

def event_row(ev: dict[str, Any]) -> dict[str, Any]:
    from sagwan.store.shapes import web_source

    mentions = ev.get("mentions") or []
    first = next((m for m in mentions if m["document_id"] == ev["first_document"]), mentions[0] if mentions else None)
    return {
        "event_id": ev["id"], "type": ev["type"], "mode": ev["mode"], "date": ev["date"],
        "date_precision": ev.get("date_precision"), "date_end": ev["date_end"],
        "placed_date": ev.get("placed_date"), "placed_from": ev.get("placed_from"),
        "status": ev["status"], "score": ev["score"], "quad": ev["quad"],
        "source_actors": ev["source"], "target_actors": ev["target"],
        "source_countries": ev["source_countries"], "target_countries": ev["target_countries"],
        "n_documents": ev["n_documents"], "n_outlets": ev["n_outlets"], "n_mentions": len(mentions),
        "first_reported": ev["first_reported"], "first_document": ev["first_document"],
        "first_outlet": first.get("outlet") if first else None,
        "first_url": web_source(first.get("url")) if first else None,
        "attributed_to": ev["attributed_to"],
        "first_text": first["text"] if first else None, "sentence": first.get("sentence") if first else None,
        "coder": ev["coder"],
    }


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """Lists joined with ';' (for csv, tsv and terminal tables)."""
    return {k: SEP.join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}


# -- writers ---------------------------------------------------------------------------------------------

def write_rows(rows: list[dict[str, Any]], fmt: str, out: Path | None, columns: list[str],
               stdout: IO[str] | None = None, bom: bool = False) -> None:
    """Write rows as csv, tsv, jsonl or parquet, to `out` (atomically) or to `stdout`; `bom` starts a
    csv or tsv with a byte-order mark, for Excel."""
    if fmt == "parquet":
        if out is None:
            raise ConfigError("parquet is binary: give an output file with -o FILE.parquet")
        _atomic(out, lambda tmp: _write_parquet(rows, columns, tmp))
        return
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=columns, delimiter="," if fmt == "csv" else "\t",
                           extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(flat(r) for r in rows)
        data = (BOM if bom else "") + buf.getvalue()
    elif fmt in ("jsonl", "plover"):
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    else:
        raise ConfigError(f"format {fmt!r} is not one of csv, tsv, jsonl, parquet")
    if out is None:
        (stdout or _stdout()).write(data)
    else:
        _atomic(out, lambda tmp: tmp.write_text(data, encoding="utf-8"))


def _stdout() -> IO[str]:
    import sys

    return sys.stdout


def _atomic(out: Path, write) -> None:
    write_atomically(out, write, "export")


def _write_parquet(rows: list[dict[str, Any]], columns: list[str], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in rows], schema=_arrow_schema(rows, columns))
    pq.write_table(table, path)


def _arrow_schema(rows: list[dict[str, Any]], columns: list[str]):
    import pyarrow as pa

    from sagwan.store.codebook import EXPORT_COLUMNS

    # the flat tables only: the shapes reuse some names with other types (acled's attributed_to is a string)
    types = {n: t for kind in ("actors", "quotes", "events") for n, t, _d in EXPORT_COLUMNS[kind]}
    arrow = {"string": pa.string(), "integer": pa.int64(), "float": pa.float64(), "list[string]": pa.list_(pa.string())}
    return pa.schema([(c, arrow.get(types.get(c, "string"), pa.string())) for c in columns])


# -- whole-store exports ---------------------------------------------------------------------------------

def export(store, fmt: str, out: Path | None, stdout: IO[str] | None = None, *, filter: Any = None,
           bom: bool = False) -> int:
    """Write the store in `fmt`; returns how many rows/records were written. The event shapes (every
    format but jsonl, which writes one sagwan/1 record per document) write `store.events(filter=filter)`
    (every event when no filter is given)."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonl":
        rows = list(records(store))
        write_rows(rows, fmt, out, [], stdout=stdout)
        return len(rows)
    events = store.events(filter=filter) if filter is not None else store.events()
    if fmt in SHAPES:
        from sagwan.store.shapes import COLUMNS, shaped

        rows = shaped(store, events, fmt)
        if fmt == "plover":
            write_rows(rows, "jsonl", out, [], stdout=stdout)
        else:
            write_rows(rows, "csv", out, COLUMNS[fmt], stdout=stdout, bom=bom)
        return len(rows)
    rows = [event_row(ev) for ev in events]
    write_rows(rows, fmt, out, column_names("events"), stdout=stdout, bom=bom)
    return len(rows)


def records(store) -> Iterator[dict[str, Any]]:
    """sagwan/1 records rebuilt from the store, one per document, in publication order."""
    with store.engine.connect() as conn:
        doc_rows = conn.execute(select(documents).order_by(documents.c.published.is_(None), documents.c.published,
                                                           documents.c.id)).mappings().all()
        for d in doc_rows:
            yield _record(conn, d)


def _record(conn, d) -> dict[str, Any]:
    doc = {k: d[k] for k in ("id", "source", "title", "published", "language", "text")}
    doc |= {k: d[k] for k in ("outlet", "url") if d[k] is not None}
    doc |= {k: v for k, v in json.loads(d["meta"] or "{}").items() if k not in doc}
    return {"schema": "sagwan/1", "coder": d["coder"], "doc": doc, "actors": _actors(conn, d["id"]),
            "quotes": _quotes(conn, d["id"]), "events": _events(conn, d["id"])}


def _actors(conn, doc_id: str) -> list[dict[str, Any]]:
    mentions: dict[str, list] = defaultdict(list)
    for m in conn.execute(select(actor_mentions).where(actor_mentions.c.document_id == doc_id)
                          .order_by(actor_mentions.c.start, actor_mentions.c.id)).mappings():
        mentions[m["actor_id"]].append({"start": m["start"], "end": m["end"], "text": m["text"]})
    names: dict[str, list] = defaultdict(list)
    for a, alias in conn.execute(select(actor_aliases.c.actor_id, actor_aliases.c.alias)
                                 .where(actor_aliases.c.document_id == doc_id).order_by(actor_aliases.c.alias)):
        names[a].append(alias)
    ids = sorted(set(mentions) | set(names), key=lambda a: (mentions[a][0]["start"] if mentions[a] else 1 << 30, a))
    rows = {r["id"]: r for r in conn.execute(select(actors).where(actors.c.id.in_(ids))).mappings()}
    fields = ("id", "name", "kind", "country", "role", "affiliation", "wikidata")
    return [{**{f: rows[a][f] for f in fields}, "names": names[a], "mentions": mentions[a]} for a in ids]


def _quotes(conn, doc_id: str) -> list[dict[str, Any]]:
    fields = ("speaker", "speaker_text", "text", "start", "end", "kind", "cue", "date", "via")
    return [{"id": q["local_id"], **{f: q[f] for f in fields}}
            for q in conn.execute(select(quotes).where(quotes.c.document_id == doc_id).order_by(quotes.c.id))
            .mappings()]


def _events(conn, doc_id: str) -> list[dict[str, Any]]:
    spans: dict[str, list] = defaultdict(list)
    for m in conn.execute(select(event_mentions).where(event_mentions.c.document_id == doc_id)
                          .order_by(event_mentions.c.id)).mappings():
        spans[m["local_event_id"]].append({k: m[k] for k in ("start", "end", "text", "sentence_start",
                                                             "sentence_end")})
    out = []
    for e in conn.execute(select(document_events).where(document_events.c.document_id == doc_id)
                          .order_by(document_events.c.seq)).mappings():
        out.append({
            "id": e["local_id"], "type": e["type"], "mode": e["mode"], "source": json.loads(e["source_ids"]),
            "target": json.loads(e["target_ids"]), "date": e["date"], "date_end": e["date_end"],
            "location": e["location"], "status": e["status"], "attributed_to": e["attributed_to"],
            "mentions": spans[e["local_id"]], "score": e["score"], "quad": e["quad"], "chronicle_id": e["event_id"],
        })
    return out
