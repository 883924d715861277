"""How the pages say things: human names, one unit for probabilities and lifts, and the "why"
of a result that is fixed or cannot move.

Everything a page shows about a result row goes through :func:`explain`, which looks up the
fields the scenario engine may attach (a claim's ``dependency``, a "fixed under the model"
reason, a "no effect possible" reason) defensively, so new fields from the engine show up
without touching templates; when absent it derives what the paired ensemble itself shows
(no member changed; the outcome holds in every member or in none).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "DEPENDENCY_TEXT",
    "compare_rows",
    "explain",
    "lever_label",
    "num",
    "outcome_label",
    "pct",
    "pct_ci",
    "pp",
    "result_rows",
    "scenario_label",
]

_ACRONYMS = {
    "us": "US", "usa": "US", "fta": "FTA", "rcep": "RCEP", "dprk": "North Korea",
    "jpn": "Japan", "kor": "South Korea", "chn": "China", "eu": "EU", "twn": "Taiwan",
    "india": "India", "china": "China", "japan": "Japan", "korea": "Korea",
    "taiwan": "Taiwan", "russia": "Russia", "tokyo": "Tokyo", "seoul": "Seoul",
}  # fmt: skip

DEPENDENCY_TEXT: dict[str, str] = {
    "by_construction": "true by construction: a lever writes a variable its outcome reads",
    "unreachable": "unreachable: no path leads from the levers to the outcome",
    "mediated": "mediated: the effect passes through the model's engines",
}
"""Plain words for the dependency labels of the scenario engine."""


def _words(ident: str) -> str:
    parts = [p for p in re.split(r"[_\s]+", ident) if p]
    out = [_ACRONYMS.get(p.lower(), p) for p in parts]
    text = " ".join(out)
    return text[:1].upper() + text[1:] if text else ident


def lever_label(lever_id: str) -> str:
    """A lever's name in words.

    Examples
    --------
    >>> lever_label("rcep_expansion"), lever_label("jpn_kor_defence_pact")
    ('RCEP expansion', 'Japan South Korea defence pact')
    """
    return _words(lever_id)


def outcome_label(outcome_id: str) -> str:
    """An outcome's name in words.

    Examples
    --------
    >>> outcome_label("us_influence_loss")
    'US influence loss'
    """
    return _words(outcome_id)


def scenario_label(name: str) -> str:
    """A scenario's name in words: claim scenarios name their article.

    Examples
    --------
    >>> scenario_label("c000_defence_bloc"), scenario_label("baseline")
    ('Article 000: Defence bloc', 'Baseline (no lever)')
    >>> scenario_label("v_without_india")
    'Variant: Without India'
    """
    if name == "baseline":
        return "Baseline (no lever)"
    m = re.fullmatch(r"c(\d+)_(.+)", name)
    if m:
        return f"Article {m.group(1)}: {_words(m.group(2))}"
    m = re.fullmatch(r"v_(.+)", name)
    if m:
        return f"Variant: {_words(m.group(1))}"
    return _words(name)


def _num(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return math.nan
    return v


def num(x: Any) -> str:
    """A data value for reading: thousands separated, at most four significant digits.

    Examples
    --------
    >>> num(29180.4), num(997.3), num(0.12345), num("n/a")
    ('29,180', '997.3', '0.1235', 'n/a')
    """
    v = _num(x)
    if math.isnan(v):
        return str(x)
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.4g}"


def pct(p: Any) -> str:
    """A probability in percent, one decimal.

    Examples
    --------
    >>> pct(0.8333), pct(None)
    ('83.3%', '-')
    """
    v = _num(p)
    return "-" if math.isnan(v) else f"{100 * v:.1f}%"


def pct_ci(e: Mapping[str, Any] | None) -> str:
    """An estimate's 90% interval in percent: ``[low, high]``.

    Examples
    --------
    >>> pct_ci({"p": 0.5, "low": 0.45, "high": 0.55})
    '[45.0, 55.0]'
    """
    if not e:
        return ""
    lo, hi = _num(e.get("low")), _num(e.get("high"))
    if math.isnan(lo) or math.isnan(hi):
        return ""
    return f"[{100 * lo:.1f}, {100 * hi:.1f}]"


def pp(d: Any) -> str:
    """A difference of probabilities in percentage points, signed.

    Examples
    --------
    >>> pp(0.005), pp(-0.1234), pp(0.0)
    ('+0.5 pp', '-12.3 pp', '+0.0 pp')
    """
    v = _num(d)
    return "-" if math.isnan(v) else f"{100 * v:+.1f} pp"


def _first(row: Mapping[str, Any], *keys: str) -> str:
    for k in keys:
        v = row.get(k)
        if isinstance(v, str) and v.strip():
            return v.strip()
        if isinstance(v, Mapping):
            reason = v.get("reason") or v.get("why")
            if isinstance(reason, str) and reason.strip():
                return reason.strip()
    return ""


def _p(e: Any) -> float:
    if isinstance(e, Mapping):
        return _num(e.get("p", e.get("value")))
    return _num(e)


def explain(row: Mapping[str, Any] | None) -> dict[str, str]:
    """Why a result row reads as it does: ``dependency`` (label), ``dependency_text``,
    ``fixed`` (why the outcome cannot vary) and ``no_effect`` (why the lift is zero); empty
    strings where there is nothing to say.

    Reads the engine's fields when present (``dependency``, ``dependency_reason``,
    ``fixed_reason`` / ``fixed``, ``no_effect_reason`` / ``no_effect``); otherwise derives
    what the paired ensemble shows: ``changed`` members (0: no member's outcome moved) and
    probabilities of exactly 0 or 1.

    Examples
    --------
    >>> explain({"dependency": "unreachable"})["dependency_text"][:11]
    'unreachable'
    >>> row = {"baseline": {"p": 1.0}, "scenario": {"p": 1.0}, "lift": {"p": 0.0}, "changed": 0}
    >>> e = explain(row); bool(e["fixed"]), bool(e["no_effect"])
    (True, True)
    >>> explain({"fixed_reason": "no sampled input moves it"})["fixed"]
    'no sampled input moves it'
    >>> claim = {"scenario": "c004_x", "p_with": {"p": 1.0}, "p_without": {"p": 1.0},
    ...          "lift": {"p": 0.0, "low": 0.0, "high": 0.0}}
    >>> e = explain(claim); bool(e["fixed"]), bool(e["no_effect"])
    (True, True)
    """
    row = row or {}
    out = {"dependency": "", "dependency_text": "", "fixed": "", "no_effect": ""}
    dep = row.get("dependency")
    if isinstance(dep, str) and dep:
        out["dependency"] = dep
        why = _first(row, "dependency_reason", "dependency_why", "why_dependency")
        out["dependency_text"] = DEPENDENCY_TEXT.get(dep, dep) + (f" ({why})" if why else "")
    out["fixed"] = _first(row, "fixed_reason", "fixed_under_model", "fixed")
    out["no_effect"] = _first(row, "no_effect_reason", "no_effect_possible", "no_effect")
    base = _p(row["p_without"] if "p_without" in row else row.get("baseline"))
    scen = _p(row["p_with"] if "p_with" in row else row.get("scenario"))
    if not out["fixed"] and base in (0.0, 1.0) and scen == base:
        where = "every" if base == 1.0 else "no"
        out["fixed"] = f"fixed here: true in {where} member, with and without the levers"
    lift = row.get("lift")
    changed = row.get("changed")
    # A paired difference with a zero-width interval at 0: every member's difference is 0.
    if (
        changed is None
        and isinstance(lift, Mapping)
        and _num(lift.get("low")) == 0.0
        and _num(lift.get("high")) == 0.0
    ):
        changed = 0
    if not out["no_effect"] and changed == 0 and _p(lift) == 0.0:
        out["no_effect"] = "no effect here: the levers flip this outcome in no member"
    return out


def result_rows(result: Mapping[str, Any], definitions: Mapping[str, str]) -> dict[str, Any]:
    """The lab's tables from a what-if result (:func:`realpolitik.web.state.compare`):
    ``control`` and ``outcomes`` rows, each with ``key``, ``label``, ``definition``,
    ``baseline``, ``scenario`` and ``lift`` (estimate mappings, all from the same paired
    ensemble) and ``why`` (:func:`explain`).

    Examples
    --------
    >>> res = {"control": {"US-led": {"baseline": {"p": .8}, "scenario": {"p": .9},
    ...        "lift": {"p": .1, "low": .05, "high": .15}, "changed": 20}}, "outcomes": {}}
    >>> row = result_rows(res, {})["control"][0]
    >>> row["label"], pp(row["lift"]["p"]), row["why"]["no_effect"]
    ('US-led', '+10.0 pp', '')
    """

    def rows(part: Mapping[str, Any], named: bool) -> list[dict[str, Any]]:
        out = []
        for key, row in part.items():
            out.append(
                {
                    "key": key,
                    "label": outcome_label(key) if named else key,
                    "definition": definitions.get(key, ""),
                    "baseline": row.get("baseline"),
                    "scenario": row.get("scenario"),
                    "lift": row.get("lift"),
                    "changed": row.get("changed"),
                    "why": explain(row),
                }
            )
        return out

    return {
        "control": rows(result.get("control", {}), False),
        "outcomes": rows(result.get("outcomes", {}), True),
    }


def compare_rows(
    first: Mapping[str, Any], second: Mapping[str, Any], definitions: Mapping[str, str]
) -> dict[str, Any]:
    """Two what-if results side by side: per row, each run's scenario probability and lift,
    and ``diff`` (second minus first scenario probability; paired when both runs have the
    same members and seed, as every run of one server at one size does).

    Examples
    --------
    >>> r1 = {"control": {"US-led": {"scenario": {"p": .5}, "lift": {"p": .0}}}, "outcomes": {}}
    >>> r2 = {"control": {"US-led": {"scenario": {"p": .7}, "lift": {"p": .2}}}, "outcomes": {}}
    >>> row = compare_rows(r1, r2, {})["control"][0]
    >>> row["label"], pp(row["diff"])
    ('US-led', '+20.0 pp')
    """
    one, two = result_rows(first, definitions), result_rows(second, definitions)
    out: dict[str, Any] = {}
    for part in ("control", "outcomes"):
        by_key = {r["key"]: r for r in two[part]}
        rows = []
        for r in one[part]:
            other = by_key.get(r["key"])
            if other is None:
                continue
            p1 = (r["scenario"] or {}).get("p")
            p2 = (other["scenario"] or {}).get("p")
            diff = p2 - p1 if p1 is not None and p2 is not None else None
            rows.append({**r, "first": r, "second": other, "diff": diff})
        out[part] = rows
    out["paired"] = (first.get("members"), first.get("seed")) == (
        second.get("members"),
        second.get("seed"),
    )
    return out
