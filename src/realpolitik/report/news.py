"""What the news changed: the headline with and without the evidence, and the relations moved.

The section lists, for an :class:`~realpolitik.evidence.asof.AsOfSystem`, the player pairs whose
propensity the evidence moved most (before and after, the events, the sentence and document
ids), the headline (P(China-led bloc controls the region) at the baseline scenario's horizon)
with and without the evidence, and the attribution check: rebuilding the system without the
listed documents gives back the baseline exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.evidence.asof import AsOfSystem
from realpolitik.scenarios.state import System

__all__ = ["attribution_restores_baseline", "headline", "news_section", "write_news_section"]


def headline(system: System, members: int, seed: int | None = None) -> dict[str, float]:
    """P(China-led) of the baseline scenario on ``system``: ``p``, ``low``, ``high``
    (90% Wilson interval), with ``members`` ensemble members."""
    from realpolitik.scenarios.catalogue import load_builtin
    from realpolitik.scenarios.members import make_plan
    from realpolitik.scenarios.runner import run_plan

    spec = load_builtin("baseline")
    root = spec.seed if seed is None else seed
    res = run_plan(make_plan(spec, system), members=members, seed=root)
    p = res.contender_summary()["China-led"]["probability"]
    return {k: float(p[k]) for k in ("p", "low", "high") if k in p}


def attribution_restores_baseline(res: AsOfSystem) -> bool:
    """Whether leaving out every listed document gives back the baseline propensity."""
    docs = {d for row in res.changed() for d in row["documents"]}
    return bool(np.array_equal(res.without(docs).system.propensity, res.baseline.propensity))


def news_section(
    res: AsOfSystem, with_evidence: dict[str, float], without: dict[str, float], top: int = 10
) -> dict[str, Any]:
    """JSON-ready section: headline both ways, the top moved relations, attribution check."""
    return {
        "as_of": res.as_of.isoformat(),
        "headline": {"with_evidence": with_evidence, "without_evidence": without},
        "documents": list(res.documents),
        "events": res.n_events,
        "changed": res.changed(top),
        "attribution_restores_baseline": attribution_restores_baseline(res),
    }


def _markdown(sec: dict[str, Any]) -> str:
    h = sec["headline"]
    lines = [
        f"\n## What the news changed (as of {sec['as_of']})\n",
        f"{len(sec['documents'])} dated document(s), {sec['events']} counted event(s). "
        f"P(China-led): {h['without_evidence'].get('estimate', float('nan')):.1%} without the "
        f"evidence, {h['with_evidence'].get('estimate', float('nan')):.1%} with it. Leaving out "
        "the documents listed below gives back the baseline exactly: "
        f"{'yes' if sec['attribution_restores_baseline'] else 'NO'}.\n",
        "| pair | before | after | events | documents | sentences |",
        "|---|---|---|---|---|---|",
    ]
    for row in sec["changed"]:
        sents = sorted({e["sentence_id"] for e in row["events"]})
        lines.append(
            f"| {row['a']}-{row['b']} | {row['before']:+.3f} | {row['after']:+.3f} | "
            f"{len(row['events'])} | {', '.join(map(str, row['documents']))} | "
            f"{', '.join(map(str, sents))} |"
        )
    lines.append(
        "\nSentences: `realpolitik evidence events --document ID` shows each event's sentence."
    )
    return "\n".join(lines) + "\n"


def write_news_section(
    res: AsOfSystem, out: Path, members: int = 400, seed: int | None = None
) -> Path:
    """Write ``news.json`` and append the section to ``report.md`` in ``out``; return the
    JSON path. The headline without the evidence is a baseline run on the as-of baseline."""
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    p = summary.get("contenders", {}).get("China-led", {}).get("probability", {})
    with_ev = {k: float(p[k]) for k in ("p", "low", "high") if k in p}
    base = summary.get("baseline", {})
    n = int(base.get("members") or members)
    root = seed if seed is not None else base.get("seed")
    sec = news_section(res, with_ev, headline(res.baseline, n, root))
    path = out / "news.json"
    path.write_text(json.dumps(sec, indent=2), encoding="utf-8")
    report = out / "report.md"
    if report.is_file():
        with report.open("a", encoding="utf-8") as fh:
            fh.write(_markdown(sec))
    return path
