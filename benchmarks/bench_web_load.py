"""Load test of the dashboard (issue 24): 50 concurrent what-ifs while a cheap page is timed.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/bench_web_load.py [--members 1000]``.

The server runs in its own process on 127.0.0.1 (never another address), exactly as
``realpolitik serve`` builds it (background start-up, bounded run queue), with its results
cached in a temporary folder. Once its data is ready, the benchmark times a cheap page
(``GET /ingest``, and ``GET /api/health``) alone, then again while 50 client threads each
post one what-if (1,000 members, two levers) at the same moment; a what-if refused with 429
is retried after its ``Retry-After`` until the load's deadline. Bounded: 50 what-ifs, at
most ``--deadline`` seconds of load, each request with a 60 s timeout. It prints the cheap
page's median, p95 and maximum with and without the load, the what-ifs' status counts and
times, and the server's peak memory. Target (issue 24): cheap page p95 under 0.5 s.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

LEVERS = [{"id": "rcep_expansion", "intensity": 1.0}, {"id": "us_retrenchment", "intensity": 0.5}]
HOST = "127.0.0.1"


def _serve(port: int, members: int, cache: str) -> None:
    import uvicorn

    from realpolitik.web.app import create_app

    app = create_app("sqlite://", members=members, cache_dir=Path(cache))
    uvicorn.run(app, host=HOST, port=port, log_level="warning")


def _quantile(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def _probe(client: Any, url: str, stop: threading.Event, out: list[float]) -> None:
    while not stop.is_set():
        t = time.perf_counter()
        client.get(url).raise_for_status()
        out.append(time.perf_counter() - t)
        time.sleep(0.05)


def _whatif(client: Any, base: str, members: int, deadline: float) -> tuple[list[int], float]:
    codes: list[int] = []
    t0 = time.perf_counter()
    while time.perf_counter() < deadline:
        r = client.post(f"{base}/api/whatif", json={"levers": LEVERS, "members": members})
        codes.append(r.status_code)
        if r.status_code != 429:
            break
        time.sleep(float(r.headers.get("retry-after", "1")))
    return codes, time.perf_counter() - t0


def _summary(name: str, xs: list[float]) -> str:
    return (
        f"| {name} | {len(xs)} | {1000 * statistics.median(xs):.0f} | "
        f"{1000 * _quantile(xs, 0.95):.0f} | {1000 * max(xs):.0f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--members", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--deadline", type=float, default=120.0)
    args = ap.parse_args()
    import httpx

    from realpolitik.web.live import free_port

    port = free_port()
    base = f"http://{HOST}:{port}"
    cache = tempfile.mkdtemp(prefix="rp-load-")
    proc = mp.get_context("spawn").Process(target=_serve, args=(port, args.members, cache))
    t_start = time.perf_counter()
    proc.start()
    try:
        with httpx.Client(timeout=60.0) as c:
            while True:
                try:
                    if c.get(f"{base}/api/status").json()["ready"]:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.5)
            ready_s = time.perf_counter() - t_start
            idle: list[float] = []
            stop = threading.Event()
            threading.Timer(5.0, stop.set).start()
            _probe(c, f"{base}/ingest", stop, idle)
            loaded: list[float] = []
            health: list[float] = []
            stop = threading.Event()
            probes = [
                threading.Thread(target=_probe, args=(c, f"{base}/ingest", stop, loaded)),
                threading.Thread(target=_probe, args=(c, f"{base}/api/health", stop, health)),
            ]
            for t in probes:
                t.start()
            deadline = time.perf_counter() + args.deadline
            t0 = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                futs = [
                    pool.submit(_whatif, c, base, args.members, deadline)
                    for _ in range(args.clients)
                ]
                results = [f.result() for f in futs]
            load_s = time.perf_counter() - t0
            stop.set()
            for t in probes:
                t.join()
            codes = [code for cs, _ in results for code in cs]
            done = [dt for cs, dt in results if cs and cs[-1] == 200]
            rss = _peak_rss_mb(proc.pid)
    finally:
        proc.terminate()
        proc.join(10)
    print(f"server ready after {ready_s:.1f} s (background start-up, {args.members} members)")
    print(
        f"{args.clients} concurrent what-ifs ({args.members} members): load lasted {load_s:.1f} s"
    )
    print(
        f"requests: {len(codes)} ({codes.count(200)} answered 200, {codes.count(429)} refused "
        f"429 and retried); what-ifs completed {len(done)} of {args.clients}; time to answer "
        f"(with retries) median {statistics.median(done):.1f} s, max {max(done):.1f} s"
        if done
        else f"requests: {codes}"
    )
    print(f"server peak memory (VmHWM): {rss:.0f} MB\n")
    print("| cheap page | requests | median ms | p95 ms | max ms |")
    print("|---|---|---|---|---|")
    print(_summary("GET /ingest, idle", idle))
    print(_summary("GET /ingest, under load", loaded))
    print(_summary("GET /api/health, under load", health))
    p95 = _quantile(loaded, 0.95)
    print(f"\ntarget p95 < 0.5 s under load: {'met' if p95 < 0.5 else 'MISSED'} ({p95:.3f} s)")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
