"""Health, the lever and scenario catalogues (JSON)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from realpolitik.web.deps import State
from realpolitik.web.present import lever_label, scenario_label

__all__ = ["levers", "router"]

router = APIRouter()


@router.get("/api/health", tags=["api"])
def health(state: State) -> dict[str, Any]:
    """Liveness and what is loaded."""
    bg = state.background
    ready = bg.ready("analysis") if bg is not None else state.has_analysis
    return {"status": "ok", "baseline_cached": state.has_analysis or ready}


@router.get("/api/status", tags=["api"])
def status(state: State) -> dict[str, Any]:
    """The background data sets (baseline, claims, report...): each one's status
    (``pending``, ``running``, ``ready``, ``error``), stage, progress, seconds, and whether
    it was loaded from disk; ``ready`` when all are. Pages waiting for data poll this."""
    bg = state.background
    if bg is None:
        return {"ready": True, "datasets": {}}
    return bg.status()


def levers() -> list[dict[str, Any]]:
    """Every lever with its name, why it does what it does and the articles that raise it."""
    from realpolitik.scenarios.levers import load_lever_effects

    return [
        {
            "id": lv.id,
            "label": lever_label(lv.id),
            "why": lv.why,
            "sources": list(lv.sources),
            "effects": list(lv.effects),
        }
        for lv in load_lever_effects().values()
    ]


@router.get("/api/levers", tags=["api"])
def api_levers() -> list[dict[str, Any]]:
    """Every lever with why it does what it does and the articles that raise it."""
    return levers()


@router.get("/api/scenarios", tags=["api"])
def api_scenarios() -> list[str]:
    """Names of the built-in scenarios."""
    from realpolitik.scenarios.catalogue import builtin_scenarios

    return builtin_scenarios()


@router.get("/api/scenario-labels", tags=["api"])
def api_scenario_labels() -> dict[str, str]:
    """Each built-in scenario's name in words."""
    from realpolitik.scenarios.catalogue import builtin_scenarios

    return {n: scenario_label(n) for n in builtin_scenarios()}
