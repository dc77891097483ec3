"""A server that cannot be stalled: bounded parameters, unknown ones refused, paging with totals, the
Host allow-list, HEAD, the time limit, one Kiwi per process, SIGTERM, the docs page."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sagwan.serve.api import create_app
from sagwan.serve.api.guards import allowed_hosts

LOCAL = "http://127.0.0.1"


@pytest.fixture
def client(fake_store):
    return TestClient(create_app(fake_store), base_url=LOCAL)


@pytest.fixture
def real(real_store_path):
    from sagwan.store import open_store

    store = open_store(str(real_store_path))
    yield TestClient(create_app(store), base_url=LOCAL)
    store.close()


# -- parameters ------------------------------------------------------------------------------------------

def test_huge_memory_is_refused_with_its_limit(client):
    res = client.get("/api/dyad", params={"a": "PRK", "b": "RUS", "memory": 1_000_000_000})
    assert res.status_code == 422
    assert "memory" in res.json()["detail"] and "1200" in res.json()["detail"]


def test_memory_work_grows_with_the_data_not_with_memory(monkeypatch, fake_store):
    """The trailing means visit the periods that hold events, not every period of the window."""
    from sagwan.analytics import dyads, triangles

    calls = {"n": 0}
    real_weight = dyads.age_weight

    def counted(*args, **kwargs):
        calls["n"] += 1
        return real_weight(*args, **kwargs)

    monkeypatch.setattr(dyads, "age_weight", counted)
    monkeypatch.setattr(triangles, "age_weight", counted)
    events = fake_store.events()
    small = dyads.dyad_series(events, "PRK", "RUS", by="month", memory=2)
    n_small = calls["n"]
    calls["n"] = 0
    big = dyads.dyad_series(events, "PRK", "RUS", by="month", memory=1200)
    assert calls["n"] <= 3 * len(big.rows) and n_small <= 3 * len(small.rows)
    calls["n"] = 0
    triangles.triangle_series(events, "PRK", "RUS", "CHN", by="month", memory=1200)
    assert calls["n"] < 100


@pytest.mark.parametrize("path, params, named", [
    ("/api/events", {"dyad_of": "PRK-RUS"}, "dyad_of"),
    ("/api/events", {"limit": 1, "sort": "date"}, "sort"),
    ("/api/dyad", {"a": "PRK", "b": "RUS", "periods": "month"}, "periods"),
    ("/api/summary", {"x": "1"}, "x"),
])
def test_unknown_parameters_are_refused(client, path, params, named):
    res = client.get(path, params=params)
    assert res.status_code == 422
    body = res.json()
    assert named in body["detail"] and "unknown parameter" in body["detail"]
    assert body["errors"][0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("params, says", [
    ({"limit": 6000}, "5000"),
    ({"limit": 0}, "1"),
    ({"offset": 10_000_000}, "100000"),
    ({"type": "FOO"}, "CONSULT"),
    ({"status": "happened"}, "occurred"),
    ({"date_from": "2024-13"}, "date_from"),
    ({"dyad": "PRK"}, "two actors"),
    ({"dyad": "PRK-RUSS"}, "RUS"),
    ({"cursor": "not-a-cursor"}, "cursor"),
    ({"q": " ".join(["w"] * 20)}, "at most 8 words"),
])
def test_bad_values_are_422_with_the_limits(client, params, says):
    res = client.get("/api/events", params=params)
    assert res.status_code == 422 and says in res.json()["detail"]


# -- paging ----------------------------------------------------------------------------------------------

def test_pages_add_up_to_the_total_by_cursor_and_by_offset(real):
    every = {"all_statuses": "true"}
    everything = real.get("/api/events", params={"limit": 5000, **every}).json()
    assert everything["total"] == 6 and len(everything["items"]) == 6 and everything["next"] is None
    ids = [e["id"] for e in everything["items"]]
    seen, cursor = [], None
    while True:
        page = real.get("/api/events", params={"limit": 2, **every, **({"cursor": cursor} if cursor else {})}).json()
        assert page["total"] == 6 and len(page["items"]) <= 2
        seen += [e["id"] for e in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == ids
    by_offset = [e["id"] for off in (0, 2, 4) for e in
                 real.get("/api/events", params={"limit": 2, "offset": off, **every}).json()["items"]]
    assert by_offset == ids


def test_events_filter_by_dyad_and_count_it(real):
    page = real.get("/api/events", params={"dyad": "PRK-RUS", "limit": 1}).json()
    both = real.get("/api/events", params={"dyad": "rus-prk"}).json()
    assert page["total"] == both["total"] == len(both["items"]) == 3
    assert len(page["items"]) == 1 and page["next"] is not None
    for ev in both["items"]:
        assert {"PRK", "RUS"} <= set(ev["source_countries"] + ev["target_countries"])
    assert real.get("/api/events", params={"dyad": "CHN-RUS", "type": "cooperate"}).json()["total"] == 1


def test_search_words_are_matched_by_the_database(real):
    found = real.get("/api/events", params={"q": "방문해 prk"}).json()
    assert found["total"] == 1 and found["items"][0]["type"] == "CONSULT"
    assert real.get("/api/events", params={"q": "100%_"}).json()["total"] == 0   # no LIKE wildcards


def test_ids_false_gives_the_same_counts_without_ids(real):
    full = real.get("/api/dyad", params={"a": "PRK", "b": "RUS"}).json()
    lean = real.get("/api/dyad", params={"a": "PRK", "b": "RUS", "ids": "false"}).json()
    assert [r["n_events"] for r in full["rows"]] == [r["n_events"] for r in lean["rows"]]
    assert any(r["event_ids"] for r in full["rows"]) and not any(r["event_ids"] for r in lean["rows"])
    tri = real.get("/api/triangle", params={"a": "PRK", "b": "RUS", "c": "CHN", "ids": "false"}).json()
    assert tri["windows"] and not any(t["event_ids"] for w in tri["windows"] for t in w["ties"])


def test_timeline_and_network_of_one_dyad(real):
    tl = real.get("/api/timeline", params={"dyad": "PRK-RUS", "by": "quarter", "exclude_status": ""}).json()
    assert sum(sum(v) for v in tl["counts"].values()) == 3
    net = real.get("/api/network", params={"dyad": "PRK-RUS"}).json()
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("PRK", "RUS"), ("RUS", "PRK")}


# -- guards ----------------------------------------------------------------------------------------------

def test_host_header_allow_list(fake_store):
    app = create_app(fake_store)
    for host in ("127.0.0.1", "localhost:8000", "[::1]:8000", "LOCALHOST"):
        assert TestClient(app, base_url=f"http://{host}").get("/api/summary").status_code == 200, host
    res = TestClient(app, base_url="http://rebound.example").get("/api/summary")
    assert res.status_code == 400 and "rebound.example" in res.json()["detail"]
    assert "content-security-policy" in res.headers
    named = create_app(fake_store, listen="10.1.2.3")
    assert TestClient(named, base_url="http://10.1.2.3:8000").get("/api/summary").status_code == 200
    assert TestClient(named, base_url="http://other.example").get("/api/summary").status_code == 400
    assert allowed_hosts("0.0.0.0") is None and "::1" in allowed_hosts()


def test_head_is_allowed_where_get_is(client):
    get = client.get("/api/summary")
    head = client.head("/api/summary")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == get.headers["content-length"]
    assert client.head("/").status_code == 200
    assert client.head("/static/vendor/echarts-5.6.0.min.js").status_code == 200
    assert client.post("/api/summary").status_code == 405


def test_database_work_stops_at_the_deadline(real_store_path):
    from sqlalchemy import text

    from sagwan.errors import TimeLimitError
    from sagwan.store import open_store
    from sagwan.store.engine import DEADLINE

    endless = text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) "
                   "SELECT count(*) FROM c")
    with open_store(str(real_store_path)) as store:
        token = DEADLINE.set(time.monotonic() + 0.3)
        started = time.monotonic()
        try:
            with pytest.raises(TimeLimitError, match="time limit"), store._read() as conn:
                conn.execute(endless)
        finally:
            DEADLINE.reset(token)
        assert time.monotonic() - started < 10
        with store._read() as conn:   # no deadline: the same connection pool works as before
            assert conn.execute(text("SELECT 1")).scalar() == 1


def test_a_request_past_its_time_limit_is_503(real_store_path, monkeypatch):
    from sagwan.store import open_store, paging

    real_page = paging.find_event_page

    def slow(conn, *args, **kwargs):
        from sqlalchemy import text

        conn.execute(text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) "
                          "SELECT count(*) FROM c"))
        return real_page(conn, *args, **kwargs)

    monkeypatch.setattr(paging, "find_event_page", slow)
    with open_store(str(real_store_path)) as store:
        res = TestClient(create_app(store, time_limit=0.3), base_url=LOCAL).get("/api/events")
    assert res.status_code == 503 and "time limit" in res.json()["detail"]


def test_parallel_first_searches_build_one_kiwi(monkeypatch):
    import kiwipiepy

    from sagwan.analyse.ko import kiwi as kiwi_module
    from sagwan.store.search import segment

    built = []

    class SlowKiwi:
        def __init__(self, *args, **kwargs):
            built.append(self)
            time.sleep(0.3)   # long enough for every thread to arrive while it is being built

        def tokenize(self, text):
            return []

    monkeypatch.setattr(kiwipiepy, "Kiwi", SlowKiwi)
    monkeypatch.setattr(kiwi_module, "_add_gazetteer", lambda kiwi: 0)
    kiwi_module.get_kiwi.cache_clear()
    barrier = threading.Barrier(8)

    def search():
        barrier.wait()
        segment("미사일 발사")

    threads = [threading.Thread(target=search) for _ in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        kiwi_module.get_kiwi.cache_clear()   # the next test gets a real Kiwi again
    assert len(built) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sigterm_stops_the_server_promptly(real_store_path):
    port = _free_port()
    sagwan = Path(sys.executable).with_name("sagwan")
    proc = subprocess.Popen([str(sagwan), "serve", "--db", str(real_store_path), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        os.kill(proc.pid, signal.SIGTERM)
        started = time.monotonic()
        proc.wait(timeout=15)
        assert time.monotonic() - started < 5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- docs ------------------------------------------------------------------------------------------------

def test_docs_pages_use_vendored_assets_and_no_inline_script(client):
    for path in ("/docs", "/api/docs"):
        page = client.get(path)
        assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
        assert "https://" not in page.text and "http://" not in page.text
        assert "<script>" not in page.text   # every script has a src on this server
    for asset in ("vendor/swagger-ui-5.35.0/swagger-ui-bundle.js", "vendor/swagger-ui-5.35.0/swagger-ui.css",
                  "docs.js"):
        assert client.get(f"/static/{asset}").status_code == 200, asset


@pytest.mark.parametrize("param, value", [("type", "FOO"), ("status", "happened"), ("dyad", "PRK-RUSS"),
                                          ("date_from", "2024-13"), ("actor", "Narnia")])
def test_the_api_refuses_what_the_filters_refuse_with_the_same_words(client, param, value):
    from sagwan.store.filters import FilterError, make_filter

    with pytest.raises(FilterError) as refused:
        make_filter(**{param: value})
    res = client.get("/api/events", params={param: value})
    assert res.status_code == 422 and refused.value.detail() in res.json()["detail"]
