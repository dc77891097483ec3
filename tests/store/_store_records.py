"""Hand-made sagwan/1 records for the store tests (invented names and sentences)."""

from __future__ import annotations

import random

STATES = {
    "KOR": ("South Korea", "한국"), "PRK": ("North Korea", "북한"), "RUS": ("Russia", "러시아"),
    "USA": ("United States", "미국"), "JPN": ("Japan", "일본"), "CHN": ("China", "중국"),
}


def state(code: str, text: str, start: int) -> dict:
    name, _ko = STATES[code]
    return {"id": code, "name": name, "kind": "state", "country": code, "role": None, "affiliation": None,
            "wikidata": None, "names": [text], "mentions": [{"start": start, "end": start + len(text), "text": text}]}


def event(local_id: str, type_: str, source: list[str], target: list[str], date: str | None, *,
          status: str = "occurred", attributed_to: str | None = None, mode: str | None = None,
          span: tuple[int, int] = (0, 2), text: str = "", sentence: tuple[int, int] = (0, 10)) -> dict:
    return {"id": local_id, "type": type_, "mode": mode, "source": source, "target": target, "date": date,
            "date_end": None, "location": None, "status": status, "attributed_to": attributed_to,
            "mentions": [{"start": span[0], "end": span[1], "text": text or "사건",
                          "sentence_start": sentence[0], "sentence_end": sentence[1]}],
            "score": None, "quad": None}


def record(doc_id: str, *, text: str, events: list[dict] = (), actors: list[dict] = (), quotes: list[dict] = (),
           published: str | None = "2024-03-15", outlet: str | None = None, source: str | None = None,
           url: str | None = None, coder: str = "sagwan-test-1") -> dict:
    doc = {"id": doc_id, "source": source or f"{doc_id}.txt", "title": f"title {doc_id}", "published": published,
           "language": "ko", "text": text}
    if outlet:
        doc["outlet"] = outlet
    if url:
        doc["url"] = url
    for ev in events:   # a default sentence never reaches past a short test text
        for m in ev["mentions"]:
            m["sentence_end"] = min(m["sentence_end"], len(text))
    return {"schema": "sagwan/1", "coder": coder, "doc": doc, "actors": list(actors), "quotes": list(quotes),
            "events": list(events)}


MEETING_TEXT = "한국과 일본 외교장관이 도쿄에서 회담했다."


def meeting_report(doc_id: str, outlet: str, date: str, published: str) -> dict:
    """A document reporting a Korea-Japan meeting (invented)."""
    return record(doc_id, text=MEETING_TEXT, outlet=outlet, published=published,
                  actors=[state("KOR", "한국", 0), state("JPN", "일본", 3)],
                  events=[event("e1", "CONSULT", ["KOR"], ["JPN"], date, span=(18, 21), text="회담했",
                                sentence=(0, len(MEETING_TEXT)))])


def sample_corpus() -> list[dict]:
    """A small invented chronicle used by the query tests on both backends."""
    t1 = "러시아는 북한에 전투기 부품을 보냈다고 미국이 밝혔다. 북한 외무상은 \"미사일을 발사할 것\"이라고 말했다."
    t2 = "북한은 러시아와 군사 협력을 강화하기로 합의했다. 중국은 이를 비난했다."
    t3 = "미국은 북한에 대한 제재를 발표했다. 일본 총리는 미사일 시험을 규탄했다."
    person = {"id": "person:test-minister", "name": "Test Minister", "kind": "person", "country": "PRK",
              "role": "foreign minister", "affiliation": "PRK", "wikidata": None, "names": ["외무상"],
              "mentions": [{"start": 32, "end": 35, "text": "외무상"}]}
    return [
        record("doc-a", text=t1, outlet="Outlet A", published="2024-03-10",
               actors=[state("RUS", "러시아", 0), state("PRK", "북한", 5), state("USA", "미국", 22), person],
               quotes=[{"id": "q1", "speaker": "person:test-minister", "speaker_text": "외무상",
                        "text": "미사일을 발사할 것", "start": 38, "end": 48, "kind": "direct", "cue": "말했다",
                        "date": "2024-03-10", "via": None}],
               events=[event("e1", "AID", ["RUS"], ["PRK"], "2024-03", status="alleged", attributed_to="USA",
                             mode="military", span=(17, 20), text="보냈다", sentence=(0, 29)),
                       event("e2", "THREATEN", ["person:test-minister"], [], None, status="intended",
                             span=(52, 55), text="말했다", sentence=(30, 56))]),
        record("doc-b", text=t2, outlet="Outlet B", published="2024-03-12",
               actors=[state("PRK", "북한", 0), state("RUS", "러시아", 4), state("CHN", "중국", 28)],
               events=[event("e1", "AGREE", ["PRK", "RUS"], [], "2024-03-11", span=(21, 25), text="합의했다",
                             sentence=(0, 27)),
                       event("e2", "ACCUSE", ["CHN"], ["PRK", "RUS"], "2024-03-11", span=(35, 39), text="비난했다",
                             sentence=(28, 40))]),
        record("doc-c", text=t3, outlet="Outlet C", published="2024-03-14", url="https://news.example.org/c",
               actors=[state("USA", "미국", 0), state("PRK", "북한", 4), state("JPN", "일본", 21)],
               quotes=[{"id": "q1", "speaker": "JPN", "speaker_text": "일본 총리", "text": "미사일 시험을 규탄",
                        "start": 27, "end": 36, "kind": "indirect", "cue": "규탄했다", "date": None, "via": None}],
               events=[event("e1", "SANCTION", ["USA"], ["PRK"], "2024-03-13", span=(15, 20), text="제재를",
                             sentence=(0, 20)),
                       event("e2", "AID", ["RUS"], ["PRK"], "2024-03-09", status="occurred", mode="military",
                             span=(0, 2), text="부품", sentence=(0, 20))]),
    ]


DYADS = [("KOR", "JPN"), ("PRK", "RUS"), ("RUS", "PRK"), ("CHN", "USA")]
TYPES = ["CONSULT", "ACCUSE", "AGREE"]


def report_date(rng: random.Random) -> str | None:
    """A date in spring 2024: mostly a day, else a month, sometimes the year, now and then none."""
    day = rng.randrange(1, 29)
    month = rng.choice([4, 5, 5, 6])
    r = rng.random()
    if r < 0.6:
        return f"2024-{month:02d}-{day:02d}"
    if r < 0.85:
        return f"2024-{month:02d}"
    if r < 0.95:
        return "2024"
    return None


def random_reports(seed: int, n: int = 40) -> list[dict]:
    """Invented reports of a few dyads with days, months and years that chain into each other."""
    rng = random.Random(seed)
    recs = []
    for i in range(n):
        evs = []
        for j in range(rng.randrange(1, 4)):
            src, tgt = rng.choice(DYADS)
            evs.append(event(f"e{j + 1}", rng.choice(TYPES), [src], [tgt], report_date(rng),
                             status=rng.choice(["occurred", "occurred", "planned"])))
        codes = sorted({c for e in evs for c in e["source"] + e["target"]})
        recs.append(record(f"d{i:02d}", text="가" * 10, outlet=f"Outlet {i % 5}", published=f"2024-06-{i % 28 + 1:02d}",
                           actors=[state(c, c, 0) for c in codes], events=evs))
    return recs
