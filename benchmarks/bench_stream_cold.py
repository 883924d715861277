"""Cold ingestion speed on real articles: the stream set, default path vs a blank pipeline.

Each of ``--runs`` runs (default five) is a fresh Python process: the extractor is built (its
load time reported apart), then every article of ``../shared/eval/stream`` is extracted once,
in order, caches empty (cold), 16 at a time through ``Extractor.extract_many`` as ``ingest``
does (``--per-document``: one ``extract`` call each, the only way of code before it). In the
same process a blank spaCy pipeline (tokenizer and sentencizer only) reads the same texts, as
the baseline. Speeds are words per CPU second of
that process (words per second per core; wall-clock words/s are printed beside them); the
medians over the runs are printed.

``--compare-src DIR`` also runs, interleaved run by run with the current code, the same
measurement on another copy of the package (``DIR`` is put first on ``PYTHONPATH``: for
example ``git archive <commit> src | tar -x -C /tmp/old`` and ``--compare-src /tmp/old/src``),
so a before/after comparison sees the same load.

Usage: ``PYTHONPATH=src python benchmarks/bench_stream_cold.py [--runs 5] [--fast]
[--per-document] [--compare-src DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

STREAM = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "stream"
KEYS = ("words_per_cpu_s", "words_per_wall_s", "baseline_words_per_cpu_s", "load_s")


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(STREAM.glob("*.txt"))]


def one_run(fast: bool, per_document: bool = False) -> dict[str, Any]:
    """One cold run in this process (see module notes)."""
    from realpolitik.ingest.nlp import import_spacy
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    texts = _texts()
    words = sum(len(t.split()) for t in texts)
    t0 = time.process_time()
    ex = default_extractor(parser=not fast)
    load = time.process_time() - t0
    raws = [RawDocument(text=t, source=str(i)) for i, t in enumerate(texts)]
    t0, w0 = time.process_time(), time.perf_counter()
    events = 0
    batched = hasattr(ex, "extract_many") and not per_document
    if batched:  # as `ingest` does: EXTRACT_BATCH documents parsed together
        from realpolitik.ingest.pipeline import EXTRACT_BATCH

        for k in range(0, len(raws), EXTRACT_BATCH):
            events += sum(len(d.events) for d in ex.extract_many(raws[k : k + EXTRACT_BATCH]))
    else:  # the code before extract_many (--compare-src), or --per-document
        for raw in raws:
            events += len(ex.extract(raw).events)
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    t0 = time.process_time()
    for t in texts:
        nlp(t)
    base = time.process_time() - t0
    return {
        "articles": len(texts),
        "words": words,
        "events": events,
        "batched": batched,
        "load_s": round(load, 2),
        "words_per_cpu_s": round(words / cpu),
        "words_per_wall_s": round(words / wall),
        "baseline_words_per_cpu_s": round(words / base),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def _spawn(fast: bool, src: str | None, flags: list[str]) -> dict[str, Any]:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = os.pathsep.join([src, *filter(None, [env.get("PYTHONPATH")])])
    cmd = [sys.executable, __file__, "--one", *(["--fast"] if fast else []), *flags]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _median(runs: list[dict[str, Any]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in KEYS}


def main() -> None:
    """Run ``--runs`` fresh processes and print each run and the medians (JSON)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--fast", action="store_true", help="the rules-only --fast mode")
    ap.add_argument("--compare-src", default=None, help="another copy of src/ to run beside")
    ap.add_argument(
        "--per-document", action="store_true", help="extract one document at a time (no batch)"
    )
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.compare_src and not (Path(args.compare_src) / "realpolitik" / "__init__.py").is_file():
        # without a package there, PYTHONPATH finds none and the installed code runs twice
        ap.error(
            f"--compare-src {args.compare_src}: no realpolitik package in it; pass the copy's "
            "src folder (git archive REV src | tar -x -C /tmp/old; --compare-src /tmp/old/src)"
        )
    if args.one:
        print(json.dumps(one_run(args.fast, args.per_document)))
        return
    flags = ["--per-document"] if args.per_document else []
    runs: list[dict[str, Any]] = []
    other: list[dict[str, Any]] = []
    for _ in range(args.runs):
        runs.append(_spawn(args.fast, None, flags))
        print(json.dumps({"code": "current", **runs[-1]}), flush=True)
        if args.compare_src:
            other.append(_spawn(args.fast, args.compare_src, flags))
            print(json.dumps({"code": args.compare_src, **other[-1]}), flush=True)
    summary: dict[str, Any] = {"median": _median(runs), "runs": len(runs), "fast": args.fast}
    if other:
        summary["median_compare_src"] = _median(other)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
