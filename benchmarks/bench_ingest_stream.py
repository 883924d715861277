"""Ingestion of a dated news stream into a store: words per second per worker count.

The 58 articles of ``../shared/eval/stream`` (read at run time, never copied into the project)
are repeated with varied dates into a temporary folder of ``--n`` articles (each copy gets a
distinct first line, ``Item K.``, so the content hashes differ, and a date shifted by K days in
a ``manifest.json``), then ingested on the parser path (``--parser``) into the database given
by ``--db`` (default: a temporary SQLite file; PostgreSQL: ``postgresql+psycopg://...``), once
per worker count of ``--workers`` (1: the serial pipeline; N > 1: a process pool). Reports
words/s (wall clock), words/s per worker, words per CPU-second (this process and its worker
processes: the figure a shared, loaded machine distorts least), and the load average.

Usage: ``python benchmarks/bench_ingest_stream.py --n 600 --workers 1 2 --db URL``
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

STREAM = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "stream"


def build_corpus(n: int, folder: Path) -> int:
    """Write ``n`` articles and their manifest into ``folder``; return the words written."""
    manifest = json.loads((STREAM / "manifest.json").read_text(encoding="utf-8"))
    entries, words = [], 0
    for k in range(n):
        m = manifest[k % len(manifest)]
        text = f"Item {k}.\n" + (STREAM / m["file"]).read_text(encoding="utf-8")
        name = f"b{k:05d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        day = date.fromisoformat(m["date"]) + timedelta(days=k // len(manifest))
        entries.append({"file": name, "date": day.isoformat(), "outlet": m["outlet"]})
        words += len(text.split())
    (folder / "manifest.json").write_text(json.dumps(entries), encoding="utf-8")
    return words


def _fresh(url: str) -> None:
    from sqlalchemy import MetaData, create_engine

    from realpolitik.store.repository import _normalise_url

    eng = create_engine(_normalise_url(url))
    meta = MetaData()
    meta.reflect(eng)
    with eng.begin() as conn:
        meta.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    eng.dispose()


def run_once(folder: Path, url: str, workers: int) -> dict[str, Any]:
    from realpolitik.ingest.parallel import ingest_parallel
    from realpolitik.ingest.pipeline import default_extractor, ingest
    from realpolitik.store import open_store

    _fresh(url)
    store = open_store(url)
    cpu0 = _cpu()
    t0 = time.perf_counter()
    if workers == 1:
        report = ingest([str(folder)], store, extractor=default_extractor(parser=True))
    else:
        report = ingest_parallel([str(folder)], store, workers=workers, parser=True)
    wall = time.perf_counter() - t0
    cpu = _cpu() - cpu0
    store.close()
    return {
        "workers": workers,
        "documents": report.documents,
        "events": report.events,
        "seconds": round(wall, 1),
        "cpu_seconds": round(cpu, 1),
    }


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the worker processes)."""
    import resource

    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--db", default="")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        words = build_corpus(args.n, folder)
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        for w in args.workers:
            r = run_once(folder, url, w)
            r["words"] = words
            r["words_per_s"] = round(words / r["seconds"])
            r["words_per_s_per_worker"] = round(words / r["seconds"] / w)
            r["words_per_cpu_s"] = round(words / r["cpu_seconds"])
            r["load"] = os.getloadavg()
            print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
