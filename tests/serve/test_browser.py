"""The dashboard in a real browser: Debian's headless chromium driven by Playwright.

Skipped on a developer machine without chromium; on CI (CI=true) a missing chromium fails.
"""

from __future__ import annotations

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


@pytest.fixture
def dashboard(real_store_path):
    import uvicorn

    from sagwan.serve.api import create_app
    from sagwan.store import open_store

    store = open_store(str(real_store_path))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the dashboard server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    store.close()


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
