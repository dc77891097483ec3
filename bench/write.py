"""The store's write rate against the extractor's rate, and against the size of the store.

    .venv/bin/python bench/write.py --records R.jsonl [--docs 400] [--sizes 0,100000,1000000] [--postgres]

R.jsonl holds already-extracted records (`sagwan extract DIR -o R.jsonl`, or a shard of
`sagwan ingest --out`). Measured, one process, Kiwi loaded before timing:
- extract: `extract_document` over the records' texts (the coder's rate, on the same machine at the
  same time, so the ratio is fair on a shared machine);
- store: `Store.add_records` of the same records into an empty store, with the quotes segmented
  where the record was made (`Prepared`, as `--workers` does) and from plain records (Kiwi in the
  writer), one document per transaction;
- growth: the same records into stores already holding N generated events (bench/events.py), N in --sizes.
Each figure is the median of --repeat runs; extract and store runs alternate.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _extract_rate(records: list[dict]) -> float:
    from sagwan.extract.pipeline import extract_document
    from sagwan.model import RawDocument

    raws = [RawDocument(id=r["doc"]["id"], source=r["doc"]["source"], body=r["doc"]["text"],
                        title=r["doc"].get("title"), published=r["doc"].get("published")) for r in records]
    started = time.perf_counter()
    for raw in raws:
        extract_document(raw)
    return len(raws) / (time.perf_counter() - started)


def _store_rate(url: str, items: list) -> float:
    from sagwan.store import open_store

    with open_store(url) as store:
        started = time.perf_counter()
        summary = store.add_records(items)
        took = time.perf_counter() - started
    assert not summary.failures, summary.failures[:3]
    return summary.documents / took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", required=True)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sizes", default="0,100000,1000000", help="events already in the store for the growth runs")
    ap.add_argument("--postgres", action="store_true", help="also into a PostgreSQL started for the run")
    ap.add_argument("--work", default=None, help="folder for the stores (default: a temporary one)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()

    from sagwan.analyse.ko import get_kiwi
    from sagwan.store.api import prepare

    records = [json.loads(line) for line in Path(args.records).read_text(encoding="utf-8").splitlines()
               if line.strip()][:args.docs]
    get_kiwi()
    prepared = [prepare(r) for r in records]
    work = Path(args.work or tempfile.mkdtemp(prefix="sagwan-write-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"docs": len(records)}
    n = 0

    def sqlite_url() -> str:
        nonlocal n
        n += 1
        return str(work / f"w{n}.db")

    backends = {"sqlite": sqlite_url}
    pg = None
    if args.postgres:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "store"))
        from _pgserver import PostgresServer, find_bin_dir

        pg = PostgresServer(find_bin_dir())
        pg.start()
        backends["postgresql"] = pg.new_database
    try:
        runs: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            runs.setdefault("extract_docs_per_s", []).append(_extract_rate(records))
            for name, new_url in backends.items():
                runs.setdefault(f"store_prepared_{name}_docs_per_s", []).append(_store_rate(new_url(), prepared))
                runs.setdefault(f"store_plain_{name}_docs_per_s", []).append(_store_rate(new_url(), records))
        for key, values in runs.items():
            results[key] = round(statistics.median(values), 1)
        for name in backends:
            for kind in ("prepared", "plain", "one_per_transaction"):
                key = f"store_{kind}_{name}_docs_per_s"
                results[f"{key.removesuffix('_docs_per_s')}_over_extract"] = round(
                    results[key] / results["extract_docs_per_s"], 1)
        import events as gen

        from sagwan.store import open_store

        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            base = work / f"base-{size}.db"
            if not base.exists():
                with open_store(str(base)) as store:
                    if size:
                        gen.fill(store.engine, size)
            rates = []
            for _ in range(args.repeat):
                copy = work / f"grow-{size}.db"
                shutil.copyfile(base, copy)
                rates.append(_store_rate(str(copy), prepared))
                copy.unlink()
            results[f"store_prepared_sqlite_into_{size}_events_docs_per_s"] = round(statistics.median(rates), 1)
            print(f"into a store of {size} events: {results[f'store_prepared_sqlite_into_{size}_events_docs_per_s']}"
                  " docs/s", flush=True)
    finally:
        if pg is not None:
            pg.stop()
    for key, value in results.items():
        print(f"{key:55} {value}")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
