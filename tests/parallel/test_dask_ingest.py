"""Batch ingest on Dask gives the same chronicle as one process; record shards round-trip through `--out`.

These start real Dask worker processes, each loading Kiwi (about 2 s and 500 MB): slow-ish, but in
the normal suite.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from _docs import DOCS  # noqa: E402

from sagwan.parallel import ingest_paths  # noqa: E402
from sagwan.serve.cli import cli  # noqa: E402
from sagwan.store import open_store  # noqa: E402

pytestmark = pytest.mark.slow

# An HTML page with no article text: reading succeeds, cleaning fails on the worker.
NO_TEXT_HTML = "<!doctype html><html><head><title>메뉴</title></head><body><nav>홈</nav></body></html>"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "menu.html").write_text(NO_TEXT_HTML, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as c:
        yield c


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory) -> dict:
    """The chronicle of a plain single-process ingest (the reference)."""
    db = tmp_path_factory.mktemp("single") / "one.db"
    with open_store(str(db)) as store:
        summary = store.ingest([str(corpus)])
        return {"summary": summary, **chronicle(store)}


def chronicle(store) -> dict:
    events = sorted((e["type"], tuple(e["source_countries"]), tuple(e["target_countries"]), e["date"] or "",
                     e["status"], e["n_documents"]) for e in store.events())
    quotes = sorted((q["source"], q["start"], q["end"], q["text"], q["speaker"] or "") for q in store.quotes())
    counts = store.summary()
    return {"counts": {k: counts[k] for k in ("documents", "actors", "quotes", "events", "document_events",
                                              "event_mentions", "failures", "by_type", "by_status")},
            "events": events, "quotes": quotes}


def test_reference_run_has_a_chronicle(single):
    # guards the comparisons below against comparing two empty stores
    assert single["counts"]["documents"] == len(DOCS)
    assert single["events"] and single["quotes"]
    assert {f.source.rsplit("/", 1)[-1] for f in single["summary"].failures} == {"empty.txt", "menu.html"}


def test_workers_2_gives_the_same_chronicle(corpus, single, tmp_path):
    db = tmp_path / "dask.db"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--workers", "2"])
    assert result.exit_code == 1, result.output  # the two bad documents fail; the run goes on
    assert "2 failure(s)" in result.output
    with open_store(str(db)) as store:
        got = chronicle(store)
    assert got == {k: single[k] for k in ("counts", "events", "quotes")}


def test_rerun_on_a_cluster_skips_stored_documents(corpus, cluster, tmp_path):
    db = str(tmp_path / "again.db")
    first = ingest_paths([corpus], db_url=db, scheduler=cluster.scheduler_address, partition_size=3)
    again = ingest_paths([corpus], db_url=db, scheduler=cluster.scheduler_address, partition_size=3)
    assert first.documents == len(DOCS)
    assert (again.documents, again.unchanged) == (0, len(DOCS))


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_out_shards_load_into_the_same_chronicle(corpus, cluster, single, tmp_path, fmt):
    shards = tmp_path / "shards"
    seen: list[tuple[int, int]] = []
    written = ingest_paths([corpus], out=shards, out_format=fmt, scheduler=cluster.scheduler_address,
                           partition_size=3, progress=lambda done, total: seen.append((done, total)))
    assert written.documents == len(DOCS)
    assert len(list(shards.glob(f"part-*.{fmt}"))) == 3  # 8 documents in partitions of 3
    # progress counts the documents read (all but the empty file), partition by partition, up to all of them
    n_read = len(DOCS) + 1
    assert seen[0] == (0, n_read) and seen[-1] == (n_read, n_read)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen) and len(seen) == 1 + 3
    assert (shards / "failures.jsonl").exists()
    db = str(tmp_path / "from-shards.db")
    loaded = ingest_paths([shards], db_url=db)
    assert loaded.documents == len(DOCS)
    assert {f.source.rsplit("/", 1)[-1] for f in loaded.failures} == {"empty.txt", "menu.html"}
    with open_store(db) as store:
        assert chronicle(store) == {k: single[k] for k in ("counts", "events", "quotes")}


def test_writing_shards_never_loads_kiwi_in_the_client(corpus, cluster, tmp_path):
    """Only workers build Kiwi (about 2 s and 500 MB); the client reads, cuts and writes."""
    code = ("import sys; from sagwan.parallel import ingest_paths; "
            f"s = ingest_paths([{str(corpus)!r}], out={str(tmp_path / 'shards')!r}, "
            f"scheduler={cluster.scheduler_address!r}); "
            "print(s.documents, 'kiwipiepy' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(len(DOCS)), "False"]


def test_storing_from_workers_never_loads_kiwi_in_the_client(corpus, cluster, single, tmp_path):
    """Workers also segment the quotes for search, so the one writer only writes; the quotes it
    stores are found by a search as after a single-process ingest."""
    db = tmp_path / "from-workers.db"
    code = ("import sys; from sagwan.parallel import ingest_paths; "
            f"s = ingest_paths([{str(corpus)!r}], db_url={str(db)!r}, scheduler={cluster.scheduler_address!r}); "
            "print(s.documents, 'kiwipiepy' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == [str(len(DOCS)), "False"]
    with open_store(str(db)) as store:
        assert chronicle(store) == {k: single[k] for k in ("counts", "events", "quotes")}
        quote = store.quotes()[0]
        assert quote["text"] in [q["text"] for q in store.quotes(text=quote["text"])]


def test_shard_records_are_stored_as_they_are_not_extracted(tmp_path, monkeypatch):
    """A sagwan/1 line is stored verbatim: its events stand even though its text would give none."""
    record = {"schema": "sagwan/1", "coder": "test-coder",
              "doc": {"id": "d1", "source": "wire/1", "title": None, "published": "2024-02-01", "language": "ko",
                      "text": "가나다라."},
              "actors": [], "quotes": [],
              "events": [{"id": "e1", "type": "CONSULT", "source": ["PRK"], "target": ["RUS"], "date": "2024-01-31",
                          "status": "occurred", "mentions": [{"start": 0, "end": 3, "text": "가나다",
                                                              "sentence_start": 0, "sentence_end": 5}]}]}
    shard = tmp_path / "records.jsonl"
    shard.write_text(json.dumps(record, ensure_ascii=False) + "\n" + "{\"schema\": \"sagwan/0\"}\n", encoding="utf-8")

    def no_extraction(*_a, **_k):
        raise AssertionError("a record must not be extracted again")

    monkeypatch.setattr(importlib.import_module("sagwan.extract.pipeline"), "extract_document", no_extraction)
    db = str(tmp_path / "s.db")
    summary = ingest_paths([shard], db_url=db)
    assert (summary.documents, summary.events) == (1, 1)
    assert [f.source for f in summary.failures] == [f"{shard}#L2"]
    with open_store(db) as store:
        [event] = store.events(dyad=("PRK", "RUS"))
        assert (event["type"], event["date"], event["coder"]) == ("CONSULT", "2024-01-31", "test-coder")
        assert store.summary()["failures"] == 1


def test_out_refuses_a_folder_that_already_holds_shards(tmp_path):
    (tmp_path / "part-00000.jsonl").write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "part-00000.jsonl"), "--out", str(tmp_path)])
    assert result.exit_code != 0
    assert "already holds shards" in str(result.exception or result.output)


def test_workers_and_scheduler_together_are_refused(corpus, tmp_path):
    from sagwan.errors import ConfigError

    with pytest.raises(ConfigError, match="not both"):
        ingest_paths([corpus], db_url=str(tmp_path / "x.db"), workers=2, scheduler="tcp://127.0.0.1:1")
