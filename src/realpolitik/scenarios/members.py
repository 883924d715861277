"""One batch of ensemble members: draw the uncertain inputs, apply the levers, run the engines.

Member ``i`` draws one row of uniform numbers from :func:`realpolitik._rng.member_generator`
``(root, i)`` and :func:`realpolitik.scenarios.structure.transform` turns it into every input
(structural choices included), so its draws do not depend on the batch it runs in, the back
end or the worker count; two scenarios run with the same root seed share the draws of the
base state (common random numbers), which makes their differences precise. The Sobol design
of :mod:`realpolitik.scenarios.sensitivity` feeds its own uniform rows to
:func:`evaluate_units`, the same code path.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.alignment.ensemble import solve_two_blocs
from realpolitik.engines.power import loss_of_strength, project_shares
from realpolitik.errors import ScenarioError
from realpolitik.scenarios._blocs import descend_k_blocs
from realpolitik.scenarios.distributions import Fixed
from realpolitik.scenarios.hedging import hedging_mask
from realpolitik.scenarios.levers import CompiledLever, compile_levers, load_lever_effects
from realpolitik.scenarios.outcomes import (
    MemberResults,
    compute_outcomes,
    contender_shares,
    controller,
    top_leader,
)
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System
from realpolitik.scenarios.structure import (
    Draws,
    InputLayout,
    WeightDrawsLike,
    default_weight_draws,
    draw_units,
    make_layout,
    transform,
)

__all__ = [
    "HEADLINE_OUTPUTS",
    "Plan",
    "evaluate_batch",
    "evaluate_units",
    "headline_outputs",
    "make_plan",
    "member_answers",
]

INTENSITY_RANGE: tuple[float, float] = (0.0, 2.0)
"""The validated range of lever intensities (1 = the lever as documented)."""


@dataclass(frozen=True)
class Plan:
    """A scenario compiled against a system: everything a worker needs, picklable.

    Attributes
    ----------
    weight_draws : WeightDrawsLike, optional
        Fitted term weights (see :func:`~realpolitik.scenarios.structure.sample_term_weights`).
    max_intensity : float
        Lever intensities above it are clipped (with a warning); 2 (the validated range) unless
        a study of extreme doses raises it (:func:`realpolitik.scenarios.answer.japan_korea`).
    """

    spec: ScenarioSpec
    system: System
    levers: tuple[CompiledLever, ...]
    horizon_years: int
    layout: InputLayout = field(default_factory=lambda: InputLayout(()))
    weight_draws: WeightDrawsLike | None = None
    max_intensity: float = INTENSITY_RANGE[1]


def _check_target(system: System, target: str) -> None:
    parts = target.split(".")
    kind = parts[0]
    ok = False
    if kind == "growth" and len(parts) == 2:
        system.index(parts[1])
        ok = True
    elif kind == "weight" and len(parts) == 2:
        if parts[1] not in system.term_names:
            raise ScenarioError(
                f"uncertainty.inputs: unknown propensity term '{parts[1]}' in '{target}' "
                f"(terms: {', '.join(system.term_names)})"
            )
        ok = True
    elif kind == "propensity" and len(parts) == 3:
        system.index(parts[1])
        system.index(parts[2])
        ok = True
    elif kind in ("position", "salience") and len(parts) == 3:
        if parts[1] not in system.issues:
            raise ScenarioError(
                f"uncertainty.inputs: unknown issue '{parts[1]}' in '{target}' "
                f"(issues: {', '.join(system.issues)})"
            )
        system.index(parts[2])
        ok = True
    if not ok:
        raise ScenarioError(
            f"uncertainty.inputs: cannot read target '{target}' (use growth.<ACTOR>, "
            "weight.<term>, propensity.<A>.<B>, position.<issue>.<ACTOR> or "
            "salience.<issue>.<ACTOR>)"
        )


def make_plan(
    spec: ScenarioSpec,
    system: System,
    weight_draws: WeightDrawsLike | None = None,
    *,
    max_intensity: float = INTENSITY_RANGE[1],
) -> Plan:
    """Compile ``spec`` against ``system``, checking every id it uses.

    Lever effects come from ``system.data_dir/lever_effects.toml`` when the system was built
    from a data-set copy that has one, else from the built-in file. ``weight_draws`` (fitted
    term weights) defaults to :func:`~realpolitik.scenarios.structure.default_weight_draws`.

    Raises
    ------
    ScenarioError
        Unknown lever, actor, issue, term or outcome; horizon before the base year.
    """
    if spec.horizon < system.base_year:
        raise ScenarioError(
            f"scenario '{spec.name}': horizon {spec.horizon} is before the base year "
            f"{system.base_year} (set horizon >= base_year)"
        )
    if spec.blocs > 3:
        raise ScenarioError(
            f"scenario '{spec.name}': ensembles support blocs = 2 or 3 (members draw up to "
            "that many); use `realpolitik align --blocs K` for larger K"
        )
    for inp in spec.uncertainty.inputs:
        _check_target(system, inp.target)
    effects = None
    if system.data_dir is not None and (Path(system.data_dir) / "lever_effects.toml").is_file():
        effects = load_lever_effects(str(Path(system.data_dir) / "lever_effects.toml"))
    levers = compile_levers(
        [lv.id for lv in spec.levers], system.actors, system.issues, effects=effects
    )
    return Plan(
        spec=spec,
        system=system,
        levers=tuple(levers),
        horizon_years=spec.horizon - system.base_year,
        layout=make_layout(spec, system),
        weight_draws=weight_draws if weight_draws is not None else default_weight_draws(system),
        max_intensity=max_intensity,
    )


def _forecast(
    positions: NDArray[np.float64],
    salience: NDArray[np.float64],
    sizes: NDArray[np.float64],
    model: str,
) -> NDArray[np.float64]:
    """Issue forecasts per member: (B, m, n) inputs, (B, n) capabilities -> (B, m)."""
    from realpolitik.scenarios._bargain import forecast_batch

    return forecast_batch(positions, salience, sizes, model)


def _clip_intensities(plan: Plan, lam: NDArray[np.float64]) -> NDArray[np.float64]:
    lo, hi = INTENSITY_RANGE[0], plan.max_intensity
    bad = (lam < lo) | (lam > hi)
    if bad.any():
        ids = [lv.id for j, lv in enumerate(plan.spec.levers) if bad[:, j].any()]
        warnings.warn(
            f"scenario '{plan.spec.name}': {int(bad.sum())} lever intensity draw(s) of "
            f"{', '.join(ids)} fell outside [{lo:g}, {hi:g}] and were clipped to it "
            "(narrow the intensity distribution to stay inside the validated range)",
            UserWarning,
            stacklevel=3,
        )
    return np.clip(lam, lo, hi)


def _apply_inputs(
    plan: Plan,
    d: Draws,
    growth: NDArray[np.float64],
    wmult: NDArray[np.float64],
    p_extra: NDArray[np.float64],
    positions: NDArray[np.float64],
    salience: NDArray[np.float64],
) -> None:
    """Explicit inputs of the scenario file, in file order (in place)."""
    sy = plan.system
    for j, inp in enumerate(plan.spec.uncertainty.inputs):
        parts = inp.target.split(".")
        v = d.extra[:, j]
        if parts[0] == "growth":
            growth[:, sy.index(parts[1])] = v
        elif parts[0] == "weight":
            wmult[:, sy.term_names.index(parts[1])] *= v
        elif parts[0] == "propensity":
            ia, ic = sy.index(parts[1]), sy.index(parts[2])
            p_extra[:, ia, ic] += v
            p_extra[:, ic, ia] += v
        else:
            iq, ia = sy.issues.index(parts[1]), sy.index(parts[2])
            if parts[0] == "position":
                positions[:, iq, ia] = np.clip(v, 0, 100)
            else:
                salience[:, iq, ia] = np.clip(v, 0, 1)


def _configuration(
    sizes: NDArray[np.float64],
    p: NDArray[np.float64],
    n_blocs: NDArray[np.int64],
    absorbed: NDArray[np.bool_],
    *,
    minima: bool = False,
) -> Any:
    """The predicted configuration of each member (two-bloc global minimum, then the
    three-bloc descent for members that drew three blocs), its hedgers and, with ``minima``,
    the number of local minima of the two-bloc landscape."""
    land = solve_two_blocs(sizes, p)
    blocs = land.assignment.copy()
    three = n_blocs >= 3
    if three.any():
        blocs[three] = descend_k_blocs(sizes[three], p[three], blocs[three], 3)
    hedging = hedging_mask(sizes, p, blocs, n_blocs)
    if not minima:
        return blocs, hedging
    # Absorbed players (size 0) can sit in either bloc at no cost: each minimum of the
    # active players appears 2**z times (player 0 is never absorbed in practice).
    z = absorbed[:, 1:].sum(axis=1)
    return blocs, hedging, land.n_minima // (2**z)


@dataclass(frozen=True)
class _State:
    growth: NDArray[np.float64]
    wmult: NDArray[np.float64]
    lam: NDArray[np.float64]
    start: NDArray[np.float64]
    results: MemberResults
    draws: Draws


def _simulate(
    plan: Plan, u: NDArray[np.float64], forecasts: bool, base_year: bool = True
) -> _State:
    """Run the engines for uniform inputs ``u`` (B, width); without ``base_year`` the
    member's own base-year configuration is not solved (outcomes that compare with it are
    then not computed: :data:`~realpolitik.scenarios.outcomes.BASE_YEAR_OUTCOMES`)."""
    sy, sp = plan.system, plan.spec
    d = transform(u, plan.layout, sp, sy, plan.weight_draws)
    growth, wmult, p_extra = d.growth.copy(), d.wmult.copy(), d.noise.copy()
    positions = np.clip(sy.positions[None] + d.pos_noise, 0.0, 100.0)
    has_pos = ~np.isnan(sy.positions)
    salience = np.where(has_pos[None], np.clip(sy.salience[None] + d.sal_noise, 0, 1), 0.0)
    _apply_inputs(plan, d, growth, wmult, p_extra, positions, salience)
    base = loss_of_strength(d.base_shares, sy.distances, d.decay[:, None])
    shares = base.copy()
    p = np.einsum("bk,kij->bij", wmult, sy.terms) + p_extra
    base_blocs, base_hedging = (
        _configuration(base, p.copy(), d.blocs, shares <= 1e-12) if base_year else (None, None)
    )
    lam = _clip_intensities(plan, d.lam)
    for j, lever in enumerate(plan.levers):
        lever.apply(lam[:, j], p, growth, shares, positions, salience)
    sizes = project_shares(shares, growth, plan.horizon_years)
    absorbed = shares <= 1e-12
    sizes = np.where(absorbed, 0.0, sizes)
    blocs, hedging, n_minima = _configuration(sizes, p, d.blocs, absorbed, minima=True)
    nq = len(sy.issues)
    fc = (
        _forecast(
            np.where(absorbed[:, None, :], np.nan, positions), salience, sizes, sp.issue_model
        )
        if forecasts
        else np.full((u.shape[0], nq), np.nan)
    )
    res = MemberResults(
        blocs=blocs,
        shares=sizes,
        n_minima=n_minima,
        forecasts=fc,
        base_shares=base,
        base_blocs=base_blocs,
        threshold=d.threshold,
        hedging=hedging,
        base_hedging=base_hedging,
    )
    return _State(growth=growth, wmult=wmult, lam=lam, start=shares, results=res, draws=d)


HEADLINE_OUTPUTS: dict[str, str] = {
    "china_led": "China-led",
    "us_led": "US-led",
    "no_one": "no one",
    "japan_korea": "Japan-Korea",
}
"""Control indicators of :func:`headline_outputs` -> the contender they indicate."""


def headline_outputs(plan: Plan, u: NDArray[np.float64]) -> dict[str, NDArray[np.float64]]:
    """The headline for uniform inputs ``u``, without issue forecasts (for Sobol' designs).

    Control indicators (1 where that contender controls): ``china_led``, ``us_led``,
    ``no_one``, ``japan_korea`` (:data:`HEADLINE_OUTPUTS`); shares: ``margin`` (the largest
    bloc's share minus the second's) and ``china_share`` (the share of China's bloc); plus
    every continuous output of :func:`~realpolitik.scenarios.outcomes.contender_shares`.
    """
    st = _simulate(plan, u, forecasts=False, base_year=False)
    out = contender_shares(plan.system, st.results)
    ctrl = controller(plan.system, st.results)
    for key, name in HEADLINE_OUTPUTS.items():
        out[key] = (ctrl == name).astype(float)
    return out


def member_answers(
    plan: Plan, u: NDArray[np.float64], *, forecasts: bool = True, base_year: bool = True
) -> tuple[NDArray[np.str_], dict[str, NDArray[np.bool_]]]:
    """Who controls the region and every catalogue outcome, for uniform inputs ``u`` (the
    light path of dose-response curves and yearly paths: no columns, no stress draws).
    Without ``forecasts`` the outcomes that read an issue forecast are computed on none;
    without ``base_year`` those that compare with the base year are left out."""
    st = _simulate(plan, u, forecasts=forecasts, base_year=base_year)
    ctrl = controller(plan.system, st.results)
    return ctrl, compute_outcomes(plan.system, st.results, ctrl)


def evaluate_units(
    plan: Plan, u: NDArray[np.float64], members: NDArray[np.int64] | None = None
) -> dict[str, NDArray[np.generic]]:
    """Run members with uniform inputs ``u`` and return one column array per field.

    Columns: ``member``; inputs (``growth_<A>``, ``weight_<term>``, ``lever_<id>``,
    ``input_<k>``, ``measure``, ``decay``, ``growth_model``, ``blocs``, ``threshold``);
    results (``bloc_<A>``, ``share_<A>``, ``base_share_<A>`` (the shares the projection
    starts from: measure, decay and transfers applied), ``n_minima``, ``forecast_<issue>``,
    ``controller``, ``leader`` (the largest bloc's leader), ``hedge_<A>`` (1 where ``A``
    hedges), ``contender_<name>``); outcomes (``outcome_<id>``).
    """
    sy, sp = plan.system, plan.spec
    st = _simulate(plan, u, forecasts=True)
    res, d = st.results, st.draws
    ctrl = controller(sy, res)
    outs = compute_outcomes(sy, res, ctrl)
    ids = np.arange(u.shape[0]) if members is None else members
    cols: dict[str, NDArray[np.generic]] = {"member": np.asarray(ids, dtype=np.int64)}
    for i, a in enumerate(sy.actors):
        cols[f"growth_{a}"] = st.growth[:, i]
    for kk, t in enumerate(sy.term_names):
        cols[f"weight_{t}"] = st.wmult[:, kk]
    for j, lv in enumerate(sp.levers):
        if not isinstance(lv.intensity, float | int | Fixed):
            cols[f"lever_{lv.id}"] = st.lam[:, j]
    for j, _inp in enumerate(sp.uncertainty.inputs):
        cols[f"input_{j}"] = d.extra[:, j]
    cols["measure"] = d.measure
    cols["decay"] = d.decay
    cols["growth_model"] = d.growth_model
    cols["blocs"] = d.blocs
    cols["threshold"] = d.threshold
    for i, a in enumerate(sy.actors):
        cols[f"bloc_{a}"] = res.blocs[:, i]
        cols[f"share_{a}"] = res.shares[:, i]
        cols[f"base_share_{a}"] = st.start[:, i]
    cols["n_minima"] = res.n_minima
    for q, issue in enumerate(sy.issues):
        cols[f"forecast_{issue}"] = res.forecasts[:, q]
    cols["controller"] = ctrl.astype(object)
    cols["leader"] = top_leader(sy, res).astype(object)
    for i, a in enumerate(sy.actors):
        cols[f"hedge_{a}"] = res.hedging[:, i] if res.hedging is not None else np.zeros(len(ids))
    for name, v in contender_shares(sy, res).items():
        cols[f"contender_{name}"] = v
    wanted = sp.outcomes
    for oid, flag in outs.items():
        if wanted is None or oid in wanted:
            cols[f"outcome_{oid}"] = flag
    return cols


def evaluate_batch(plan: Plan, root: int, members: range) -> dict[str, NDArray[np.generic]]:
    """Run ``members`` of ``plan`` (member ``i`` draws from child ``i`` of ``root``)."""
    u = draw_units(plan.layout, root, members)
    return evaluate_units(plan, u, np.arange(members.start, members.stop, members.step or 1))
