"""Two rounds of `sagwan watch --once` against a local site (127.0.0.1 only), printed as a transcript.

    .venv/bin/python bench/watch_demo.py            # about 15 s; writes nothing outside a temporary folder

Round 1 reads a feed of four articles (one behind a robots.txt Disallow, one answering 500) and a
URL list; between the rounds one article is updated and a new one about North Korea and Russia is
published; round 2 asks with validators, stores the new and the updated article only, and raises
the alerts of the PRK-RUS rule for the new events. The site's request log shows what was sent.
The articles and officials are invented (tests/watch/_site.py).
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "watch"))
from _site import ARTICLES, DATE, LATER, Site, article, page, rss  # noqa: E402

SAGWAN = [sys.executable, "-m", "sagwan"]


def run(args: list[str], cwd: Path) -> None:
    shown = " ".join(shlex.quote(a) for a in ["sagwan", *args])
    print(f"$ {shown}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAGWAN_")}
    res = subprocess.run([*SAGWAN, *args], cwd=cwd, env=env, capture_output=True, text=True)
    out = (res.stdout + res.stderr).rstrip()
    if out:
        print(out)
    print(f"[exit {res.returncode}]\n")


def requests_since(site: Site, start: int) -> None:
    print("requests the site received:")
    for path, headers in site.requests[start:]:
        conditional = " If-None-Match" if "if-none-match" in headers else ""
        print(f"  GET {path}{conditional}   ({headers.get('user-agent', '')[:40]}…)")
    print()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sagwan-watch-") as tmp, Site() as site:
        folder = Path(tmp)
        site.set("/robots.txt", "User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        paths = ["/news/prk-rus-talks", "/news/usa-prk-missile", "/news/chn-aid"]
        for p in paths:
            site.set(p, page(p))
        site.set("/private/memo", "<html>internal</html>")
        site.set("/news/broken", "oops", status=500, ctype="text/plain")
        entries = [(p, ARTICLES[p][0], DATE) for p in paths] + [("/private/memo", "memo", DATE),
                                                                ("/news/broken", "broken", DATE)]
        site.set("/rss.xml", rss(site.url, entries), ctype="application/rss+xml")
        site.set("/picks.txt", f"# by hand\n{site.url}/news/kor-jpn\n", ctype="text/plain")
        site.set("/news/kor-jpn", page("/news/kor-jpn"))
        (folder / "watch.toml").write_text(
            "[watch]\nrate = 0.2\nretries = 1\nbackoff = 0.2\nuser_agent = \"sagwan/0.1.0 (demo; "
            "+mailto:desk@example.org)\"\n\n[[rule]]\nname = \"prk-rus\"\ndyad = \"PRK-RUS\"\n", encoding="utf-8")
        print(f"# a local site at {site.url}; working folder {folder}\n")
        run(["watch", "add", site.url + "/rss.xml", "--outlet", "가상일보", "--interval", "0"], folder)
        run(["watch", "add", site.url + "/picks.txt", "--interval", "0"], folder)
        print((folder / "watch.toml").read_text(encoding="utf-8"))

        print("# round 1")
        start = len(site.requests)
        run(["watch", "--once", "--db", "chronicle.db"], folder)
        requests_since(site, start)

        print("# between the rounds: /news/prk-rus-talks is updated, /news/prk-rus-aid is published\n")
        title, published, paragraphs = ARTICLES["/news/prk-rus-talks"]
        site.set("/news/prk-rus-talks", article(title + " (종합)", published, paragraphs + [
            "한편 러시아는 5일 북한에 대한 제재를 해제할 것을 유엔에 요구했다."]))
        site.set("/news/prk-rus-aid", article("러, 대북 밀가루 지원", "2024-03-08", [
            "러시아는 7일 북한에 밀가루 5만 톤을 지원했다.",
            "세르게이 바투린 러시아 비상사태부 국장은 \"추가 지원도 검토하고 있다\"고 말했다."]))
        entries = [("/news/prk-rus-aid", "러, 대북 밀가루 지원", LATER), ("/news/prk-rus-talks", title, LATER)]
        entries += [(p, ARTICLES[p][0], DATE) for p in paths[1:]]
        site.set("/rss.xml", rss(site.url, entries), ctype="application/rss+xml")

        print("# round 2")
        start = len(site.requests)
        run(["watch", "--once", "--db", "chronicle.db"], folder)
        requests_since(site, start)

        print("# the alert log")
        print((folder / "alerts.jsonl").read_text(encoding="utf-8"))
        run(["alerts", "--db", "chronicle.db"], folder)
        run(["events", "--db", "chronicle.db", "--dyad", "PRK-RUS"], folder)


if __name__ == "__main__":
    main()
