"""Rounds against the local site: articles stored once, conditional GETs, updates replacing rows, robots.txt."""

from __future__ import annotations

import pytest
from _site import ARTICLES, DATE, LATER, page, publish, watch_list
from sqlalchemy import select

from sagwan.store import open_store
from sagwan.store.schema import documents, watch_items, watch_rounds
from sagwan.watch import Watcher


def _docs(store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return sorted((r.source, r.id) for r in conn.execute(select(documents.c.source, documents.c.id)))


def test_new_articles_are_stored_once_and_a_second_round_asks_with_validators(site, tmp_path):
    paths = ["/news/prk-rus-talks", "/news/usa-prk-missile"]
    feed = publish(site, paths)
    config = watch_list(tmp_path, [{"url": feed, "outlet": "가상일보", "revisit": True}])
    with open_store(str(tmp_path / "c.db")) as store:
        first = Watcher(store, config).run_round()
        assert (first.new_items, first.stored, first.failed) == (2, 2, 0)
        docs = _docs(store)
        assert [s for s, _ in docs] == sorted(site.url + p for p in paths)
        assert {d["outlet"] for d in (store.document(i) for _, i in docs)} == {"가상일보"}
        counts = store.summary()
        # the second round: the feed and each article are asked for with their validators, and answer 304
        second = Watcher(store, config, all_sources=True).run_round()
        assert (second.new_items, second.stored, second.updated, second.unchanged) == (0, 0, 0, 2)
        assert second.not_modified == 1
        assert _docs(store) == docs and store.summary() == counts
    for path in ["/rss.xml", *paths]:
        asked = site.asked(path)
        assert len(asked) == 2, path
        assert "if-none-match" not in asked[0] and asked[1]["if-none-match"].startswith('"')
    assert all(h["user-agent"].startswith("sagwan/") for _, h in site.requests)


def test_a_round_within_the_interval_asks_nothing_and_a_custom_user_agent_is_sent(site, tmp_path):
    feed = publish(site, ["/news/kor-jpn"])
    config = watch_list(tmp_path, [{"url": feed, "interval": "1h"}], user_agent="desk-bot/2 (+mailto:desk@example.org)")
    with open_store(str(tmp_path / "c.db")) as store:
        Watcher(store, config).run_round()
        n = len(site.requests)
        again = Watcher(store, config).run_round()
    assert (again.listings, again.not_due) == (0, 1)
    assert len(site.requests) == n
    assert {h["user-agent"] for _, h in site.requests} == {"desk-bot/2 (+mailto:desk@example.org)"}


def test_an_updated_article_replaces_its_rows(site, tmp_path):
    path = "/news/prk-rus-talks"
    feed = publish(site, [path])
    config = watch_list(tmp_path, [{"url": feed}])
    with open_store(str(tmp_path / "c.db")) as store:
        Watcher(store, config).run_round()
        [(_, old_id)] = _docs(store)
        old_events = {e["type"] for e in store.events()}
        title, published, paragraphs = ARTICLES[path]
        from _site import article, rss

        site.set(path, article(title + " (종합)", published, paragraphs + [
            "한편 러시아는 5일 북한에 대한 제재를 해제할 것을 유엔에 요구했다."]))
        site.set("/rss.xml", rss(site.url, [(path, title, LATER)]), ctype="application/rss+xml")
        summary = Watcher(store, config, all_sources=True).run_round()
        assert (summary.updated, summary.stored) == (1, 0)
        [(source, new_id)] = _docs(store)
        assert source == site.url + path and new_id != old_id
        assert store.document(old_id) is None
        assert store.document(new_id)["title"].endswith("(종합)")
        assert all(m["document_id"] == new_id for e in store.events() for m in e["mentions"])
        assert {e["type"] for e in store.events()} > old_events
        with store.engine.connect() as conn:
            item = conn.execute(select(watch_items)).mappings().one()
        assert (item["document_id"], item["pending"], item["stored_round"]) == (new_id, False, summary.round)


def test_robots_txt_disallow_is_honoured(site, tmp_path):
    site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
    site.set("/private/feed.xml", "<rss/>", ctype="application/rss+xml")
    site.set("/private/secret", "<html>secret</html>")
    feed = publish(site, ["/news/kor-jpn"])
    from _site import rss

    site.set("/rss.xml", rss(site.url, [("/private/secret", "비밀", DATE), ("/news/kor-jpn", "회담", DATE)]),
             ctype="application/rss+xml")
    config = watch_list(tmp_path, [{"url": site.url + "/private/feed.xml"}, {"url": feed}])
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
        assert summary.stored == 1
        reasons = {f.source: f.reason for f in summary.failures}
        assert "robots.txt" in reasons[site.url + "/private/feed.xml"]
        assert "robots.txt" in reasons[site.url + "/private/secret"]
        assert store.summary()["failures"] == 2
    assert not site.asked("/private/feed.xml") and not site.asked("/private/secret")
    assert len(site.asked("/robots.txt")) == 1


def test_the_same_article_under_two_addresses_is_stored_once(site, tmp_path):
    path = "/news/chn-aid"
    publish(site, [path])
    from _site import rss

    site.set("/a.xml", rss(site.url, [(path + "?utm_source=feed", "t", DATE)]), ctype="application/rss+xml")
    site.set("/b.xml", rss(site.url, [(path + "#top", "t", DATE)]), ctype="application/rss+xml")
    config = watch_list(tmp_path, [{"url": site.url + "/a.xml"}, {"url": site.url + "/b.xml"}])
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
        assert summary.stored == 1 and len(_docs(store)) == 1
    assert len(site.asked(path)) == 1


def test_rounds_are_recorded_with_their_counts(site, tmp_path):
    feed = publish(site, ["/news/kor-jpn"])
    config = watch_list(tmp_path, [{"url": feed}])
    with open_store(str(tmp_path / "c.db")) as store:
        Watcher(store, config).run_round()
        with store.engine.connect() as conn:
            rounds = conn.execute(select(watch_rounds)).mappings().all()
    assert len(rounds) == 1 and rounds[0]["finished_at"] and '"stored": 1' in rounds[0]["summary"]


def test_news_sitemaps_and_url_lists_are_read_newest_first(site, tmp_path):
    for p in ["/news/chn-aid", "/news/kor-jpn", "/news/usa-prk-missile"]:
        site.set(p, page(p))
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
               f'<url><loc>{site.url}/news/kor-jpn</loc><news:news><news:publication_date>2024-06-02'
               '</news:publication_date><news:title>한일</news:title></news:news></url>'
               f'<url><loc>{site.url}/news/chn-aid</loc><lastmod>2024-05-20</lastmod></url></urlset>')
    site.set("/sitemap-news.xml", sitemap, ctype="application/xml")
    site.set("/list.txt", f"# picked by hand\n{site.url}/news/usa-prk-missile\n\nnot a url\n", ctype="text/plain")
    config = watch_list(tmp_path, [{"url": site.url + "/sitemap-news.xml", "max_items": 1},
                                   {"url": site.url + "/list.txt"}])
    assert [s.kind for s in config.sources] == ["sitemap", "urls"]
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
        assert (summary.new_items, summary.stored, summary.waiting) == (3, 2, 1)
        assert [s for s, _ in _docs(store)] == [site.url + "/news/kor-jpn", site.url + "/news/usa-prk-missile"]
        summary = Watcher(store, config).run_round()    # the article that waited comes next, listings not due
        assert (summary.listings, summary.stored, summary.waiting) == (0, 1, 0)


@pytest.mark.postgres
def test_rounds_and_alerts_on_postgresql(site, tmp_path, pg_server):
    feed = publish(site, ["/news/prk-rus-talks", "/news/kor-jpn"])
    config = watch_list(tmp_path, [{"url": feed}], [{"name": "prk-rus", "dyad": "PRK-RUS"}])
    url = pg_server.new_database()
    with open_store(url) as store:
        first = Watcher(store, config).run_round()
        second = Watcher(store, config, all_sources=True).run_round()
        assert (first.stored, first.failed, second.stored, second.not_modified) == (2, 0, 0, 1)
        assert first.alerts > 0 and second.alerts == 0
        assert [a["round"] for a in store.alerts()] == [first.round] * first.alerts
        assert store.last_round()["id"] == second.round


def test_atom_feeds_and_last_modified_alone(site, tmp_path):
    path = "/news/chn-aid"
    site.set(path, page(path), validators=False, headers={"Last-Modified": "Mon, 20 May 2024 05:00:00 GMT"})
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>가상통신</title>'
            f'<id>urn:x</id><updated>2024-05-20T05:00:00Z</updated><entry><title>식량 지원</title>'
            f'<link rel="alternate" href="{site.url}{path}"/><id>urn:x:1</id><updated>2024-05-20T05:00:00Z</updated>'
            '</entry></feed>')
    site.set("/atom.xml", atom, ctype="application/atom+xml")
    config = watch_list(tmp_path, [{"url": site.url + "/atom.xml", "revisit": True}])
    with open_store(str(tmp_path / "c.db")) as store:
        assert Watcher(store, config).run_round().stored == 1
        again = Watcher(store, config, all_sources=True).run_round()
    assert (again.stored, again.unchanged) == (0, 1)   # answered in full, but the same bytes: nothing rewritten
    asked = site.asked(path)
    assert asked[1]["if-modified-since"] == "Mon, 20 May 2024 05:00:00 GMT" and "if-none-match" not in asked[1]


def test_retry_after_in_seconds_or_as_a_date():
    from sagwan.watch.fetch import retry_after

    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60.0
    assert retry_after("soon") is None and retry_after(None) is None
