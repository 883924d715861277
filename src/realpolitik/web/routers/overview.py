"""The overview page: who controls the region, per scenario, with each number's sources."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from realpolitik.web.deps import State, needs, render
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
    """Per scenario: its description and article sentence (the ``scenario_sources``
    background data set, :func:`realpolitik.web.datasets.scenario_sources`)."""
    return state.data("scenario_sources")  # type: ignore[no-any-return]


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


@router.get("/", response_class=HTMLResponse, include_in_schema=False,
            dependencies=[Depends(needs("analysis", "scenario_sources"))])  # fmt: skip
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
