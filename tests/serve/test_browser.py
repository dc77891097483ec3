"""The dashboard in a real browser: Debian's headless chromium driven by Playwright.

Skipped on a developer machine without chromium; on CI (CI=true) a missing chromium fails.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time

import pytest

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed: CI must install Debian's chromium (see .ci/run)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serving(store_path, review: bool = False):
    """A dashboard server on a free loopback port over the store at store_path: (url, store)."""
    import uvicorn

    from sagwan.serve.api import create_app
    from sagwan.store import open_store

    store = open_store(str(store_path))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store, review=review), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", store
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


@pytest.fixture
def dashboard(real_store_path):
    with _serving(real_store_path) as (url, _store):
        yield url


@pytest.fixture
def chromium():
    return _chromium()


@pytest.fixture
def page(chromium, dashboard):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(dashboard + "/")
        pg.wait_for_selector("body[data-ready='1']")
        yield pg
        browser.close()
        assert errors == [], errors


def test_search_click_shows_the_sentence_highlighted(page):
    from playwright.sync_api import expect

    # the first, empty search lists every event the default filter keeps (the alleged one is left out, as in
    # `sagwan events`)
    expect(page.locator("#results li.event")).to_have_count(5)
    page.fill("#q", "방문해")
    page.click("#search-form button")
    item = page.locator("#results li.event")
    expect(item).to_have_count(1)
    assert "CONSULT" in item.first.inner_text()
    item.first.click()
    mark = page.locator("#evidence-body .doc-text mark")
    mark.wait_for()
    assert mark.inner_text() == "북한 외무상이 3월 12일 모스크바를 방문해 러시아 외무장관과 회담했다."
    assert page.locator("#evidence-body mark b.trigger").inner_text() == "방문해"
    # the page's UI is English; the Korean article and its quote line say lang="ko"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#evidence-body .doc-text").first.get_attribute("lang") == "ko"
    assert page.locator("#results li.event span[lang='ko']").count() == 1
    meta = page.locator("#evidence-body .doc .meta").last.inner_text()
    assert "2024-03-13" in meta and "Test Daily" in meta


def test_script_in_an_article_is_text(page):
    from playwright.sync_api import expect

    expect(page.locator("#results li.event")).to_have_count(5)
    page.fill("#q", "AID")
    page.click("#search-form button")
    expect(page.locator("#results li.event")).to_have_count(1)
    page.locator("#results li.event", has_text="AID").first.click()
    text = page.locator("#evidence-body .doc-text")
    text.wait_for()
    assert "<script>window.__pwned = 1</script>" in text.inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#evidence-body script").count() == 0
    # a title with markup stays text too
    assert page.locator("#evidence-body h4").inner_text() == "밀가루 지원 <b>속보</b>"


def test_triangle_view_and_charts_render(page):
    from playwright.sync_api import expect

    page.select_option("#tri-by", "year")
    page.fill("#tri-min", "1")
    page.click("#triangle-form button")
    page.locator("#triangle-cards figure.tri-card[data-period='2024']").wait_for()
    card = page.locator("#triangle-cards figure.tri-card")
    assert card.count() == 1 and card.first.get_attribute("data-type") == "romantic"
    assert "RUS: pivot" in card.first.inner_text()
    assert card.first.locator("svg line").count() == 3
    for chart in ("#timeline", "#dyad", "#triangle-strip", "#network"):
        assert page.locator(f"{chart} canvas").count() >= 1, chart
    # clicking the window lists the events on its ties
    card.first.click()
    expect(page.locator("#results li.event")).to_have_count(5)
    page.locator("#evidence-body mark").first.wait_for()


def test_api_docs_load_their_vendored_assets_under_the_csp(chromium, dashboard):
    """/docs draws Swagger UI with every operation, with no request leaving the server and no CSP refusal."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        problems: list[str] = []
        outside: list[str] = []
        pg.on("pageerror", lambda exc: problems.append(str(exc)))
        pg.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        pg.on("request", lambda req: outside.append(req.url) if not req.url.startswith(dashboard) else None)
        pg.goto(dashboard + "/docs")
        pg.wait_for_selector("body[data-ready='1']", timeout=20_000)
        pg.wait_for_selector(".opblock-summary-path")
        paths = pg.locator(".opblock-summary-path").all_inner_texts()
        assert {"/api/events", "/api/dyad", "/api/triangle"} <= {t.strip() for t in paths}
        # an operation opens and shows its bounded parameters
        pg.locator(".opblock-summary-path", has_text="/api/events").first.click()
        pg.wait_for_selector(".parameters")
        assert "limit" in pg.locator(".parameters").first.inner_text()
        browser.close()
    assert problems == [] and outside == [], (problems, outside)


_HANGUL_WIDTHS = """() => {
  const probe = (family) => {
    const s = document.createElement("span");
    s.style.cssText = "font-size:40px;position:absolute;white-space:nowrap;font-family:" + family;
    s.textContent = "가나다라마바사아자차";
    document.body.appendChild(s);
    const w = s.getBoundingClientRect().width;
    s.remove();
    return w;
  };
  return {loaded: document.fonts.check("40px 'Sagwan Hangul'", "가"),
          vendored: probe("'Sagwan Hangul', monospace"), fallback: probe("monospace"),
          fallback2: probe("serif")};
}"""


def test_hangul_renders_with_the_vendored_font_and_the_page_fits_420px(page, tmp_path):
    """The vendored font is loaded and draws Hangul: ten syllables in it are ten full em squares
    (Noto Sans KR draws a Hangul syllable 0.92 em wide), which neither fallback family gives on a machine with
    no CJK font; at 420 px nothing overflows sideways."""
    page.evaluate("document.fonts.load(\"40px 'Sagwan Hangul'\", '가').then(() => true)")
    widths = page.evaluate(_HANGUL_WIDTHS)
    assert widths["loaded"] is True
    assert abs(widths["vendored"] - 368) < 2, widths           # 10 glyphs x 0.92 em x 40 px
    assert widths["vendored"] != widths["fallback"] or widths["vendored"] != widths["fallback2"], widths
    page.screenshot(path="/tmp/chron14-dashboard-desktop.png", full_page=False)
    page.set_viewport_size({"width": 420, "height": 900})
    page.wait_for_timeout(300)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path="/tmp/chron14-dashboard-420.png", full_page=False)
    assert overflow <= 0, f"the page is {overflow}px wider than a 420px screen"


def test_the_report_loads_the_inlined_font(chromium, real_store_path, tmp_path):
    from playwright.sync_api import sync_playwright

    from sagwan.serve.web.report import write_report
    from sagwan.store import open_store

    out = tmp_path / "report.html"
    with open_store(str(real_store_path)) as store:
        write_report(store, out)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        pg.goto(out.as_uri())
        pg.wait_for_selector("body[data-ready='1']")
        widths = pg.evaluate(_HANGUL_WIDTHS)
        pg.screenshot(path="/tmp/chron14-report-desktop.png")
        pg.set_viewport_size({"width": 420, "height": 900})
        pg.wait_for_timeout(300)
        pg.screenshot(path="/tmp/chron14-report-420.png")
        tables = pg.evaluate(_CHART_TABLES)
        browser.close()
    assert tables["charts"] and all(t["rows"] > 0 for t in tables["charts"]), tables
    assert widths["loaded"] is True and abs(widths["vendored"] - 368) < 2, widths


@pytest.fixture
def review_dashboard(real_store_path):
    with _serving(real_store_path, review=True) as served:
        yield served


def test_a_review_round_trip_in_review_mode(chromium, review_dashboard):
    from playwright.sync_api import expect, sync_playwright

    url, store = review_dashboard
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1300, "height": 1000})
        pg.goto(url + "/")
        pg.wait_for_selector("body[data-ready='1']")
        pg.fill("#q", "방문해")
        pg.click("#search-form button")
        expect(pg.locator("#results li.event")).to_have_count(1)
        pg.locator("#results li.event").first.click()
        pg.locator("#review-form").wait_for()
        event_id = pg.locator("#evidence-body .event-head").get_attribute("data-event")
        pg.select_option("#review-type", "ACCUSE")
        pg.fill("#review-reason", "the visit sentence is a protest")
        pg.click("#review-form button")
        expect(pg.locator("#evidence-body p.reviewed")).to_have_text("reviewed: corrected")
        assert "ACCUSE" in pg.locator("#evidence-body .event-head h3").inner_text()
        # a write without the page's token is refused
        status = pg.evaluate("""(id) => fetch('/api/review', {method: 'POST', headers: {'Content-Type':
            'application/json'}, body: JSON.stringify({target: 'event', id: id, action: 'wrong', reason: 'x'})})
            .then(r => r.status)""", event_id)
        browser.close()
    assert status == 403
    [r] = store.reviews()
    assert (r["target_id"], r["changes"]) == (event_id, {"type": "ACCUSE"})
    assert r["reason"] == "the visit sentence is a protest"


_PIXEL_OF_FIRST = """([sel, kind]) => {
  const el = document.querySelector(sel);
  const chart = echarts.getInstanceByDom(el);
  const box = el.getBoundingClientRect();
  let xy;
  if (kind === "bar") {
    const opt = chart.getOption();
    const s = opt.series.findIndex(x => x.data.some(v => v));
    const i = opt.series[s].data.findIndex(v => v);
    xy = chart.convertToPixel({seriesIndex: s}, [i, opt.series[s].data[i] / 2]);
  } else {
    xy = chart.getModel().getSeriesByIndex(0).getData().getItemLayout(0);
  }
  return [box.left + xy[0], box.top + xy[1]];
}"""


def test_clicking_a_timeline_bar_and_a_network_node_lists_their_events(page):
    from playwright.sync_api import expect

    expect(page.locator("#results li.event")).not_to_have_count(0)   # the first page of the default filter
    page.fill("#q", "방문해")                       # narrow the list first, so the click must change it
    page.click("#search-form button")
    expect(page.locator("#results li.event")).to_have_count(1)
    page.locator("#timeline canvas").wait_for()
    page.locator("#network canvas").wait_for()
    page.locator("#timeline").scroll_into_view_if_needed()
    x, y = page.evaluate(_PIXEL_OF_FIRST, ["#timeline", "bar"])
    page.mouse.click(x, y)
    expect(page.locator("#results li.event")).not_to_have_count(1)
    assert page.locator("#results li.event").count() >= 2
    page.fill("#q", "방문해")
    page.click("#search-form button")
    expect(page.locator("#results li.event")).to_have_count(1)
    page.locator("#network").scroll_into_view_if_needed()
    x, y = page.evaluate(_PIXEL_OF_FIRST, ["#network", "node"])
    page.mouse.click(x, y)
    expect(page.locator("#results li.event")).not_to_have_count(1)
    assert page.locator("#results li.event").count() >= 2


def test_the_url_keeps_the_view_and_a_link_restores_it(page, dashboard):
    from playwright.sync_api import expect

    page.fill("#q", "방문해")
    page.fill("#dyad-b", "CHN")
    page.click("#search-form button")
    page.wait_for_url("**q=*")
    page.locator("#results li.event").first.click()
    page.wait_for_url("**event=*")
    link = page.url
    assert "b=CHN" in link and "kind=events" in link
    event_id = page.evaluate("new URLSearchParams(location.search).get('event')")

    # the link opened afresh shows the same search, the same dyad and the same event
    page.goto(dashboard + "/")
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("#q") == ""
    page.goto(link)
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("#q") == "방문해"
    assert page.input_value("#dyad-b") == "CHN"
    expect(page.locator("#results li.event")).to_have_count(1)
    page.locator("#evidence-body .doc-text mark").wait_for()
    assert page.evaluate("new URLSearchParams(location.search).get('event')") == event_id

    # back returns to the earlier view
    page.go_back()
    page.wait_for_selector("body[data-ready='1']")
    assert page.input_value("#q") == ""


# every chart (an ECharts canvas host) has a <details> table of its numbers right after it
_CHART_TABLES = """() => ({charts: Array.from(document.querySelectorAll('.chart'))
  .filter(c => c.id && c.id !== 'triangle-cards' && c.offsetParent !== null && c.querySelector('canvas'))
  .map(c => { const t = c.nextElementSibling;
    return {id: c.id, rows: t && t.matches('details.chart-table') ? t.querySelectorAll('tbody tr').length : 0}; })})"""


def test_every_chart_has_a_table_of_its_numbers(page):
    page.locator("#triangle-strip + details.chart-table").wait_for(state="attached")
    page.locator("#dyad + details.chart-table").wait_for(state="attached")
    page.locator("#network + details.chart-table").wait_for(state="attached")
    tables = page.evaluate(_CHART_TABLES)["charts"]
    assert {t["id"] for t in tables} >= {"timeline", "dyad", "triangle-strip", "network"}, tables
    assert all(t["rows"] > 0 for t in tables), tables
    page.locator("#timeline + details.chart-table summary").click()
    assert page.locator("#timeline + details.chart-table tbody tr").first.is_visible()
