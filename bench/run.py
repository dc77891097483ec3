"""Run every sagwan benchmark and write bench/results/latest.json (see bench/README.md).

    .venv/bin/python bench/run.py                          # full sizes (slow: tens of minutes)
    .venv/bin/python bench/run.py --docs 100 --events 20000 --speedup-docs 60 --memory-docs 40   # a quick try
    .venv/bin/python bench/run.py --only extract,query --no-postgres

Each figure is measured --repeat times (at least 3) and reported as min / median / max.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "store"))
import corpus  # noqa: E402

SECTIONS = ("extract", "memory", "speedup", "ingest", "query", "english")
TARGETS = {
    "extract_vs_kiwi_ratio": ">= 0.6 (0.5 minimum)",
    "worker_peak_rss_mb": "<= 700",
    "speedup_2_over_1": ">= 1.7",
    "dyad_query_sqlite_s": "< 0.5",
    "dyad_command_sqlite_s": "< 0.5",
    "english_extract_docs_per_cpu_s": ">= 100 (articles of 3,500 characters, one core)",
}


def stats(runs: list[float], unit: str, **extra: Any) -> dict[str, Any]:
    return {"unit": unit, "runs": [round(r, 4) for r in runs], "min": round(min(runs), 4),
            "median": round(statistics.median(runs), 4), "max": round(max(runs), 4), **extra}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpus_usable": len(os.sched_getaffinity(0)), "cpu": cpu,
            "ram_gb": round(mem_kb / 1024 / 1024, 1), "python": platform.python_version(),
            "load_average_before": os.getloadavg()}


def _child(args: list[str]) -> dict[str, Any]:
    res = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:2])} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def _timed_command(cmd: list[str]) -> float:
    """Wall clock of a command that must succeed (its stderr tail is shown when it does not)."""
    t, res = timed(lambda: subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT))
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{res.stderr[-3000:]}")
    return t


# -- sections ---------------------------------------------------------------------------------------

def bench_extract(paths: list[Path], work: Path, repeat: int) -> dict[str, Any]:
    """In-process extraction on one pinned core, against Kiwi's tokenize alone on the same paragraphs."""
    listing = work / "extract-files.txt"
    listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
    r = _child([str(HERE / "_one_core.py"), "throughput", str(listing), "--repeat", str(repeat)])
    docs, chars = r["docs"], r["chars"]
    ratios = [k / e for e, k in zip(r["extract_s"], r["kiwi_tokenize_s"], strict=True)]
    return {
        "extract_docs_per_s": stats([docs / s for s in r["extract_s"]], "docs/s", docs=docs, core=r["core"],
                                    failures=r["failures"]),
        "extract_chars_per_s": stats([chars / s for s in r["extract_s"]], "chars/s", chars=chars),
        "kiwi_tokenize_docs_per_s": stats([docs / s for s in r["kiwi_tokenize_s"]], "docs/s"),
        "extract_vs_kiwi_ratio": stats(ratios, "x", note="extract docs/s divided by Kiwi-tokenize docs/s"),
    }


def bench_english(n_docs: int, repeat: int) -> dict[str, Any]:
    """English extraction on one pinned core, whole (clean to record) and annotation alone; peak memory
    of that process (bench/english.py)."""
    r = _child([str(HERE / "english.py"), "--docs", str(n_docs), "--repeat", str(repeat)])
    extra = {"docs": r["docs"], "mean_chars": r["mean_chars"], "core": r["core"],
             "load_average_before": r["load_average_before"]}
    return {
        "english_extract_docs_per_s": stats(r["extract_docs_per_s"], "docs/s", **extra),
        "english_extract_docs_per_cpu_s": stats(r["extract_docs_per_cpu_s"], "docs/CPU-s",
                                                note="CPU time of the process: what a dedicated core gives"),
        "english_annotate_docs_per_s": stats(r["annotate_docs_per_s"], "docs/s"),
        "english_peak_rss_mb": {"unit": "MB", "value": r["peak_rss_mb"], "docs": r["docs"]},
    }


def bench_memory(paths: list[Path], work: Path, repeat: int) -> dict[str, Any]:
    listing = work / "memory-files.txt"
    listing.write_text("\n".join(map(str, paths)), encoding="utf-8")
    runs = [_child([str(HERE / "_one_core.py"), "memory", str(listing)])["peak_rss_mb"] for _ in range(repeat)]
    return {"worker_peak_rss_mb": stats(runs, "MB", docs=len(paths))}


def bench_speedup(folder: Path, n_docs: int, work: Path, repeat: int) -> tuple[dict[str, Any], Path]:
    """`sagwan ingest DIR --out SHARDS --workers N`, wall clock, N = 1 and 2 (cluster start and Kiwi loads included).

    Both are the same code path (a local cluster of N worker processes), each run a fresh command. The
    order alternates between repeats (1, 2, then 2, 1) so that a drift in the machine's load falls on
    both; the ratio is taken per repeat. For each run the CPU time that other processes took meanwhile
    is kept (`others_cpu_s`): on 2 cores, a run that shared them is not a measure of the speed-up.
    """
    times: dict[int, list[float]] = {1: [], 2: []}
    others: dict[int, list[float]] = {1: [], 2: []}
    shards = work / "shards-keep"
    for i in range(repeat):
        for n in (1, 2) if i % 2 == 0 else (2, 1):
            out = work / f"shards-{n}-{i}"
            cmd = [sys.executable, "-m", "sagwan", "ingest", str(folder), "--out", str(out), "--workers", str(n)]
            busy, ours = _machine_busy_s(), _children_cpu_s()
            times[n].append(_timed_command(cmd))
            others[n].append(round(max(0.0, (_machine_busy_s() - busy) - (_children_cpu_s() - ours)), 1))
            if not shards.exists():
                out.rename(shards)
    w1, w2 = statistics.median(times[1]), statistics.median(times[2])
    return {
        "ingest_out_workers_1_s": stats(times[1], "s", docs=n_docs, others_cpu_s=others[1]),
        "ingest_out_workers_2_s": stats(times[2], "s", docs=n_docs, others_cpu_s=others[2]),
        "ingest_out_workers_1_docs_per_s": stats([n_docs / t for t in times[1]], "docs/s"),
        "ingest_out_workers_2_docs_per_s": stats([n_docs / t for t in times[2]], "docs/s"),
        "speedup_2_over_1": stats([a / b for a, b in zip(times[1], times[2], strict=True)], "x",
                                  of_medians=round(w1 / w2, 3)),
    }, shards


def _machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (all but idle and I/O wait), from /proc/stat."""
    ticks = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _children_cpu_s() -> float:
    """CPU seconds of this process's finished children (a command and its worker processes)."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def bench_ingest(shards: Path, folder: Path, n_docs: int, work: Path, databases: dict[str, Callable[[], str]],
                 repeat: int) -> dict[str, Any]:
    """Store the first `n_docs` already-extracted records (of the speed-up run's shards) into an empty store:
    the database's side of an ingest."""
    from sagwan.analyse.ko import get_kiwi
    from sagwan.parallel import ingest_paths

    lines = [line for p in sorted(shards.glob("part-*.jsonl"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()][:n_docs]
    subset = work / "ingest-records.jsonl"
    subset.write_text("\n".join(lines) + "\n", encoding="utf-8")
    get_kiwi()  # quotes are segmented for search with Kiwi in the writing process; load it before timing
    out = {}
    for backend, new_url in databases.items():
        runs, n = [], 0
        for _ in range(repeat):
            url = new_url()
            t, summary = timed(lambda url=url: ingest_paths([subset], db_url=url))
            n = summary.documents
            runs.append(n / t)
        out[f"store_records_{backend}_docs_per_s"] = stats(runs, "docs/s", docs=n)
    # the whole of it, as a user runs it: read, extract on 2 workers, store (one writer), start-up included
    articles = work / "ingest-articles"
    articles.mkdir(exist_ok=True)
    for p in sorted(folder.iterdir())[:n_docs]:
        (articles / p.name).symlink_to(p.resolve())
    for backend, new_url in databases.items():
        runs = []
        for _ in range(repeat):
            cmd = [sys.executable, "-m", "sagwan", "ingest", str(articles), "--db", new_url(), "--workers", "2"]
            runs.append(n_docs / _timed_command(cmd))
        out[f"ingest_workers_2_{backend}_docs_per_s"] = stats(runs, "docs/s", docs=n_docs,
                                                              note="sagwan ingest DIR --db ... --workers 2")
    return out


def bench_query(n_events: int, databases: dict[str, Callable[[], str]], repeat: int,
                full_scan_max: int) -> dict[str, Any]:
    import events as gen
    from sqlalchemy import text

    from sagwan.analytics import dyad_series, stored_dyad_series, within
    from sagwan.store import open_store

    out: dict[str, Any] = {}
    for backend, new_url in databases.items():
        url = new_url()
        with open_store(url) as store:
            t_fill, counts = timed(lambda store=store: gen.fill(store.engine, n_events))
            if backend == "postgresql":  # autovacuum would do it on a live server
                with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("VACUUM ANALYZE"))
            out[f"fill_{backend}"] = {"unit": "s", "seconds": round(t_fill, 1), **counts}

            def events_dyad(store=store):
                return store.events(dyad=("PRK", "RUS"))

            def dyad_month(store=store):
                return stored_dyad_series(store, "PRK", "RUS", by="month")

            events_dyad()  # warm the caches once, as a server that has been running would have them
            runs = [timed(events_dyad)[0] for _ in range(repeat)]
            n_found = len(events_dyad())
            out[f"events_dyad_{backend}_s"] = stats(runs, "s", events=n_events, found=n_found,
                                                    note="store.events(dyad=(PRK, RUS)): `sagwan events --dyad`")
            runs = [timed(dyad_month)[0] for _ in range(repeat)]
            out[f"dyad_query_{backend}_s"] = stats(runs, "s", events=n_events,
                                                   note="stored_dyad_series(PRK, RUS, by=month): `sagwan dyad`")
            for name, args in (("dyad_command", ["dyad", "PRK", "RUS", "--by", "month", "--format", "csv"]),
                               ("events_command", ["events", "--dyad", "PRK-RUS", "--format", "csv"])):
                cmd = [sys.executable, "-m", "sagwan", *args, "--db", url]
                runs = [_timed_command(cmd) for _ in range(repeat)]
                out[f"{name}_{backend}_s"] = stats(runs, "s", events=n_events,
                                                   note="`sagwan " + " ".join(args) + "` as a command, "
                                                        "Python start-up and imports included")
            if n_events <= full_scan_max:
                # the path before the dyad index: every event of the store, then the series in Python
                def full_scan(store=store):
                    return dyad_series(within(store.events(), None, None), "PRK", "RUS", by="month")
                runs = [timed(full_scan)[0] for _ in range(repeat)]
                out[f"dyad_full_scan_{backend}_s"] = stats(runs, "s", events=n_events,
                                                           note="dyad_series over store.events() (all events)")
            out[f"explain_events_dyad_{backend}"] = _explain(store)
    return out


def _explain(store) -> list[str]:
    """The plan of the dyad filter (the costly part), to see which index it uses."""
    from sqlalchemy import select

    from sagwan.store.queries import _pair_ids
    from sagwan.store.schema import events

    q = select(events.c.id).where(events.c.id.in_(_pair_ids("PRK", "RUS")))
    with store.engine.connect() as conn:
        sql = str(q.compile(conn, compile_kwargs={"literal_binds": True}))
        prefix = "EXPLAIN QUERY PLAN " if conn.dialect.name == "sqlite" else "EXPLAIN "
        return [" | ".join(str(c) for c in row) for row in conn.exec_driver_sql(prefix + sql)]


# -- main -------------------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="articles in the generated corpus (extract throughput)")
    ap.add_argument("--english-docs", type=int, default=500, help="English articles for the English throughput")
    ap.add_argument("--memory-docs", type=int, default=200, help="articles one worker extracts for peak memory")
    ap.add_argument("--speedup-docs", type=int, default=2000,
                    help="articles for --workers 1 vs 2 (the issue's benchmark corpus is 2,000 or more)")
    ap.add_argument("--ingest-docs", type=int, default=400,
                    help="extracted records stored into an empty SQLite / PostgreSQL store (at most --speedup-docs)")
    ap.add_argument("--events", type=int, default=1_000_000, help="generated chronicle events for the queries")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {','.join(SECTIONS)}")
    ap.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL (SQLite only)")
    ap.add_argument("--full-scan-max", type=int, default=200_000,
                    help="measure the `sagwan dyad` path that reads every event only up to this many events")
    ap.add_argument("--output", type=Path, default=HERE / "results" / "latest.json")
    ap.add_argument("--merge", action="store_true",
                    help="keep the figures already in --output and add or replace the ones measured now")
    args = ap.parse_args()
    if args.repeat < 3:
        ap.error("--repeat must be at least 3")
    only = set(args.only.split(","))
    if unknown := only - set(SECTIONS):
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")

    results: dict[str, Any] = {"machine": machine(), "params": vars(args) | {"output": str(args.output)},
                               "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "figures": {}}
    if args.merge and args.output.exists():
        old = json.loads(args.output.read_text(encoding="utf-8"))
        results["figures"] = old.get("figures", {})
        results["earlier_runs"] = old.get("earlier_runs", []) + [
            {k: old.get(k) for k in ("started", "finished", "params") if k in old} | {"machine": old.get("machine")}]
    figures = results["figures"]

    def save() -> None:  # after every section, so an interrupted run keeps what it measured
        results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        results["load_average_after"] = os.getloadavg()
        results["targets"] = TARGETS
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="sagwan-bench-") as tmp:
        work = Path(tmp)
        pg = None
        try:
            databases: dict[str, Callable[[], str]] = {}
            counter = iter(range(1_000_000))
            databases["sqlite"] = lambda: str(work / f"db-{next(counter)}.sqlite")
            if not args.no_postgres and only & {"ingest", "query"}:
                pg = _start_postgres()
                databases["postgresql"] = pg.new_database
            paths: list[Path] = []
            if only - {"query", "english"}:
                n_corpus = max(args.docs, args.speedup_docs, args.memory_docs)
                _log(f"writing {n_corpus} articles")
                paths = corpus.write_corpus(work / "corpus", n_corpus, args.seed)
            if "extract" in only:
                _log(f"extract: {args.docs} articles x {args.repeat}, one core")
                figures |= bench_extract(paths[:args.docs], work, args.repeat)
                save()
            if "english" in only:
                _log(f"english: {args.english_docs} English articles x {args.repeat}, one core")
                figures |= bench_english(args.english_docs, args.repeat)
                save()
            if "memory" in only:
                _log(f"memory: {args.memory_docs} articles x {args.repeat}")
                figures |= bench_memory(paths[:args.memory_docs], work, args.repeat)
                save()
            shards = None
            if only & {"speedup", "ingest"}:
                sub = work / "speedup-corpus"
                sub.mkdir()
                for p in paths[:args.speedup_docs]:
                    (sub / p.name).symlink_to(p)
                _log(f"speedup: {args.speedup_docs} articles, --workers 1 and 2, x {args.repeat}")
                speed, shards = bench_speedup(sub, args.speedup_docs, work, args.repeat)
                if "speedup" in only:
                    figures |= speed
                    save()
            if "ingest" in only and shards is not None:
                _log("ingest: storing the records into " + ", ".join(databases))
                figures |= bench_ingest(shards, sub, min(args.ingest_docs, args.speedup_docs), work, databases,
                                        args.repeat)
                save()
            if "query" in only:
                _log(f"query: {args.events} events into " + ", ".join(databases))
                figures |= bench_query(args.events, databases, args.repeat, args.full_scan_max)
                save()
        finally:
            if pg is not None:
                pg.stop()
    save()
    print_table(results)
    print(f"\nwritten to {args.output}")


def _start_postgres():
    from _pgserver import PostgresServer, find_bin_dir

    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL binaries not found (apt-get install postgresql), or run with --no-postgres")
    server = PostgresServer(bin_dir)
    server.start()
    return server


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def print_table(results: dict[str, Any]) -> None:
    m = results["machine"]
    print(f"\nmachine: {m['nproc']} CPU ({m['cpu']}), {m['ram_gb']} GB RAM, Python {m['python']}; "
          f"load average before {tuple(round(x, 2) for x in m['load_average_before'])}")
    print(f"{'figure':40} {'unit':>7} {'min':>12} {'median':>12} {'max':>12}  target")
    for name, f in results["figures"].items():
        if "median" not in f:
            continue
        print(f"{name:40} {f['unit']:>7} {f['min']:>12,.3f} {f['median']:>12,.3f} {f['max']:>12,.3f}  "
              f"{TARGETS.get(name, '')}")
    for name, f in results["figures"].items():
        if name.startswith("fill_"):
            print(f"{name}: {f['seconds']} s for " + ", ".join(f"{k}={v}" for k, v in f.items()
                                                                if k not in ("unit", "seconds")))
        elif name.startswith("explain_"):
            print(f"{name}:\n  " + "\n  ".join(f))


if __name__ == "__main__":
    main()
