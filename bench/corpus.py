"""A synthetic Korean news corpus for the benchmarks, made from the demo corpus's own sentences.

The demo articles (examples/demo/) are cleaned, cut into sentences, and dealt out again, seeded,
into articles of realistic length (3,000–4,000 characters by default): a title, a dateline, and
paragraphs of one to three sentences. Same seed, same corpus, byte for byte.
"""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo"
# A sentence ends at . ? ! (possibly followed by closing quotes/brackets) before a space.
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’」』)]*\s+")


def demo_sentences() -> tuple[list[str], list[str]]:
    """(sentences, titles) of the cleaned demo corpus, in a stable order."""
    from sagwan.clean import clean
    from sagwan.errors import InputError
    from sagwan.ingest import read_sources
    from sagwan.model import Failure

    sentences: list[str] = []
    titles: list[str] = []
    for raw in read_sources([str(DEMO)]):
        if isinstance(raw, Failure):
            continue
        try:
            doc = clean(raw)
        except InputError:
            continue
        if doc.language != "ko":
            continue
        if doc.title:
            titles.append(doc.title)
        for line in doc.text.split("\n"):
            for s in _SENTENCE_END.split(line.strip()):
                if len(s) >= 15:
                    sentences.append(s.strip())
    return sentences, titles


def make_articles(n: int, seed: int = 7, min_chars: int = 3000, max_chars: int = 4000) -> list[tuple[str, str]]:
    """(file name, text) of `n` articles."""
    sentences, titles = demo_sentences()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        target = rng.randint(min_chars, max_chars)
        published = date(2018, 1, 1) + timedelta(days=rng.randrange(8 * 365))
        paragraphs = deal_paragraphs(rng, sentences, target)
        title = rng.choice(titles)
        text = f"{title}\n입력 {published:%Y.%m.%d} {rng.randint(6, 22):02d}:{rng.randrange(60):02d}\n\n" + \
            "\n".join(paragraphs) + "\n"
        out.append((f"{published:%Y-%m-%d}-{i:05d}.txt", text))
    return out


def deal_paragraphs(rng: random.Random, sentences: list[str], target: int) -> list[str]:
    """Paragraphs of one to three sentences drawn from `sentences` until about `target` characters."""
    paragraphs: list[str] = []
    size = 0
    while size < target:
        para = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3)))
        paragraphs.append(para)
        size += len(para) + 1
    return paragraphs


def write_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` articles into `folder` (made if missing); returns their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in make_articles(n, seed):
        p = folder / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths
