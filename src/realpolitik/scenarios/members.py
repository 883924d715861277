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

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.alignment.ensemble import solve_two_blocs
from realpolitik.engines.power import loss_of_strength, project_shares
from realpolitik.errors import ScenarioError
from realpolitik.scenarios._blocs import descend_k_blocs
from realpolitik.scenarios.distributions import Fixed
from realpolitik.scenarios.levers import CompiledLever, compile_levers, load_lever_effects
from realpolitik.scenarios.outcomes import (
    MemberResults,
    compute_outcomes,
    contender_shares,
    controller,
)
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System
from realpolitik.scenarios.structure import (
    CAPABILITY_MEASURES,
    Draws,
    InputLayout,
    WeightDrawsLike,
    default_weight_draws,
    draw_units,
    make_layout,
    transform,
)

__all__ = ["Plan", "evaluate_batch", "evaluate_units", "headline_outputs", "make_plan"]

INTENSITY_RANGE: tuple[float, float] = (0.0, 2.0)
"""The validated range of lever intensities (1 = the lever as documented)."""


@dataclass(frozen=True)
class Plan:
    """A scenario compiled against a system: everything a worker needs, picklable.

    Attributes
    ----------
    base_configs : ndarray (len(CAPABILITY_MEASURES), n)
        The base-year two-bloc configuration under each capability measure (base-year
        propensities, default composite weights, no distance decay), solved once per plan.
    weight_draws : WeightDrawsLike, optional
        Fitted term weights (see :func:`~realpolitik.scenarios.structure.sample_term_weights`).
    """

    spec: ScenarioSpec
    system: System
    levers: tuple[CompiledLever, ...]
    horizon_years: int
    layout: InputLayout = field(default_factory=lambda: InputLayout(()))
    base_configs: NDArray[np.int8] = field(default_factory=lambda: np.zeros((0, 0), np.int8))
    weight_draws: WeightDrawsLike | None = None


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


def _base_configs(system: System) -> NDArray[np.int8]:
    """Base-year configuration under each capability measure (one solve per measure)."""
    rows = []
    for k, _m in enumerate(CAPABILITY_MEASURES):
        if system.measure_shares is None or k >= system.measure_shares.shape[0]:
            shares = system.shares
        else:
            shares = system.measure_shares[k]
        rows.append(shares)
    sol = solve_two_blocs(np.array(rows), np.tile(system.propensity, (len(rows), 1, 1)))
    out: NDArray[np.int8] = sol.assignment
    return out


def make_plan(
    spec: ScenarioSpec, system: System, weight_draws: WeightDrawsLike | None = None
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
        base_configs=_base_configs(system),
        weight_draws=weight_draws if weight_draws is not None else default_weight_draws(system),
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
    lo, hi = INTENSITY_RANGE
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


@dataclass(frozen=True)
class _State:
    growth: NDArray[np.float64]
    wmult: NDArray[np.float64]
    lam: NDArray[np.float64]
    start: NDArray[np.float64]
    results: MemberResults
    draws: Draws


def _simulate(plan: Plan, u: NDArray[np.float64], forecasts: bool) -> _State:
    """Run the engines for uniform inputs ``u`` (B, width)."""
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
    lam = _clip_intensities(plan, d.lam)
    for j, lever in enumerate(plan.levers):
        lever.apply(lam[:, j], p, growth, shares, positions, salience)
    sizes = project_shares(shares, growth, plan.horizon_years)
    absorbed = shares <= 1e-12
    sizes = np.where(absorbed, 0.0, sizes)
    land = solve_two_blocs(sizes, p)
    # Absorbed players (size 0) can sit in either bloc at no cost: each minimum of the
    # active players appears 2**z times (player 0 is never absorbed in practice).
    z = absorbed[:, 1:].sum(axis=1)
    blocs = land.assignment.copy()
    three = d.blocs >= 3
    if three.any():
        blocs[three] = descend_k_blocs(sizes[three], p[three], blocs[three], 3)
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
        n_minima=land.n_minima // (2**z),
        forecasts=fc,
        base_shares=base,
        base_blocs=plan.base_configs[d.measure],
        threshold=d.threshold,
    )
    return _State(growth=growth, wmult=wmult, lam=lam, start=shares, results=res, draws=d)


def headline_outputs(plan: Plan, u: NDArray[np.float64]) -> dict[str, NDArray[np.float64]]:
    """The continuous headline outputs (:func:`~realpolitik.scenarios.outcomes.
    contender_shares`) for uniform inputs ``u``, without issue forecasts (for Sobol designs)."""
    st = _simulate(plan, u, forecasts=False)
    return contender_shares(plan.system, st.results)


def evaluate_units(
    plan: Plan, u: NDArray[np.float64], members: NDArray[np.int64] | None = None
) -> dict[str, NDArray[np.generic]]:
    """Run members with uniform inputs ``u`` and return one column array per field.

    Columns: ``member``; inputs (``growth_<A>``, ``weight_<term>``, ``lever_<id>``,
    ``input_<k>``, ``measure``, ``decay``, ``growth_model``, ``blocs``, ``threshold``);
    results (``bloc_<A>``, ``share_<A>``, ``base_share_<A>`` (the shares the projection
    starts from: measure, decay and transfers applied), ``n_minima``, ``forecast_<issue>``,
    ``controller``,
    ``contender_<name>``); outcomes (``outcome_<id>``).
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
