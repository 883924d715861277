"""Scoring the event coder on PLOVER gold-standard records (``realpolitik eval events``).

A record (the Open Event Data Alliance's format: ``text``, ``date``, ``event``, ``source`` and
``target`` lists of ``{actorText, code}``) is ingested as one document and its coded events are
compared with the hand coding:

* ``coverage``: share of records with at least one coded event;
* the *main* event of a record is its most confident coded event (ties: the first in the text);
  its sources and targets are those of every row of the same verb and type;
* ``type_accuracy``: share of **all** records whose main event has the gold type (a record with
  no event counts as wrong); ACCUSE (PLOVER 2021) and DISAPPROVE (0.5) are the same type;
* ``source_accuracy`` / ``target_accuracy``: the main event's source / target actor sets equal
  the gold sets. Gold codes go through the dictionary's legacy codes (``JAP`` -> ``JPN``); a
  gold ``IGO``/``NGO`` matches any organisation. A record with sources but no target is a
  mutual event (``SRC/TAR``): right when the coded pairs lie inside the gold source group;
* ``full_accuracy``: type, source and target all right;
* ``confusion``: gold type -> coded main type (``none`` when nothing was coded) -> count.

Examples
--------
>>> _same({"JPN"}, {"JPN"}, {}), _same({"IGO"}, {"UN"}, {"UN": "organisation"})
(True, True)
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from realpolitik.errors import InputError
from realpolitik.ingest.types import Event, RawDocument

__all__ = ["evaluate_events", "load_records", "record_mains", "summarise"]

_ALIAS = {"ACCUSE": "DISAPPROVE"}
_GENERIC = {"IGO": ("organisation", "grouping"), "NGO": ("organisation", "grouping", "ngo")}


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """Read a PLOVER record file (a JSON list of records).

    Raises
    ------
    InputError
        When the file is unreadable, not a list, or a record lacks ``text`` or ``event``.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read PLOVER records {path}: {exc}") from exc
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON list of PLOVER records")
    for i, r in enumerate(data):
        if not isinstance(r, dict) or not r.get("text") or not r.get("event"):
            raise InputError(f"{path}: record {i} needs 'text' and 'event' (PLOVER format)")
    return data


def _codes(actors: Any, canon: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    out = set()
    for a in actors:
        code = str(a.get("code", "")) if isinstance(a, dict) else ""
        if code:
            out.add(canon(code) or code)
    return out


def _same(gold: set[str], pred: set[str], kinds: dict[str, str]) -> bool:
    """Equal sets, a gold generic IGO/NGO standing for any organisation code."""
    if gold == pred:
        return True
    rest = set(pred)
    for g in gold:
        if g in rest:
            rest.discard(g)
            continue
        hit = next((p for p in rest if kinds.get(p) in _GENERIC.get(g, ())), None)
        if hit is None:
            return False
        rest.discard(hit)
    return not rest


def _main(events: list[Event]) -> tuple[str, set[str], set[str], str] | None:
    """(type, sources, targets, CAMEO code) of the main event, None when nothing was coded."""
    coded = [e for e in events if not e.uncodable and e.source and e.plover]
    if not coded:
        return None
    top = max(coded, key=lambda e: (e.confidence, -e.start))
    same = [e for e in coded if e.start == top.start and e.plover == top.plover]
    src = {e.source for e in same if e.source}
    tgt = {e.target for e in same if e.target}
    return _ALIAS.get(top.plover or "", top.plover or ""), src, tgt, top.cameo or ""


def _score(rec: dict[str, Any], main: Any, canon: Any, kinds: dict[str, str]) -> tuple[bool, ...]:
    gtype = _ALIAS.get(rec["event"], rec["event"])
    gsrc, gtgt = _codes(rec.get("source"), canon), _codes(rec.get("target"), canon)
    if main is None:
        return False, False, False
    ptype, psrc, ptgt = main[:3]
    if not gtgt and len(gsrc) >= 2:  # mutual (SRC/TAR) event
        ok = _same(gsrc, psrc | ptgt, kinds)
        return ptype == gtype, ok, ok
    return ptype == gtype, _same(gsrc, psrc, kinds), _same(gtgt, ptgt, kinds)


def record_mains(
    records: list[dict[str, Any]], extractor: Any
) -> list[tuple[str, str, str, tuple[bool, bool, bool]] | None]:
    """Per record: (gold type, coded type, coded CAMEO code, (type, source, target) right),
    None where nothing was coded. Gold ACCUSE reads DISAPPROVE (see module notes)."""
    from realpolitik.ingest.world import load_world_cached

    canon = load_world_cached().canonical
    kinds = extractor.kinds
    out: list[tuple[str, str, str, tuple[bool, bool, bool]] | None] = []
    for i, rec in enumerate(records):
        raw = RawDocument(text=rec["text"], source=str(rec.get("id", i)), date=rec.get("date", ""))
        main = _main(extractor.extract(raw).events)
        if main is None:
            out.append(None)
            continue
        t, s, g = _score(rec, main, canon, kinds)
        out.append((_ALIAS.get(rec["event"], rec["event"]), main[0], main[3], (t, s, g)))
    return out


def summarise(
    records: list[dict[str, Any]],
    mains: list[tuple[str, str, str, tuple[bool, bool, bool]] | None],
) -> dict[str, Any]:
    """The figures of :func:`evaluate_events` from :func:`record_mains`' answers."""
    n = len(records)
    hits = {"covered": 0, "type": 0, "source": 0, "target": 0, "full": 0}
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rec, m in zip(records, mains, strict=True):
        gold = _ALIAS.get(rec["event"], rec["event"])
        confusion[gold][m[1] if m else "none"] += 1
        if m is None:
            continue
        t, s, g = m[3]
        hits["covered"] += 1
        hits["type"] += t
        hits["source"] += s
        hits["target"] += g
        hits["full"] += t and s and g

    def share(k: str) -> float:
        return round(hits[k] / n, 3) if n else 0.0

    return {
        "n": n,
        "coverage": share("covered"),
        "type_accuracy": share("type"),
        "source_accuracy": share("source"),
        "target_accuracy": share("target"),
        "full_accuracy": share("full"),
        "confusion": {k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
    }


def evaluate_events(
    records: list[dict[str, Any]] | str | Path, extractor: Any = None
) -> dict[str, Any]:
    """Score an extractor on PLOVER records (see module notes for every figure).

    Parameters
    ----------
    records : list of dict or path
        PLOVER records, or a file of them.
    extractor : Extractor, optional
        Default: :func:`realpolitik.ingest.pipeline.default_extractor` (the parse-based coder).
    """
    recs = records if isinstance(records, list) else load_records(records)
    if extractor is None:
        from realpolitik.ingest.pipeline import default_extractor

        extractor = default_extractor()
    return summarise(recs, record_mains(recs, extractor))
