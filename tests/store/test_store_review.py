"""Human review (store/review.py): an append-only layer applied over the coded chronicle, kept when
documents are stored again or re-coded, exportable and importable. Texts and names are invented."""

from __future__ import annotations

import json

import pytest
from _store_records import event, record, state
from sqlalchemy import select

from sagwan.analytics import triangle_series
from sagwan.errors import ConfigError
from sagwan.store import open_store
from sagwan.store.schema import document_events, reviews

T1 = "북한과 러시아가 회담했다. 러시아와 중국이 협력하기로 했다. 북한과 중국이 만났다."


def _records(coder: str = "sagwan-test-1") -> list[dict]:
    actors = [state("PRK", "북한", 0), state("RUS", "러시아", 4), state("CHN", "중국", 32)]
    return [record("doc-t", text=T1, coder=coder, published="2024-05-02", actors=actors, events=[
        event("e1", "CONSULT", ["PRK", "RUS"], [], "2024-05-01", sentence=(0, 13)),
        event("e2", "COOPERATE", ["RUS", "CHN"], [], "2024-05-01", sentence=(14, 32)),
        event("e3", "CONSULT", ["PRK", "CHN"], [], "2024-05-01", sentence=(33, 45))])]


def _window(s):
    tri = triangle_series(s.events(), "PRK", "RUS", "CHN", by="quarter")
    return next(w for w in tri.windows if w.period == "2024-Q2")


def _event_id(s, type_: str) -> str:
    return next(e["id"] for e in s.events() if e["type"] == type_)


def test_a_correction_survives_a_recode_and_changes_the_triangle(db_url):
    with open_store(db_url) as s:
        s.add_records(_records())
        before = _window(s)
        assert before.signs == "+++"
        target = _event_id(s, "COOPERATE")
        r = s.review("event", target, "correct", changes={"type": "ACCUSE", "source": ["RUS"], "target": ["CHN"]},
                     reason="the sentence reports a complaint", reviewer="analyst-a")
        assert r["original"]["type"] == "COOPERATE"
        after = _window(s)
        assert after.signs != before.signs and "-" in after.signs
        corrected = next(e for e in s.events() if e["id"] == target)
        assert corrected["type"] == "ACCUSE" and corrected["review"] == "corrected" and corrected["score"] < 0
        s.add_records(_records(coder="sagwan-test-2"))    # re-coded: every row of the document rewritten
        assert _window(s).signs == after.signs
        assert next(e for e in s.events() if e["id"] == target)["type"] == "ACCUSE"
        with s.engine.connect() as conn:   # the coded original is kept as the coder made it
            coded = conn.execute(select(document_events.c.type).where(document_events.c.local_id == "e2")).scalar()
        assert coded == "COOPERATE"


def test_wrong_hides_an_event_everywhere_and_restore_brings_it_back(db_url):
    with open_store(db_url) as s:
        s.add_records(_records())
        target = _event_id(s, "COOPERATE")
        s.review("event", target, "wrong", reason="not in the text", reviewer="a")
        assert target not in {e["id"] for e in s.events()}
        assert s.events(dyad=("RUS", "CHN")) == []
        assert "?" in _window(s).signs
        s.review("event", target, "restore", reason="it is there after all", reviewer="b")
        assert [e["id"] for e in s.events(dyad=("RUS", "CHN"))] == [target]
        assert [r["action"] for r in s.reviews()] == ["wrong", "restore"]


def test_reviews_export_and_import_as_json_lines(db_url, tmp_path):
    with open_store(db_url) as s:
        s.add_records(_records())
        s.review("event", _event_id(s, "CONSULT"), "correct", changes={"status": "planned"}, reason="a plan",
                 reviewer="a")
        lines = s.export_reviews()
    assert [json.loads(line)["format"] for line in lines] == ["sagwan-review/1"]
    with open_store(str(tmp_path / "other.db")) as other:
        other.add_records(_records())
        assert other.import_reviews(lines) == (1, 0)
        assert other.import_reviews(lines) == (0, 1)     # importing twice adds nothing
        assert {e["status"] for e in other.events() if e["review"] == "corrected"} == {"planned"}
        with pytest.raises(ConfigError, match="line 1"):
            other.import_reviews(['{"format": "sagwan-review/1", "target": "event"}'])
        with other.engine.connect() as conn:
            assert len(conn.execute(select(reviews)).all()) == 1


def test_bad_reviews_are_refused_with_the_valid_values(db_url):
    with open_store(db_url) as s:
        s.add_records(_records())
        target = _event_id(s, "COOPERATE")
        with pytest.raises(ConfigError, match="AGREE"):
            s.review("event", target, "correct", changes={"type": "FOO"}, reason="x")
        with pytest.raises(ConfigError, match="occurred"):
            s.review("event", target, "correct", changes={"status": "happened"}, reason="x")
        with pytest.raises(ConfigError, match="reason"):
            s.review("event", target, "wrong", reason=" ")
        with pytest.raises(ConfigError, match="unknown actor"):
            s.review("event", target, "correct", changes={"source": ["XXX"]}, reason="x")
        assert s.reviews() == []
