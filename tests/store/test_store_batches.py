"""Records stored in batches (one transaction and one merge per batch) give the chronicle that
storing them one at a time gives; a record the database refuses costs only itself."""

from __future__ import annotations

import copy

from _store_records import random_reports
from sqlalchemy import func, select
from test_store_incremental import _chronicle, _full_remerge

from sagwan.store import open_store
from sagwan.store.schema import actor_aliases, actor_mentions, actors, documents, quotes


def _everything(s) -> tuple:
    with s.engine.connect() as conn:
        extra = tuple(sorted(tuple(r) for r in conn.execute(select(t))) for t in (actors, actor_aliases))
        counts = tuple(conn.execute(select(func.count()).select_from(t)).scalar() for t in
                       (documents, quotes, actor_mentions))
    return _chronicle(s), extra, counts


def test_batches_equal_one_at_a_time(db_url, tmp_path):
    recs = random_reports(seed=5, n=60)
    # a later record replaces an earlier one (same source, new text): the batch must split there
    again = copy.deepcopy(recs[3])
    again["doc"]["id"] = "replacement"
    again["doc"]["text"] += " 추가."
    recs.append(again)
    with open_store(db_url) as batched:
        summary = batched.add_records(recs, batch_size=25)
        assert not summary.failures and summary.documents == len(recs)
        assert _full_remerge(batched) == 0
        got = _everything(batched)
    with open_store(str(tmp_path / "one.db")) as single:
        single.add_records(recs, batch_size=1)
        assert got == _everything(single)
        # the same records again: only the two versions of one source replace each other, as before
        rerun = single.add_records(recs, batch_size=1)
    with open_store(db_url) as again_store:
        assert again_store.add_records(recs, batch_size=25).unchanged == rerun.unchanged == len(recs) - 2
        assert _everything(again_store) == got


def test_a_refused_record_fails_alone(tmp_path):
    recs = random_reports(seed=6, n=12)
    bad = copy.deepcopy(recs[5])
    bad["doc"]["id"], bad["doc"]["source"] = "bad", "bad.txt"
    bad["quotes"] = [{"id": "q1", "text": "말", "start": None, "end": None}]   # NOT NULL offsets
    recs.insert(6, bad)
    with open_store(str(tmp_path / "s.db")) as s:
        summary = s.add_records(recs, batch_size=100)
        assert [f.source for f in summary.failures] == ["bad.txt"]
        assert summary.documents == 12 and s.summary()["documents"] == 12
