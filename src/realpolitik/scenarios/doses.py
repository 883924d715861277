"""Runs at fixed lever intensities on common random numbers: paths, doses and whose choices
matter.

Every function here draws one block of uniform inputs per member (the same members as the
headline ensemble, :func:`~realpolitik.scenarios.structure.draw_units`) and reruns the light
member path (:func:`~realpolitik.scenarios.members.member_answers`) with levers fixed at
chosen intensities or a chosen horizon, so differences between points are paired:

- :func:`yearly_paths`: P(each contender controls) per horizon year, 2025-2040;
- :func:`dose_response`: a claim's outcome with its levers at each intensity of a grid;
- :func:`whose_choices`: for each actor, the change in the headline when the levers that are
  its choice (:data:`LEVER_CHOOSERS`, a judgement) move together from 0 to 2x;
- :func:`japan_korea`: the Japan-Korea contender's arithmetic: the capability share it holds
  under each measure, the share control needs, and the intensity (up to 5x) at which the
  levers that favour it (:data:`JAPAN_KOREA_LEVERS`) first make it control in 1% of members.

These use fewer members than the headline (the intervals say so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from realpolitik.scenarios.members import Plan, make_plan, member_answers
from realpolitik.scenarios.outcomes import BASE_YEAR_OUTCOMES, HEADLINE_CONTENDERS, OUTCOMES
from realpolitik.scenarios.runner import Estimate, paired_lift, wilson
from realpolitik.scenarios.spec import LeverSpec, ScenarioSpec
from realpolitik.scenarios.state import System
from realpolitik.scenarios.structure import (
    CAPABILITY_MEASURES,
    THRESHOLD_RANGE,
    WeightDrawsLike,
    draw_units,
)

__all__ = [
    "JAPAN_KOREA_LEVERS",
    "JK_CONTROL_FLOOR",
    "JK_GRID",
    "LEVER_CHOOSERS",
    "PATH_YEARS",
    "at_intensity",
    "dose_response",
    "japan_korea",
    "whose_choices",
    "yearly_paths",
]

PATH_YEARS: tuple[int, ...] = tuple(range(2025, 2041))
"""Horizon years of :func:`yearly_paths`."""

LEVER_CHOOSERS: dict[str, tuple[str, ...]] = {
    "USA": (
        "us_retrenchment",
        "us_tariffs_china",
        "us_tariffs_southeast_asia",
        "us_trilateral_coordination",
    ),
    "CHN": (
        "china_economic_statecraft",
        "china_military_pressure",
        "china_russia_alignment",
        "china_dprk_support",
        "taiwan_unification",
        "china_protectionism",
    ),
    "JPN": (
        "japan_constitution_revision",
        "jpn_kor_defence_pact",
        "jpn_kor_defence_buildup",
        "jpn_kor_tech_alliance_west",
    ),
    "KOR": ("jpn_kor_defence_pact", "jpn_kor_defence_buildup", "jpn_kor_tech_alliance_west"),
    "PRK": ("dprk_provocation",),
    "CHN+JPN+KOR": ("rcep_expansion", "trilateral_fta", "people_exchange"),
}
"""Whose choice each catalogue lever is (a judgement from the levers' descriptions in
``lever_effects.toml``: the government that would pull it; the trilateral agreements are a
joint choice of the three)."""

JAPAN_KOREA_LEVERS: tuple[str, ...] = (
    "jpn_kor_defence_pact",
    "jpn_kor_defence_buildup",
    "jpn_kor_tech_alliance_west",
    "us_retrenchment",
    "china_protectionism",
)
"""Catalogue levers that favour a Japan-Korea bloc: they tie Japan and South Korea together,
grow their capability, or loosen their ties to the United States or China (none of the others
does any of these without also tightening a tie to one of the two)."""

JK_GRID: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0, 5.0)
"""Intensities at which :func:`japan_korea` applies :data:`JAPAN_KOREA_LEVERS` together."""

JK_CONTROL_FLOOR = 0.01
"""Share of members in which the Japan-Korea bloc must control for :func:`japan_korea`."""


def at_intensity(plan: Plan, intensity: float) -> Plan:
    """``plan`` with every lever fixed at ``intensity`` (same input layout: paired draws)."""
    levers = tuple(
        LeverSpec.model_construct(id=lv.id, intensity=float(intensity)) for lv in plan.spec.levers
    )
    return replace(plan, spec=plan.spec.model_copy(update={"levers": levers}))


def _with_levers(base: ScenarioSpec, ids: Sequence[str]) -> ScenarioSpec:
    return base.model_copy(
        update={"levers": tuple(LeverSpec.model_construct(id=i, intensity=1.0) for i in ids)}
    )


def yearly_paths(
    spec: ScenarioSpec,
    system: System,
    *,
    members: int,
    seed: int,
    weight_draws: WeightDrawsLike | None = None,
    years: Sequence[int] = PATH_YEARS,
) -> list[dict[str, Any]]:
    """P(each headline contender controls) at each horizon year, the same members each year.

    Returns
    -------
    list of dict
        ``{"year", "contenders": {name: p}, "intervals": {name: [low, high]}, "members"}``
        for each year from the base year on.
    """
    plan = make_plan(spec, system, weight_draws)
    u = draw_units(plan.layout, seed, range(members))
    out = []
    for year in years:
        if year < system.base_year:
            continue
        py = replace(
            plan,
            spec=spec.model_copy(update={"horizon": year}),
            horizon_years=year - system.base_year,
        )
        ctrl, _ = member_answers(py, u, forecasts=False, base_year=False)
        est = {c: wilson(int((ctrl == c).sum()), members) for c in HEADLINE_CONTENDERS}
        out.append(
            {
                "year": int(year),
                "contenders": {c: e.value for c, e in est.items()},
                "intervals": {c: [e.low, e.high] for c, e in est.items()},
                "members": members,
            }
        )
    return out


def dose_response(
    spec: ScenarioSpec,
    system: System,
    outcomes: Sequence[str],
    *,
    members: int,
    seed: int,
    grid: Sequence[float],
    weight_draws: WeightDrawsLike | None = None,
) -> dict[str, list[tuple[float, Estimate]]]:
    """P(each of ``outcomes``) with every lever of ``spec`` at each intensity of ``grid``
    (paired: the same members at every point).

    Returns
    -------
    dict
        Outcome -> ``[(intensity, estimate), ...]`` in grid order.
    """
    plan = make_plan(spec, system, weight_draws)
    u = draw_units(plan.layout, seed, range(members))
    reads = [r for o in OUTCOMES if o.id in outcomes for r in o.reads]
    forecasts = any(r.startswith("forecast:") for r in reads)
    base_year = any(o in BASE_YEAR_OUTCOMES for o in outcomes)
    out: dict[str, list[tuple[float, Estimate]]] = {o: [] for o in outcomes}
    for x in grid:
        _, outs = member_answers(at_intensity(plan, x), u, forecasts=forecasts, base_year=base_year)
        for o in outcomes:
            out[o].append((float(x), wilson(int(outs[o].sum()), members)))
    return out


def whose_choices(
    base: ScenarioSpec,
    system: System,
    *,
    members: int,
    seed: int,
    weight_draws: WeightDrawsLike | None = None,
    choosers: dict[str, tuple[str, ...]] | None = None,
) -> list[dict[str, Any]]:
    """For each actor, the paired change in P(each contender controls) when its levers move
    together from 0 to 2x; rows sorted by ``swing`` (the largest absolute change).

    Returns
    -------
    list of dict
        ``{"actor", "levers", "delta": {name: float}, "interval": {name: {"p", "low",
        "high"}}, "swing", "members"}``.
    """
    rows = []
    for actor, ids in (choosers or LEVER_CHOOSERS).items():
        if any(a not in system.actors for a in actor.split("+")):
            continue
        plan = make_plan(_with_levers(base, ids), system, weight_draws)
        u = draw_units(plan.layout, seed, range(members))
        lo, _ = member_answers(at_intensity(plan, 0.0), u, forecasts=False, base_year=False)
        hi, _ = member_answers(at_intensity(plan, 2.0), u, forecasts=False, base_year=False)
        lift = {c: paired_lift(hi == c, lo == c) for c in HEADLINE_CONTENDERS}
        rows.append(
            {
                "actor": actor,
                "levers": list(ids),
                "delta": {c: e.value for c, e in lift.items()},
                "interval": {c: e.as_dict() for c, e in lift.items()},
                "swing": max(abs(e.value) for e in lift.values()),
                "members": members,
            }
        )
    rows.sort(key=lambda r: -float(r["swing"]))  # type: ignore[arg-type]
    return rows


def _jk_shares(system: System) -> dict[str, float]:
    ij, ik = system.index("JPN"), system.index("KOR")
    out = {}
    for k, m in enumerate(CAPABILITY_MEASURES):
        if m == "composite" or system.measure_shares is None:
            s = system.shares
        else:
            s = system.measure_shares[k]
        out[m] = float(s[ij] + s[ik])
    return out


def japan_korea(
    base: ScenarioSpec,
    system: System,
    *,
    members: int,
    seed: int,
    weight_draws: WeightDrawsLike | None = None,
) -> dict[str, Any]:
    """The Japan-Korea contender's arithmetic (see the module docstring).

    Returns
    -------
    dict
        ``share`` (measure -> Japan's plus South Korea's base-year share), ``needed`` (the
        share control needs: more than the lowest threshold), ``first_control_intensity``
        (``None``: not up to the grid's end, or not searched), ``levers``, ``p_at``
        (intensity, P(control)), ``members`` and ``searched`` (``False`` with no members:
        the shares and the need only).
    """
    out: dict[str, Any] = {
        "share": _jk_shares(system),
        "needed": THRESHOLD_RANGE[0],
        "first_control_intensity": None,
        "levers": list(JAPAN_KOREA_LEVERS),
        "p_at": [],
        "members": members,
        "searched": members > 0,
    }
    if members <= 0:
        return out
    ids = list(JAPAN_KOREA_LEVERS)
    plan = make_plan(_with_levers(base, ids), system, weight_draws, max_intensity=max(JK_GRID))
    u = draw_units(plan.layout, seed, range(members))
    for x in JK_GRID:
        ctrl, _ = member_answers(at_intensity(plan, x), u, forecasts=False, base_year=False)
        p = float(np.mean(ctrl == "Japan-Korea"))
        out["p_at"].append({"intensity": x, "p": p})
        if p >= JK_CONTROL_FLOOR:
            out["first_control_intensity"] = x
            break
    return out
