"""Perspectives: the lens comparison made readable, for the report and the dashboard.

:func:`compare_store_lenses` runs :func:`realpolitik.lenses.compare.compare_lenses` on lenses
kept in an evidence store and adds the title and source of every document the evidence cites.
:func:`perspectives_context` turns that JSON-ready result into plain display rows (numbers
formatted, evidence items with document and sentence ids) that the HTML report, its Markdown
twin (:func:`perspectives_markdown`) and the dashboard's ``/perspectives`` page all render.
Article text stays plain text here: the templates escape it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from realpolitik.errors import InputError

if TYPE_CHECKING:
    from realpolitik.model.dataset import Dataset
    from realpolitik.store.repository import Store

__all__ = [
    "LENS_HINT",
    "MAX_LENSES",
    "compare_store_lenses",
    "perspectives_context",
    "perspectives_markdown",
]

MAX_LENSES = 8
"""Most lenses one comparison may hold (its cost grows with the number of lenses)."""

LENS_HINT = (
    "create lenses first, e.g. `realpolitik ingest ../shared/seeds --db URL` then "
    "`realpolitik lens create seed000 --source 000 --db URL` (one per source or outlet)"
)
"""How to create lenses (shown when a store holds none)."""


def compare_store_lenses(
    store: Store,
    dataset: Dataset,
    names: Sequence[str] | None = None,
    *,
    members: int = 200,
    scenarios: Sequence[str] | None = None,
    seed: int | None = None,
    top: int = 5,
) -> dict[str, Any]:
    """Compare stored lenses (default: every lens in ``store``) and name the cited documents.

    Returns the dict of :func:`~realpolitik.lenses.compare.compare_lenses` plus
    ``documents``: ``{str(document_id): {"id", "title", "source"}}`` for every document a
    compared lens selects.

    Raises
    ------
    InputError
        When the store holds no lens (and none is named), a named lens does not exist, more
        than :data:`MAX_LENSES` are asked for, or a lens is named ``baseline``.

    Notes
    -----
    Cost: that of ``compare_lenses`` (``(L + 1) * S`` ensemble runs plus a bounded number of
    leave-one-out reruns).
    """
    from realpolitik.lenses.api import lens_state_from_store
    from realpolitik.lenses.compare import compare_lenses
    from realpolitik.lenses.storage import list_lenses

    wanted = list(dict.fromkeys(names or []))
    if not wanted:
        wanted = [lens.name for lens in list_lenses(store)]
        if not wanted:
            raise InputError(f"no lenses in {store.url}: {LENS_HINT}")
    if len(wanted) > MAX_LENSES:
        raise InputError(f"at most {MAX_LENSES} lenses per comparison ({len(wanted)} asked for)")
    if "baseline" in wanted:
        raise InputError("'baseline' is always compared; do not name a lens 'baseline'")
    states = [lens_state_from_store(store, n, dataset) for n in wanted]
    res = compare_lenses(dataset, states, scenarios=scenarios, members=members, seed=seed, top=top)
    docs: dict[str, dict[str, Any]] = {}
    for st in states:
        for d in st.documents:
            source = str(d.get("source") or "")
            title = str(d.get("title") or "") or PurePosixPath(source).name or f"document {d['id']}"
            docs[str(d["id"])] = {"id": int(d["id"]), "title": title, "source": source}
    res["documents"] = docs
    return res


def _pct(p: float) -> str:
    return f"{100 * p:.1f}%"


def _items(items: list[dict[str, Any]], docs: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    out = []
    for it in items[:limit]:
        doc = docs.get(str(it["document_id"]), {})
        out.append(
            {
                "key": it["key"],
                "document_id": it["document_id"],
                "sentence_id": it["sentence_id"],
                "title": doc.get("title") or PurePosixPath(str(it.get("source", ""))).name,
                "text": it["text"],
                "dyads": ", ".join(it.get("dyads", [])),
                "effect": it["effect"],
            }
        )
    return out


def _coverage_rows(res: dict[str, Any], docs: dict[str, Any]) -> list[dict[str, Any]]:
    """Per lens: the documents it read, its evidence items and the dyads they touch."""
    by_source = {str(v["source"]): v for v in docs.values()}
    return [
        {
            "lens": ln,
            "documents": [
                by_source.get(str(src), {"id": None, "title": PurePosixPath(str(src)).name})
                for src in cov.get("documents", [])
            ],
            "items": cov.get("items", 0),
            "dyads": ", ".join(
                f"{x['a']}-{x['b']} {x['tone']:+.2f}" for x in cov.get("dyads_with_evidence", [])
            ),
            "dyads_baseline": cov.get("dyads_baseline", 0),
            "dyads_total": cov.get("dyads_total", 0),
            "claims": cov.get("claims", 0),
        }
        for ln, cov in res.get("coverage", {}).items()
    ]


def perspectives_context(res: dict[str, Any], *, evidence_per_lens: int = 3) -> dict[str, Any]:
    """Display rows of a comparison (the result of :func:`compare_store_lenses`).

    Keys: ``lenses``, ``members``, ``seed``, ``scenarios``, ``cost``, ``table`` (per scenario:
    outcome and, per lens, P(outcome) and who controls the region), ``differences`` and
    ``propensity`` (each with per-lens evidence items, ranked by effect), ``coverage``.

    Examples
    --------
    >>> res = {"lenses": ["baseline", "a"], "members": 10, "seed": 1, "scenarios": ["baseline"],
    ...        "cost": {"runs": 2}, "table": [{"scenario": "baseline", "outcome": "x",
    ...        "p": {"baseline": 0.5, "a": 0.25}, "who_controls": {"baseline": {"US-led": 1.0},
    ...        "a": {"US-led": 0.75, "no one": 0.25}}}], "differences": [],
    ...        "propensity_differences": [], "coverage": {}, "documents": {}}
    >>> row = perspectives_context(res)["table"][0]
    >>> [(c["lens"], c["p"], c["controls"]) for c in row["cells"]][1]
    ('a', '25.0%', 'US-led 75.0%, no one 25.0%')
    """
    docs = res.get("documents", {})
    lenses = list(res["lenses"])
    table = []
    for row in res["table"]:
        cells = []
        for ln in lenses:
            ctl = row["who_controls"].get(ln, {})
            ranked = sorted(((p, c) for c, p in ctl.items() if p > 0), key=lambda t: -t[0])
            lift = row.get("china_led_lift", {}).get(ln)
            cells.append(
                {
                    "lens": ln,
                    "p": _pct(row["p"][ln]),
                    "controls": ", ".join(f"{c} {_pct(p)}" for p, c in ranked),
                    "lift": ""
                    if lift is None
                    else f"{lift['p']:+.3f} [{lift['low']:+.3f}, {lift['high']:+.3f}]",
                }
            )
        table.append({"scenario": row["scenario"], "outcome": row["outcome"], "cells": cells})

    def lens_rows(attribution: dict[str, Any], fmt: str) -> list[dict[str, Any]]:
        return [
            {
                "lens": ln,
                "delta": format(att["delta_vs_baseline"], fmt),
                "tried": att.get("tried"),
                "candidates": att.get("candidates"),
                "items": [
                    {**it, "effect_txt": format(it["effect"], fmt)}
                    for it in _items(att["items"], docs, evidence_per_lens)
                ],
            }
            for ln, att in attribution.items()
        ]

    differences = [
        {
            "scenario": d["scenario"],
            "cell": d["cell"].split(":", 1)[-1],
            "kind": "controls" if d["cell"].startswith("controls:") else "outcome",
            "spread": _pct(d["spread"]),
            "values": [(ln, _pct(p)) for ln, p in d["p"].items()],
            "lenses": lens_rows(d["attribution"], "+.1%"),
        }
        for d in res["differences"]
    ]
    propensity = [
        {
            "dyad": d["dyad"],
            "spread": f"{d['spread']:.3f}",
            "values": [(ln, f"{p:+.3f}") for ln, p in d["p"].items()],
            "lenses": lens_rows(d["attribution"], "+.3f"),
        }
        for d in res["propensity_differences"]
    ]
    coverage = _coverage_rows(res, docs)
    return {
        "lenses": lenses,
        "members": res["members"],
        "seed": res["seed"],
        "scenarios": len(res.get("scenarios", [])),
        "cost": res.get("cost", {}),
        "table": table,
        "differences": differences,
        "propensity": propensity,
        "coverage": coverage,
    }


def _cell(s: object) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def perspectives_markdown(ctx: dict[str, Any]) -> list[str]:
    """The "Perspectives" section of the Markdown report (lines), from
    :func:`perspectives_context`."""
    lenses = ctx["lenses"]
    L = [
        "## Perspectives",
        "",
        f"The same scenarios under each lens ({ctx['members']} members, root seed {ctx['seed']}, "
        "the same members in every lens). Cells: P(the scenario's outcome); below it, who "
        "controls the region.",
        "",
        "| scenario | outcome | " + " | ".join(_cell(ln) for ln in lenses) + " |",
        "|" + "---|" * (2 + len(lenses)),
    ]
    for row in ctx["table"]:
        cells = [f"{c['p']}<br>{c['controls']}" for c in row["cells"]]
        L.append("| " + " | ".join(_cell(x) for x in (row["scenario"], row["outcome"], *cells)))
        L[-1] += " |"
    L += ["", "### Where the lenses differ, and the sentences that cause it", ""]
    if not ctx["differences"]:
        L += ["No scenario answer differs between the lenses.", ""]
    for d in ctx["differences"]:
        vals = ", ".join(f"{ln} {p}" for ln, p in d["values"])
        L += [f"**{d['scenario']}**, {d['cell']} (spread {d['spread']}): {vals}", ""]
        L += _md_evidence(d["lenses"])
    if ctx["propensity"]:
        L += ["### Propensities that differ most", ""]
    for d in ctx["propensity"]:
        vals = ", ".join(f"{ln} {p}" for ln, p in d["values"])
        L += [f"**{d['dyad']}** (spread {d['spread']}): {vals}", ""]
        L += _md_evidence(d["lenses"])
    L += ["### Coverage per lens", ""]
    L += [
        "| lens | documents | sentences with events | dyads with lens tone | dyads on baseline |",
        "|---|---|---|---|---|",
    ]
    for c in ctx["coverage"]:
        L.append(
            "| "
            + " | ".join(
                _cell(x)
                for x in (
                    c["lens"],
                    "; ".join(d["title"] for d in c["documents"]) or "-",
                    c["items"],
                    c["dyads"] or "-",
                    f"{c['dyads_baseline']} of {c['dyads_total']}",
                )
            )
            + " |"
        )
    L += ["", "Issue positions and saliences keep the built-in data under every lens.", ""]
    return L


def _md_evidence(lens_rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for lr in lens_rows:
        out.append(f"- {lr['lens']} ({lr['delta']} vs baseline):")
        for it in lr["items"]:
            text = " ".join(str(it["text"]).split())
            out.append(
                f'  - {it["effect_txt"]}: "{text}" (document {it["document_id"]}, '
                f"sentence {it['sentence_id']}, {it['title']})"
            )
    return [*out, ""]
