"""Exports (sagwan/1 records, PLOVER, csv/tsv/parquet), the codebook, and the query commands' formats."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from _store_records import sample_corpus
from click.testing import CliRunner

from sagwan.serve.cli import cli
from sagwan.store import open_store
from sagwan.store.codebook import codebook
from sagwan.store.export import export, records
from sagwan.store.schema import metadata


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.db"
    with open_store(str(path)) as s:
        s.add_records(sample_corpus())
    return str(path)


def run(*args: str) -> str:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.stdout


def documented(export_name: str) -> set[str]:
    return {c["name"] for c in codebook()["exports"][export_name]}


def test_jsonl_export_rebuilds_the_records_it_was_given(db):
    with open_store(db) as s:
        rebuilt = {r["doc"]["id"]: r for r in records(s)}
    for original in sample_corpus():
        got = rebuilt[original["doc"]["id"]]
        assert got["doc"] == original["doc"] and got["coder"] == original["coder"]
        assert got["quotes"] == original["quotes"]
        assert [{k: v for k, v in e.items() if k != "chronicle_id"} for e in got["events"]] == original["events"]
        assert all(e["chronicle_id"] for e in got["events"])
        assert sorted(got["actors"], key=lambda a: a["id"]) == sorted(original["actors"], key=lambda a: a["id"])


def test_plover_lines_carry_parties_spans_and_citations(db):
    lines = [json.loads(x) for x in run("export", "--db", db, "--format", "plover", "--all-statuses").splitlines()]
    aid = next(x for x in lines if x["event"] == "AID")
    assert aid["source"] == [{"actorText": "러시아", "code": "RUS", "actorId": "RUS"}]
    assert aid["target"] == [{"actorText": "북한", "code": "PRK", "actorId": "PRK"}]
    assert aid["publication"] == "Outlet A" and aid["reports"] == {"documents": 2, "outlets": 2}
    assert aid["textInfo"]["documentId"] == "doc-a" and "(EVT: " in aid["textInfo"]["markup"]
    assert aid["text"] in aid["textInfo"]["markup"].replace("(EVT: ", "").replace("(SRC: ", "") \
        .replace("(TAR: ", "").replace(")", "") or "(SRC: 러시아)" in aid["textInfo"]["markup"]
    assert set(aid) <= documented("plover")


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_flat_exports_have_one_row_per_event_and_documented_columns(db, fmt, delimiter):
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", fmt)), delimiter=delimiter))
    assert len(rows) == 5
    assert set(rows[0]) <= documented("events")
    aid = next(r for r in rows if r["type"] == "AID")
    assert (aid["n_documents"], aid["n_outlets"], aid["attributed_to"]) == ("2", "2", "USA")


def test_parquet_export_needs_a_file_and_has_typed_columns(db, tmp_path):
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet"])
    assert res.exit_code != 0 and "-o" in res.output
    out = tmp_path / "events.parquet"
    run("export", "--db", db, "--format", "parquet", "-o", str(out))
    table = pq.read_table(out)
    assert table.num_rows == 5 and set(table.column_names) <= documented("events")
    assert str(table.schema.field("n_documents").type) == "int64"
    assert table.column("source_actors").to_pylist()[0] == ["RUS"]


def test_every_exported_and_queried_column_is_in_the_codebook(db, tmp_path):
    with open_store(db) as s:
        for fmt in ("csv", "plover", "jsonl"):
            buf = io.StringIO()
            export(s, fmt, None, stdout=buf)
            assert buf.getvalue()
    for kind in ("events", "quotes", "actors"):
        header = run(kind, "--db", db, "--format", "csv").splitlines()[0].split(",")
        assert set(header) <= documented(kind), kind
        assert header == [c["name"] for c in codebook()["exports"][kind]]


def test_codebook_describes_every_database_column(tmp_path):
    book = json.loads(run("export", "--codebook"))
    for table in metadata.sorted_tables:
        described = {c["name"]: c for c in book["tables"][table.name]}
        assert set(described) == set(table.columns.keys())
        assert all(c["description"] and c["type"] for c in described.values()), table.name
    out = tmp_path / "codebook.json"
    run("export", "--codebook", "-o", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == book


def test_query_commands_in_every_format(db, tmp_path):
    table = run("events", "--db", db, "--dyad", "PRK-RUS")
    assert "AGREE" in table and "AID" in table and "SANCTION" not in table
    lines = run("events", "--db", db, "--type", "AID", "--format", "jsonl").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["mentions"][0]["document_id"] == "doc-a"
    tsv = run("quotes", "--db", db, "--search", "미사일", "--format", "tsv").splitlines()
    assert len(tsv) == 3 and tsv[0].startswith("document_id\tid\t")
    assert "person:test-minister" in run("actors", "--db", db, "--kind", "person", "--format", "jsonl")
    out = tmp_path / "actors.parquet"
    run("actors", "--db", db, "--format", "parquet", "-o", str(out))
    assert pq.read_table(out).num_rows == 6
    res = CliRunner().invoke(cli, ["events", "--db", db, "--dyad", "PRK"])
    assert res.exit_code == 2 and "PRK-RUS" in res.output
