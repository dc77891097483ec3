"""Record shards and input splitting, without a cluster (fast)."""

from __future__ import annotations

import json

import pytest

from sagwan.errors import ConfigError
from sagwan.model import Failure
from sagwan.parallel import ShardWriter, read_shard, shard_kind, split_inputs
from sagwan.parallel.batch import DEFAULT_PARTITION_SIZE, partition_sizes
from sagwan.parallel.records import encode_records


def _record(i: int) -> dict:
    return {"schema": "sagwan/1", "coder": "t", "actors": [], "quotes": [], "events": [],
            "doc": {"id": f"d{i}", "source": f"s{i}", "title": None, "published": None, "language": "ko",
                    "text": "본문."}}


def test_a_jsonl_of_records_is_a_shard_and_a_jsonl_of_documents_is_not(tmp_path):
    shard = tmp_path / "records.jsonl"
    shard.write_text("\n" + json.dumps(_record(1)) + "\n", encoding="utf-8")
    docs = tmp_path / "wire.jsonl"
    docs.write_text(json.dumps({"text": "북한은 발표했다.", "schema_note": "x"}) + "\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("{\"schema\": \"sagwan/1\"}", encoding="utf-8")
    assert shard_kind(shard) == "jsonl"
    assert shard_kind(docs) is None
    assert shard_kind(tmp_path / "note.txt") is None  # only .jsonl/.ndjson/.parquet are shards
    inputs = split_inputs([tmp_path, tmp_path / "missing-*.txt"])
    assert inputs.shards == [(str(shard), "jsonl")]
    assert sorted(inputs.documents) == sorted([str(tmp_path / "note.txt"), str(docs)])
    assert [f.reason for f in inputs.failures] == ["no file matches this pattern"]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_shards_round_trip_records_and_failures(tmp_path, fmt):
    writer = ShardWriter(tmp_path / "out", fmt)
    writer.write(0, [_record(1), Failure("bad.txt", "empty"), _record(2)])
    writer.write(1, [Failure("worse.txt", "binary")])   # no records: no shard
    writer.write(2, [_record(3)])
    failures = writer.close()
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(["failures.jsonl", f"part-00000.{fmt}", f"part-00002.{fmt}"])
    assert [f.source for f in failures] == ["bad.txt", "worse.txt"]
    back = [r for p in writer.files for r in read_shard(p, shard_kind(p))]
    assert [r["doc"]["id"] for r in back] == ["d1", "d2", "d3"]
    assert list(read_shard(tmp_path / "out" / "failures.jsonl", "jsonl")) == failures


def test_records_encoded_on_a_worker_make_the_same_shard_as_the_records(tmp_path):
    rec = _record(1) | {"events": [{"id": "e1"}, {"id": "e2"}], "quotes": [{"text": "“말”"}]}
    results = [rec, Failure("bad.txt", "empty"), _record(2)]
    plain, encoded = ShardWriter(tmp_path / "plain"), ShardWriter(tmp_path / "encoded")
    plain.write(0, results)
    batch = encode_records(results)
    assert len(batch) == 3  # documents, as with the list it stands for
    encoded.write(0, batch)
    shard = tmp_path / "encoded" / "part-00000.jsonl"
    assert shard.read_bytes() == (tmp_path / "plain" / "part-00000.jsonl").read_bytes()
    assert "“말”" in shard.read_text(encoding="utf-8")  # not \u escapes
    assert (encoded.n_records, encoded.n_events, encoded.n_quotes) == (plain.n_records, plain.n_events,
                                                                     plain.n_quotes) == (2, 2, 1)
    assert encoded.close() == plain.close() == [Failure("bad.txt", "empty")]
    encoded.write(1, encode_records([Failure("worse.txt", "binary")]))  # failures only: no shard
    assert [p.name for p in encoded.files] == ["part-00000.jsonl"]
    with pytest.raises(ValueError, match="Parquet"):
        ShardWriter(tmp_path / "pq", "parquet").write(0, batch)


def test_a_line_that_is_not_a_record_is_a_failure_naming_the_line(tmp_path):
    shard = tmp_path / "r.jsonl"
    shard.write_text(json.dumps(_record(1)) + "\n{broken\n" + json.dumps({"text": "x"}) + "\n", encoding="utf-8")
    out = list(read_shard(shard, "jsonl"))
    assert out[0]["doc"]["id"] == "d1"
    assert [(f.source, f.reason.split(" (")[0]) for f in out[1:]] == [
        (f"{shard}#L2", "not valid JSON"), (f"{shard}#L3", "not a sagwan/1 record")]


def test_writer_refuses_a_file_or_a_folder_with_shards(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        ShardWriter(tmp_path / "f")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "part-00000.jsonl").write_text("{}\n")
    with pytest.raises(ConfigError, match="already holds shards"):
        ShardWriter(tmp_path / "d")
    with pytest.raises(ConfigError, match="shard format"):
        ShardWriter(tmp_path / "e", "csv")


def test_partitions_cover_the_documents_in_order_and_shrink_toward_the_end():
    sizes = partition_sizes(400, 2)
    assert sum(sizes) == 400
    assert sizes[0] == DEFAULT_PARTITION_SIZE
    assert sizes == sorted(sizes, reverse=True)   # never grow again
    assert sizes[-3:] == [1, 1, 1]                # the last ones are single documents: no worker waits long
    assert max(partition_sizes(100_000, 2)) == DEFAULT_PARTITION_SIZE
    assert partition_sizes(8, 2) == [1] * 8       # a tiny corpus is spread over both workers
    assert partition_sizes(0, 0) == []


def test_a_given_partition_size_is_kept():
    assert partition_sizes(8, 2, 3) == [3, 3, 2]
    assert partition_sizes(5, 4, 16) == [5]


def test_out_and_a_database_together_are_refused(tmp_path):
    from sagwan.parallel import ingest_paths

    with pytest.raises(ConfigError, match="not both"):
        ingest_paths([tmp_path], db_url=str(tmp_path / "x.db"), out=tmp_path / "shards")
    assert not (tmp_path / "shards").exists() and not (tmp_path / "x.db").exists()
