"""A small invented chronicle for the API, report and browser tests.

`FakeStore` answers the store's read methods from lists, so the web layer can be tested apart
from the database; `sample_records()` gives the same content as `sagwan/1` records for a real store.
The texts are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

DOC_A = ("북한 외무상이 3월 12일 모스크바를 방문해 러시아 외무장관과 회담했다. "
         "두 장관은 경제 협력을 넓히기로 했다.\n"
         "중국 외교부는 같은 날 북한의 미사일 발사를 비판했다.")
DOC_B = ("러시아는 5월에 북한에 밀가루 5만 톤을 보냈다고 밝혔다. "
         "기사 속 표기 <script>window.__pwned = 1</script> 는 글자일 뿐이다.")
DOC_C = "중국과 러시아는 8월 국경 지대에서 합동 훈련을 했다. 중국은 북한의 핵실험 준비를 규탄했다."


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    s = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
            text.rfind("\n", 0, start) + 1)
    e = text.find(".", start) + 1
    return s, e


DOCS = {
    "docA": {"id": "docA", "title": "외무상 모스크바 방문", "published": "2024-03-13", "source": "tests/docA.txt",
             "outlet": "Test Daily", "url": None, "language": "ko", "text": DOC_A},
    "docB": {"id": "docB", "title": "밀가루 지원 <b>속보</b>", "published": "2024-05-20", "source": "tests/docB.txt",
             "outlet": "Test Wire", "url": None, "language": "ko", "text": DOC_B},
    "docC": {"id": "docC", "title": "국경 훈련", "published": "2024-08-09", "source": "tests/docC.txt",
             "outlet": "Test Daily", "url": None, "language": "ko", "text": DOC_C},
}

# (id, doc, type, mode, source, target, date, status, attributed_to, trigger)
_EVENTS = [
    ("e-visit", "docA", "CONSULT", "visit", ["PRK"], ["RUS"], "2024-03-12", "occurred", [], "방문해"),
    ("e-econ", "docA", "AGREE", None, ["PRK", "RUS"], [], "2024-03-12", "occurred", [], "넓히기로 했다"),
    ("e-crit", "docA", "ACCUSE", None, ["CHN"], ["PRK"], "2024-03-12", "occurred", [], "비판했다"),
    ("e-flour", "docB", "AID", "humanitarian", ["RUS"], ["PRK"], "2024-05", "occurred", ["RUS"], "보냈다"),
    ("e-drill", "docC", "COOPERATE", "military", ["CHN", "RUS"], [], "2024-08", "occurred", [], "합동 훈련"),
    ("e-condemn", "docC", "ACCUSE", None, ["CHN"], ["PRK"], "2024-08", "alleged", [], "규탄했다"),
]


def sample_events() -> list[dict[str, Any]]:
    out = []
    for eid, doc_id, type_, mode, src, tgt, date, status, attributed, trigger in _EVENTS:
        doc = DOCS[doc_id]
        start, end = _span(doc["text"], trigger)
        s_start, s_end = _sentence(doc["text"], trigger)
        out.append({
            "id": eid, "type": type_, "mode": mode, "source": src, "target": tgt,
            "source_countries": src, "target_countries": tgt, "date": date, "date_end": None,
            "status": status, "score": None, "quad": None, "n_documents": 1, "n_outlets": 1,
            "first_reported": doc["published"], "first_document": doc_id, "attributed_to": attributed,
            "mentions": [{"document_id": doc_id, "source": doc["source"], "title": doc["title"],
                          "published": doc["published"], "start": start, "end": end, "text": trigger,
                          "sentence_start": s_start, "sentence_end": s_end, "status": status,
                          "attributed_to": attributed}],
        })
    return out


QUOTES = [{"speaker": "RUS", "speaker_text": "러시아", "text": "밀가루 5만 톤을 보냈다", "start": DOC_B.index("밀가루"),
           "end": DOC_B.index("밀가루") + len("밀가루 5만 톤을 보냈다"), "document_id": "docB", "date": "2024-05-20",
           "kind": "indirect", "via": None, "cue": "밝혔다"}]


def _haystack(event: dict[str, Any]) -> str:
    parts = [event.get("type") or "", event.get("mode") or "", event.get("status") or "", event.get("date") or ""]
    for key in ("source", "target", "source_countries", "target_countries", "attributed_to"):
        parts.extend(event.get(key) or [])
    for m in event.get("mentions") or []:
        parts.extend(str(m.get(k) or "") for k in ("text", "title", "source"))
    return " ".join(parts).casefold()


class FakeStore:
    """The store's read methods over the lists above."""

    def __init__(self):
        self._events = sample_events()

    def events(self, *, actor=None, dyad=None, type=None, status=None, exclude_status=None, date_from=None,
               date_to=None, attributed_to=None, limit=None, mentions=True, filter=None, offset=0):
        if filter is not None:
            rows = [e for e in self._events if filter.matches(e)]
        else:
            rows = [e for e in self._events
                    if (actor is None or actor in e["source_countries"] + e["target_countries"] + e["source"]
                        + e["target"]) and (type is None or e["type"] == type)
                    and (status is None or e["status"] == status)]
        rows = rows[offset:]
        return rows[:limit] if limit else rows

    def event_page(self, filter, *, limit, offset=0, after=None, words=()):
        rows = [e for e in self.events(filter=filter) if all(w.casefold() in _haystack(e) for w in words)]
        start = offset
        if after is not None:
            start = next(i + 1 for i, e in enumerate(rows) if e["id"] == after[1])
        page = rows[start:start + limit]
        more = start + len(page) < len(rows)
        return {"total": len(rows), "items": page, "after": (page[-1]["date"], page[-1]["id"]) if more else None}

    def placed_events(self, filter):
        return self.events(filter=filter, mentions=False)

    def dyad_links(self, a, b, **_):
        return None   # no dyad index here: the analytics read the dyad from events()

    def quotes(self, *, speaker=None, text=None, limit=None):
        rows = [q for q in QUOTES if (speaker is None or q["speaker"] == speaker) and (not text or text in q["text"])]
        return rows[:limit] if limit else rows

    def actors(self, **_):
        return [{"id": "PRK", "name": "North Korea", "kind": "state"}, {"id": "RUS", "name": "Russia", "kind": "state"},
                {"id": "CHN", "name": "China", "kind": "state"}]

    def document(self, doc_id):
        return DOCS.get(doc_id)

    def summary(self):
        return {"documents": len(DOCS), "events": len(self._events), "quotes": len(QUOTES), "actors": 3}


@pytest.fixture
def fake_store():
    return FakeStore()


STATES = {"PRK": "North Korea", "RUS": "Russia", "CHN": "China"}


def sample_records() -> list[dict[str, Any]]:
    """The same content as sagwan/1 records, for a real store (`store.add_records`)."""
    from sagwan._version import CODER, SCHEMA

    records = []
    for doc_id, doc in DOCS.items():
        events = []
        for n, ev in enumerate(e for e in sample_events() if e["mentions"][0]["document_id"] == doc_id):
            m = ev["mentions"][0]
            events.append({
                "id": f"e{n + 1}", "type": ev["type"], "mode": ev["mode"], "source": ev["source"],
                "target": ev["target"], "date": ev["date"], "date_end": None, "location": None,
                "status": ev["status"], "attributed_to": (ev["attributed_to"] or [None])[0],
                "mentions": [{k: m[k] for k in ("start", "end", "text", "sentence_start", "sentence_end")}],
                "score": None, "quad": None,
            })
        used = sorted({a for e in events for a in e["source"] + e["target"]})
        actors = []
        for a in used:
            surface = {"PRK": "북한", "RUS": "러시아", "CHN": "중국"}[a]
            mentions = [{"start": i, "end": i + len(surface), "text": surface}
                        for i in range(len(doc["text"])) if doc["text"].startswith(surface, i)]
            actors.append({"id": a, "name": STATES[a], "kind": "state", "country": a, "role": None,
                           "affiliation": None, "wikidata": None, "names": [surface], "mentions": mentions})
        quotes = [{"id": "q1", **{k: q[k] for k in ("speaker", "speaker_text", "text", "start", "end", "kind",
                                                       "cue", "date", "via")}}
                  for q in QUOTES if q["document_id"] == doc_id]
        records.append({"schema": SCHEMA, "coder": CODER,
                        "doc": {k: doc[k] for k in ("id", "source", "title", "published", "language", "text")}
                        | {"outlet": doc["outlet"]},
                        "actors": actors, "quotes": quotes, "events": events})
    return records


@pytest.fixture
def real_store_path(tmp_path):
    """A SQLite store holding the sample records."""
    from sagwan.store import open_store

    path = tmp_path / "chronicle.db"
    with open_store(str(path)) as store:
        summary = store.add_records(sample_records())
        assert not summary.failures, summary.failures
    return path
