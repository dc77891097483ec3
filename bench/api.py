"""The API over a large store: latency of the main endpoints one at a time, then a burst from many clients.

    .venv/bin/python bench/api.py --db /tmp/1m.db [--events 1000000] [--repeat 50] [--burst 2000 --clients 20]

`--events N` first fills a new store at --db with N generated events (bench/events.py), when the
file does not exist yet. The server is `sagwan serve` in its own process on a loopback port, as a
user runs it; requests go over HTTP from this process (http.client, one connection per client). Each
request is timed from sending to the last byte of the body. Loops are bounded by --repeat and --burst.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# (name, path, query): the dashboard's requests for one dyad (PRK–RUS) and one triangle over the store,
# with every event id behind every count (the default) and without (ids=false: the same counts)
REQUESTS = [
    ("events first page", "/api/events", {"limit": 200}),
    ("events of a dyad", "/api/events", {"dyad": "PRK-RUS", "limit": 200}),
    ("dyad by quarter", "/api/dyad", {"a": "PRK", "b": "RUS"}),
    ("dyad, ids=false", "/api/dyad", {"a": "PRK", "b": "RUS", "ids": "false"}),
    ("triangle", "/api/triangle", {"a": "PRK", "b": "RUS", "c": "CHN"}),
    ("triangle, ids=false", "/api/triangle", {"a": "PRK", "b": "RUS", "c": "CHN", "ids": "false"}),
    ("timeline of a dyad", "/api/timeline", {"dyad": "PRK-RUS"}),
    ("timeline, ids=false", "/api/timeline", {"dyad": "PRK-RUS", "ids": "false"}),
    ("network of a dyad", "/api/network", {"dyad": "PRK-RUS"}),
    ("network, ids=false", "/api/network", {"dyad": "PRK-RUS", "ids": "false"}),
    ("summary", "/api/summary", {}),
]
# the burst: the five main requests as a chart page makes them (counts without the id lists)
BURST = [r for r in REQUESTS if r[0] in ("events first page", "dyad, ids=false", "triangle, ids=false",
                                         "timeline, ids=false", "network, ids=false")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(conn: http.client.HTTPConnection, path: str, query: dict) -> tuple[int, int, float]:
    url = path + ("?" + urlencode(query) if query else "")
    start = time.perf_counter()
    conn.request("GET", url)
    res = conn.getresponse()
    body = res.read()
    return res.status, len(body), time.perf_counter() - start


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def one_at_a_time(port: int, repeat: int) -> dict:
    out = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for name, path, query in REQUESTS:
        _get(conn, path, query)   # warm: the first answer also fills SQLite's page cache
        times, sizes, statuses = [], [], set()
        for _ in range(repeat):
            status, size, took = _get(conn, path, query)
            times.append(took)
            sizes.append(size)
            statuses.add(status)
        out[name] = {"p50_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(_pct(times, 0.95) * 1000, 1),
                     "max_ms": round(max(times) * 1000, 1), "bytes": sizes[-1], "statuses": sorted(statuses)}
        print(f"{name:22} p50 {out[name]['p50_ms']:7.1f} ms  p95 {out[name]['p95_ms']:7.1f} ms  "
              f"max {out[name]['max_ms']:7.1f} ms  {sizes[-1]:>9} bytes  {sorted(statuses)}", flush=True)
    conn.close()
    return out


def burst(port: int, total: int, clients: int) -> dict:
    """`total` requests from `clients` threads, each its own keep-alive connection, cycling through BURST."""
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    per_client = total // clients

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for i in range(per_client):
            name, path, query = BURST[(k + i) % len(BURST)]
            try:
                status, _, took = _get(conn, path, query)
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(f"{name}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            with lock:
                times.append(took)
                if status != 200:
                    errors.append(f"{name}: HTTP {status}")
        conn.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    out = {"requests": per_client * clients, "clients": clients, "errors": len(errors), "error_samples": errors[:5],
           "wall_s": round(wall, 2), "req_per_s": round(len(times) / wall, 1),
           "p50_ms": round(statistics.median(times) * 1000, 1), "p95_ms": round(_pct(times, 0.95) * 1000, 1),
           "p99_ms": round(_pct(times, 0.99) * 1000, 1), "max_ms": round(max(times) * 1000, 1)}
    print(f"burst: {out['requests']} requests from {clients} clients in {out['wall_s']} s "
          f"({out['req_per_s']} req/s), errors {out['errors']}, p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms, "
          f"p99 {out['p99_ms']} ms, max {out['max_ms']} ms", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="SQLite path or postgresql:// URL")
    ap.add_argument("--events", type=int, default=0, help="fill a new SQLite store with this many events first")
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--burst", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--out", default=None, help="write the figures here as JSON")
    args = ap.parse_args()
    if args.events and "://" not in args.db and not Path(args.db).exists():
        import events as gen

        from sagwan.store import open_store

        started = time.perf_counter()
        with open_store(args.db) as store:
            gen.fill(store.engine, args.events)
        print(f"filled {args.db} with {args.events} events in {time.perf_counter() - started:.0f} s", flush=True)
    port = _free_port()
    sagwan = str(Path(sys.executable).with_name("sagwan"))
    server = subprocess.Popen([sagwan, "serve", "--db", args.db, "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        results = {"db": args.db, "one_at_a_time": one_at_a_time(port, args.repeat),
                   "burst": burst(port, args.burst, args.clients)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
