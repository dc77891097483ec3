"""A killed round resumes without losing or repeating anything; alert rules fire for exactly the new events."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from _site import ARTICLES, DATE, article, publish, rss, watch_list
from click.testing import CliRunner
from sqlalchemy import select

from sagwan.serve.cli import cli
from sagwan.store import open_store
from sagwan.store.schema import documents, events, failures, watch_alerts, watch_items
from sagwan.watch import Watcher, list_alerts, load_config, matches
from sagwan.watch.config import Rule

PATHS = list(ARTICLES)


def snapshot(db: str) -> dict:
    """Everything a round leaves in the store, less the times it ran at."""
    with open_store(db) as store, store.engine.connect() as conn:
        return {
            "documents": sorted(conn.execute(select(documents.c.id, documents.c.source, documents.c.content_hash))),
            "events": sorted(conn.execute(select(events.c.id, events.c.type, events.c.status, events.c.n_documents))),
            "items": sorted(conn.execute(select(watch_items.c.url, watch_items.c.document_id,
                                                watch_items.c.content_hash, watch_items.c.pending,
                                                watch_items.c.stored_round))),
            "alerts": sorted(conn.execute(select(watch_alerts.c.event_id, watch_alerts.c.happening,
                                                 watch_alerts.c.rules, watch_alerts.c.logged))),
            "failures": sorted(conn.execute(select(failures.c.source))),
        }


def _toml(site_url: str, folder: Path) -> Path:
    path = folder / "watch.toml"
    path.write_text(f'''[watch]
rate = 0
timeout = 60
alert_log = "alerts.jsonl"

[[source]]
url = "{site_url}/rss.xml"
outlet = "가상일보"

[[rule]]
name = "prk-rus"
dyad = "PRK-RUS"
''', encoding="utf-8")
    return path


def test_sigkill_in_mid_round_then_restart_gives_the_store_of_an_uninterrupted_round(site, tmp_path):
    publish(site, PATHS)
    slow = PATHS[2]
    site.routes[slow].delay = 60       # the run is killed while it waits for the third article
    killed, whole = tmp_path / "killed", tmp_path / "whole"
    killed.mkdir(), whole.mkdir()
    config = _toml(site.url, killed)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAGWAN_")}
    proc = subprocess.Popen([sys.executable, "-m", "sagwan", "watch", "--once", "--config", str(config),
                             "--db", str(killed / "c.db")], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while not site.asked(slow) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert site.asked(slow), proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    site.routes[slow].delay = 0
    with open_store(str(killed / "c.db")) as store, store.engine.connect() as conn:
        stored = set(conn.execute(select(documents.c.source)).scalars())
        waiting = set(conn.execute(select(watch_items.c.url).where(watch_items.c.pending.is_(True))).scalars())
    assert stored == {site.url + p for p in PATHS[:2]}                 # the first two were stored
    assert waiting == {site.url + p for p in PATHS[2:]}                # the rest is still known to be waiting
    asked_before = {p: len(site.asked(p)) for p in PATHS}

    with open_store(str(killed / "c.db")) as store:
        resumed = Watcher(store, load_config(config)).run_round()
    assert resumed.resumed and resumed.stored == 2 and resumed.listings == 0
    assert {p: len(site.asked(p)) - asked_before[p] for p in PATHS} == {p: int(p in PATHS[2:]) for p in PATHS}

    with open_store(str(whole / "c.db")) as store:
        Watcher(store, load_config(_toml(site.url, whole))).run_round()
    assert snapshot(str(killed / "c.db")) == snapshot(str(whole / "c.db"))
    lines = [{k: v for k, v in json.loads(line).items() if k != "at"}
             for line in (killed / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    same = [{k: v for k, v in json.loads(line).items() if k != "at"}
            for line in (whole / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines == same and lines


def _prk_rus(ev: dict) -> bool:
    src, tgt = set(ev["source_countries"]), set(ev["target_countries"])
    return ({"PRK", "RUS"} <= src and not tgt) or ("PRK" in src and "RUS" in tgt) or ("RUS" in src and "PRK" in tgt)


def test_a_prk_rus_rule_fires_for_exactly_the_new_matching_events_of_a_round(site, tmp_path):
    publish(site, ["/news/prk-rus-talks", "/news/usa-prk-missile"])
    rules = [{"name": "prk-rus", "dyad": "PRK-RUS"}, {"name": "aid", "type": "AID"}]
    config = watch_list(tmp_path, [{"url": site.url + "/rss.xml"}], rules)
    log = tmp_path / "alerts.jsonl"
    with open_store(str(tmp_path / "c.db")) as store:
        first = Watcher(store, config).run_round()
        evs = {e["id"]: e for e in store.events()}
        alerted = {a["event"]["id"] for a in list_alerts(store, round_id=first.round)}
        assert alerted == {i for i, e in evs.items() if _prk_rus(e)} and alerted
        assert first.alerts == len(alerted)
        # round 2: one more report of the same talks (not news), and new PRK-RUS events (news)
        site.set("/news/followup", article("러, 대북 식량 지원 발표", "2024-03-06", [
            "북한과 러시아는 지난 4일 평양에서 외무장관 회담을 열고 군사 협력을 강화하기로 합의했다.",
            "이와 별도로 러시아는 5일 북한에 밀가루 5만 톤을 지원했다.",
            "세르게이 바투린 러시아 비상사태부 국장은 \"지원은 이달 안에 도착할 것\"이라고 말했다."]))
        site.set("/rss.xml", rss(site.url, [("/news/followup", "t", DATE), ("/news/prk-rus-talks", "t", DATE),
                                            ("/news/usa-prk-missile", "t", DATE)]), ctype="application/rss+xml")
        second = Watcher(store, config, all_sources=True).run_round()
        after = {e["id"]: e for e in store.events()}
        new = {i: e for i, e in after.items() if i not in evs}
        alerts = list_alerts(store, round_id=second.round)
        assert {a["event"]["id"] for a in alerts if "prk-rus" in a["rules"]} == {i for i, e in new.items()
                                                                                 if _prk_rus(e)}
        assert {a["event"]["id"] for a in alerts if "aid" in a["rules"]} == {i for i, e in new.items()
                                                                             if e["type"] == "AID"}
        assert any(a["event"]["type"] == "AID" for a in alerts)
        merged = [e for e in after.values() if e["n_documents"] == 2]
        assert merged and not {e["id"] for e in merged} & {a["event"]["id"] for a in alerts}
        # a third round that stores nothing raises nothing
        third = Watcher(store, config, all_sources=True).run_round()
        assert third.alerts == 0 and list_alerts(store, round_id=third.round) == []
        everything = list_alerts(store)
    logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert logged == everything and all(a["schema"] == "sagwan-alert/1" for a in logged)
    assert all(a["reports"][0]["source"].startswith(site.url) for a in logged)
    res = CliRunner().invoke(cli, ["alerts", "--db", str(tmp_path / "c.db"), "--rule", "aid", "--format", "jsonl"])
    assert res.exit_code == 0
    assert [json.loads(line)["id"] for line in res.stdout.splitlines()] == [a["id"] for a in logged
                                                                            if "aid" in a["rules"]]


def test_the_alert_log_gets_what_a_killed_run_did_not_write_and_nothing_twice(site, tmp_path):
    publish(site, ["/news/prk-rus-talks"])
    config = watch_list(tmp_path, [{"url": site.url + "/rss.xml"}], [{"name": "prk-rus", "dyad": "PRK-RUS"}])
    log = tmp_path / "alerts.jsonl"
    with open_store(str(tmp_path / "c.db")) as store:
        Watcher(store, config).run_round()
        lines = log.read_text(encoding="utf-8").splitlines()
        assert lines
        from sagwan.watch.alerts import flush_log

        # as if killed after the store had the alerts but before the log did: the last line is missing
        log.write_text("\n".join(lines[:-1]) + ("\n" if lines[:-1] else ""), encoding="utf-8")
        with store.engine.begin() as conn:
            conn.execute(watch_alerts.update().values(logged=False))
        assert flush_log(store, log) == 1
        assert flush_log(store, log) == 0
    assert log.read_text(encoding="utf-8").splitlines() == lines


def test_rules_match_on_dyad_actor_type_quad_and_status():
    ev = {"type": "AGREE", "quad": "verbal-cooperation", "status": "intended", "source": ["person:x"],
          "source_countries": ["RUS"], "target": ["PRK"], "target_countries": ["PRK"]}
    assert matches(Rule("r", dyad=("PRK", "RUS")), ev)
    assert matches(Rule("r", actor=("person:x",)), ev)
    assert not matches(Rule("r", dyad=("PRK", "CHN")), ev)
    assert matches(Rule("r", type=("AGREE",), quad=("verbal-cooperation",), status=("intended",)), ev)
    assert not matches(Rule("r", dyad=("PRK", "RUS"), status=("occurred",)), ev)
    joint = {**ev, "source_countries": ["PRK", "RUS"], "target": [], "target_countries": []}
    assert matches(Rule("r", dyad=("RUS", "PRK")), joint)


def test_the_dashboard_api_shows_the_alerts_new_since_the_last_round(site, tmp_path):
    from fastapi.testclient import TestClient

    from sagwan.serve.api import create_app

    publish(site, ["/news/prk-rus-talks"])
    config = watch_list(tmp_path, [{"url": site.url + "/rss.xml"}], [{"name": "prk-rus", "dyad": "PRK-RUS"}])
    with open_store(str(tmp_path / "c.db")) as store:
        client = TestClient(create_app(store), base_url="http://127.0.0.1")
        assert client.get("/api/alerts").json() == {"since": None, "last_round": None, "alerts": []}
        first = Watcher(store, config).run_round()
        body = client.get("/api/alerts").json()
        assert body["last_round"]["id"] == first.round and body["alerts"]
        assert {a["round"] for a in body["alerts"]} == {first.round}
        Watcher(store, config, all_sources=True).run_round()     # nothing new: the newest round flagged nothing
        assert client.get("/api/alerts").json()["alerts"] == []
        assert len(client.get("/api/alerts", params={"since": "2000-01-01"}).json()["alerts"]) == len(body["alerts"])
        assert 'id="alerts-panel"' in client.get("/").text


def test_a_round_on_dask_workers_gives_the_store_of_a_round_in_process(site, tmp_path):
    publish(site, PATHS)
    rules = [{"name": "prk-rus", "dyad": "PRK-RUS"}]
    one, many = tmp_path / "one", tmp_path / "many"
    one.mkdir(), many.mkdir()
    with open_store(str(one / "c.db")) as store:
        Watcher(store, watch_list(one, [{"url": site.url + "/rss.xml"}], rules)).run_round()
    with open_store(str(many / "c.db")) as store:
        summary = Watcher(store, watch_list(many, [{"url": site.url + "/rss.xml"}], rules), workers=1).run_round()
    assert summary.stored == len(PATHS)
    assert snapshot(str(one / "c.db")) == snapshot(str(many / "c.db"))
