"""Bargaining forecasts for the issues of a :class:`~realpolitik.model.dataset.Dataset`.

Inputs per issue: positions (0-100) and saliences (0-1) from ``dataset.positions``; capabilities
from :func:`realpolitik.engines.power.capability_index` (shares of the system). Actors with a
position but no positive capability share (non-state actors, or states without capability data)
are left out and listed under ``dropped``: the models need c > 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.bargaining.compromise import compromise
from realpolitik.engines.bargaining.expected_utility import expected_utility
from realpolitik.engines.bargaining.median import median_voter
from realpolitik.engines.bargaining.options import EUMOptions
from realpolitik.errors import InputError, ModelError
from realpolitik.model.dataset import Dataset

__all__ = ["IssueInputs", "forecast_issues", "issue_inputs"]


@dataclass(frozen=True)
class IssueInputs:
    """The bargaining inputs of one issue."""

    issue: str
    actors: tuple[str, ...]
    positions: NDArray[np.float64]
    capabilities: NDArray[np.float64]
    saliences: NDArray[np.float64]
    dropped: tuple[str, ...]


def issue_inputs(dataset: Dataset, issue: str, capabilities: Mapping[str, float]) -> IssueInputs:
    """Collect positions, saliences and capabilities of the actors on ``issue``.

    Raises
    ------
    InputError
        If the issue is unknown.
    ModelError
        If no actor on the issue has a positive capability and salience.
    """
    ids = [i.id for i in dataset.issues]
    if issue not in ids:
        raise InputError(f"unknown issue {issue!r}; built-in issues: {', '.join(ids)}")
    actors: list[str] = []
    x: list[float] = []
    c: list[float] = []
    s: list[float] = []
    dropped: list[str] = []
    for p in dataset.positions_on(issue):
        cap = float(capabilities.get(p.actor, 0.0))
        if cap <= 0:
            dropped.append(p.actor)
            continue
        actors.append(p.actor)
        x.append(p.position)
        c.append(cap)
        s.append(p.salience)
    if not actors or sum(ci * si for ci, si in zip(c, s, strict=True)) <= 0:
        raise ModelError(f"issue {issue!r}: no actor with a positive capability and salience")
    return IssueInputs(
        issue, tuple(actors), np.array(x), np.array(c), np.array(s), tuple(sorted(dropped))
    )


def forecast_issues(
    dataset: Dataset,
    *,
    issue: str | None = None,
    rounds: int = 10,
    capabilities: Mapping[str, float] | None = None,
) -> list[dict[str, Any]]:
    """Run the median, compromise and EUM (both presets) models on the data set's issues.

    Parameters
    ----------
    dataset : Dataset
        The data set (the engine reads no files: callers load it, e.g. with
        :func:`realpolitik.data.load_dataset`).
    issue : str, optional
        One issue id (default: all).
    rounds : int
        EUM rounds.
    capabilities : mapping, optional
        Actor -> capability; default ``capability_index(dataset).as_dict()``.

    Returns
    -------
    list of dict
        Per issue: ``issue``, ``name``, ``status_quo``, ``actors``, ``dropped``, ``forecasts``
        (``median``, ``compromise``, ``eum_scholz2011``, ``eum_paper``) and ``trajectories``
        (per EUM preset: ``medians``, ``means``, ``positions`` by round).
    """
    if capabilities is None:
        from realpolitik.engines.power import capability_index

        capabilities = capability_index(dataset).as_dict()
    issues = [i for i in dataset.issues if issue is None or i.id == issue]
    if issue is not None and not issues:
        known = ", ".join(i.id for i in dataset.issues)
        raise InputError(f"unknown issue {issue!r}; built-in issues: {known}")
    out: list[dict[str, Any]] = []
    for iss in issues:
        inp = issue_inputs(dataset, iss.id, capabilities)
        forecasts: dict[str, float] = {
            "median": float(median_voter(inp.positions, inp.capabilities, inp.saliences).forecast),
            "compromise": float(
                compromise(inp.positions, inp.capabilities, inp.saliences).forecast
            ),
        }
        trajectories: dict[str, Any] = {}
        for preset in ("scholz2011", "paper"):
            res = expected_utility(
                inp.positions,
                inp.capabilities,
                inp.saliences,
                options=EUMOptions.preset(preset),
                rounds=rounds,
            )
            forecasts[f"eum_{preset}"] = float(res.forecast)
            trajectories[f"eum_{preset}"] = {
                "medians": [float(v) for v in res.medians],
                "means": [float(v) for v in res.means],
                "positions": {
                    a: [float(v) for v in res.positions[:, k]] for k, a in enumerate(inp.actors)
                },
            }
        out.append(
            {
                "issue": iss.id,
                "name": iss.name,
                "status_quo": iss.status_quo,
                "actors": list(inp.actors),
                "dropped": list(inp.dropped),
                "forecasts": forecasts,
                "trajectories": trajectories,
            }
        )
    return out
