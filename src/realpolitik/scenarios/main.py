"""The main job: the baseline and every seed-claim scenario on the built-in data.

:func:`run_all` builds the system once, runs the baseline and each claim scenario with the
same root seed (common random numbers), evaluates the claims at their documented intensity
with a paired dose-response from 0 to 2x, answers the question as asked (China-led against
Japan-Korea, with the Japan-Korea arithmetic), splits the answer by each structural choice,
follows it year by year to 2040, says who hedges and whose choices move it, ranks its
drivers (Sobol' indices of each contender's control and of the margin), and (optionally)
writes everything to a results folder: one Parquet file and manifest per scenario,
``summary.json`` and ``claims.json``. The report with plots is written by
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
from realpolitik.scenarios import doses
from realpolitik.scenarios.catalogue import builtin_scenarios, load_builtin
from realpolitik.scenarios.claims import (
    DOSE_GRID,
    TIPPING_GRID,
    ClaimResult,
    DosePoint,
    evaluate_claim,
    tipping_intensity,
)
from realpolitik.scenarios.conditional import (
    POOLED_LABEL,
    conditional_answers,
    structural_interval,
)
from realpolitik.scenarios.dependency import classify
from realpolitik.scenarios.executors import Executor, SerialExecutor
from realpolitik.scenarios.levers import load_lever_effects
from realpolitik.scenarios.members import make_plan
from realpolitik.scenarios.outcomes import CONTENDERS
from realpolitik.scenarios.runner import (
    EnsembleResult,
    Estimate,
    control_targets,
    format_estimate,
    paired_lift,
    run_plan,
)
from realpolitik.scenarios.sensitivity import SobolResult, rank_correlations, sobol_analysis
from realpolitik.scenarios.spec import ScenarioSpec
from realpolitik.scenarios.state import System, TermFunction, build_system

__all__ = ["MainResult", "headline_text", "run_all"]


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
    sobol_outputs: dict[str, SobolResult | str] = field(default_factory=dict)
    paths: list[dict[str, Any]] = field(default_factory=list)
    japan_korea: dict[str, Any] | None = None
    choices: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)

    def conditional(self) -> list[dict[str, Any]]:
        """The baseline's answer under each structural choice
        (:func:`~realpolitik.scenarios.conditional.conditional_answers`)."""
        return conditional_answers(self.baseline)

    def structural_interval(self) -> dict[str, dict[str, float | str]]:
        """Per contender: the range of its conditional answers over the capability measure
        and the threshold band, beside the pooled probability."""
        pooled = {c: e.value for c, e in self.baseline.control().items()}
        return structural_interval(self.conditional(), pooled)

    def headline(self) -> dict[str, Any]:
        """The question as asked: China-led against Japan-Korea, then the others
        (``text``: the sentence the CLI, report and dashboard print)."""
        ctl = {c: e.as_dict() for c, e in self.baseline.control().items()}
        return {
            "text": headline_text(ctl, self.structural_interval(), self.japan_korea),
            "question": "China-led bloc or Japan-South Korea alliance: who controls the region",
            "horizon": self.baseline.manifest.get("scenario", {}).get("horizon"),
            "pooled": POOLED_LABEL,
            "contenders": ctl,
        }

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
            "headline": self.headline(),
            "baseline": self.baseline.summary(),
            "scenarios": {k: v.summary() for k, v in self.runs.items()},
            "claims": [c.as_dict() for c in self.claims],
            "table": self.table(),
            "contenders": self.baseline.contender_summary(),
            "conditional": self.conditional(),
            "structural_interval": self.structural_interval(),
            "paths": self.paths,
            "hedging": self.baseline.hedging(),
            "leaders": self.baseline.leader_shares(),
            "japan_korea": self.japan_korea,
            "choices": self.choices,
            "issues": self.issues,
            "sensitivity": {k: v[:10] for k, v in self.sensitivity.items()},
            "sobol": self.sobol.as_dict() if self.sobol else None,
            "sobol_outputs": {
                k: v if isinstance(v, str) else v.as_dict() for k, v in self.sobol_outputs.items()
            },
        }


def headline_text(
    control: dict[str, dict[str, float]],
    spread: dict[str, dict[str, float | str]] | None = None,
    jk: dict[str, Any] | None = None,
) -> str:
    """The headline sentence: China-led against Japan-Korea first, then the others.

    Examples
    --------
    >>> ctl = {c: {"p": p, "low": p, "high": p} for c, p in
    ...        (("China-led", 0.1), ("Japan-Korea", 0.0), ("US-led", 0.5), ("no one", 0.4))}
    >>> jk = {"share": {"cinc": 0.06, "milex": 0.11}, "needed": 0.5,
    ...       "first_control_intensity": None, "p_at": [{"intensity": 5.0, "p": 0.0}]}
    >>> print(headline_text(ctl, None, jk))  # doctest: +NORMALIZE_WHITESPACE
    China-led bloc controls: 10.0% [10.0%, 10.0%]; Japan-Korea alliance controls: 0.0%
    [0.0%, 0.0%] (Japan and South Korea hold 0.06-0.11 of the capability against the more
    than 0.50 control needs; it never controls in 1% of members even with every lever that
    favours it at 5x). The others: US-led 50.0% [50.0%, 50.0%]; no one 40.0% [40.0%, 40.0%].
    """

    def one(c: str) -> str:
        text = format_estimate(control[c])
        if spread and c in spread and spread[c]["low"] != spread[c]["high"]:
            lo, hi = float(spread[c]["low"]), float(spread[c]["high"])
            text += f" ({lo:.0%}-{hi:.0%} across {spread[c]['over']})"
        return text

    jk_note = ""
    if jk is not None:
        vals = list(jk["share"].values())
        top = jk["p_at"][-1]["intensity"] if jk["p_at"] else None
        first = jk["first_control_intensity"]
        if first is not None:
            reach = (
                f"it first controls in 1% of members with every lever that favours it at {first:g}x"
            )
        elif top is not None:
            reach = (
                "it never controls in 1% of members even with every lever that favours it "
                f"at {top:g}x"
            )
        else:
            reach = "the levers that favour it were not searched"
        jk_note = (
            f" (Japan and South Korea hold {min(vals):.2f}-{max(vals):.2f} of the capability "
            f"against the more than {jk['needed']:.2f} control needs; {reach})"
        )
    others = [c for c in CONTENDERS if c not in ("China-led", "Japan-Korea") and c in control]
    return (
        f"China-led bloc controls: {one('China-led')}; Japan-Korea alliance controls: "
        f"{one('Japan-Korea')}{jk_note}. The others: "
        + "; ".join(f"{c} {one(c)}" for c in others)
        + "."
    )


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
    path_members: int = 400,
    choice_members: int = 300,
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
        When positive, each claim's dose-response curve (its levers at every intensity of
        :data:`~realpolitik.scenarios.claims.DOSE_GRID`, 0 to 2, paired) with this many
        members per point, and from it the tipping intensity (the smallest intensity at
        which the consequent becomes likely); also the members of the Japan-Korea intensity
        search.
    terms : callable, optional
        Propensity terms function (see :func:`~realpolitik.scenarios.state.build_system`),
        e.g. a perspective lens's; used for every system built here, including structural
        variants with their own players.
    data : str or Path, optional
        A data-set name or the folder of a copy (``realpolitik data export``): its data, its
        ``propensity.toml`` weights and its ``lever_effects.toml`` are the ones used.
    sobol_base : int
        Base sample of the Sobol' analysis of the headline (0 skips it).
    path_members : int
        Members of the yearly paths 2025-2040 (0 skips them).
    choice_members : int
        Members of "whose choices matter" (each actor's levers from 0 to 2x; 0 skips it).
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
    try:
        runs = _ensembles(
            specs, system, dataset, (terms, data_dir), n_members, root, ex, out, progress
        )
        baseline = runs.pop("baseline")
        claims = _claims(runs, specs, baseline, system, root, tipping_members, progress)
    finally:
        if executor is None:
            ex.close()
    result = MainResult(
        baseline=baseline,
        runs=runs,
        claims=claims,
        sensitivity=rank_correlations(baseline.inputs, control_targets(baseline)),
        out=out,
    )
    _answer(result, base_spec, system, dataset, root, (tipping_members, path_members,
            choice_members), progress)  # fmt: skip
    if sobol_base > 0:
        if progress is not None:
            progress("sensitivity (Sobol)", 0, 1)
        result.sobol_outputs = sobol_analysis(
            make_plan(base_spec, system), n_base=sobol_base, seed=root
        )
        first = result.sobol_outputs.get("china_led")
        result.sobol = first if isinstance(first, SobolResult) else None
    if out is not None:
        result.files += _write_results(result, out)
    return result


def _ensembles(
    specs: dict[str, ScenarioSpec],
    system: System,
    dataset: Dataset | None,
    build: tuple[TermFunction | None, Path | None],
    n_members: int,
    root: int,
    ex: Executor,
    out: Path | None,
    progress: Callable[[str, int, int], None] | None,
) -> dict[str, EnsembleResult]:
    """Run every scenario (a structural variant on its own system; a spec that differs
    from an earlier one only by name and claim shares its ensemble)."""
    terms, data_dir = build
    runs: dict[str, EnsembleResult] = {}
    seen: dict[str, str] = {}
    for name, spec in specs.items():
        key = _run_key(spec)
        if key in seen:
            runs[name] = _shared_run(runs[seen[key]], spec, out)
            continue
        seen[key] = name
        own = system
        if spec.actors is not None or spec.base_year is not None:
            if dataset is None:
                from realpolitik.data import load_dataset

                dataset = load_dataset(spec.dataset)
            own = build_system(dataset, spec.actors, spec.base_year, terms=terms, data_dir=data_dir)
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
    return runs


def _run_key(spec: ScenarioSpec) -> str:
    """What a run depends on: the spec less its name, description and claim (two claims
    with the same antecedent share one ensemble)."""
    return json.dumps(
        spec.model_dump(mode="json", exclude={"name", "description", "claim"}), sort_keys=True
    )


def _shared_run(run: EnsembleResult, spec: ScenarioSpec, out: Path | None) -> EnsembleResult:
    """``run`` under ``spec``'s name (same members, same draws: the ensemble is identical),
    with its own Parquet copy and manifest in ``out``."""
    import shutil

    from realpolitik.scenarios.results import write_manifest
    from realpolitik.scenarios.spec import scenario_hash

    manifest = {
        **run.manifest,
        "scenario": spec.model_dump(mode="json", by_alias=True),
        "scenario_hash": scenario_hash(spec),
        "same_ensemble_as": run.name,
    }
    shared = replace(run, name=spec.name, manifest=manifest)
    if out is not None and run.parquet is not None:
        folder = out / "scenarios"
        shared.parquet = folder / f"{spec.name}.parquet"
        shutil.copyfile(run.parquet, shared.parquet)
        write_manifest(folder / f"{spec.name}.manifest.json", manifest)
    return shared


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


def _answer(
    result: MainResult,
    base: ScenarioSpec,
    system: System,
    dataset: Dataset | None,
    root: int,
    sizes: tuple[int, int, int],
    progress: Callable[[str, int, int], None] | None,
) -> None:
    """The paths, the Japan-Korea arithmetic, whose choices matter and the issue forecasts."""
    jk_members, path_members, choice_members = sizes
    wd = make_plan(base, system).weight_draws
    if path_members > 0:
        if progress is not None:
            progress("paths 2025-2040", 0, path_members)
        result.paths = doses.yearly_paths(
            base, system, members=path_members, seed=root, weight_draws=wd
        )
    if "JPN" in system.actors and "KOR" in system.actors:
        if progress is not None and jk_members > 0:
            progress("Japan-Korea up to 5x", 0, jk_members)
        result.japan_korea = doses.japan_korea(
            base, system, members=jk_members, seed=root, weight_draws=wd
        )
    if choice_members > 0:
        if progress is not None:
            progress("whose choices matter", 0, choice_members)
        result.choices = doses.whose_choices(
            base, system, members=choice_members, seed=root, weight_draws=wd
        )
    result.issues = _issue_forecasts(dataset, result.baseline)


def _issue_forecasts(dataset: Dataset | None, baseline: EnsembleResult) -> list[dict[str, Any]]:
    """Base-year forecasts of each issue by the expected-utility (Scholz 2011 preset) and
    compromise models, with the ensemble's mean forecast at the horizon."""
    from realpolitik.engines.bargaining.forecast import forecast_issues
    from realpolitik.errors import RealpolitikError

    if dataset is None:
        return []
    sy = baseline.system
    caps = {a: float(s) for a, s in zip(sy.actors, sy.shares, strict=True)}
    try:
        rows = forecast_issues(dataset, capabilities=caps)
    except RealpolitikError:
        return []
    model = baseline.manifest.get("scenario", {}).get("issue_model", "compromise")
    return [
        {
            "issue": r["issue"],
            "name": r["name"],
            "status_quo": r["status_quo"],
            "expected_utility": r["forecasts"].get("eum_scholz2011"),
            "compromise": r["forecasts"].get("compromise"),
            "ensemble_mean": baseline.means.get(f"forecast_{r['issue']}"),
            "ensemble_model": model,
        }
        for r in rows
    ]


def _claims(
    runs: dict[str, EnsembleResult],
    specs: dict[str, ScenarioSpec],
    baseline: EnsembleResult,
    system: System,
    root: int,
    dose_members: int,
    progress: Callable[[str, int, int], None] | None,
) -> list[ClaimResult]:
    claims = []
    effects = load_lever_effects(
        str(Path(system.data_dir) / "lever_effects.toml")
        if system.data_dir and (Path(system.data_dir) / "lever_effects.toml").is_file()
        else None
    )
    curves: dict[tuple[str, ...], dict[str, list[tuple[float, Estimate]]]] = {}
    for name, run in runs.items():
        spec = specs[name]
        if spec.claim is None or spec.claim.outcome not in run.outcomes:
            continue
        outcome = spec.claim.outcome
        levers = tuple(lv.id for lv in spec.levers)
        result = evaluate_claim(
            run,
            baseline,
            levers=levers,
            source=spec.claim.source,
            summary=spec.claim.summary,
            outcome=outcome,
            dependency=classify(list(levers), outcome, effects),
        )
        if dose_members > 0 and result.dependency != "not_representable":
            if levers not in curves:
                if progress is not None:
                    progress(f"{name}: dose-response", 0, dose_members)
                wanted = [
                    specs[k].claim.outcome  # type: ignore[union-attr]
                    for k in runs
                    if specs[k].claim is not None
                    and tuple(lv.id for lv in specs[k].levers) == levers
                ]
                curves[levers] = doses.dose_response(
                    spec, run.system, wanted, members=dose_members, seed=root, grid=DOSE_GRID
                )
            result = _with_curve(result, curves[levers][outcome], dose_members)
        claims.append(result)
    return claims


def _with_curve(result: ClaimResult, curve: list[Any], members: int) -> ClaimResult:
    """``result`` with its dose-response and, for a mediated claim whose outcome is unlikely
    without the antecedent, the tipping intensity read off the curve."""
    points = tuple(DosePoint(x, e, members) for x, e in curve)
    result = replace(result, dose_response=points)
    if result.without.value < 0.5 and result.dependency == "mediated":
        at = {p.intensity: p.estimate.value for p in points}
        tip = tipping_intensity(lambda x: at[x], grid=TIPPING_GRID)
        result = replace(result, tipping=tip, tipping_searched=True)
    return result
