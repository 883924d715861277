"""Cold ingestion speed on real articles: the stream set, default path vs a blank pipeline.

Each of ``--runs`` runs (default five) is a fresh Python process: the extractor is built (its
load time reported apart), then every article of ``../shared/eval/stream`` is extracted once,
in order, caches empty (cold). In the same process a blank spaCy pipeline (tokenizer and
sentencizer only) reads the same texts, as the baseline. Speeds are words per CPU second of
that process (words per second per core); the medians over the runs are printed.

Usage: ``PYTHONPATH=src python benchmarks/bench_stream_cold.py [--runs 5] [--fast]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

STREAM = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "stream"


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(STREAM.glob("*.txt"))]


def one_run(fast: bool) -> dict[str, float]:
    """One cold run in this process (see module notes)."""
    from realpolitik.ingest.nlp import import_spacy
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    texts = _texts()
    words = sum(len(t.split()) for t in texts)
    t0 = time.process_time()
    ex = default_extractor(parser=not fast)
    load = time.process_time() - t0
    t0 = time.process_time()
    events = 0
    for i, t in enumerate(texts):
        events += len(ex.extract(RawDocument(text=t, source=str(i))).events)
    cpu = time.process_time() - t0
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
        "load_s": round(load, 2),
        "words_per_cpu_s": round(words / cpu),
        "baseline_words_per_cpu_s": round(words / base),
    }


def main() -> None:
    """Run ``--runs`` fresh processes and print each run and the medians (JSON)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--fast", action="store_true", help="the rules-only --fast mode")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one_run(args.fast)))
        return
    runs = []
    for _ in range(args.runs):
        cmd = [sys.executable, __file__, "--one", *(["--fast"] if args.fast else [])]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]), flush=True)
    med = {
        k: statistics.median(r[k] for r in runs)
        for k in ("words_per_cpu_s", "baseline_words_per_cpu_s", "load_s")
    }
    print(json.dumps({"median": med, "runs": len(runs), "fast": args.fast}))


if __name__ == "__main__":
    main()
