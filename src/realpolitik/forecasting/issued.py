"""The forecasts an ensemble issues, as register rows (pure: a summary dict in, a frame out).

An ensemble run (``simulate``, each scenario of ``run``) answers, at its horizon year, the
probability of every outcome of the catalogue and of each answer to "who controls the
region", each with its 90% interval. Each becomes one ``outcome`` question targeting
31 December of the horizon year; the contenders' questions are named ``controls:<answer>``.
The model is ``ensemble:<scenario>``: a scenario that pulls levers issues forecasts
conditional on them, and its name says so.

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

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd

__all__ = ["ensemble_forecasts"]


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
        columns=["model", "question", "outcome", "region", "target", "p", "p_low", "p_high"],
    )
