"""Export samples validate against the shapes they claim: PLOVER records, ACLED- and GDELT-style
tables, CSV for Excel, the Frictionless data package, node-link JSON and GEXF."""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
import pytest
from _store_records import event, record, sample_corpus, state
from click.testing import CliRunner

from sagwan.model import PLOVER_TYPES
from sagwan.serve.cli import cli
from sagwan.store import open_store
from sagwan.store.codebook import codebook, datapackage

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.fixture
def db(tmp_path):
    text = "가상국 외교관이 일본을 방문했다."
    extra = record("doc-url", text=text, published="2024-07-02", outlet="Test Wire",
                   url="https://example.org/news/1", source="/home/someone/news/1.html",
                   actors=[state("KOR", "가상국", 0), state("JPN", "일본", 8)],
                   events=[event("e1", "CONSULT", ["KOR"], ["JPN"], "2024-07", span=(12, 16), text="방문했다",
                                 sentence=(0, len(text))),
                           event("e2", "AGREE", ["KOR"], ["JPN"], None, span=(12, 16), text="방문했다",
                                 sentence=(0, len(text)))])
    path = tmp_path / "x.db"
    with open_store(str(path)) as s:
        s.add_records([*sample_corpus(), extra])
    return str(path)


def run(*args, ok: bool = True):
    res = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert res.exit_code == 0, res.output
    return res


def test_plover_records_have_plovers_fields_and_full_dates(db):
    lines = run("export", "--db", db, "--format", "plover", "--all-statuses").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records
    for r in records:
        assert r["event"] in PLOVER_TYPES and DAY.match(r["date"])
        assert r["datePrecision"] in ("year", "month", "day") and r["dateFrom"] in ("text", "report")
        assert "enddate" not in r or (DAY.match(r["enddate"]) and r["enddate"] >= r["date"])
        for side in ("source", "target"):
            for entity in r.get(side, []):
                assert set(entity) >= {"actorText", "code"} and entity["actorText"] and entity["code"]
        assert r["text"] and r["textInfo"]["markup"].count("(EVT: ") == 1
        assert not any(v in (None, [], "") for v in r.values())          # nulls are left out, as PLOVER does
    month = next(r for r in records if r["event"] == "CONSULT" and "https://example.org/news/1" in r.get("url", ""))
    assert (month["date"], month["enddate"], month["datePrecision"]) == ("2024-07-01", "2024-07-31", "month")
    undated = next(r for r in records if r["event"] == "AGREE" and "https://example.org/news/1" in r.get("url", ""))
    assert (undated["date"], undated["dateFrom"]) == ("2024-07-02", "report")


def test_acled_style_table(db):
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "acled", "--all-statuses").stdout)))
    consult = next(r for r in rows if "https://example.org/news/1" in r["source_url"])
    assert consult["event_date"] == "2024-07-01" and consult["time_precision"] == "3"
    assert consult["actor1"] and consult["actor1_iso3"] == "KOR" and consult["actor2_iso3"] == "JPN"
    assert consult["notes"] == "가상국 외교관이 일본을 방문했다." and consult["source"] == "Test Wire"
    assert consult["source_url"] == "https://example.org/news/1"
    assert {r["time_precision"] for r in rows if r["date_precision"] == "day"} == {"1"}


def test_gdelt_style_table(db):
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "gdelt", "--all-statuses").stdout)))
    consult = next(r for r in rows if "https://example.org/news/1" in r["SOURCEURL"])
    assert (consult["SQLDATE"], consult["DateEnd"], consult["DatePrecision"]) == ("20240701", "20240731", "month")
    assert consult["Actor1CountryCode"] == "KOR" and consult["QuadClass"] == "1" and consult["EventType"] == "CONSULT"
    assert all(re.match(r"^\d{8}$", r["SQLDATE"]) for r in rows)


def test_csv_for_excel_has_a_bom_a_precision_a_sentence_and_no_local_path(db, tmp_path):
    out = tmp_path / "events.csv"
    run("export", "--db", db, "--format", "csv", "--bom", "--all-statuses", "-o", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    consult = next(r for r in rows if "https://example.org/news/1" in r["first_url"])
    assert consult["date_precision"] == "month" and consult["sentence"] == "가상국 외교관이 일본을 방문했다."
    assert "/home/someone" not in raw.decode("utf-8-sig") and ".txt" not in raw.decode("utf-8-sig")
    assert not run("export", "--db", db, "--format", "csv").stdout.startswith("\ufeff")


def test_the_data_package_describes_the_csv_and_its_values_validate(db, tmp_path):
    package = json.loads(run("export", "--datapackage").stdout)
    assert package == datapackage()
    resource = package["resources"][0]
    fields = resource["schema"]["fields"]
    assert [f["name"] for f in fields] == [c["name"] for c in codebook()["exports"]["events"]]
    assert all(f["type"] in ("string", "integer", "number") and f["description"] for f in fields)
    enums = {f["name"]: f["constraints"]["enum"] for f in fields if "enum" in f.get("constraints", {})}
    assert {"type", "status", "quad", "date_precision", "placed_from"} <= set(enums)
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "csv", "--all-statuses").stdout)))
    for row in rows:
        for f in fields:
            value = row[f["name"]]
            if value == "":
                assert not f.get("constraints", {}).get("required"), f["name"]
                continue
            if f["name"] in enums:
                assert value in enums[f["name"]], (f["name"], value)
            if f["type"] == "integer":
                int(value)
            if f["type"] == "number":
                float(value)
    assert len({r["event_id"] for r in rows}) == len(rows)          # the primary key holds


def test_node_link_json_is_directed_and_gexf_is_gexf(db, tmp_path):
    data = json.loads(run("network", "--db", db, "--all-statuses").stdout)
    assert data["directed"] is True and data["multigraph"] is False
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_directed() and graph.number_of_edges() == len(data["edges"]) > 0
    out = tmp_path / "net.gexf"
    run("network", "--db", db, "--all-statuses", "-o", out)
    assert nx.read_gexf(out).number_of_edges() == len(data["edges"])
    graphml = tmp_path / "net.xml"
    bad = run("network", "--db", db, "-o", graphml, ok=False)
    assert bad.exit_code == 2 and "--format" in bad.output and not graphml.exists()
    run("network", "--db", db, "--format", "graphml", "-o", graphml)
    assert nx.read_graphml(graphml).number_of_edges() == len(data["edges"])
