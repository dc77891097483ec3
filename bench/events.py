"""Fill a store with generated chronicle events, in bulk, straight into its tables (SQLAlchemy Core).

Realistic shapes, not real data: a few countries take part in most events (Zipf-like weights),
CONSULT and ACCUSE are common and ASSAULT rare, most dates are days but some only months or years
and a few are missing, most events are reported by one document and some by two. Every event has
its parties (event_actors) and dyads (event_pairs), its report (document_events) and its mention
(event_mentions), as the writer would leave them, so the queries read as much as on a real store.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import Engine, insert

from sagwan._version import CODER
from sagwan.store.merge import date_interval, merge_key, pair_rows
from sagwan.store.schema import (
    actors,
    document_events,
    documents,
    event_actors,
    event_mentions,
    event_pairs,
    events,
)

COUNTRIES = {"USA": 18, "PRK": 14, "KOR": 16, "CHN": 14, "RUS": 9, "JPN": 8, "UKR": 5, "IRN": 3, "GBR": 2,
             "FRA": 2, "DEU": 2, "IND": 2, "ISR": 2, "SYR": 1, "VNM": 1, "TWN": 1, "AUS": 1, "CAN": 1, "PHL": 1,
             "MNG": 1}
TYPES = {"CONSULT": 25, "ACCUSE": 12, "COOPERATE": 10, "AGREE": 8, "SUPPORT": 8, "REQUEST": 7, "THREATEN": 5,
         "PROTEST": 5, "SANCTION": 4, "MOBILIZE": 4, "AID": 3, "REJECT": 3, "COERCE": 2, "ASSAULT": 2,
         "CONCEDE": 1, "RETREAT": 1}
STATUSES = {"occurred": 70, "alleged": 6, "intended": 5, "planned": 5, "expected": 4, "proposed": 4, "denied": 3,
            "hypothetical": 3}
PEOPLE_PER_COUNTRY = 5
EVENTS_PER_DOCUMENT = 10
CHUNK = 20_000
FIRST_DAY, DAYS = date(2000, 1, 1), 26 * 365


def _pick(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _date(rng: random.Random) -> str | None:
    day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
    r = rng.random()
    if r < 0.80:
        return day.isoformat()
    if r < 0.92:
        return day.isoformat()[:7]
    if r < 0.96:
        return day.isoformat()[:4]
    return None


def fill(engine: Engine, n_events: int, seed: int = 11) -> dict[str, int]:
    """Insert `n_events` chronicle events (and their documents, actors, reports, mentions); returns row counts."""
    rng = random.Random(seed)
    people = {c: [f"person:{c.lower()}-{i}" for i in range(PEOPLE_PER_COUNTRY)] for c in COUNTRIES}
    actor_rows = [{"id": c, "name": c, "kind": "state", "country": c, "coder": CODER} for c in COUNTRIES]
    actor_rows += [{"id": p, "name": p, "kind": "person", "country": c, "coder": CODER}
                   for c, ps in people.items() for p in ps]
    n_docs = max(1, n_events // EVENTS_PER_DOCUMENT)
    counts = {"events": 0, "event_actors": 0, "event_pairs": 0, "document_events": 0, "event_mentions": 0,
              "documents": n_docs}
    with engine.begin() as conn:
        conn.execute(insert(actors), actor_rows)
        for start in range(0, n_docs, CHUNK):
            conn.execute(insert(documents), [{
                "id": f"{i:064x}", "source": f"bench/{i}.txt", "language": "ko",
                "published": (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat(),
                "text": "벤치마크 문서.", "coder": CODER, "content_hash": f"{i:064x}",
                "ingested_at": "2026-01-01T00:00:00+00:00"} for i in range(start, min(n_docs, start + CHUNK))])
    for start in range(0, n_events, CHUNK):
        rows = _events(rng, range(start, min(n_events, start + CHUNK)), n_docs, people)
        with engine.begin() as conn:
            for table, name in ((events, "events"), (document_events, "document_events"),
                                (event_actors, "event_actors"), (event_pairs, "event_pairs"),
                                (event_mentions, "event_mentions")):
                conn.execute(insert(table), rows[name])
                counts[name] += len(rows[name])
    return counts


def _events(rng: random.Random, numbers: range, n_docs: int, people: dict[str, list[str]]) -> dict[str, list]:
    out: dict[str, list] = {"events": [], "document_events": [], "event_actors": [], "event_pairs": [],
                            "event_mentions": []}
    types = _pick(rng, TYPES, len(numbers))
    statuses = _pick(rng, STATUSES, len(numbers))
    for i, type_, status in zip(numbers, types, statuses, strict=True):
        src_c, tgt_c = _pick(rng, COUNTRIES, 2)
        while tgt_c == src_c:
            tgt_c = _pick(rng, COUNTRIES, 1)[0]
        # one actor in five is a person who counts for a country
        src = rng.choice(people[src_c]) if rng.random() < 0.2 else src_c
        tgt = rng.choice(people[tgt_c]) if rng.random() < 0.2 else tgt_c
        when = _date(rng)
        lo_hi = date_interval(when)
        key = merge_key(type_, [src_c], [tgt_c])
        event_id = f"{rng.getrandbits(128):032x}"
        n_reports = 2 if rng.random() < 0.1 else 1
        docs = rng.sample(range(n_docs), n_reports) if n_docs > 1 else [0] * n_reports
        out["events"].append({
            "id": event_id, "type": type_, "merge_key": key, "date": when, "date_lo": lo_hi and lo_hi[0],
            "date_hi": lo_hi and lo_hi[1], "status": status, "n_documents": n_reports, "n_outlets": n_reports,
            "first_reported_at": None, "first_document_id": f"{docs[0]:064x}", "coder": CODER})
        out["event_actors"] += [{"event_id": event_id, "actor_id": src, "role": "source", "country": src_c},
                                {"event_id": event_id, "actor_id": tgt, "role": "target", "country": tgt_c}]
        out["event_pairs"] += pair_rows(out["events"][-1], [(src, "source", src_c), (tgt, "target", tgt_c)])
        for d in docs:
            doc_id, local = f"{d:064x}", f"e{i}"
            out["document_events"].append({
                "document_id": doc_id, "local_id": local, "event_id": event_id, "type": type_,
                "source_ids": f'["{src}"]', "target_ids": f'["{tgt}"]',
                "countries": f'{{"{src}": "{src_c}", "{tgt}": "{tgt_c}"}}', "merge_key": key, "date": when,
                "date_lo": lo_hi and lo_hi[0], "date_hi": lo_hi and lo_hi[1], "status": status,
                "attributed_to": None, "seq": 0, "coder": CODER})
            out["event_mentions"].append({
                "event_id": event_id, "document_id": doc_id, "local_event_id": local, "status": status,
                "start": 0, "end": 3, "text": "벤치마", "sentence_start": 0, "sentence_end": 8, "date": when,
                "coder": CODER})
    return out
