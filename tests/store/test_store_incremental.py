"""The merge re-merges only what a document can touch; the result must equal merging everything again.

Many invented reports of a few dyads, with days, months and years that chain into each other, are
added in batches, some documents are replaced, and the chronicle is then checked against (a) a full
re-merge of every stored report, which must find nothing to change, and (b) a store that received the
final documents in the opposite order.
"""

from __future__ import annotations

import random

from _store_records import event, random_reports, record, report_date, state
from sqlalchemy import select

from sagwan.store import open_store
from sagwan.store.engine import begin_write
from sagwan.store.merge import Touched, remerge, stored_interval
from sagwan.store.schema import document_events, event_actors, event_pairs, events


def _chronicle(s) -> tuple:
    with s.engine.connect() as conn:
        rows = sorted(tuple(r) for r in conn.execute(select(events).order_by(events.c.id)))
        parties = sorted(tuple(r) for r in conn.execute(select(event_actors)))
        pairs = sorted(tuple(r) for r in conn.execute(select(event_pairs)))
        links = sorted(tuple(r) for r in conn.execute(select(document_events.c.document_id, document_events.c.local_id,
                                                             document_events.c.event_id)))
    return rows, parties, pairs, links


def _full_remerge(s) -> int:
    de = document_events
    with begin_write(s.engine) as conn:
        everything = [Touched(r.merge_key, stored_interval(r.date_lo, r.date_hi), r.document_id, r.local_id)
                      for r in conn.execute(select(de.c.merge_key, de.c.date_lo, de.c.date_hi, de.c.document_id,
                                                   de.c.local_id))]
        return remerge(conn, everything, "sagwan-test-1")


def test_adding_in_batches_and_replacing_equals_a_full_remerge(db_url, tmp_path):
    recs = random_reports(seed=3)
    rng = random.Random(5)
    replaced = [dict(r, doc=dict(r["doc"], id=r["doc"]["id"] + "-v2")) for r in rng.sample(recs, 8)]
    for r in replaced:   # a new version at the same source, with other dates
        r["events"] = [dict(e, date=report_date(rng)) for e in r["events"]]
    with open_store(db_url) as s:
        for i in range(0, len(recs), 7):
            s.add_records(recs[i:i + 7])
        s.add_records(replaced)
        incremental = _chronicle(s)
        n_documents = list(events.c.keys()).index("n_documents")
        assert len(incremental[0]) > 20 and any(r[n_documents] > 1 for r in incremental[0])   # some did merge
        assert _full_remerge(s) == 0
        assert _chronicle(s) == incremental
    final = {r["doc"]["source"]: r for r in recs + replaced}
    with open_store(str(tmp_path / "reverse.db")) as other:
        other.add_records(reversed(list(final.values())))
        assert _chronicle(other) == incremental


def test_a_full_remerge_rewrites_what_an_edit_behind_its_back_broke(tmp_path):
    with open_store(str(tmp_path / "c.db")) as s:
        s.add_records(random_reports(seed=8, n=10))
        before = _chronicle(s)
        with begin_write(s.engine) as conn:
            conn.execute(events.update().values(n_documents=99))
        assert _full_remerge(s) == len(before[0])
        assert _chronicle(s) == before


def test_event_pairs_name_both_countries_and_officials(tmp_path):
    official = {"id": "person:test-envoy", "name": "Test Envoy", "kind": "person", "country": "PRK", "role": "envoy",
                "affiliation": "PRK", "wikidata": None, "names": ["특사"],
                "mentions": [{"start": 0, "end": 2, "text": "특사"}]}
    rec = record("p1", text="특사는 러시아를 방문했다.", actors=[official, state("RUS", "러시아", 4)],
                 events=[event("e1", "CONSULT", ["person:test-envoy"], ["RUS"], "2024-05-02"),
                         event("e2", "AGREE", ["PRK", "RUS"], [], "2024-05-03"),
                         event("e3", "ACCUSE", ["RUS"], ["PRK"], "2024-05-04")])
    with open_store(str(tmp_path / "p.db")) as s:
        s.add_records([rec])
        with s.engine.connect() as conn:
            got = {(r.a, r.b, r.a_acts, r.b_acts, r.joint) for r in conn.execute(
                select(event_pairs, events.c.type).join(events, events.c.id == event_pairs.c.event_id))}
    assert got == {
        ("PRK", "RUS", True, False, False), ("RUS", "person:test-envoy", False, True, False),   # the visit
        ("PRK", "RUS", False, False, True),                                                      # the agreement
        ("PRK", "RUS", False, True, False),                                                      # the accusation
    }


def test_upgrading_an_older_store_fills_the_new_columns(db_url):
    from alembic import command

    from sagwan.store.engine import alembic_config

    with open_store(db_url) as s:
        s.add_records(random_reports(seed=4, n=12))
        before = _chronicle(s)
        with begin_write(s.engine) as conn:
            command.downgrade(alembic_config(conn), "0002")
    with open_store(db_url) as s:   # opening migrates back up, filling date_lo/date_hi and event_pairs
        assert _chronicle(s) == before
        assert _full_remerge(s) == 0
