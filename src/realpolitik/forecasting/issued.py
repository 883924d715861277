"""The forecasts the commands issue, as register rows (pure: results in, a frame out).

*Ensembles.* An ensemble run (``simulate``, each scenario of ``run``) answers, at its
horizon year, the probability of every outcome of the catalogue and of each answer to "who
controls the region", each with its 90% interval. Each becomes one ``outcome`` question
targeting 31 December of the horizon year; the contenders' questions are named
``controls:<answer>``. The model is ``ensemble:<scenario>``: a scenario that pulls levers
issues forecasts conditional on them, and its name says so.

*Bargaining.* ``realpolitik forecast`` gives, per issue and model (median voter, compromise,
the EUM under both presets), a point forecast on the issue's 0-100 scale. Each becomes one
``outcome`` question ``issue_up:<issue>``: the issue stands above its status quo at the
target date. The models are deterministic, so the probability is 1 when the point forecast
lies above the status quo and 0 otherwise (a hard forecast, scored as such), with no
interval; the model is ``bargain:<model>``. The ``trilateral_fta`` issue also answers the
catalogue's ``trilateral_fta_progress`` (the forecast at 60 or more), as the ensembles do.

Examples
--------
>>> s = {"scenario": "baseline",
...      "outcomes": {"us_influence_loss": {"p": 0.3, "low": 0.2, "high": 0.4}},
...      "who_controls": {"China-led": {"p": 0.5, "low": 0.45, "high": 0.55}}}
>>> f = ensemble_forecasts(s, horizon=2030)
>>> f["model"].unique().tolist(), f["outcome"].tolist()
(['ensemble:baseline'], ['us_influence_loss', 'controls:China-led'])
>>> f["target"].astype(str).tolist(), f["p"].tolist()
(['2030-12-31', '2030-12-31'], [0.3, 0.5])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

__all__ = ["BARGAIN_THRESHOLDS", "bargain_forecasts", "ensemble_forecasts"]

_COLUMNS = ["model", "question", "outcome", "region", "target", "p", "p_low", "p_high"]

BARGAIN_THRESHOLDS: dict[str, tuple[str, float]] = {
    "trilateral_fta": ("trilateral_fta_progress", 60.0),
}
"""Issue -> (catalogue outcome, threshold) for the catalogue outcomes read from one issue's
forecast (as :func:`realpolitik.scenarios.outcomes.compute_outcomes` reads them)."""


def ensemble_forecasts(
    summary: Mapping[str, Any], horizon: int, region: str = "east_asia"
) -> pd.DataFrame:
    """Register rows of one ensemble's summary (``EnsembleResult.summary()``).

    Parameters
    ----------
    summary : mapping
        ``scenario`` (name), ``outcomes`` and ``who_controls`` (each ``{id: {"p", "low",
        "high"}}``).
    horizon : int
        The horizon year; the target is its 31 December.
    region : str
        The region the ensemble models.

    Returns
    -------
    pandas.DataFrame
        Columns ``model, question, outcome, region, target, p, p_low, p_high``.
    """
    model = f"ensemble:{summary['scenario']}"
    questions = [
        *summary.get("outcomes", {}).items(),
        *((f"controls:{k}", v) for k, v in summary.get("who_controls", {}).items()),
    ]
    target = date(int(horizon), 12, 31)
    return pd.DataFrame(
        [
            {
                "model": model,
                "question": "outcome",
                "outcome": name,
                "region": region,
                "target": target,
                "p": float(e["p"]),
                "p_low": e.get("low"),
                "p_high": e.get("high"),
            }
            for name, e in questions
        ],
        columns=_COLUMNS,
    )


def _issue_rows(item: Mapping[str, Any]) -> list[tuple[str, str, float]]:
    """``(model, outcome, p)`` of one issue's bargaining forecasts."""
    issue, sq = str(item["issue"]), float(item["status_quo"])
    rows = []
    for model, x in item["forecasts"].items():
        rows.append((f"bargain:{model}", f"issue_up:{issue}", float(float(x) > sq)))
        if issue in BARGAIN_THRESHOLDS:
            outcome, cut = BARGAIN_THRESHOLDS[issue]
            rows.append((f"bargain:{model}", outcome, float(float(x) >= cut)))
    return rows


def bargain_forecasts(
    results: Sequence[Mapping[str, Any]], target: date, region: str = "east_asia"
) -> pd.DataFrame:
    """Register rows of ``realpolitik forecast``'s results (one dict per issue, as
    :func:`realpolitik.engines.bargaining.forecast.forecast_issues` returns them).

    Parameters
    ----------
    results : sequence of mapping
        Per issue: ``issue``, ``status_quo`` and ``forecasts`` (model -> point forecast).
    target : datetime.date
        The date the forecasts are about.
    region : str
        The region of the data set.

    Returns
    -------
    pandas.DataFrame
        Columns ``model, question, outcome, region, target, p, p_low, p_high``.

    Examples
    --------
    >>> r = [{"issue": "trilateral_fta", "status_quo": 35.0,
    ...       "forecasts": {"median": 62.0, "eum_paper": 20.0}}]
    >>> f = bargain_forecasts(r, date(2030, 12, 31))
    >>> f[["model", "outcome", "p"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['bargain:median', 'issue_up:trilateral_fta', 1.0],
     ['bargain:median', 'trilateral_fta_progress', 1.0],
     ['bargain:eum_paper', 'issue_up:trilateral_fta', 0.0],
     ['bargain:eum_paper', 'trilateral_fta_progress', 0.0]]
    """
    rows = [
        {
            "model": model,
            "question": "outcome",
            "outcome": outcome,
            "region": region,
            "target": target,
            "p": p,
            "p_low": None,
            "p_high": None,
        }
        for item in results
        for model, outcome, p in _issue_rows(item)
    ]
    return pd.DataFrame(rows, columns=_COLUMNS)
