"""The watch list (TOML), `sagwan watch add`, `sagwan watch --once`, a clean stop on SIGTERM, canonical URLs."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time

import pytest
from _site import ARTICLES, publish
from click.testing import CliRunner
from sqlalchemy import select

from sagwan.errors import ConfigError
from sagwan.serve.cli import cli, main
from sagwan.store import open_store
from sagwan.store.schema import documents, watch_items, watch_rounds
from sagwan.watch import add_source, load_config
from sagwan.watch.config import parse_config
from sagwan.watch.urls import canonical_url, page_canonical


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str]:
    """Run the real entry point (which turns errors into exit statuses); returns the status and stderr."""
    monkeypatch.setattr(sys, "argv", ["sagwan", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    return exc.value.code, capsys.readouterr().err


def test_watch_add_builds_a_list_that_keeps_its_comments(tmp_path, monkeypatch, capsys):
    path = tmp_path / "watch.toml"
    path.write_text("# my outlets\n[watch]\nuser_agent = \"desk/1 (+mailto:a@example.org)\"\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["watch", "add", "https://news.example.org/rss.xml", "--config", str(path),
                                   "--outlet", "예시 뉴스", "--interval", "30m", "--max-items", "5"])
    assert res.exit_code == 0, res.output
    add_source(path, "https://news.example.org/sitemap-news.xml", language="ko")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my outlets\n")
    config = load_config(path)
    feed, sitemap = config.sources
    assert (feed.kind, feed.outlet, feed.settings.interval, feed.settings.max_items) == ("feed", "예시 뉴스", 1800, 5)
    assert feed.settings.user_agent == "desk/1 (+mailto:a@example.org)"
    assert (sitemap.kind, sitemap.language) == ("sitemap", "ko")
    code, err = run_main(monkeypatch, capsys, "watch", "add", "https://news.example.org/rss.xml", "--config", str(path))
    assert code == 2 and "already watched" in err and "Traceback" not in err
    assert load_config(path).sources == config.sources


@pytest.mark.parametrize("data,message", [
    ({"source": [{"url": "ftp://x.example/feed"}]}, "not an http:// or https:// address"),
    ({"source": [{"url": "https://x.example/f", "kind": "atom"}]}, "use one of feed, sitemap, urls"),
    ({"source": [{"url": "https://x.example/f", "interval": "soon"}]}, "not a duration"),
    ({"source": [{"url": "https://x.example/f", "colour": "red"}]}, "unknown option(s) colour"),
    ({"watch": {"max_bytes": -1}}, "a number of 0 or more"),
    ({"watch": {"speed": 1}}, "unknown setting(s) speed"),
    ({"rule": [{"name": "r", "type": "HUG"}]}, "HUG not known; use AGREE"),
    ({"rule": [{"name": "r", "status": "rumoured"}]}, "rumoured not known; use occurred"),
    ({"rule": [{"name": "r", "dyad": "PRK"}]}, "two different actors"),
    ({"rule": [{"name": "r"}]}, "has no condition"),
    ({"rule": [{"dyad": "PRK-RUS"}]}, "give the rule a name"),
])
def test_bad_watch_lists_are_refused_with_what_is_accepted(data, message):
    with pytest.raises(ConfigError, match=None) as err:
        parse_config(data)
    assert message in str(err.value)


def test_the_command_refuses_a_missing_or_broken_list_with_exit_2(tmp_path, monkeypatch, capsys):
    code, err = run_main(monkeypatch, capsys, "watch", "--once", "--config", str(tmp_path / "none.toml"),
                         "--db", str(tmp_path / "c.db"))
    assert code == 2 and "no such watch list" in err and "sagwan watch add" in err
    (tmp_path / "bad.toml").write_text("[[source]\nurl=", encoding="utf-8")
    code, err = run_main(monkeypatch, capsys, "watch", "--once", "--config", str(tmp_path / "bad.toml"))
    assert code == 2 and "not valid TOML" in err
    (tmp_path / "rule.toml").write_text('[[rule]]\nname = "r"\nquad = "friendly"\n', encoding="utf-8")
    code, err = run_main(monkeypatch, capsys, "watch", "--once", "--config", str(tmp_path / "rule.toml"))
    assert code == 2 and "friendly not known; use verbal-cooperation, material-cooperation" in err


def test_watch_once_prints_the_round_and_exits(site, tmp_path):
    feed = publish(site, ["/news/kor-jpn"])
    site.set("/missing.xml", "no", status=404, ctype="text/plain")
    path = tmp_path / "watch.toml"
    path.write_text("[watch]\nrate = 0\nretries = 0\n", encoding="utf-8")
    add_source(path, feed)
    add_source(path, site.url + "/missing.xml")
    db = str(tmp_path / "c.db")
    res = CliRunner().invoke(cli, ["watch", "--once", "--config", str(path), "--db", db, "--user-agent", "t/1"])
    assert res.exit_code == 1   # one listing failed; the other was read
    assert "round 1: 2 listing(s) read" in res.stderr and "1 stored" in res.stderr
    assert f"failed {site.url}/missing.xml: HTTP 404" in res.stderr
    assert {h["user-agent"] for _, h in site.requests} == {"t/1"}
    res = CliRunner().invoke(cli, ["watch", "--once", "--config", str(path), "--db", db])
    assert "round 2: 0 listing(s) read (0 not modified, 2 not due)" in res.stderr
    res = CliRunner().invoke(cli, ["watch", "status", "--db", db, "--format", "jsonl"])
    status = {row["url"]: row for row in map(json.loads, res.stdout.splitlines())}
    assert (status[feed]["errors"], status[feed]["stored"], status[feed]["last_status"]) == (0, 1, 200)
    missing = status[site.url + "/missing.xml"]
    assert (missing["errors"], missing["last_status"], missing["articles"]) == (1, 404, 0)
    assert missing["next_fetch_at"] > missing["last_fetch_at"]


def test_sigterm_stops_after_the_document_in_hand_and_the_next_run_finishes(site, tmp_path):
    paths = list(ARTICLES)
    publish(site, paths)
    site.routes[paths[1]].delay = 1          # the signal comes while the second article is on its way
    path = tmp_path / "watch.toml"
    path.write_text(f"[watch]\nrate = 0\nalert_log = \"{tmp_path / 'a.jsonl'}\"\n", encoding="utf-8")
    add_source(path, site.url + "/rss.xml")
    db = str(tmp_path / "c.db")

    def signal_when_asked() -> None:   # a real SIGTERM to this process, which runs the command in its main thread
        deadline = time.monotonic() + 60
        while not site.asked(paths[1]) and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(os.getpid(), signal.SIGTERM)

    before = signal.getsignal(signal.SIGTERM)
    sender = threading.Thread(target=signal_when_asked)
    sender.start()
    res = CliRunner().invoke(cli, ["watch", "--config", str(path), "--db", db])   # the loop, not --once
    sender.join()
    assert res.exit_code == 0, res.output
    assert signal.getsignal(signal.SIGTERM) == before          # the handler is put back
    assert "SIGTERM: stopping after the document in hand" in res.stderr and "stopped before the end" in res.stderr
    with open_store(db) as store, store.engine.connect() as conn:
        stored = set(conn.execute(select(documents.c.source)).scalars())
        assert stored == {site.url + p for p in paths[:2]}    # the article in hand was finished
        assert conn.execute(select(watch_rounds.c.finished_at)).scalar() is None
    res = CliRunner().invoke(cli, ["watch", "--once", "--config", str(path), "--db", db])
    assert res.exit_code == 0 and "round 1 (resumed)" in res.stderr and "2 stored" in res.stderr
    with open_store(db) as store, store.engine.connect() as conn:
        assert not conn.execute(select(watch_items.c.url).where(watch_items.c.pending.is_(True))).all()


def test_canonical_urls():
    assert canonical_url("HTTPS://News.Example.org:443/a?utm_source=x&b=2&a=1#top") == "https://news.example.org/a?a=1&b=2"
    page = '<html><head><link rel="canonical" href="/story/7?utm_medium=rss"></head></html>'
    assert page_canonical(page, "https://m.example.org/s?id=7") == "https://m.example.org/story/7"
    elsewhere = '<link href="https://other.example.net/x" rel=canonical>'
    assert page_canonical(elsewhere, "https://example.org/s") == "https://example.org/s"
