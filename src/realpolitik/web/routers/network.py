"""The network page: actors and relations, each relation down to its sources' sentences."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, needs, render
from realpolitik.web.evidence import capability_evidence, relation_evidence

__all__ = ["router"]

router = APIRouter()
_READY = [Depends(needs("analysis"))]


def _relations(state: Any) -> list[Any]:
    a = state.analysis
    codes = set(a.system.actors)
    return [r for r in a.dataset.relations if r.a in codes and r.b in codes and r.a != r.b]


def _pairs(state: Any) -> list[dict[str, Any]]:
    """Relations grouped by unordered actor pair (one edge per pair on the graph)."""
    ds = state.dataset
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _relations(state):
        a, b = sorted((r.a, r.b))
        row = out.setdefault(
            (a, b),
            {"a": a, "b": b, "names": (ds.actor(a).name, ds.actor(b).name), "relations": []},
        )
        row["relations"].append(r)
    pairs = list(out.values())
    for p in pairs:
        signs = {r.sign for r in p["relations"]}
        p["sign"] = 1 if signs == {1} else (-1 if signs == {-1} else 0)
        p["kinds"] = sorted({r.kind for r in p["relations"]})
    return sorted(pairs, key=lambda p: (p["a"], p["b"]))


@router.get("/api/network", tags=["api"])
def api_network(state: State) -> dict[str, Any]:
    """Actors (bloc in the global minimum, share), relations, actor pairs and the landscape."""
    a = state.analysis
    net = a.network()
    ds = a.dataset
    net["relations"] = [
        {
            "id": r.id,
            "a": r.a,
            "b": r.b,
            "kind": r.kind,
            "sign": r.sign,
            "start": r.start,
            "end": r.end,
            "sources": list(r.source_ids),
        }
        for r in _relations(state)
    ]
    net["edges"] = [
        {
            "a": p["a"],
            "b": p["b"],
            "sign": p["sign"],
            "kinds": p["kinds"],
            "relations": [r.id for r in p["relations"]],
        }
        for p in _pairs(state)
    ]
    net["names"] = {c: ds.actor(c).name for c in a.system.actors}
    return net


def _relation(state: Any, relation_id: str) -> dict[str, Any]:
    ds = state.dataset
    rel = next((r for r in ds.relations if r.id == relation_id), None)
    if rel is None:
        raise HTTPException(404, f"no relation {relation_id!r}")
    return relation_evidence(ds, rel, store=state.store, seeds_dir=state.seeds_dir)


@router.get("/api/relations/{relation_id}", tags=["api"])
def api_relation(relation_id: str, state: State) -> dict[str, Any]:
    """A relation with its sources and, for article sources, the supporting sentences."""
    return _relation(state, relation_id)


@router.get("/network", response_class=HTMLResponse, include_in_schema=False, dependencies=_READY)
def network(request: Request, state: State) -> HTMLResponse:
    a = state.analysis
    land = a.landscape
    names = {c: a.dataset.actor(c).name for c in a.system.actors}
    order = sorted(range(len(a.system.actors)), key=lambda i: -float(a.system.shares[i]))
    nodes = [
        {"code": c, "name": names[c], "share": float(a.system.shares[i])}
        for i, c in ((i, a.system.actors[i]) for i in order)
    ]
    return render(
        request,
        "network.html",
        minima=[(m, m.blocs(a.system.actors, land.blocs)) for m in land.minima],
        land=land,
        pairs=_pairs(state),
        nodes=nodes,
    )


@router.get("/fragments/relation/{relation_id}", response_class=HTMLResponse,
            include_in_schema=False, dependencies=_READY)  # fmt: skip
def relation_fragment(request: Request, relation_id: str, state: State) -> HTMLResponse:
    return render(request, "_relation.html", evs=[_relation(state, relation_id)])


@router.get("/fragments/pair/{a}/{b}", response_class=HTMLResponse, include_in_schema=False,
            dependencies=_READY)  # fmt: skip
def pair_fragment(request: Request, a: str, b: str, state: State) -> HTMLResponse:
    pair = next((p for p in _pairs(state) if {p["a"], p["b"]} == {a, b}), None)
    if pair is None:
        raise HTTPException(404, f"no relation between {a!r} and {b!r}")
    evs = [_relation(state, r.id) for r in pair["relations"]]
    return render(request, "_relation.html", evs=evs, pair=pair)


@router.get("/fragments/actor/{code}", response_class=HTMLResponse, include_in_schema=False,
            dependencies=_READY)  # fmt: skip
def actor_fragment(request: Request, code: str, state: State) -> HTMLResponse:
    a = state.analysis
    if code not in a.system.actors:
        raise HTTPException(404, f"no player {code!r}")
    i = a.system.actors.index(code)
    return render(
        request,
        "_actor.html",
        code=code,
        name=a.dataset.actor(code).name,
        share=float(a.system.shares[i]),
        year=a.system.base_year,
        inputs=capability_evidence(a.dataset, code, a.system.base_year),
        pairs=[p for p in _pairs(state) if code in (p["a"], p["b"])],
    )
