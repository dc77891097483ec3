"""Exports in the shapes other event-data tools read: PLOVER records, an ACLED-style table and a
GDELT-style event table. One row or record per chronicle event, read from `store.events(filter=...)`.

Dates. Each of these formats wants a full day. A sagwan date may be a year or a month, and an
undated event is placed by the day it was first reported; so every shape writes the first day the
date can mean, the last day (`enddate`, `event_date_end`, `DateEnd`), the precision (year, month,
day) and where the date came from (`text` or `report`), never a day that looks more exact than
what the text says without saying so.

Sources. The outlet and the URL of the reports; never a local file path (the document id is kept
for tracing a row back with `sagwan show`).

Field names follow the formats' own documentation (PLOVER's manual and gold-standard records,
ACLED's codebook, GDELT 2.0's event codebook); fields those formats have no name for keep the
sagwan name and are listed in the codebook.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from sagwan.scores import QUADS, score_table
from sagwan.store.filters import date_bounds, date_precision
from sagwan.store.schema import actor_mentions, actors, documents

# PLOVER's quad_code and GDELT's QuadClass number the four classes in this order
QUAD_CODE = {q: n for n, q in enumerate(QUADS, 1)}
# ACLED's time_precision: 1 the day is known, 2 a week or a few days, 3 only the month
ACLED_TIME_PRECISION = {"day": 1, "month": 3}


def score_and_quad(ev: dict[str, Any]) -> tuple[float | None, str | None]:
    """The coder's score and quad class, else the score table's for the type (as the analytics count)."""
    table = score_table()
    score = ev.get("score") if ev.get("score") is not None else table.score(ev.get("type"), ev.get("mode"))
    quad = ev.get("quad") if ev.get("quad") in QUADS else table.quad(ev.get("type"))
    return score, quad


def web_source(value: str | None) -> str | None:
    """A URL, or None for a local path (exports never name files on the machine that made them)."""
    if not value:
        return None
    return value if value.startswith(("http://", "https://")) else None


def date_fields(ev: dict[str, Any]) -> dict[str, Any]:
    """first day, last day, precision and origin of the date that places an event."""
    placed = ev.get("placed_date") or ev.get("date") or ev.get("first_reported")
    if not placed:
        return {"first": None, "last": None, "precision": None, "from": None}
    first, last = date_bounds(placed[:10])
    if ev.get("date") and ev.get("date_end"):
        last = max(last, date_bounds(ev["date_end"][:10])[1])
    last = _real_day(last)
    return {"first": first, "last": last, "precision": date_precision(placed),
            "from": ev.get("placed_from") or ("text" if ev.get("date") else "report")}


def _real_day(day: str) -> str:
    """"2024-02-31" (a month's comparable upper bound) -> "2024-02-29"."""
    import calendar

    y, m, d = int(day[:4]), int(day[5:7]), int(day[8:10])
    return f"{y:04d}-{m:02d}-{min(d, calendar.monthrange(y, m)[1]):02d}"


class Context:
    """What the shapes need beyond the events: actor names, documents, and the words that name each
    actor in a document (for PLOVER's actorText)."""

    def __init__(self, store: Any, events: list[dict[str, Any]]):
        doc_ids = sorted({m["document_id"] for ev in events for m in ev.get("mentions") or []})
        self.names: dict[str, str] = {}
        self.docs: dict[str, dict[str, Any]] = {}
        self.spans: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        with store.engine.connect() as conn:
            self.names, self.countries = {}, {}
            for i, n, c in conn.execute(select(actors.c.id, actors.c.name, actors.c.country)):
                self.names[i], self.countries[i] = n, c
            for i in range(0, len(doc_ids), 500):
                chunk = doc_ids[i:i + 500]
                for d in conn.execute(select(documents.c.id, documents.c.outlet, documents.c.url,
                                             documents.c.source, documents.c.title, documents.c.published,
                                             documents.c.language, documents.c.coder)
                                      .where(documents.c.id.in_(chunk))).mappings():
                    self.docs[d["id"]] = dict(d)
                for m in conn.execute(select(actor_mentions.c.document_id, actor_mentions.c.start,
                                             actor_mentions.c.end, actor_mentions.c.actor_id, actor_mentions.c.text)
                                      .where(actor_mentions.c.document_id.in_(chunk))):
                    self.spans[m[0]].append((m[1], m[2], m[3], m[4]))

    def first(self, ev: dict[str, Any]) -> dict[str, Any] | None:
        mentions = ev.get("mentions") or []
        return next((m for m in mentions if m["document_id"] == ev.get("first_document")),
                    mentions[0] if mentions else None)

    def actor_spans(self, mention: dict[str, Any] | None, actor_id: str) -> list[tuple[int, int, str]]:
        """(start, end, text) of the actor's mentions inside the mention's sentence."""
        if not mention:
            return []
        lo, hi = mention["sentence_start"], mention["sentence_end"]
        return sorted((s, e, t) for s, e, a, t in self.spans.get(mention["document_id"], [])
                      if a == actor_id and lo <= s and e <= hi)

    def actor_text(self, mention: dict[str, Any] | None, actor_id: str) -> str:
        found = self.actor_spans(mention, actor_id)
        return found[0][2] if found else self.names.get(actor_id, actor_id)

    def country(self, actor_id: str, side_countries: list[str]) -> str:
        """The country an actor counts for: its own (a state is its own country), else the only country
        of its side, else its id."""
        if actor_id in side_countries:
            return actor_id
        own = self.countries.get(actor_id)
        if own:
            return own
        return side_countries[0] if len(side_countries) == 1 else actor_id

    def outlets(self, ev: dict[str, Any]) -> list[str]:
        docs = dict.fromkeys(m["document_id"] for m in ev.get("mentions") or [])
        return list(dict.fromkeys(o for d in docs if (o := (self.docs.get(d) or {}).get("outlet"))))

    def urls(self, ev: dict[str, Any]) -> list[str]:
        docs = dict.fromkeys(m["document_id"] for m in ev.get("mentions") or [])
        return list(dict.fromkeys(u for d in docs if (u := web_source((self.docs.get(d) or {}).get("url")))))


def _markup(sentence: str, offset: int, spans: Iterable[tuple[int, int, str]]) -> str:
    """The sentence with its parts marked as PLOVER's gold-standard records do: (SRC: …), (TAR: …), (EVT: …)."""
    out, at = [], 0
    for start, end, tag in sorted(spans):
        s, e = start - offset, end - offset
        if s < at or e > len(sentence) or s >= e:
            continue            # overlapping or outside the sentence: left unmarked
        out += [sentence[at:s], f"({tag}: {sentence[s:e]})"]
        at = e
    out.append(sentence[at:])
    return "".join(out)


def plover_record(ev: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """One PLOVER event record (fields as in PLOVER's gold-standard records and manual); null fields left out."""
    m = ctx.first(ev)
    doc = ctx.docs.get(m["document_id"]) if m else None
    dates = date_fields(ev)
    score, quad = score_and_quad(ev)

    def side(ids: list[str], countries: list[str]) -> list[dict[str, Any]]:
        out = []
        for actor_id in ids:
            entity = {"actorText": ctx.actor_text(m, actor_id), "code": ctx.country(actor_id, countries),
                      "actorId": actor_id}
            out.append(entity)
        return out

    spans = []
    if m:
        spans.append((m["start"], m["end"], "EVT"))
        for role, ids in (("SRC", ev.get("source") or []), ("TAR", ev.get("target") or [])):
            for a in ids:
                spans += [(s, e, role) for s, e, _ in ctx.actor_spans(m, a)[:1]]
    record = {
        "id": ev["id"], "date": dates["first"],
        "enddate": dates["last"] if dates["last"] != dates["first"] else None,
        "datePrecision": dates["precision"], "dateFrom": dates["from"],
        "source": side(ev.get("source") or [], ev.get("source_countries") or []),
        "target": side(ev.get("target") or [], ev.get("target_countries") or []) or None,
        "event": ev["type"], "mode": ev.get("mode"), "eventText": m["text"] if m else None,
        "status": ev.get("status"), "attributedTo": ev.get("attributed_to") or None,
        "quad_code": QUAD_CODE.get(quad or ""), "event_scale": score,
        "text": m.get("sentence") if m else None,
        "textInfo": {"markup": _markup(m.get("sentence") or "", m["sentence_start"], spans),
                     "documentId": m["document_id"], "start": m["sentence_start"], "end": m["sentence_end"]}
        if m else None,
        "language": (doc or {}).get("language"), "publication": (doc or {}).get("outlet"),
        "url": web_source((doc or {}).get("url")), "title": (doc or {}).get("title"),
        "reports": {"documents": ev.get("n_documents"), "outlets": ev.get("n_outlets")},
        "coder": ev.get("coder"),
    }
    return {k: v for k, v in record.items() if v not in (None, [], "")}


ACLED_COLUMNS = ["event_id_cnty", "event_date", "event_date_end", "year", "time_precision", "date_precision",
                 "date_from", "event_type", "sub_event_type", "status", "actor1", "assoc_actor_1", "actor1_iso3",
                 "actor2", "assoc_actor_2", "actor2_iso3", "attributed_to", "location", "source", "source_url",
                 "notes", "n_documents", "n_outlets", "document_id"]


def acled_row(ev: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """An ACLED-style row: the first actor of each side as actor1/actor2, the others associated."""
    m = ctx.first(ev)
    dates = date_fields(ev)
    src, tgt = ev.get("source") or [], ev.get("target") or []
    return {
        "event_id_cnty": ev["id"], "event_date": dates["first"], "event_date_end": dates["last"],
        "year": (dates["first"] or "")[:4] or None, "time_precision": ACLED_TIME_PRECISION.get(dates["precision"]),
        "date_precision": dates["precision"], "date_from": dates["from"],
        "event_type": ev["type"], "sub_event_type": ev.get("mode"), "status": ev.get("status"),
        "actor1": ctx.names.get(src[0], src[0]) if src else None,
        "assoc_actor_1": "; ".join(ctx.names.get(a, a) for a in src[1:]) or None,
        "actor1_iso3": "; ".join(ev.get("source_countries") or []) or None,
        "actor2": ctx.names.get(tgt[0], tgt[0]) if tgt else None,
        "assoc_actor_2": "; ".join(ctx.names.get(a, a) for a in tgt[1:]) or None,
        "actor2_iso3": "; ".join(ev.get("target_countries") or []) or None,
        "attributed_to": "; ".join(ev.get("attributed_to") or []) or None,
        "location": None,       # the coder does not read places yet: left empty, never guessed
        "source": "; ".join(ctx.outlets(ev)) or None, "source_url": "; ".join(ctx.urls(ev)) or None,
        "notes": m.get("sentence") if m else None,
        "n_documents": ev.get("n_documents"), "n_outlets": ev.get("n_outlets"),
        "document_id": m["document_id"] if m else None,
    }


GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "DateEnd", "DatePrecision",
                 "DateFrom", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name",
                 "Actor2CountryCode", "EventType", "EventMode", "Status", "QuadClass", "Score", "NumMentions",
                 "NumSources", "NumArticles", "DATEADDED", "SOURCEURL"]


def gdelt_row(ev: dict[str, Any], ctx: Context) -> dict[str, Any]:
    """A GDELT-style event row. The event is coded in PLOVER, not CAMEO: its type goes in EventType
    (GDELT's EventCode would claim a CAMEO code), and Score is PLOVER's expert cooperation-conflict
    score, not Goldstein's scale."""
    m = ctx.first(ev)
    doc = ctx.docs.get(m["document_id"]) if m else None
    dates = date_fields(ev)
    score, quad = score_and_quad(ev)
    first = dates["first"]
    src, tgt = ev.get("source") or [], ev.get("target") or []
    fraction = None
    if first:
        import datetime as dt

        day = dt.date.fromisoformat(first)
        fraction = round(day.year + (day.timetuple().tm_yday - 1) / 365, 4)
    return {
        "GLOBALEVENTID": ev["id"], "SQLDATE": first.replace("-", "") if first else None,
        "MonthYear": first[:7].replace("-", "") if first else None, "Year": first[:4] if first else None,
        "FractionDate": fraction, "DateEnd": dates["last"].replace("-", "") if dates["last"] else None,
        "DatePrecision": dates["precision"], "DateFrom": dates["from"],
        "Actor1Code": src[0] if src else None, "Actor1Name": ctx.names.get(src[0]) if src else None,
        "Actor1CountryCode": ctx.country(src[0], ev.get("source_countries") or []) if src else None,
        "Actor2Code": tgt[0] if tgt else None, "Actor2Name": ctx.names.get(tgt[0]) if tgt else None,
        "Actor2CountryCode": ctx.country(tgt[0], ev.get("target_countries") or []) if tgt else None,
        "EventType": ev["type"], "EventMode": ev.get("mode"), "Status": ev.get("status"),
        "QuadClass": QUAD_CODE.get(quad or ""), "Score": score,
        "NumMentions": len(ev.get("mentions") or []), "NumSources": ev.get("n_outlets"),
        "NumArticles": ev.get("n_documents"),
        "DATEADDED": (ev.get("first_reported") or "").replace("-", "") or None,
        "SOURCEURL": web_source((doc or {}).get("url")),
    }


def shaped(store: Any, events: list[dict[str, Any]], shape: str) -> list[dict[str, Any]]:
    """The events in one shape: "plover", "acled" or "gdelt"."""
    ctx = Context(store, events)
    make = {"plover": plover_record, "acled": acled_row, "gdelt": gdelt_row}[shape]
    return [make(ev, ctx) for ev in events]


COLUMNS = {"acled": ACLED_COLUMNS, "gdelt": GDELT_COLUMNS}
