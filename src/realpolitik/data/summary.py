"""A plain summary of a data set: actors by capability, alliances, contested issues.

Used by the placeholder ``realpolitik run`` until the scenario engine replaces it.

Examples
--------
>>> from realpolitik.data import load_dataset
>>> s = summary(load_dataset())
>>> s["actors_by_capability"][0]["code"]
'CHN'
"""

from __future__ import annotations

from typing import Any

from realpolitik.model.dataset import Dataset

__all__ = ["ALLIANCE_KINDS", "latest_size", "summary"]

ALLIANCE_KINDS = ("defence_treaty", "alliance", "security_partnership")
"""Relation kinds listed as alliances in the summary."""


def latest_size(dataset: Dataset, code: str) -> dict[str, Any]:
    """The actor's latest CINC and nominal GDP with their years (``None`` where missing)."""
    cinc = dataset.capability(code, "cinc")
    gdp = dataset.capability(code, "gdp_nominal")
    return {
        "cinc": cinc.value if cinc else None,
        "cinc_year": cinc.year if cinc else None,
        "gdp_nominal_usd_bn": gdp.value if gdp else None,
        "gdp_year": gdp.year if gdp else None,
    }


def summary(dataset: Dataset) -> dict[str, Any]:
    """Summarise ``dataset`` as plain, JSON-ready data.

    Parameters
    ----------
    dataset : Dataset
        A loaded data set.

    Returns
    -------
    dict
        ``name``, ``base_year``, ``counts`` (rows per table), ``actors_by_capability`` (states
        and territories ranked by their latest CINC share, with its year and source),
        ``alliances`` (current defence treaties, alliances and security partnerships, i.e.
        relations of those kinds with no end date) and ``issues`` (each with its scale and the
        most and least favourable positions).

    Notes
    -----
    Ranking uses the CoW CINC share as recorded (latest year per actor); actors without a CINC
    value are listed last. O(rows).
    """
    ranked: list[dict[str, Any]] = []
    for a in dataset.states:
        c = dataset.capability(a.code, "cinc")
        ranked.append(
            {"code": a.code, "name": a.name}
            | latest_size(dataset, a.code)
            | {"cinc_source": c.source_id if c else None}
        )
    ranked.sort(key=lambda r: (r["cinc"] is None, -float(r["cinc"] or 0.0), str(r["code"])))
    alliances = [
        {
            "id": r.id,
            "a": r.a,
            "b": r.b,
            "kind": r.kind,
            "start": r.start,
            "sources": list(r.source_ids),
        }
        for r in dataset.relations
        if r.kind in ALLIANCE_KINDS and r.sign > 0 and not r.end
    ]
    issues = []
    for iss in dataset.issues:
        pos = sorted(dataset.positions_on(iss.id), key=lambda p: p.position)
        issues.append(
            {
                "id": iss.id,
                "name": iss.name,
                "low": iss.low,
                "high": iss.high,
                "status_quo": iss.status_quo,
                "n_actors": len(pos),
                "lowest": [(p.actor, p.position) for p in pos[:2]],
                "highest": [(p.actor, p.position) for p in pos[-2:][::-1]],
            }
        )
    return {
        "name": dataset.name,
        "base_year": dataset.base_year,
        "counts": {
            "actors": len(dataset.actors),
            "states": len(dataset.states),
            "people": len(dataset.people),
            "capabilities": len(dataset.capabilities),
            "relations": len(dataset.relations),
            "issues": len(dataset.issues),
            "positions": len(dataset.positions),
            "sources": len(dataset.sources),
            "events": len(dataset.events),
            "figures": len(dataset.figures),
            "levers": len(dataset.levers),
            "outcomes": len(dataset.outcomes),
        },
        "actors_by_capability": ranked,
        "alliances": alliances,
        "issues": issues,
    }
