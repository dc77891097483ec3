"""Sites that misbehave: each gives a recorded error or a bounded result, and the round goes on to the next."""

from __future__ import annotations

import time

from _site import DATE, article, page, publish, rss, watch_list
from sqlalchemy import select

from sagwan.store import open_store
from sagwan.store.schema import failures, watch_items, watch_sources
from sagwan.watch import Watcher
from sagwan.watch.fetch import decode_body

GOOD = "/news/kor-jpn"


def _round(site, tmp_path, entries: list[str], stored_ok: int = 1, **settings):
    """One round over a feed listing `entries` and then one good article; returns (summary, failures by URL)."""
    site.set(GOOD, page(GOOD))
    site.set("/rss.xml", rss(site.url, [(p, p, DATE) for p in entries + [GOOD]]), ctype="application/rss+xml")
    config = watch_list(tmp_path, [{"url": site.url + "/rss.xml"}], **settings)
    with open_store(str(tmp_path / "c.db")) as store:
        started = time.monotonic()
        summary = Watcher(store, config).run_round()
        elapsed = time.monotonic() - started
        with store.engine.connect() as conn:
            stored = {r.source: r.reason for r in conn.execute(select(failures))}
            items = {r.url: r for r in conn.execute(select(watch_items))}
    assert summary.stored == stored_ok, "the good article after the bad ones is stored"
    assert not summary.stopped
    reasons = {f.source: f.reason for f in summary.failures}
    assert stored == {k: stored[k] for k in reasons} and set(stored) == set(reasons)
    return summary, reasons, items, elapsed


def test_server_errors_are_retried_then_recorded(site, tmp_path):
    site.set("/broken", "oops", status=500, ctype="text/plain")
    site.set("/gone", "no", status=410, ctype="text/plain")
    summary, reasons, items, _ = _round(site, tmp_path, ["/broken", "/gone"], retries=2)
    assert "HTTP 500 after 3 tries" in reasons[site.url + "/broken"]
    assert len(site.asked("/broken")) == 3 and len(site.asked("/gone")) == 1   # a 4xx is not retried
    assert "HTTP 410" in reasons[site.url + "/gone"]
    assert items[site.url + "/broken"].errors == 1 and items[site.url + "/broken"].pending  # tried again next round


def test_retry_after_is_honoured_within_the_round(site, tmp_path):
    site.set("/busy", page(GOOD).replace("한일", "한일 재회담"), fail_first=1, fail_headers={"Retry-After": "1"})
    started = time.monotonic()
    summary, reasons, _, _ = _round(site, tmp_path, ["/busy"], stored_ok=2)
    assert reasons == {} and summary.failed == 0
    assert len(site.asked("/busy")) == 2 and time.monotonic() - started >= 1.0


def test_a_long_retry_after_defers_the_listing(site, tmp_path):
    site.set("/rss.xml", "busy", fail_first=5, fail_headers={"Retry-After": "7200"})
    config = watch_list(tmp_path, [{"url": site.url + "/rss.xml"}, {"url": publish(site, [GOOD], "/other.xml")}])
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
        assert summary.stored == 1
        with store.engine.connect() as conn:
            row = conn.execute(select(watch_sources).where(watch_sources.c.url == site.url + "/rss.xml")).one()
        assert row.errors == 1 and "wait 7200 s" in row.last_error
        from datetime import datetime

        wait = datetime.fromisoformat(row.next_fetch_at) - datetime.fromisoformat(row.last_fetch_at)
        assert 7200 <= wait.total_seconds() < 7300          # the site's word, not the default backoff
        again = Watcher(store, config).run_round()
        assert again.not_due == 2 and len(site.asked("/rss.xml")) == 1


def test_timeouts_and_slow_answers_are_cut_off(site, tmp_path):
    site.set("/silent", page(GOOD), delay=3)                     # says nothing for longer than the timeout
    site.set("/trickle", page(GOOD) * 20, drip=0.2, length=False)   # bytes keep coming, too slowly
    summary, reasons, _, elapsed = _round(site, tmp_path, ["/silent", "/trickle"], timeout=0.6, retries=1)
    assert "timed out" in reasons[site.url + "/silent"]
    assert "still arriving" in reasons[site.url + "/trickle"]
    assert elapsed < 10


def test_redirect_loops_and_chains_stop(site, tmp_path):
    site.set("/loop-a", status=302, headers={"Location": "/loop-b"}, validators=False)
    site.set("/loop-b", status=302, headers={"Location": "/loop-a"}, validators=False)
    for i in range(8):
        site.set(f"/hop{i}", status=301, headers={"Location": f"/hop{i + 1}"}, validators=False)
    site.set("/moved", status=301, headers={"Location": "/news/chn-aid"}, validators=False)
    site.set("/news/chn-aid", page("/news/chn-aid"))
    summary, reasons, items, _ = _round(site, tmp_path, ["/loop-a", "/hop0"], max_redirects=3)
    assert "redirect loop" in reasons[site.url + "/loop-a"]
    assert "more than 3 redirects" in reasons[site.url + "/hop0"]
    assert len(site.asked("/loop-a")) == 1 and not site.asked("/hop5")


def test_a_30_mb_page_is_not_read(site, tmp_path):
    chunk = b"<p>" + "가".encode() * 333_333 + b"</p>"          # 1 MB
    site.set("/huge", chunk, repeat=30)                            # 30 MB with a Content-Length
    site.set("/huge-unsized", chunk, repeat=30, length=False)      # 30 MB, length unknown until it ends
    summary, reasons, _, elapsed = _round(site, tmp_path, ["/huge", "/huge-unsized"], max_bytes=2_000_000)
    assert "over the limit of 2000000" in reasons[site.url + "/huge"]
    assert "larger than the limit of 2000000" in reasons[site.url + "/huge-unsized"]
    assert elapsed < 10


def test_wrong_content_types_are_refused(site, tmp_path):
    site.set("/photo", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, ctype="image/png")
    _, reasons, _, _ = _round(site, tmp_path, ["/photo"])
    assert "content type 'image/png'" in reasons[site.url + "/photo"]


def test_a_page_in_the_wrong_charset_is_read_by_its_bytes(site, tmp_path):
    html = article("북러, 국경 협력 논의", "2024-07-02", [
        "북한과 러시아는 1일 국경 협력을 논의하기 위해 회담을 열었다.",
        "임성택 북한 국경관리국 부국장은 \"협력이 이어질 것\"이라고 말했다."]).replace('<meta charset="utf-8">', "")
    site.set("/euc", html.encode("cp949"), ctype="text/html; charset=utf-8")      # says UTF-8, is EUC-KR
    site.set("/latin", page("/news/chn-aid").encode(), ctype="text/html; charset=iso-8859-1")  # UTF-8 as Latin-1
    site.set("/bogus", page("/news/usa-prk-missile").encode(), ctype="text/html; charset=x-no-such")
    site.set(GOOD, page(GOOD))
    site.set("/rss.xml", rss(site.url, [(p, p, DATE) for p in ["/euc", "/latin", "/bogus"]]),
             ctype="application/rss+xml")
    config = watch_list(tmp_path, [{"url": site.url + "/rss.xml"}])
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
        assert summary.stored == 3 and summary.failed == 0
        titles = sorted(d["title"] for d in (store.document(i) for i in _ids(store)))
    assert titles == sorted(["북러, 국경 협력 논의", "중국, 대북 식량 지원 발표", "미국, 북한 미사일 발사 규탄"])


def _ids(store):
    from sagwan.store.schema import documents

    with store.engine.connect() as conn:
        return list(conn.execute(select(documents.c.id)).scalars())


def test_decode_body_never_garbles_silently():
    text = "북한 외무성은 성명을 냈다."
    assert decode_body(text.encode("cp949"), "utf-8", "x")[0] == text
    assert decode_body(text.encode("cp949"), "utf-8", "x")[1].startswith("declared charset 'utf-8' does not fit")
    assert decode_body(text.encode("utf-8"), "windows-1252", "x") == (text, None)
    assert decode_body(text.encode("cp949"), "euc-kr", "x") == (text, None)


def test_malformed_feeds_give_what_they_hold_or_a_recorded_error(site, tmp_path):
    site.set(GOOD, page(GOOD))
    site.set("/news/chn-aid", page("/news/chn-aid"))
    # cut off in its second entry: the first still counts
    site.set("/cut.xml", rss(site.url, [("/news/chn-aid", "t", DATE), (GOOD, "t", DATE)])[:-90],
             ctype="application/rss+xml")
    site.set("/junk.xml", "<<< this is not <xml at all &&&", ctype="application/xml")
    site.set("/empty.xml", "", ctype="application/xml")
    config = watch_list(tmp_path, [{"url": site.url + u} for u in ("/junk.xml", "/empty.xml", "/cut.xml")])
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
    reasons = {f.source: f.reason for f in summary.failures}
    assert "not a feed that can be read" in reasons[site.url + "/junk.xml"]
    assert site.url + "/empty.xml" in reasons
    assert summary.stored >= 1 and any("malformed XML" in n for n in summary.notes)


def test_a_feed_of_5000_items_gives_a_bounded_round(site, tmp_path):
    entries = [(f"/item/{i}", f"기사 {i}", DATE) for i in range(5000)]
    site.set("/big.xml", rss(site.url, entries), ctype="application/rss+xml")
    for i in range(3):
        site.set(f"/item/{i}", page(GOOD).replace("한일 외교차관 회담", f"한일 외교차관 회담 {i}차"))
    config = watch_list(tmp_path, [{"url": site.url + "/big.xml", "max_items": 3, "max_listed": 200}])
    started = time.monotonic()
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
        with store.engine.connect() as conn:
            n_items = len(conn.execute(select(watch_items.c.url)).all())
    assert time.monotonic() - started < 20
    assert (summary.new_items, summary.fetched, summary.waiting) == (200, 3, 197)
    assert n_items == 200 and summary.stored == 3
    assert any("5000 entries; read the first 200" in n for n in summary.notes)
    assert [p for p, _ in site.requests if p.startswith("/item/")] == ["/item/0", "/item/1", "/item/2"]


def test_fetching_from_threads_keeps_each_host_to_its_rate(site):
    from concurrent.futures import ThreadPoolExecutor
    from urllib.parse import urlsplit

    from sagwan.watch.config import Settings
    from sagwan.watch.fetch import Fetcher

    for i in range(3):
        site.set(f"/p{i}", page(GOOD))
    port = site.url.rsplit(":", 1)[1]
    urls = [f"http://{host}:{port}/p{i}" for host in ("127.0.0.1", "localhost") for i in range(3)]
    sent: list[tuple[str, float]] = []   # (host, when) as each request leaves, measured where it is sent
    with Fetcher(Settings(rate=0.4, timeout=5)) as fetcher:
        stream = fetcher.client.stream

        def timed(method, url, **kwargs):
            sent.append((urlsplit(str(url)).hostname, time.monotonic()))
            return stream(method, url, **kwargs)

        fetcher.client.stream = timed
        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(fetcher.get, urls))
    assert [a.status for a in answers] == [200] * 6
    for host in ("127.0.0.1", "localhost"):
        times = sorted(t for h, t in sent if h == host)
        assert len(times) == 4   # robots.txt and three pages
        assert all(b - a >= 0.39 for a, b in zip(times, times[1:], strict=False)), host
    # the two hosts were asked side by side, not one after the other
    first = sorted(t for h, t in sent if h == "127.0.0.1")
    assert any(first[0] < t < first[-1] for h, t in sent if h == "localhost")


def test_an_unreadable_robots_txt_means_nothing_is_fetched_from_that_site(site, tmp_path):
    site.set("/robots.txt", "down", status=503, ctype="text/plain")
    feed = publish(site, [GOOD])
    config = watch_list(tmp_path, [{"url": feed}])
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
    assert summary.stored == 0
    assert "robots.txt answered HTTP 503: nothing is fetched from this site" in summary.failures[0].reason
    assert [p for p, _ in site.requests] == ["/robots.txt"]


def test_requests_go_through_the_configured_proxy(site, tmp_path):
    config = watch_list(tmp_path, [{"url": "http://news.invalid/rss.xml"}], proxy=site.url, retries=0)
    with open_store(str(tmp_path / "c.db")) as store:
        summary = Watcher(store, config).run_round()
    assert summary.failed == 1     # the "proxy" answers 404 for everything
    assert [p for p, _ in site.requests] == ["http://news.invalid/robots.txt", "http://news.invalid/rss.xml"]
