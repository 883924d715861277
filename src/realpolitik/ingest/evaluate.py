"""Measuring extraction against hand annotations in the format of ``seeds-gold.json``.

Categories (precision, recall, F1 per document and micro-averaged over documents):

* ``actors`` - the set of actor codes a document speaks about (names, capitals, adjectives, and
  officials standing for their state). Groupings count only when the gold file declares them in
  its ``groupings`` map (the annotation scheme); other groupings found (e.g. a trilateral
  format) are reported as ``out_of_scheme`` and not scored.
* ``people`` - (person, actor) pairs; a gold name matches a found person by canonical name,
  surface form or data-set alias. Unknown titled persons (candidates) count as predictions.
* ``figures`` - (value, unit) pairs, value within 0.1 %.
* ``relations`` - unordered dyads with a sign: the sign of the confidence-weighted Goldstein sum
  of the document's *actual* events between two non-grouping actors, kept when
  ``|sum| >= min_tone`` (one clear event) and the evidence is not mixed (cooperative and
  hostile evidence within a factor of two of each other). On the default (parse) path a
  standing relation the text states (``aspect == "state"``: "the two allies", "their
  rivalry") is the relation itself: where the dyad's standing relations alone give a sign by
  the same test, that sign stands and one-off events do not outweigh it (two allies who
  quarrel once are still allies). The parse reads one-off events from verbs, many of them
  generic verbs of uncertain sense in the CAMEO dictionary; the ``--fast`` rules match only
  relation vocabulary, standing and one-off alike, and sum it without this precedence.
* ``claims`` - forecast and conditional claims; a gold claim is found when its cue occurs in a
  claim's sentence (typography and case folded).
* ``claim_kind`` - gold forecasts and conditionals found as claims whose kind is the gold one
  (a reported "announced it would ..." is a forecast, not a conditional); precision = recall =
  share of those found that have the right kind.
* ``conditional_mapping`` - gold conditional claims whose found claim has the gold outcome
  and a best lever among the gold levers, or, where the gold lists no lever (a conditional
  outside the system: "levers": [], "outcome": null), no lever and no outcome (recall = share
  of gold conditionals mapped right; precision = share of found-and-mapped ones that are
  right).
* ``furniture_leaks`` - gold boilerplate strings of which cleaning removed no occurrence
  (counted as whole words, case and punctuation folded, so that a one-word dateline such as
  "ISTANBUL -" is not a leak when the city is also named in the article; the target is zero;
  reported as counts).

Examples
--------
>>> prf(8, 2, 0)
(0.8, 1.0, 0.889)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from realpolitik.errors import InputError
from realpolitik.ingest.clean import normalise_typography
from realpolitik.ingest.pipeline import Extractor, default_extractor
from realpolitik.ingest.readers import ReadProblem, read_sources
from realpolitik.ingest.types import Event, ExtractedDocument

__all__ = ["CATEGORIES", "EvalResult", "evaluate_extraction", "predicted_relations", "prf"]

CATEGORIES = (
    "actors", "people", "figures", "relations", "claims", "claim_kind", "conditional_mapping",
)  # fmt: skip


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 (3 decimals; 1.0 for empty sets on both sides)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", normalise_typography(text).lower()).strip()


def _count(text: str, sub: str) -> int:
    """Occurrences of ``sub`` in ``text`` as whole words (both normalised)."""
    return len(re.findall(rf"(?<![a-z0-9]){re.escape(sub)}(?![a-z0-9])", text))


def _signs(
    events: list[Event], kinds: dict[str, str], min_tone: float, mixed: float
) -> dict[tuple[str, str], int]:
    """Signed dyads from actual-mode events (the tone and mixed-evidence tests)."""
    pos: dict[tuple[str, str], float] = defaultdict(float)
    neg: dict[tuple[str, str], float] = defaultdict(float)
    for e in events:
        if e.uncodable or e.mode != "actual" or not e.source or not e.target:
            continue
        if "grouping" in (kinds.get(e.source), kinds.get(e.target)) or e.source == e.target:
            continue
        key = (min(e.source, e.target), max(e.source, e.target))
        w = (e.goldstein or 0.0) * e.confidence
        if w > 0:
            pos[key] += w
        else:
            neg[key] -= w
    out = {}
    for k in set(pos) | set(neg):
        p, n = pos.get(k, 0.0), neg.get(k, 0.0)
        if abs(p - n) < min_tone or min(p, n) >= mixed * max(p, n):
            continue  # too little evidence, or mixed evidence: no sign
        out[k] = 1 if p > n else -1
    return out


def predicted_relations(
    doc: ExtractedDocument,
    kinds: dict[str, str],
    min_tone: float = 2.5,
    mixed: float = 0.5,
    *,
    standing: bool = False,
) -> dict[tuple[str, str], int]:
    """Signed dyads of one document from its actual-mode events (see module notes).

    A dyad gets no sign when its net tone is under ``min_tone`` or when the weaker side of its
    evidence reaches ``mixed`` times the stronger (the article describes a mixed relation).
    With ``standing`` (the parse path's setting), where the dyad's standing relations
    (``aspect == "state"``) pass the same tests on their own, their sign stands.
    """
    out = _signs(doc.events, kinds, min_tone, mixed)
    if standing:
        states = [e for e in doc.events if e.aspect == "state"]
        out.update(_signs(states, kinds, min_tone, mixed))
    return out


@dataclass
class EvalResult:
    """Counts per document and category, with the derived scores."""

    counts: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # doc -> cat -> tp/fp/fn
    leaks: dict[str, list[str]] = field(default_factory=dict)
    boilerplate: dict[str, int] = field(default_factory=dict)
    out_of_scheme: dict[str, list[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)

    def micro(self) -> dict[str, tuple[float, float, float]]:
        """Micro-averaged precision/recall/F1 per category."""
        out = {}
        for cat in CATEGORIES:
            tp = sum(c[cat][0] for c in self.counts.values())
            fp = sum(c[cat][1] for c in self.counts.values())
            fn = sum(c[cat][2] for c in self.counts.values())
            out[cat] = prf(tp, fp, fn)
        return out

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for ``--json``."""
        per_doc = {
            d: {
                cat: dict(zip(("precision", "recall", "f1"), prf(*c[cat]), strict=True))
                | {"tp": c[cat][0], "fp": c[cat][1], "fn": c[cat][2]}
                for cat in CATEGORIES
            }
            | {
                "furniture_leaks": len(self.leaks.get(d, [])),
                "boilerplate": self.boilerplate.get(d, 0),
            }
            for d, c in self.counts.items()
        }
        micro = {
            cat: dict(zip(("precision", "recall", "f1"), v, strict=True))
            for cat, v in self.micro().items()
        }
        micro["furniture_leaks"] = {
            "leaks": sum(len(v) for v in self.leaks.values()),
            "boilerplate": sum(self.boilerplate.values()),
        }
        return {
            "micro": micro,
            "documents": per_doc,
            "leaks": self.leaks,
            "out_of_scheme": self.out_of_scheme,
            "errors": self.errors,
            "details": self.details,
        }


def _people_pred(doc: ExtractedDocument, ex: Extractor) -> dict[str, tuple[set[str], str | None]]:
    out: dict[str, tuple[set[str], str | None]] = {}
    for m in doc.mentions:
        if m.kind == "person" and m.person:
            p = ex.table.people[m.person]
            names, _ = out.setdefault(p.id, ({p.name, *p.aliases}, p.actor))
            names.add(m.text)
        elif m.kind == "candidate":
            out.setdefault("cand:" + m.text, ({m.text}, m.actor))
    return out


Counts = dict[str, list[int]]


def _score_actors(
    doc: ExtractedDocument, g: dict[str, Any], kinds: dict[str, str], scheme: set[str]
) -> tuple[list[int], dict[str, Any], list[str]]:
    pred = {m.actor for m in doc.mentions if m.actor and m.kind in ("actor", "person")}
    oos = sorted(a for a in pred if kinds.get(a) == "grouping" and a not in scheme)
    pred -= set(oos)
    gold_actors = set(g.get("actors", []))
    counts = [len(pred & gold_actors), len(pred - gold_actors), len(gold_actors - pred)]
    return counts, {"missed": sorted(gold_actors - pred), "extra": sorted(pred - gold_actors)}, oos


def _score_people(
    doc: ExtractedDocument, g: dict[str, Any], ex: Extractor
) -> tuple[list[int], dict[str, Any]]:
    ppl = _people_pred(doc, ex)
    gp = dict(g.get("people", {}))
    matched: set[str] = set()
    for gname, gactor in gp.items():
        hit = next(
            (
                k
                for k, (names, act) in ppl.items()
                if k not in matched and gname in names and act == gactor
            ),
            None,
        )
        if hit:
            matched.add(hit)
    tp = len(matched)
    return [tp, len(ppl) - tp, len(gp) - tp], {"extra": sorted(k for k in ppl if k not in matched)}


def _score_figures(doc: ExtractedDocument, g: dict[str, Any]) -> tuple[list[int], dict[str, Any]]:
    gf = [(float(f["value"]), f["unit"]) for f in g.get("figures", [])]
    pf = [(f.value, f.unit) for f in doc.figures]
    used: set[int] = set()
    for v, u in gf:
        j = next(
            (
                i
                for i, (pv, pu) in enumerate(pf)
                if i not in used and pu == u and abs(pv - v) <= 1e-3 * max(abs(v), 1e-9)
            ),
            None,
        )
        if j is not None:
            used.add(j)
    tp = len(used)
    extra = [doc.figures[i].text for i in range(len(pf)) if i not in used]
    return [tp, len(pf) - tp, len(gf) - tp], {"extra": extra}


def _score_relations(
    doc: ExtractedDocument, g: dict[str, Any], ex: Extractor, min_tone: float
) -> tuple[list[int], dict[str, Any]]:
    rel = predicted_relations(doc, ex.kinds, min_tone, standing=ex.relation_standing)
    grel = {
        (min(r["a"], r["b"]), max(r["a"], r["b"])): int(r["sign"]) for r in g.get("relations", [])
    }
    tp = sum(1 for k, s in rel.items() if grel.get(k) == s)
    pred = {f"{a}-{b}": s for (a, b), s in sorted(rel.items())}
    return [tp, len(rel) - tp, len(grel) - tp], {"predicted": pred}


def _score_claims(
    doc: ExtractedDocument, g: dict[str, Any]
) -> tuple[list[int], dict[str, Any], list[Any], dict[int, int]]:
    claims = [x for x in doc.claims if x.kind in ("forecast", "conditional")]
    nclaims = [_norm(x.text) for x in claims]
    gclaims = g.get("claims", [])
    hit_pred: set[int] = set()
    found: dict[int, int] = {}
    for gi, gc in enumerate(gclaims):
        cue = _norm(gc["cue"])
        j = next((i for i, t in enumerate(nclaims) if cue in t), None)
        if j is not None:
            found[gi] = j
            hit_pred.add(j)
    counts = [len(found), len(claims) - len(hit_pred), len(gclaims) - len(found)]
    det = {
        "missed": [gc["cue"] for gi, gc in enumerate(gclaims) if gi not in found],
        "extra": [claims[i].text[:80] for i in range(len(claims)) if i not in hit_pred],
    }
    return counts, det, claims, found


def _score_kind(
    g: dict[str, Any], claims: list[Any], found: dict[int, int]
) -> tuple[list[int], dict[str, Any]]:
    """Found gold forecasts and conditionals: is the found claim's kind the gold one?"""
    right = 0
    wrong = []
    for gi, gc in enumerate(g.get("claims", [])):
        j = found.get(gi)
        if j is None or gc.get("kind") not in ("forecast", "conditional"):
            continue
        if claims[j].kind == gc["kind"]:
            right += 1
        else:
            wrong.append({"cue": gc["cue"], "gold": gc["kind"], "found": claims[j].kind})
    return [right, len(wrong), len(wrong)], {"wrong": wrong}


def _score_mapping(
    g: dict[str, Any], claims: list[Any], found: dict[int, int]
) -> tuple[list[int], dict[str, Any]]:
    tp = fp = fn = 0
    wrong = []
    for gi, gc in enumerate(g.get("claims", [])):
        if gc.get("kind") != "conditional" or "outcome" not in gc:
            continue
        j = found.get(gi)
        if j is None:
            fn += 1
            continue
        cl = claims[j]
        gold_levers = gc.get("levers", [])
        # no gold lever: the annotation says the claim moves no lever of the system
        best = cl.levers[0].id if cl.levers else None
        right = best in gold_levers if gold_levers else best is None
        if right and cl.outcome == gc["outcome"]:
            tp += 1
        else:
            fp += 1
            fn += 1
            levers = [x.id for x in cl.levers[:1]]
            wrong.append({"cue": gc["cue"], "levers": levers, "outcome": cl.outcome})
    return [tp, fp, fn], {"wrong": wrong}


def _score_document(
    doc: ExtractedDocument, g: dict[str, Any], ex: Extractor, scheme: set[str], tone: float
) -> tuple[Counts, dict[str, Any], list[str]]:
    """Counts and details of every category for one document."""
    c: Counts = {}
    det: dict[str, Any] = {}
    c["actors"], det["actors"], oos = _score_actors(doc, g, ex.kinds, scheme)
    c["people"], det["people"] = _score_people(doc, g, ex)
    c["figures"], det["figures"] = _score_figures(doc, g)
    c["relations"], det["relations"] = _score_relations(doc, g, ex, tone)
    c["claims"], det["claims"], claims, found = _score_claims(doc, g)
    c["claim_kind"], det["claim_kind"] = _score_kind(g, claims, found)
    c["conditional_mapping"], det["conditional_mapping"] = _score_mapping(g, claims, found)
    return c, det, oos


def evaluate_extraction(
    gold: dict[str, Any] | str | Path,
    docs_dir: str | Path,
    *,
    extractor: Extractor | None = None,
    min_tone: float | None = None,
) -> EvalResult:
    """Score the rules on the documents of a gold file.

    Parameters
    ----------
    gold : dict or path
        Annotations in the format of ``seeds-gold.json``.
    docs_dir : path
        Folder holding the documents the gold file names.
    extractor : Extractor, optional
        Default: rules over the built-in data set.
    min_tone : float, optional
        Relation threshold (see module notes); default the extractor's
        ``relation_min_tone`` (2.5 for the rules, 1.5 with the trained parser).

    Raises
    ------
    InputError
        When the gold file is unreadable or has no ``documents``.
    """
    if not isinstance(gold, dict):
        try:
            gold = json.loads(Path(gold).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError(f"cannot read gold file {gold}: {exc}") from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("documents"), dict):
        raise InputError('gold file must be an object with a "documents" map (see seeds-gold)')
    ex = extractor or default_extractor()
    scheme_groupings = set(gold.get("groupings", {}))
    res = EvalResult()
    for name, g in gold["documents"].items():
        path = Path(docs_dir) / name
        items = list(read_sources([str(path)]))
        raws = [x for x in items if not isinstance(x, ReadProblem)]
        if not raws:
            res.errors.append(f"{name}: " + "; ".join(str(x) for x in items))
            continue
        raw = raws[0]
        if not raw.date and g.get("date"):  # the annotated publication date, as a feed gives it
            raw = replace(raw, date=str(g["date"]))
        doc = ex.extract(raw)
        tone = ex.relation_min_tone if min_tone is None else min_tone
        c, det, oos = _score_document(doc, g, ex, scheme_groupings, tone)
        res.out_of_scheme[name] = oos
        # furniture
        ntext, nraw = _norm(doc.text), _norm(raw.text)
        bp = g.get("boilerplate", [])
        # a string leaks when cleaning removed none of its occurrences (a one-word dateline
        # such as "ISTANBUL -" also occurs as a word of the article: count, not presence)
        res.leaks[name] = [
            b for b in bp if _norm(b) and 0 < _count(ntext, _norm(b)) >= _count(nraw, _norm(b))
        ]
        res.boilerplate[name] = len(bp)
        res.counts[name] = c
        res.details[name] = det
    return res
