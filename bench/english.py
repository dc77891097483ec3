"""English extraction throughput and peak memory on one core (issue: >= 100 articles/s of 3,500 characters).

    .venv/bin/python bench/english.py --docs 500 --repeat 3

Articles are dealt, seeded, from bench/english_sentences.txt (sentences written for the benchmark) into
3,000-4,000 characters each, with a title. The whole extraction is timed as a user gets it
(`extract_document`: clean, language detection, analysis, extractors, the record), and apart from
that the English annotation alone (`annotate` on a cleaned document). Everything is loaded before
timing, as a worker has it. Wall-clock and CPU-time figures are both given: on a shared machine
(load average above the number of cores) the wall clock counts other processes' turns on the core;
the CPU time of this process is what one core dedicated to it would take. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def sentences() -> list[str]:
    lines = (HERE / "english_sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def make_articles(n: int, seed: int = 7, min_chars: int = 3000, max_chars: int = 4000) -> list[str]:
    from corpus import deal_paragraphs

    rng = random.Random(seed)
    pool = sentences()
    return ["\n".join(deal_paragraphs(rng, pool, rng.randint(min_chars, max_chars))) for _ in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--core", type=int, default=None, help="pin to this CPU (default: the last one)")
    args = ap.parse_args()
    core = args.core if args.core is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})

    from sagwan.clean import clean
    from sagwan.extract.pipeline import annotate, extract_document
    from sagwan.ingest import read_text

    texts = make_articles(args.docs)
    raws = [read_text(t, source=f"en-{i}.txt", title="Officials meet", published="2023-10-27")
            for i, t in enumerate(texts)]
    for raw in raws[:3]:
        extract_document(raw)                    # load everything, as a worker's warm-up does
    whole, whole_cpu, annotation, annotation_cpu = [], [], [], []
    n_events = 0
    load_before = os.getloadavg()
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for raw in raws:
            n_events += len(extract_document(raw).events)
        whole.append(time.perf_counter() - t0)
        whole_cpu.append(time.process_time() - c0)
        docs = [clean(raw) for raw in raws]
        t0, c0 = time.perf_counter(), time.process_time()
        for doc in docs:
            annotate(doc)
        annotation.append(time.perf_counter() - t0)
        annotation_cpu.append(time.process_time() - c0)
    chars = sum(len(t) for t in texts)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "docs": args.docs, "mean_chars": round(chars / args.docs), "core": core,
        "events_per_doc": round(n_events / args.docs / args.repeat, 2),
        "extract_docs_per_s": [round(args.docs / s, 1) for s in whole],
        "extract_docs_per_s_median": round(args.docs / statistics.median(whole), 1),
        "extract_docs_per_cpu_s": [round(args.docs / s, 1) for s in whole_cpu],
        "extract_docs_per_cpu_s_median": round(args.docs / statistics.median(whole_cpu), 1),
        "annotate_docs_per_s": [round(args.docs / s, 1) for s in annotation],
        "annotate_docs_per_s_median": round(args.docs / statistics.median(annotation), 1),
        "annotate_docs_per_cpu_s_median": round(args.docs / statistics.median(annotation_cpu), 1),
        "load_average_before": [round(x, 2) for x in load_before],
        "peak_rss_mb": round(peak_mb, 1),
    }))


if __name__ == "__main__":
    main()
