"""Watcher fixtures: a local news site (127.0.0.1 only) and watch lists with fast, test-sized settings.

The articles are invented for these tests, with invented lesser officials; the states are real."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _site import Site, article, rss  # noqa: E402

from sagwan.watch.config import parse_config  # noqa: E402

DATE = "Mon, 04 Mar 2024 10:00:00 GMT"
LATER = "Wed, 06 Mar 2024 09:00:00 GMT"

ARTICLES = {
    "/news/prk-rus-talks": ("북한, 러시아와 군사 협력 강화 합의", "2024-03-05", [
        "북한과 러시아는 4일 평양에서 외무장관 회담을 열고 군사 협력을 강화하기로 합의했다.",
        "마동철 북한 외무성 부국장은 \"두 나라의 관계는 새로운 단계에 들어섰다\"고 말했다.",
    ]),
    "/news/usa-prk-missile": ("미국, 북한 미사일 발사 규탄", "2024-04-11", [
        "미국 국무부는 10일 북한의 탄도미사일 발사를 강력히 규탄했다.",
        "국무부의 에반 톨먼 부차관보는 \"북한은 도발을 멈추고 대화에 나와야 한다\"고 밝혔다.",
    ]),
    "/news/chn-aid": ("중국, 대북 식량 지원 발표", "2024-05-20", [
        "중국 정부는 19일 북한에 쌀 10만 톤을 지원하겠다고 발표했다.",
        "중국 상무부의 류샤오펑 국장은 \"인도적 차원의 지원\"이라고 설명했다.",
    ]),
    "/news/kor-jpn": ("한일 외교차관 회담", "2024-06-02", [
        "한국과 일본은 1일 서울에서 외교차관 회담을 열었다.",
        "박서진 외교부 국장은 \"양국이 긴밀히 공조하기로 했다\"고 전했다.",
    ]),
}


def page(path: str) -> str:
    title, published, paragraphs = ARTICLES[path]
    return article(title, published, paragraphs)


@pytest.fixture
def site():
    with Site() as s:
        yield s


def publish(site: Site, paths: list[str], feed: str = "/rss.xml", date: str = DATE) -> str:
    """Serve the articles and a feed listing them; returns the feed's URL."""
    for p in paths:
        site.set(p, page(p))
    return site.set(feed, rss(site.url, [(p, ARTICLES[p][0], date) for p in paths]), ctype="application/rss+xml")


def watch_list(tmp_path: Path, sources: list[dict], rules: list[dict] | None = None, **settings):
    """A watch list with settings that keep tests fast (no waiting between requests, short timeouts)."""
    base = {"rate": 0, "backoff": 0.01, "timeout": 2, "retries": 1, "alert_log": str(tmp_path / "alerts.jsonl")}
    return parse_config({"watch": base | settings, "source": sources, "rule": rules or []}, tmp_path / "watch.toml")
