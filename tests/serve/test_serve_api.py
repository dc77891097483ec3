from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sagwan.serve.api import create_app


@pytest.fixture
def client(fake_store):
    return TestClient(create_app(fake_store), base_url="http://127.0.0.1")


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for route in ("/api/events", "/api/quotes", "/api/actors", "/api/documents/{doc_id}", "/api/dyad",
                  "/api/triangle", "/api/network", "/api/summary", "/api/timeline"):
        assert route in paths
        assert list(paths[route]) == ["get"]


def test_search_events_by_word_and_by_id(client):
    found = client.get("/api/events", params={"q": "방문해"}).json()["items"]
    assert [e["id"] for e in found] == ["e-visit"]
    # a missing score is filled from the type table and says so
    assert found[0]["score"] == 4.0 and found[0]["score_from"] == "table" and found[0]["quad"] == "verbal-cooperation"
    assert found[0]["mentions"][0]["sentence_start"] == 0
    both = client.get("/api/events", params={"id": "e-flour,e-drill"}).json()["items"]
    assert sorted(e["id"] for e in both) == ["e-drill", "e-flour"]
    found = client.get("/api/events", params={"q": "CHN PRK ACCUSE", "all_statuses": "true"}).json()
    assert [e["id"] for e in found["items"]] == ["e-crit", "e-condemn"] and found["total"] == 2
    # the default is the CLI's: the alleged condemnation is left out unless asked for
    assert [e["id"] for e in client.get("/api/events", params={"q": "CHN PRK ACCUSE"}).json()["items"]] == ["e-crit"]


def test_document_text_is_returned_verbatim_and_missing_is_404(client):
    doc = client.get("/api/documents/docB").json()
    assert "<script>window.__pwned = 1</script>" in doc["text"]
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["detail"]


def test_dyad_triangle_network_timeline(client):
    dyad = client.get("/api/dyad", params={"a": "PRK", "b": "RUS", "by": "quarter"}).json()
    assert dyad["periods"] == ["2024-Q1", "2024-Q2"]
    both = [r for r in dyad["rows"] if r["direction"] == "both"]
    assert [r["n_events"] for r in both] == [2, 1]
    tri = client.get("/api/triangle", params={"a": "PRK", "b": "RUS", "c": "CHN"}).json()
    # a year's memory: Q2 still knows Q1's ties; China–Russia is silent until Q3, so Q1–Q2 are provisional
    assert [(w["period"], w["type"], w["provisional"]) for w in tri["windows"]] == [
        ("2024-Q1", "marriage", True), ("2024-Q2", "marriage", True), ("2024-Q3", "romantic", False)]
    alone = client.get("/api/triangle", params={"a": "PRK", "b": "RUS", "c": "CHN", "memory": 1}).json()
    assert [w["type"] for w in alone["windows"]] == ["marriage", "incomplete", "incomplete"]
    assert client.get("/api/triangle", params={"a": "PRK", "b": "RUS", "c": "CHN", "memory": 0}).status_code == 422
    year = client.get("/api/triangle", params={"a": "PRK", "b": "RUS", "c": "CHN", "min_events": 1,
                                               "by": "year"}).json()
    assert year["windows"][0]["type"] == "romantic" and year["windows"][0]["signs"] == "+-+"
    assert year["windows"][0]["roles"] == {"PRK": "wing", "RUS": "pivot", "CHN": "wing"}
    net = client.get("/api/network").json()
    assert {(e["source"], e["target"]) for e in net["edges"]} >= {("PRK", "RUS"), ("RUS", "PRK"), ("CHN", "PRK")}
    # the alleged condemnation is left out by default, kept when no status is excluded
    assert client.get("/api/timeline").json()["counts"]["verbal-conflict"] == [1, 0, 0, 0, 0, 0]
    assert client.get("/api/timeline", params={"exclude_status": ""}).json()["counts"]["verbal-conflict"][-1] == 1


def test_quotes_actors_summary(client):
    assert client.get("/api/quotes", params={"q": "밀가루"}).json()[0]["speaker"] == "RUS"
    assert {a["id"] for a in client.get("/api/actors").json()} == {"PRK", "RUS", "CHN"}
    assert client.get("/api/summary").json()["events"] == 6


def test_bad_arguments_are_422_with_a_message(client):
    res = client.get("/api/dyad", params={"a": "PRK", "b": "RUS", "by": "week"})
    assert res.status_code == 422 and "quarter" in res.json()["detail"]
    res = client.get("/api/triangle", params={"a": "PRK", "b": "PRK", "c": "CHN"})
    assert res.status_code == 422 and "three different" in res.json()["detail"]
    res = client.get("/api/dyad", params={"a": "PRK", "b": "RUS", "exclude_status": "rumoured"})
    assert res.status_code == 422 and "occurred" in res.json()["detail"]


def test_read_only(client):
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/documents/docA").status_code == 405


def test_dashboard_page_and_vendored_assets(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert 'src="/static/vendor/echarts-5.6.0.min.js"' in page.text
    assert "http://" not in page.text.replace("http://{host}", "") and "https://" not in page.text
    js = client.get("/static/vendor/echarts-5.6.0.min.js")
    assert js.status_code == 200 and len(js.content) > 500_000
