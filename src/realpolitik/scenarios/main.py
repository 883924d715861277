"""The main job: the baseline and every seed-claim scenario on the built-in data.

:func:`run_all` builds the system once, runs the baseline and each claim scenario with the
same root seed (common random numbers), evaluates the claims, ranks the drivers of the
headline and of each claim's outcome (Sobol' indices of the headline share), and
(optionally) writes everything to a results folder: one Parquet file and manifest per
scenario, ``summary.json`` and ``claims.json``. The report with plots is written by
:func:`realpolitik.report.run_report.write_run_report` (the ``run`` command calls it), so this
package never imports the report package.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin
from realpolitik.scenarios.claims import ClaimResult, evaluate_claim, tipping_intensity
from realpolitik.scenarios.dependency import classify
from realpolitik.scenarios.executors import Executor, SerialExecutor
from realpolitik.scenarios.levers import load_lever_effects
from realpolitik.scenarios.members import make_plan
from realpolitik.scenarios.runner import EnsembleResult, control_targets, paired_lift, run_plan
from realpolitik.scenarios.sensitivity import SobolResult, rank_correlations, sobol_indices
from realpolitik.scenarios.spec import LeverSpec, ScenarioSpec
from realpolitik.scenarios.state import System, TermFunction, build_system

__all__ = ["MainResult", "run_all"]


@dataclass
class MainResult:
    """Everything the main job produced."""

    baseline: EnsembleResult
    runs: dict[str, EnsembleResult]
    claims: list[ClaimResult]
    sensitivity: dict[str, list[tuple[str, float]]]
    sobol: SobolResult | None = None
    out: Path | None = None
    files: list[Path] = field(default_factory=list)

    def table(self) -> list[dict[str, Any]]:
        """One row per scenario: its outcome (the claim's consequent; the headline "China-led
        bloc controls the region" for the baseline and structural variants), the probability
        with its 90% interval and the paired lift over the baseline."""
        rows = []
        for name, run in [("baseline", self.baseline), *self.runs.items()]:
            spec = run.manifest.get("scenario", {})
            outcome = (spec.get("claim") or {}).get("outcome")
            structural = spec.get("actors") is not None
            if outcome and outcome in run.outcomes:
                flags = run.outcomes[outcome]
                base = self.baseline.outcomes[outcome]
                p = run.probability(outcome)
            else:
                outcome = "china_led_controls"
                flags = control_targets(run)[outcome]
                base = control_targets(self.baseline)[outcome]
                p = run.control()["China-led"]
            lift = None if name == "baseline" or structural else paired_lift(flags, base)
            claim = next((c for c in self.claims if c.scenario == name), None)
            fixed = run.fixed_outcomes().get(outcome)
            rows.append(
                {
                    "scenario": name,
                    "outcome": outcome,
                    "probability": p.as_dict(),
                    "lift": lift.as_dict() if lift else None,
                    "who_controls": {k: e.value for k, e in run.control().items()},
                    "dependency": claim.dependency if claim else None,
                    "fixed": fixed,
                    "display": display_probability(p.as_dict(), fixed),
                }
            )
        return rows

    def summary(self) -> dict[str, Any]:
        """JSON-ready summary of the whole job."""
        return {
            "baseline": self.baseline.summary(),
            "scenarios": {k: v.summary() for k, v in self.runs.items()},
            "claims": [c.as_dict() for c in self.claims],
            "table": self.table(),
            "contenders": self.baseline.contender_summary(),
            "sensitivity": {k: v[:10] for k, v in self.sensitivity.items()},
            "sobol": self.sobol.as_dict() if self.sobol else None,
        }


def display_probability(p: dict[str, float], fixed: str | None) -> str:
    """``"12.3% [10.1%, 14.6%]"``, or "fixed under the model (...)" for an outcome no sampled
    input moved.

    Examples
    --------
    >>> display_probability({"p": 0.5, "low": 0.4, "high": 0.6}, None)
    '50.0% [40.0%, 60.0%]'
    >>> display_probability({"p": 1.0, "low": 0.99, "high": 1.0}, "true in all 10 members")
    'fixed under the model (true in all 10 members)'
    """
    from realpolitik.scenarios.runner import format_estimate

    if fixed:
        return f"fixed under the model ({fixed})"
    return format_estimate(p)


def run_all(
    *,
    dataset: Dataset | None = None,
    names: list[str] | None = None,
    members: int | None = None,
    seed: int | None = None,
    executor: Executor | None = None,
    out: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    system: System | None = None,
    tipping_members: int = 0,
    terms: TermFunction | None = None,
    data: str | Path | None = None,
    sobol_base: int = 256,
) -> MainResult:
    """Run the baseline and the claim scenarios, evaluate claims and sensitivity.

    Parameters
    ----------
    dataset : Dataset, optional
        Default: the built-in ``east-asia-2025``.
    names : list of str, optional
        Scenario names (default: every built-in scenario); the baseline is always run.
    members, seed : int, optional
        Override the scenarios' ensemble size and root seed (one value for all, so claims
        compare with the baseline on the same members).
    executor : Executor, optional
    out : Path, optional
        Results folder (Parquet, manifests, JSON, report).
    progress : callable, optional
        ``progress(scenario, done, total)``.
    tipping_members : int
        When positive, also find each claim's tipping intensity (the smallest lever
        intensity on a grid up to 2 at which the consequent becomes likely) with ensembles of
        this size.
    terms : callable, optional
        Propensity terms function (see :func:`~realpolitik.scenarios.state.build_system`),
        e.g. a perspective lens's; used for every system built here, including structural
        variants with their own players.
    data : str or Path, optional
        A data-set name or the folder of a copy (``realpolitik data export``): its data, its
        ``propensity.toml`` weights and its ``lever_effects.toml`` are the ones used.
    sobol_base : int
        Base sample of the Sobol' analysis of the headline share (0 skips it).
    """
    dataset, system, data_dir = _resolve(dataset, system, terms, data)
    ex = executor or SerialExecutor()
    wanted = names or builtin_scenarios()
    specs: dict[str, ScenarioSpec] = {"baseline": load_builtin("baseline")}
    for n in wanted:
        if n != "baseline":
            specs[n] = load_builtin(n)
    base_spec = specs["baseline"]
    n_members = members or base_spec.members
    root = base_spec.seed if seed is None else seed
    runs: dict[str, EnsembleResult] = {}
    try:
        for name, spec in specs.items():
            own = system
            if spec.actors is not None or spec.base_year is not None:
                if dataset is None:
                    from realpolitik.data import load_dataset

                    dataset = load_dataset(spec.dataset)
                own = build_system(
                    dataset, spec.actors, spec.base_year, terms=terms, data_dir=data_dir
                )
            plan = make_plan(spec, own)

            def _p(done: int, total: int, _name: str = name) -> None:
                if progress is not None:
                    progress(_name, done, total)

            runs[name] = run_plan(
                plan,
                members=n_members,
                seed=root,
                executor=ex,
                out=out / "scenarios" if out else None,
                progress=_p,
            )
        baseline = runs.pop("baseline")
        claims = _claims(runs, specs, baseline, system, ex, root, tipping_members, progress)
    finally:
        if executor is None:
            ex.close()
    sens = rank_correlations(baseline.inputs, control_targets(baseline))
    sob = None
    if sobol_base > 0:
        if progress is not None:
            progress("sensitivity (Sobol)", 0, 1)
        sob = sobol_indices(make_plan(base_spec, system), n_base=sobol_base, seed=root)
    result = MainResult(
        baseline=baseline, runs=runs, claims=claims, sensitivity=sens, sobol=sob, out=out
    )
    if out is not None:
        result.files += _write_results(result, out)
    return result


def _resolve(
    dataset: Dataset | None,
    system: System | None,
    terms: TermFunction | None,
    data: str | Path | None,
) -> tuple[Dataset | None, System, Path | None]:
    """The data set, the system and the data-set folder of a ``data`` copy (if any)."""
    from realpolitik.data import load_dataset

    data_dir: Path | None = None
    if data is not None:
        from realpolitik.data.loader import resolve_dataset_path

        data_dir = resolve_dataset_path(data).resolve()
        dataset = load_dataset(data_dir)
    if system is None:
        if dataset is None:
            dataset = load_dataset()
        system = build_system(dataset, terms=terms, data_dir=data_dir)
    return dataset, system, data_dir


def _write_results(result: MainResult, out: Path) -> list[Path]:
    """``summary.json`` and ``claims.json`` in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    summary_path = out / "summary.json"
    summary_path.write_text(
        json.dumps(result.summary(), indent=2, default=_json_default), encoding="utf-8"
    )
    claims_path = out / "claims.json"
    claims_path.write_text(
        json.dumps([c.as_dict() for c in result.claims], indent=2, default=_json_default),
        encoding="utf-8",
    )
    return [summary_path, claims_path]


def _json_default(o: object) -> object:
    if isinstance(o, np.generic):
        return o.item()
    return str(o)


def _claims(
    runs: dict[str, EnsembleResult],
    specs: dict[str, ScenarioSpec],
    baseline: EnsembleResult,
    system: System,
    ex: Executor,
    root: int,
    tipping_members: int,
    progress: Callable[[str, int, int], None] | None,
) -> list[ClaimResult]:
    claims = []
    effects = load_lever_effects(
        str(Path(system.data_dir) / "lever_effects.toml")
        if system.data_dir and (Path(system.data_dir) / "lever_effects.toml").is_file()
        else None
    )
    for name, run in runs.items():
        spec = specs[name]
        if spec.claim is None or spec.claim.outcome not in run.outcomes:
            continue
        outcome = spec.claim.outcome
        result = evaluate_claim(
            run,
            baseline,
            levers=tuple(lv.id for lv in spec.levers),
            source=spec.claim.source,
            summary=spec.claim.summary,
            outcome=outcome,
            dependency=classify([lv.id for lv in spec.levers], outcome, effects),
        )
        if tipping_members > 0 and result.without.value < 0.5 and result.dependency == "mediated":

            def p_at(x: float, _spec: ScenarioSpec = spec, _o: str = outcome) -> float:
                fixed = _spec.model_copy(
                    update={
                        "levers": tuple(LeverSpec(id=lv.id, intensity=x) for lv in _spec.levers)
                    }
                )
                if progress is not None:
                    progress(f"{_spec.name} @ {x:g}", 0, tipping_members)
                r = run_plan(
                    make_plan(fixed, system), members=tipping_members, seed=root, executor=ex
                )
                return float(r.outcomes[_o].mean())

            result = replace(result, tipping=tipping_intensity(p_at), tipping_searched=True)
        claims.append(result)
    return claims
