"""Dependency labels of every seed claim, computed (not hand-labelled), and the verdict rules."""
# ruff: noqa: E501

from __future__ import annotations

import pytest

from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin
from realpolitik.scenarios.claims import verdict
from realpolitik.scenarios.dependency import classify
from realpolitik.scenarios.levers import LeverEffects, load_lever_effects
from realpolitik.scenarios.runner import Estimate

EXPECTED = {
    "c000_defence_bloc": "mediated",
    "c000_economic_dominance": "mediated",
    "c000_expansionism": "mediated",
    "c000_rcep_leadership": "mediated",
    "c000_self_reliance": "mediated",
    "c000_tech_west": "not_representable",
    "c000_us_domestic": "by_construction",
    "c000_us_influence": "mediated",
    "c001_fta_momentum": "by_construction",
    "c004_coalition": "mediated",
    "c004_kor_sides_us": "mediated",
    "c004_supply_chain": "not_representable",
    "c004_taiwan": "by_construction",
}


def test_seed_claim_labels() -> None:
    fx = load_lever_effects()
    got = {}
    for name in builtin_scenarios():
        spec = load_builtin(name)
        if spec.claim is not None:
            got[name] = classify([lv.id for lv in spec.levers], spec.claim.outcome, fx).label
    assert got == EXPECTED


def _fx(*effects: dict[str, object]) -> dict[str, LeverEffects]:
    return {"x": LeverEffects("x", "", (), tuple(effects))}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("effect", "outcome", "label"),
    [
        ({"type": "growth", "actors": ["USA"], "delta": -0.01}, "us_domestic_pressure", "by_construction"),
        ({"type": "transfer", "from": "TWN", "to": "CHN", "fraction": 1}, "china_influence_decline", "by_construction"),
        ({"type": "growth", "actors": ["USA"], "delta": -0.01}, "us_influence_loss", "mediated"),
        ({"type": "propensity", "pairs": [["USA", "JPN"]], "delta": -1}, "us_influence_loss", "mediated"),
        ({"type": "propensity", "pairs": [["USA", "JPN"]], "delta": -1}, "us_domestic_pressure", "unreachable"),
        ({"type": "propensity", "pairs": [["USA", "JPN"]], "delta": -1}, "trilateral_fta_progress", "unreachable"),
        ({"type": "position", "issue": "trilateral_fta", "actors": ["CHN"], "delta": 10}, "trilateral_fta_progress", "by_construction"),
        ({"type": "salience", "issue": "trilateral_fta", "actors": ["CHN"], "delta": 0.1}, "trilateral_fta_progress", "mediated"),
        ({"type": "position", "issue": "rcep_expansion", "actors": ["CHN"], "delta": 10}, "trilateral_fta_progress", "unreachable"),
        ({"type": "salience", "issue": "trilateral_fta", "actors": ["CHN"], "delta": 0.1}, "regional_stability", "unreachable"),
    ],
)  # fmt: skip
def test_classify_constructed(effect: dict[str, object], outcome: str, label: str) -> None:
    dep = classify(["x"], outcome, _fx(effect))
    assert dep.label == label
    assert dep.reason


E = Estimate


@pytest.mark.parametrize(
    ("p_with", "lift", "p_without", "dependency", "start"),
    [
        (E(0.7, 0.65, 0.75), E(0.3, 0.25, 0.35), E(0.4, 0.35, 0.45), "mediated", "supported:"),
        (E(0.9, 0.85, 0.95), E(0.3, 0.25, 0.35), E(0.6, 0.55, 0.65), "mediated", "supported but"),
        (E(0.3, 0.25, 0.35), E(0.2, 0.15, 0.25), E(0.1, 0.05, 0.15), "mediated", "partly"),
        (E(0.12, 0.1, 0.14), E(0.02, 0.01, 0.03), E(0.1, 0.08, 0.12), "mediated", "negligible"),
        (E(0.08, 0.06, 0.1), E(-0.02, -0.03, -0.01), E(0.1, 0.08, 0.12), "mediated", "negligible"),
        (E(0.1, 0.05, 0.15), E(-0.2, -0.25, -0.15), E(0.3, 0.25, 0.35), "mediated", "contradicted"),
        (E(0.1, 0.05, 0.15), E(0.0, -0.01, 0.01), E(0.1, 0.05, 0.15), "mediated", "not supported:"),
        (E(0.8, 0.75, 0.85), E(0.0, -0.01, 0.01), E(0.8, 0.75, 0.85), "mediated", "not supported as"),
        (E(0.9, 0.85, 0.95), E(0.5, 0.45, 0.55), E(0.4, 0.35, 0.45), "by_construction", "not testable"),
        (E(0.9, 0.85, 0.95), E(0.5, 0.45, 0.55), E(0.4, 0.35, 0.45), "unreachable", "no effect possible"),
    ],
)  # fmt: skip
def test_verdict_branches(
    p_with: Estimate, lift: Estimate, p_without: Estimate, dependency: str, start: str
) -> None:
    assert verdict(p_with, lift, p_without, dependency=dependency).startswith(start)


def test_only_mediated_claims_can_be_supported() -> None:
    big = (E(0.9, 0.85, 0.95), E(0.6, 0.55, 0.65), E(0.3, 0.25, 0.35))
    for dep in ("by_construction", "unreachable"):
        assert not verdict(*big, dependency=dep).startswith(("supported", "partly"))
    assert verdict(*big, dependency="mediated").startswith("supported")
