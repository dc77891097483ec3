"""Extraction time against document length: is it linear?

    .venv/bin/python bench/length.py                      # 10k, 40k, 100k, 200k, 400k characters
    .venv/bin/python bench/length.py --sizes 40000,400000 --repeat 3

One document of each size is made from the bench corpus's generated articles (bench/corpus.py: the
demo corpus's sentences dealt out, seeded) laid end to end, so every size reads like news and the
larger ones only hold more of it. Each is cleaned and extracted by `extract_document` with no budget
(sagwan.budget off), in this process, pinned to one core, Kiwi loaded before timing. Prints one JSON
object: seconds per size (min of the repeats), characters per second, and the ratio of the largest
size's time to the time of the size ten times smaller (linear: about 10; the issue asks < 10x for
400k over 40k). Kiwi's own `tokenize` over the same paragraphs is timed beside it, to tell the
analyser's share from the extractors'.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_articles  # noqa: E402


def document(chars: int, articles: list[tuple[str, str]]) -> str:
    """About `chars` characters of article bodies, paragraph per line, cut at a paragraph's end."""
    out: list[str] = []
    total = 0
    for _title, body in articles:
        for para in body.splitlines():
            if total >= chars:
                return "\n".join(out) + "\n"
            out.append(para)
            total += len(para) + 1
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,40000,100000,200000,400000")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--core", type=int, default=None)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.sched_setaffinity(0, {args.core if args.core is not None else max(os.sched_getaffinity(0))})

    from sagwan.analyse.ko.kiwi import get_kiwi
    from sagwan.budget import Budget
    from sagwan.extract.pipeline import extract_document
    from sagwan.ingest import read_text

    off = Budget(seconds=None, max_chars=10 ** 9, max_paragraph_sentences=10 ** 9, max_paragraph_quotes=10 ** 9)
    articles = make_articles(1 + max(sizes) // 3000)
    kiwi = get_kiwi()
    extract_document(read_text(document(3000, articles)), off)  # every lexicon loaded
    rows = []
    for size in sizes:
        text = document(size, articles)
        best = kiwi_best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            doc = extract_document(read_text(text, source=f"<{size}>"), off)
            best = min(best, time.perf_counter() - started)
            started = time.perf_counter()
            for para in doc.text.splitlines():
                kiwi.tokenize(para, split_sents=True)
            kiwi_best = min(kiwi_best, time.perf_counter() - started)
        rows.append({"chars": len(text), "paragraphs": text.count("\n"), "events": len(doc.events),
                     "quotes": len(doc.quotes), "extract_s": round(best, 3), "kiwi_tokenize_s": round(kiwi_best, 3),
                     "chars_per_s": round(len(text) / best)})
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    by_size = {r["chars"]: r for r in rows}
    result = {"rows": rows}
    big = max(by_size)
    small = min(by_size, key=lambda c: abs(c - big / 10))
    result["ratio_largest_over_tenth"] = {"chars": [small, big],
                                          "extract": round(by_size[big]["extract_s"] / by_size[small]["extract_s"], 2),
                                          "kiwi": round(by_size[big]["kiwi_tokenize_s"]
                                                        / by_size[small]["kiwi_tokenize_s"], 2)}
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
