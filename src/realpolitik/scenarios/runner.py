"""Run a scenario as a Monte Carlo ensemble and summarise it.

The runner splits the ensemble into batches of members, runs them on an executor (serial,
process pool or Dask), writes them in member order to Parquet (optional) and keeps only
compact per-member outcome columns in memory, from which it computes probabilities with
90% Wilson intervals, the answer to the central question, and paired lifts between
scenarios run with the same root seed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.executors import Executor, SerialExecutor
from realpolitik.scenarios.members import Plan, evaluate_batch, make_plan
from realpolitik.scenarios.outcomes import CONTENDERS, HEADLINE_CONTENDERS
from realpolitik.scenarios.results import ParquetSink, build_manifest, utc_now, write_manifest
from realpolitik.scenarios.spec import ScenarioSpec, scenario_hash
from realpolitik.scenarios.state import System, build_system

__all__ = [
    "EnsembleResult",
    "Estimate",
    "control_targets",
    "format_estimate",
    "paired_lift",
    "run_plan",
    "run_scenario",
    "wilson",
]

Z90 = 1.6448536269514722
"""Two-sided 90% normal quantile."""

SENSITIVITY_ROWS = 20_000
"""Members whose inputs are kept in memory for sensitivity analysis."""

STRESS_ROWS = 256
"""Extra draws (half of them pushed to the 0.1% / 99.9% ends of every input) that an outcome
constant over the members must also be constant over before it is called fixed."""

STRUCTURE_COLUMNS: tuple[str, ...] = ("measure", "decay", "growth_model", "blocs", "threshold")
"""Structural draws kept with the inputs (see :mod:`realpolitik.scenarios.structure`)."""


@dataclass(frozen=True)
class Estimate:
    """A probability (or difference of probabilities) with its 90% interval."""

    value: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        """``{"p": ..., "low": ..., "high": ...}``."""
        return {"p": self.value, "low": self.low, "high": self.high}


def format_estimate(e: Estimate | dict[str, float] | None, signed: bool = False) -> str:
    """``"12.3% [10.1%, 14.6%]"`` (``"-"`` for ``None``); ``signed`` adds a sign (lifts).

    Examples
    --------
    >>> format_estimate(Estimate(0.5, 0.4, 0.6))
    '50.0% [40.0%, 60.0%]'
    >>> format_estimate({"p": 0.1, "low": -0.02, "high": 0.2}, signed=True)
    '+10.0% [-2.0%, +20.0%]'
    """
    if e is None:
        return "-"
    d = e.as_dict() if isinstance(e, Estimate) else e
    f = "{:+.1%}" if signed else "{:.1%}"
    return f"{f.format(d['p'])} [{f.format(d['low'])}, {f.format(d['high'])}]"


def wilson(successes: int, n: int, z: float = Z90) -> Estimate:
    """Wilson score interval for a binomial proportion.

    Examples
    --------
    >>> e = wilson(50, 100)
    >>> round(e.value, 2), round(e.low, 3), round(e.high, 3)
    (0.5, 0.419, 0.581)
    """
    if n <= 0:
        return Estimate(float("nan"), float("nan"), float("nan"))
    p = successes / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    return Estimate(p, max(0.0, float(centre - half)), min(1.0, float(centre + half)))


def paired_lift(with_: NDArray[np.bool_], without: NDArray[np.bool_], z: float = Z90) -> Estimate:
    """Difference of two probabilities measured on the same members (common random numbers).

    Uses the normal approximation to the mean of the paired differences ``y1 - y0``.

    Examples
    --------
    >>> import numpy as np
    >>> a = np.array([1, 1, 0, 1] * 50, bool); b = np.array([0, 1, 0, 1] * 50, bool)
    >>> round(paired_lift(a, b).value, 2)
    0.25
    """
    d = with_.astype(float) - without.astype(float)
    n = d.size
    if n == 0:
        return Estimate(float("nan"), float("nan"), float("nan"))
    m = float(d.mean())
    se = float(d.std(ddof=1) / np.sqrt(n)) if n > 1 else 0.0
    return Estimate(m, m - z * se, m + z * se)


@dataclass
class EnsembleResult:
    """Summary of one ensemble run.

    Attributes
    ----------
    name : str
    members : int
    seed : int
    outcomes : dict
        Outcome id -> boolean array over members (member order).
    controller : ndarray of str
        Answer to the central question per member.
    inputs : dict
        Input column -> values for the first :data:`SENSITIVITY_ROWS` members.
    means : dict
        Result column -> mean over the members where it is defined (shares, forecasts, ...;
        ``nan`` where no member defines it).
    contenders : dict
        ``China-led``, ``US-led``, ``Japan-Korea``, ``no one``, ``margin``, ``jk_pole`` ->
        per-member values (see :func:`~realpolitik.scenarios.outcomes.contender_shares`).
    leaders : ndarray of str
        The largest bloc's leader (ISO3) per member.
    start_shares : ndarray (k, n), optional
        The shares each of the first :data:`SENSITIVITY_ROWS` members projects from (with
        ``inputs["growth_<A>"]`` they give each member's capability path, e.g. fan charts).
    parquet : Path or None
    manifest : dict
    """

    name: str
    members: int
    seed: int
    system: System
    outcomes: dict[str, NDArray[np.bool_]]
    controller: NDArray[np.str_]
    inputs: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    means: dict[str, float] = field(default_factory=dict)
    contenders: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    leaders: NDArray[np.str_] = field(default_factory=lambda: np.array([], dtype=str))
    start_shares: NDArray[np.float64] | None = None
    stress_varied: frozenset[str] = frozenset()
    parquet: Path | None = None
    manifest: dict[str, Any] = field(default_factory=dict)

    def probability(self, outcome: str) -> Estimate:
        """P(outcome) with a 90% Wilson interval."""
        v = self.outcomes[outcome]
        return wilson(int(v.sum()), int(v.size))

    def control(self) -> dict[str, Estimate]:
        """P(each contender controls the region), 90% Wilson intervals."""
        n = self.controller.size
        return {c: wilson(int((self.controller == c).sum()), n) for c in CONTENDERS}

    def contender_summary(self) -> dict[str, Any]:
        """Each contender of the seed question: P(it controls the region) with a 90% Wilson
        interval and the 5/50/95% quantiles of its capability share at the horizon.

        ``China-led``, ``US-led``: the bloc China (the United States) leads; ``no one``: the
        largest bloc's share. ``Japan-Korea``: ``probability`` (and ``p_controls``) is P(the
        Japan-Korea bloc controls), like every other row; ``p_bloc_exists`` is P(Japan and
        South Korea form a bloc that one of them leads), whose share is 0 where it does not
        exist. ``margin``: quantiles of the largest bloc's share minus the second's.
        ``fixed``: why a contender's control never varied (``None`` when it did).
        """
        out: dict[str, Any] = {}
        n = self.controller.size
        fixed = self.fixed_controls()
        for c in HEADLINE_CONTENDERS:
            row: dict[str, Any] = {
                "probability": wilson(int((self.controller == c).sum()), n).as_dict()
            }
            if c == "Japan-Korea":
                pole = self.contenders.get("jk_pole", np.zeros(n))
                row["p_controls"] = row["probability"]
                row["p_bloc_exists"] = wilson(int(pole.sum()), int(pole.size)).as_dict()
            row["share"] = _quantiles(self.contenders.get(c))
            row["fixed"] = fixed.get(c)
            out[c] = row
        out["margin"] = _quantiles(self.contenders.get("margin"))
        return out

    def hedging(self) -> dict[str, float]:
        """How often each player hedges (fraction of members; :mod:`~realpolitik.scenarios.
        hedging`)."""
        return {a: float(self.means.get(f"hedge_{a}", 0.0)) for a in self.system.actors}

    def leader_shares(self) -> dict[str, float]:
        """How often each player leads the largest bloc (fraction of members)."""
        if self.leaders.size == 0:
            return {}
        names, counts = np.unique(self.leaders, return_counts=True)
        order = np.argsort(-counts)
        return {str(names[i]): float(counts[i] / self.leaders.size) for i in order}

    def fixed_controls(self) -> dict[str, str]:
        """Contenders whose control never varied, over the members and the stress draws:
        ``name -> reason`` (flagged like :meth:`fixed_outcomes`)."""
        out = {}
        for c in CONTENDERS:
            v = self.controller == c
            if v.size and (v.all() or not v.any()) and f"control:{c}" not in self.stress_varied:
                out[c] = (
                    f"{'always' if v.all() else 'never'} controls in all {v.size} members and "
                    f"{STRESS_ROWS} stress draws across every structural choice"
                )
        return out

    def fixed_outcomes(self) -> dict[str, str]:
        """Outcomes that no sampled input moved: ``id -> reason`` (empty if all vary)."""
        out = {}
        for k, v in self.outcomes.items():
            if v.size and (v.all() or not v.any()) and k not in self.stress_varied:
                out[k] = (
                    f"{'true' if v.all() else 'false'} in all {v.size} members and "
                    f"{STRESS_ROWS} stress draws across every structural choice"
                )
        return out

    def summary(self) -> dict[str, Any]:
        """JSON-ready summary: probabilities of outcomes and of each contender."""
        return {
            "scenario": self.name,
            "members": self.members,
            "seed": self.seed,
            "who_controls": {k: e.as_dict() for k, e in self.control().items()},
            "contenders": self.contender_summary(),
            "outcomes": {k: self.probability(k).as_dict() for k in sorted(self.outcomes)},
            "fixed_outcomes": self.fixed_outcomes(),
            "fixed_controls": self.fixed_controls(),
            "hedging": self.hedging(),
            "leaders": self.leader_shares(),
            "means": self.means,
            "parquet": str(self.parquet) if self.parquet else None,
        }


def control_targets(run: EnsembleResult) -> dict[str, NDArray[np.bool_]]:
    """The run's outcomes plus ``china_led_controls`` and ``us_led_controls`` (the one place
    these headline targets are built)."""
    targets = dict(run.outcomes)
    targets["china_led_controls"] = run.controller == "China-led"
    targets["us_led_controls"] = run.controller == "US-led"
    return targets


def _constant(v: NDArray[np.bool_]) -> bool:
    return bool(v.size) and bool(v.all() or not v.any())


def _stress_varied(plan: Plan, root: int, constant: list[str]) -> frozenset[str]:
    """Which of the ``constant`` outcomes (``control:<contender>`` for a control category)
    vary over :data:`STRESS_ROWS` stress draws."""
    import warnings

    from realpolitik.scenarios.members import evaluate_units

    if not constant:
        return frozenset()
    u = np.random.default_rng([root, 0x57E55]).random((STRESS_ROWS, plan.layout.width))
    u[::2] = np.where(u[::2] < 0.5, 0.001, 0.999)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cols = evaluate_units(plan, u)
    ctrl = np.asarray(cols["controller"], dtype=str)

    def flags(k: str) -> NDArray[np.bool_]:
        if k.startswith("control:"):
            return np.asarray(ctrl == k[8:], dtype=bool)
        return np.asarray(cols[f"outcome_{k}"], dtype=bool)

    return frozenset(k for k in constant if not _constant(flags(k)))


def _quantiles(v: NDArray[np.float64] | None) -> dict[str, float | None]:
    if v is None or v.size == 0:
        return {"q05": None, "q50": None, "q95": None}
    q = np.quantile(v, [0.05, 0.5, 0.95])
    return {"q05": float(q[0]), "q50": float(q[1]), "q95": float(q[2])}


class _Collector:
    """Keeps the compact per-member columns of the batches, in member order."""

    def __init__(self, actors: tuple[str, ...]) -> None:
        self.actors = actors
        self.outcomes: dict[str, list[NDArray[np.bool_]]] = {}
        self.ctrl: list[NDArray[np.str_]] = []
        self.leaders: list[NDArray[np.str_]] = []
        self.inputs: dict[str, list[NDArray[np.float64]]] = {}
        self.sums: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.cont: dict[str, list[NDArray[np.float64]]] = {}
        self.start: list[NDArray[np.float64]] = []
        self.kept = 0
        self.done = 0

    def add(self, c: dict[str, NDArray[np.generic]]) -> None:
        room = SENSITIVITY_ROWS - self.kept
        for k, v in c.items():
            if k.startswith("outcome_"):
                self.outcomes.setdefault(k[8:], []).append(np.asarray(v, dtype=bool))
            elif k == "controller":
                self.ctrl.append(np.asarray(v, dtype=str))
            elif k.startswith("contender_"):
                self.cont.setdefault(k[10:], []).append(np.asarray(v, float))
            elif k == "leader":
                self.leaders.append(np.asarray(v, dtype=str))
            elif k.startswith(("share_", "forecast_", "hedge_")):
                fv = np.asarray(v, float)
                self.sums[k] = self.sums.get(k, 0.0) + float(np.nansum(fv))
                self.counts[k] = self.counts.get(k, 0) + int(np.isfinite(fv).sum())
            if room > 0 and (
                k.startswith(("growth_", "weight_", "lever_", "input_")) or k in STRUCTURE_COLUMNS
            ):
                self.inputs.setdefault(k, []).append(np.asarray(v, float)[:room])
        if room > 0:
            self.start.append(np.column_stack([c[f"base_share_{a}"] for a in self.actors])[:room])
        rows = len(c["member"])
        self.kept = min(SENSITIVITY_ROWS, self.kept + rows)
        self.done += rows

    def result(self, plan: Plan, n: int, root: int) -> EnsembleResult:
        outcomes = {k: np.concatenate(v) for k, v in self.outcomes.items()}
        ctrl = np.concatenate(self.ctrl) if self.ctrl else np.array([], dtype=str)
        constant = [k for k, v in outcomes.items() if _constant(v)]
        constant += [f"control:{c}" for c in CONTENDERS if _constant(ctrl == c)]
        return EnsembleResult(
            name=plan.spec.name,
            members=n,
            seed=root,
            system=plan.system,
            outcomes=outcomes,
            controller=ctrl,
            leaders=np.concatenate(self.leaders) if self.leaders else np.array([], dtype=str),
            inputs={k: np.concatenate(v) for k, v in self.inputs.items()},
            means={
                k: v / self.counts[k] if self.counts.get(k) else float("nan")
                for k, v in self.sums.items()
            },
            contenders={k: np.concatenate(v) for k, v in self.cont.items()},
            start_shares=np.concatenate(self.start) if self.start else None,
            stress_varied=_stress_varied(plan, root, constant),
        )


def _batch_job(args: tuple[Plan, int, int, int]) -> dict[str, NDArray[np.generic]]:
    plan, root, start, stop = args
    return evaluate_batch(plan, root, range(start, stop))


def run_plan(
    plan: Plan,
    *,
    members: int | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    out: Path | None = None,
    batch_size: int = 1000,
    progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], str] = utc_now,
) -> EnsembleResult:
    """Run a compiled plan as an ensemble (see :func:`run_scenario`)."""
    spec = plan.spec
    n = spec.members if members is None else members
    root = spec.seed if seed is None else seed
    ex = executor or SerialExecutor()
    started = clock()
    jobs = [(plan, root, s, min(s + batch_size, n)) for s in range(0, n, batch_size)]
    sink = ParquetSink(out / f"{spec.name}.parquet") if out is not None else None
    pending: dict[int, dict[str, NDArray[np.generic]]] = {}
    next_index = 0
    acc = _Collector(plan.system.actors)
    try:
        for idx, cols in ex.map_unordered(_batch_job, jobs):
            pending[idx] = cols
            while next_index in pending:
                c = pending.pop(next_index)
                next_index += 1
                if sink is not None:
                    sink.write(c)
                acc.add(c)
                if progress is not None:
                    progress(acc.done, n)
    finally:
        if sink is not None:
            sink.close()
        if executor is None:
            ex.close()
    finished = clock()
    result = acc.result(plan, n, root)
    result.parquet = sink.path if sink is not None else None
    result.manifest = build_manifest(
        scenario=spec.model_dump(mode="json", by_alias=True),
        scenario_hash=scenario_hash(spec),
        seed=root,
        members=n,
        backend=ex.name,
        workers=getattr(ex, "workers", None),
        started=started,
        finished=finished,
        extra={
            "actors": list(plan.system.actors),
            "issues": list(plan.system.issues),
            "skipped_lever_effects": {lv.id: list(lv.skipped) for lv in plan.levers},
            "imputed_capabilities": list(plan.system.imputed),
            "data_dir": plan.system.data_dir,
            "term_weights": "fitted: " + plan.weight_draws.source
            if plan.weight_draws is not None
            else "judgement prior (log-normal multipliers)",
        },
    )
    if out is not None:
        write_manifest(out / f"{spec.name}.manifest.json", result.manifest)
    return result


def run_scenario(
    spec: ScenarioSpec,
    *,
    dataset: Dataset | None = None,
    system: System | None = None,
    members: int | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    out: Path | None = None,
    batch_size: int = 1000,
    progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], str] = utc_now,
) -> EnsembleResult:
    """Run ``spec`` as a Monte Carlo ensemble.

    Parameters
    ----------
    spec : ScenarioSpec
    dataset : Dataset, optional
        The base data set (default: the one the scenario names).
    system : System, optional
        A prebuilt array state (skips building it; must match the scenario's actors/year).
    members, seed : int, optional
        Override the scenario's ensemble size and root seed.
    executor : Executor, optional
        Where batches run (default: serial in this process).
    out : Path, optional
        Folder for ``<name>.parquet`` and ``<name>.manifest.json``.
    batch_size : int
        Members per batch (bounds memory).
    progress : callable, optional
        Called as ``progress(done, total)`` after each batch.
    clock : callable
        Returns the current UTC time as text (injected for tests).

    Returns
    -------
    EnsembleResult
    """
    if system is None:
        if dataset is None:
            from realpolitik.data import load_dataset

            dataset = load_dataset(spec.dataset)
        system = build_system(dataset, spec.actors, spec.base_year)
    plan = make_plan(spec, system)
    return run_plan(
        plan,
        members=members,
        seed=seed,
        executor=executor,
        out=out,
        batch_size=batch_size,
        progress=progress,
        clock=clock,
    )
