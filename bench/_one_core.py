"""Child process of bench/run.py: extraction throughput pinned to one core, or peak memory of a worker.

    python bench/_one_core.py throughput FILE_LIST --repeat 3 --core 1
    python bench/_one_core.py memory FILE_LIST

Prints one JSON object. Kiwi is loaded before any timing (a worker loads it once and reuses it).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["throughput", "memory"])
    ap.add_argument("file_list", type=Path, help="a file naming one article path a line")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--core", type=int, default=None, help="pin this process to one CPU (default: the last one)")
    args = ap.parse_args()

    core = args.core if args.core is not None else max(os.sched_getaffinity(0))
    if args.mode == "throughput":
        os.sched_setaffinity(0, {core})  # before Kiwi starts any thread
    from sagwan import extract_paths
    from sagwan.analyse.ko import get_kiwi

    paths = args.file_list.read_text(encoding="utf-8").split("\n")
    paths = [p for p in paths if p]
    kiwi = get_kiwi()
    if args.mode == "memory":
        n_events = sum(len(r.get("events", [])) for r in extract_paths(paths) if isinstance(r, dict))
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
        print(json.dumps({"docs": len(paths), "events": n_events, "peak_rss_mb": peak_kb / 1024}))
        return

    texts = [Path(p).read_text(encoding="utf-8") for p in paths]
    chars = sum(len(t) for t in texts)
    paragraphs = [line for t in texts for line in t.split("\n") if line.strip()]
    extract_s, kiwi_s = [], []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        failures = sum(1 for r in extract_paths(paths) if not isinstance(r, dict))
        extract_s.append(time.perf_counter() - t0)
        # the floor: Kiwi's tokenize alone over the same text, paragraph by paragraph as the analyser feeds it
        t0 = time.perf_counter()
        for para in paragraphs:
            kiwi.tokenize(para)
        kiwi_s.append(time.perf_counter() - t0)
    print(json.dumps({"docs": len(paths), "chars": chars, "failures": failures, "core": core,
                      "extract_s": extract_s, "kiwi_tokenize_s": kiwi_s}))


if __name__ == "__main__":
    main()
