"""Profile the extractor (cProfile) over generated articles; prints the top functions of sagwan's own code.

    .venv/bin/python bench/profile_extract.py --docs 50 [--out bench/results/extract.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--out", type=Path, default=None, help="also save the raw profile here")
    args = ap.parse_args()

    from sagwan.analyse.ko import get_kiwi
    from sagwan.extract.pipeline import extract_document
    from sagwan.ingest import read_text

    get_kiwi()  # loading Kiwi is not what we profile
    articles = corpus.make_articles(args.docs, args.seed)
    prof = cProfile.Profile()
    prof.enable()
    for name, text in articles:
        extract_document(read_text(text, source=name)).to_record()
    prof.disable()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        prof.dump_stats(args.out)
    stats = pstats.Stats(prof)
    total = stats.total_tt
    print(f"{args.docs} documents, {total:.2f} s profiled\n")
    print("own time (tottime), sagwan code:")
    _top(stats, "tottime", args.top, total)
    print("\ncumulative time, sagwan code:")
    _top(stats, "cumulative", args.top, total)
    print("\nown time, everything (Kiwi, re, ...):")
    _top(stats, "tottime", 12, total, only_sagwan=False)


def _top(stats: pstats.Stats, key: str, n: int, total: float, only_sagwan: bool = True) -> None:
    rows = []
    for (file, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():
        if only_sagwan and "/sagwan/" not in file:
            continue
        rows.append((tottime if key == "tottime" else cumtime, ncalls, file, line, func))
    rows.sort(reverse=True)
    for t, ncalls, file, line, func in rows[:n]:
        where = file.split("/src/", 1)[-1] if "/src/" in file else file.rsplit("/", 2)[-1]
        print(f"  {t:7.2f} s {100 * t / total:5.1f}%  {ncalls:>9}  {where}:{line} {func}")


if __name__ == "__main__":
    main()
