"""The overview page: who controls the region, per scenario, with each number's sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, render
from realpolitik.web.evidence import capability_evidence

__all__ = ["router", "scenario_sources"]

router = APIRouter()


@router.get("/api/overview", tags=["api"])
def api_overview(state: State) -> dict[str, Any]:
    """The answer to the central question: P(each contender controls), per scenario."""
    a = state.analysis
    return {
        "members": a.members,
        "seed": a.seed,
        "horizon": a.horizon,
        "base_year": a.system.base_year,
        "who_controls": a.answer(),
        "drivers": _drivers(a),
    }


def _drivers(a: Any) -> dict[str, Any] | None:
    """The Sobol' indices of the headline share (``None`` when the analysis ran none)."""
    sob = a.main.sobol
    if sob is None:
        return None
    d: dict[str, Any] = sob.as_dict()
    d["indices"] = sorted(d["indices"], key=lambda r: -float(r["ST"]))
    return d


def scenario_sources(state: Any) -> dict[str, dict[str, Any]]:
    """Per scenario: its description, and for a claim scenario the article and the sentence
    (``href`` to the seed article page at the claim's sentence when the file is available)."""
    from realpolitik.scenarios.catalogue import load_builtin
    from realpolitik.web.seeds import claim_sentence

    def compute() -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for name in ["baseline", *state.analysis.main.runs]:
            try:
                spec = load_builtin(name)
            except Exception:  # a scenario outside the catalogue: no description
                out[name] = {"description": "", "href": ""}
                continue
            row: dict[str, Any] = {"description": spec.description, "href": ""}
            if spec.claim is not None:
                sid = spec.claim.source
                n = claim_sentence(state.dataset, state.seeds_dir, sid, spec.claim.cue)
                row["source"] = sid
                row["href"] = f"/seeds/{sid}#s{n}" if n is not None else f"/sources#src-{sid}"
            out[name] = row
        return out

    return state.cache.get_or_compute(("scenario-sources", state.version), compute)  # type: ignore[no-any-return]


def _shares(state: Any) -> list[dict[str, Any]]:
    a = state.analysis
    sy = a.system
    rows = [
        {
            "code": code,
            "name": a.dataset.actor(code).name,
            "share": float(sy.shares[i]),
            "inputs": capability_evidence(a.dataset, code, sy.base_year),
        }
        for i, code in enumerate(sy.actors)
    ]
    return sorted(rows, key=lambda r: -r["share"])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview(request: Request, state: State) -> HTMLResponse:
    a = state.analysis
    return render(
        request,
        "overview.html",
        a=a,
        answer=a.answer(),
        fan=state.cache.get_or_compute(("fan", state.version), lambda: _fan_panels(a)),
        scen=scenario_sources(state),
        shares=state.cache.get_or_compute(("shares", state.version), lambda: _shares(state)),
        drivers=_drivers(a),
    )


def _fan_panels(a: Any) -> dict[str, Any]:
    from realpolitik.web.charts import fan_panels

    return fan_panels(a.fan)
