"""One object with everything the report and the web dashboard show.

:func:`analyse` runs the main job (baseline plus the named scenarios, with common random
numbers) with a small ensemble, the landscape of the base-year state (every local minimum with
its energy and basin), a capability fan chart (quantiles of projected shares for every year
to the horizon, read from the baseline ensemble's members)
and the issue forecasts with their round-by-round trajectories. Both
:mod:`realpolitik.report.html` and :mod:`realpolitik.web` read from the :class:`Analysis` it
returns, so the pages and the report show the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.alignment.landscape import LandscapeResult, landscape
from realpolitik.engines.power import project_shares
from realpolitik.model.dataset import Dataset
from realpolitik.scenarios.executors import Executor
from realpolitik.scenarios.main import MainResult, run_all
from realpolitik.scenarios.runner import EnsembleResult
from realpolitik.scenarios.state import System, build_system

__all__ = [
    "DEFAULT_MEMBERS",
    "Analysis",
    "FanChart",
    "analyse",
    "fan_chart",
    "track_record",
]

DEFAULT_MEMBERS = 1000
"""Ensemble size of reports and of the dashboard's baseline (seconds, not minutes)."""

FAN_QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class FanChart:
    """Quantiles of projected capability shares by year.

    Attributes
    ----------
    actors : tuple of str
    years : ndarray of int, shape (Y,)
        Base year to horizon.
    quantiles : tuple of float
        The levels of the first axis of ``values``.
    values : ndarray, shape (len(quantiles), Y, n)
    """

    actors: tuple[str, ...]
    years: NDArray[np.int64]
    quantiles: tuple[float, ...]
    values: NDArray[np.float64]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"years": [...], "actors": {A: {"q05": [...], ...}}}``."""
        out: dict[str, Any] = {"years": [int(y) for y in self.years], "actors": {}}
        for i, a in enumerate(self.actors):
            out["actors"][a] = {
                f"q{round(q * 100):02d}": [float(v) for v in self.values[k, :, i]]
                for k, q in enumerate(self.quantiles)
            }
        return out


def fan_chart(run: EnsembleResult, horizon: int) -> FanChart:
    """Quantiles of projected capability shares by year, read from the ensemble members.

    Each member's path is ``project_shares(start, growth, t)`` with the shares it started
    from (its capability measure, distance decay and transfers applied) and the growth rates
    it drew (its growth model), so the fan shows the ensemble's own uncertainty, structural
    choices included, not a second simulation.

    Examples
    --------
    >>> import numpy as np
    >>> from realpolitik.scenarios.runner import EnsembleResult
    >>> from realpolitik.scenarios.state import System
    >>> sy = System(("A", "B"), 2025, np.array([0.6, 0.4]), np.zeros(2), np.full(2, 0.01),
    ...             (), np.zeros((0, 2, 2)), (), np.zeros((0, 2)), np.zeros((0, 2)))
    >>> run = EnsembleResult("x", 3, 0, sy, {}, np.array(["no one"] * 3),
    ...     inputs={"growth_A": np.zeros(3), "growth_B": np.array([0.0, 0.1, -0.1])},
    ...     start_shares=np.tile([0.6, 0.4], (3, 1)))
    >>> fc = fan_chart(run, 2027)
    >>> fc.years.tolist(), fc.values.shape
    ([2025, 2026, 2027], (5, 3, 2))
    >>> bool(np.allclose(fc.values[2, 0], [0.6, 0.4]))
    True
    """
    system = run.system
    n = len(system.actors)
    start = run.start_shares
    years = np.arange(system.base_year, max(horizon, system.base_year) + 1)
    vals = np.empty((len(FAN_QUANTILES), years.size, n))
    if start is None or any(f"growth_{a}" not in run.inputs for a in system.actors):
        vals[:] = system.shares
        return FanChart(system.actors, years.astype(np.int64), FAN_QUANTILES, vals)
    growth = np.column_stack([run.inputs[f"growth_{a}"] for a in system.actors])
    k = min(len(start), len(growth))
    for t, y in enumerate(years):
        proj = project_shares(start[:k], growth[:k], float(y - system.base_year))
        vals[:, t, :] = np.quantile(proj, FAN_QUANTILES, axis=0)
    return FanChart(system.actors, years.astype(np.int64), FAN_QUANTILES, vals)


@dataclass
class Analysis:
    """Everything a report or the dashboard shows (see :func:`analyse`)."""

    dataset: Dataset
    system: System
    main: MainResult
    landscape: LandscapeResult
    fan: FanChart
    issues: list[dict[str, Any]]
    members: int
    seed: int
    horizon: int
    notes: list[str] = field(default_factory=list)
    track_record: dict[str, Any] | None = None
    """The backtest's reliability table and scores (:func:`track_record`), when it was run."""

    def answer(self) -> dict[str, Any]:
        """The answer to the central question: per scenario, P(each contender controls)."""
        rows = {"baseline": self.main.baseline}
        rows.update(self.main.runs)
        return {
            name: {k: e.as_dict() for k, e in run.control().items()} for name, run in rows.items()
        }

    def network(self) -> dict[str, Any]:
        """Actors (with base share and bloc in the global minimum) and propensities."""
        sy = self.system
        gm = self.landscape.global_minimum
        p = sy.propensity
        nodes = [
            {"id": a, "share": float(sy.shares[i]), "bloc": int(gm[i])}
            for i, a in enumerate(sy.actors)
        ]
        pairs = [
            {"a": sy.actors[i], "b": sy.actors[j], "propensity": float(p[i, j])}
            for i in range(len(sy.actors))
            for j in range(i + 1, len(sy.actors))
            if abs(p[i, j]) > 1e-12
        ]
        return {
            "nodes": nodes,
            "pairs": pairs,
            "landscape": self.landscape.to_dict(sy.actors),
        }


def analyse(
    names: list[str] | None = None,
    *,
    dataset: Dataset | None = None,
    system: System | None = None,
    members: int = DEFAULT_MEMBERS,
    seed: int | None = None,
    executor: Executor | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    data: str | None = None,
    sobol_base: int = 128,
    backtest_members: int = 0,
) -> Analysis:
    """Run the scenarios and the engines behind a report.

    Parameters
    ----------
    names : list of str, optional
        Built-in scenario names (default: all; the baseline always runs).
    dataset : Dataset, optional
        Default: the built-in ``east-asia-2025``.
    system : System, optional
        A prebuilt system of ``dataset`` (skips building it).
    members : int
        Ensemble members per scenario (default :data:`DEFAULT_MEMBERS`).
    seed : int, optional
        Root seed (default: the baseline scenario's).
    executor : Executor, optional
    progress : callable, optional
        ``progress(scenario, done, total)``.
    data : str, optional
        A data-set name or the folder of a copy (its weights and lever effects are used).
    sobol_base : int
        Base sample of the Sobol' analysis of the headline share (0 skips it).
    backtest_members : int
        Members per base year of the history backtest behind the report's track-record section
        (:func:`track_record`; 0 skips it).

    Raises
    ------
    ScenarioError
        For an unknown scenario name.
    """
    from realpolitik.engines.bargaining.forecast import forecast_issues
    from realpolitik.errors import RealpolitikError
    from realpolitik.scenarios.catalogue import load_builtin

    data_dir = None
    if data is not None:
        from realpolitik.data import load_dataset
        from realpolitik.data.loader import resolve_dataset_path

        data_dir = resolve_dataset_path(data).resolve()
        dataset = load_dataset(data_dir)
    if dataset is None:
        from realpolitik.data import load_dataset

        dataset = load_dataset()
    if system is None:
        system = build_system(dataset, data_dir=data_dir)
    for n in names or []:
        load_builtin(n)  # fail early, with the list of built-in names
    main = run_all(
        dataset=dataset,
        names=names or None,
        members=members,
        seed=seed,
        executor=executor,
        progress=progress,
        system=system,
        sobol_base=sobol_base,
        tipping_members=min(200, members),
        path_members=min(400, members),
        choice_members=min(300, members),
    )
    land = landscape(system.shares, system.propensity)
    horizon = int(main.baseline.manifest.get("scenario", {}).get("horizon", 2030))
    fan = fan_chart(main.baseline, horizon)
    notes: list[str] = []
    try:
        caps = {a: float(s) for a, s in zip(system.actors, system.shares, strict=True)}
        issues = forecast_issues(dataset, capabilities=caps)
    except RealpolitikError as exc:  # an issue without usable actors: report, do not fail
        issues = []
        notes.append(f"issue forecasts unavailable: {exc}")
    track = track_record(members=backtest_members) if backtest_members > 0 else None
    return Analysis(
        track_record=track,
        dataset=dataset,
        system=system,
        main=main,
        landscape=land,
        fan=fan,
        issues=issues,
        members=main.baseline.members,
        seed=main.baseline.seed,
        horizon=horizon,
        notes=notes,
    )


def track_record(*, members: int = 200, seed: int = 0) -> dict[str, Any]:
    """The alignment model's record on history: the backtest with its defaults but ``members``
    per base year, as a reliability table (all rows, both horizons) and the scores of the
    model and the named baselines (``realpolitik backtest`` prints the same with 1,000).
    """
    from realpolitik.history.backtest import pair_arrays, run_backtest
    from realpolitik.history.scores import reliability

    res = run_backtest(members=members, seed=seed)
    return {
        "members": members,
        "bins": reliability(*pair_arrays(res)),
        "scores": res.scores(),
    }
