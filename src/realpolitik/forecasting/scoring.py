"""Scores of binary probability forecasts: Brier and log score, through ``scoringrules``.

The conventions are the backtest's (:mod:`realpolitik.history.scores`), so a table scored here
from the forecast register reproduces the backtest's own table:

* **Brier**: ``(p - y)^2`` per forecast, mean per group (lower is better; 0.25 for a coin);
* **log score**: ``log p(outcome)`` per forecast, ``p`` clipped to ``[0.001, 0.999]`` so a 0/1
  forecast that fails scores ``log 0.001 = -6.9`` instead of minus infinity; mean per group
  (higher is better). ``scoringrules`` returns the negative log likelihood; the sign is turned
  here so both tables read the same way.

Gneiting, T., & Raftery, A. E. (2007). Strictly proper scoring rules, prediction, and
estimation. *Journal of the American Statistical Association*, 102(477), 359-378.

Examples
--------
>>> import numpy as np
>>> y = np.array([1.0, 0.0, 1.0]); p = np.array([0.9, 0.2, 0.5])
>>> [round(float(v), 4) for v in brier_scores(p, y)]
[0.01, 0.04, 0.25]
>>> [round(float(v), 4) for v in log_scores(p, y)]
[-0.1054, -0.2231, -0.6931]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

__all__ = ["LOG_EPS", "SCORE_COLUMNS", "brier_scores", "log_scores", "score_table"]

LOG_EPS = 1e-3
"""Clip of probabilities in the log score (the backtest's, :data:`history.scores.LOG_EPS`)."""

SCORE_COLUMNS = ("n", "brier", "log_score")
"""The columns :func:`score_table` adds to its group keys."""


def _checked(p: ArrayLike, y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    pa = np.asarray(p, dtype=np.float64)
    ya = np.asarray(y, dtype=np.float64)
    if pa.shape != ya.shape:
        raise ValueError(f"p has shape {pa.shape} and y {ya.shape}: give one outcome per forecast")
    if pa.size and (np.isnan(pa).any() or pa.min() < 0.0 or pa.max() > 1.0):
        raise ValueError("probabilities must lie in [0, 1] (no NaN)")
    if ya.size and not np.isin(ya, (0.0, 1.0)).all():
        raise ValueError("outcomes must be 0 or 1")
    return pa, ya


def brier_scores(p: ArrayLike, y: ArrayLike) -> NDArray[np.float64]:
    """Brier score ``(p - y)^2`` of each forecast (``scoringrules.brier_score``).

    Parameters
    ----------
    p : array_like
        Forecast probabilities of the event, in [0, 1].
    y : array_like
        Outcomes, 1 when the event happened and 0 when not (same shape as ``p``).

    Returns
    -------
    numpy.ndarray
        One score per forecast (lower is better).

    Examples
    --------
    >>> brier_scores([0.5, 1.0], [0, 1]).tolist()
    [0.25, 0.0]
    """
    pa, ya = _checked(p, y)
    if pa.size == 0:
        return np.zeros(0)
    import scoringrules as sr  # imports scipy.special: only when scoring

    return np.asarray(sr.brier_score(ya, pa), dtype=np.float64)


def log_scores(p: ArrayLike, y: ArrayLike, eps: float = LOG_EPS) -> NDArray[np.float64]:
    """Log probability of each outcome, ``p`` clipped to ``[eps, 1 - eps]`` (higher is better).

    ``scoringrules.log_score`` gives ``-log p(outcome)``; this returns its negative.

    Examples
    --------
    >>> [round(float(v), 3) for v in log_scores([0.0, 0.5], [1, 0])]
    [-6.908, -0.693]
    """
    pa, ya = _checked(p, y)
    if pa.size == 0:
        return np.zeros(0)
    import scoringrules as sr

    return -np.asarray(sr.log_score(ya, np.clip(pa, eps, 1.0 - eps)), dtype=np.float64)


def score_table(
    frame: pd.DataFrame, by: Sequence[str] = ("kind", "model", "horizon")
) -> pd.DataFrame:
    """Mean Brier and log score of resolved forecasts, per group.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per resolved forecast with columns ``p`` (probability), ``y`` (0/1 outcome)
        and the ``by`` columns.
    by : sequence of str
        Group keys, in the order the table is sorted.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``n``, ``brier`` and ``log_score`` (:data:`SCORE_COLUMNS`),
        one row per group, sorted by the keys; empty (with those columns) when ``frame`` is.

    Examples
    --------
    >>> f = pd.DataFrame({"model": ["a", "a", "b"], "p": [0.9, 0.2, 0.5], "y": [1, 0, 1]})
    >>> t = score_table(f, by=["model"])
    >>> t.round(4).values.tolist()
    [['a', 2, 0.025, -0.1643], ['b', 1, 0.25, -0.6931]]
    """
    keys = list(by)
    missing = [c for c in [*keys, "p", "y"] if c not in frame.columns]
    if missing:
        raise ValueError(f"score_table needs the columns {missing}")
    if frame.empty:
        return pd.DataFrame(columns=[*keys, *SCORE_COLUMNS])
    scored = frame[keys].copy()
    scored["brier"] = brier_scores(frame["p"].to_numpy(), frame["y"].to_numpy())
    scored["log_score"] = log_scores(frame["p"].to_numpy(), frame["y"].to_numpy())
    grouped = scored.groupby(keys, sort=True, dropna=False)
    table = grouped.agg(
        n=("brier", "size"), brier=("brier", "mean"), log_score=("log_score", "mean")
    ).reset_index()
    table["n"] = table["n"].astype(int)
    return table
