"""Skill scores of pair probabilities: Brier, log score, Brier skill score with a clustered
bootstrap interval, average precision over changes, equal-count reliability.

* **Brier** and **log score** come from the ``scoringrules`` library (Zanetti, Allen et al.);
  the log score is reported as the mean log-probability of the outcome (higher is better, as in
  the rest of the backtest), i.e. minus ``scoringrules.log_score``, with ``p`` clipped to
  ``[0.001, 0.999]`` so that a failed 0/1 forecast costs ``log 0.001`` and not infinity.
* **Brier skill score** against a reference on the same rows: ``1 - B_model / B_ref``
  (positive: better than the reference). Its 90% interval is a percentile bootstrap that
  resamples *pairs* (all rows of a pair, over base years, come together: the rows of one pair
  are not independent).
* **Average precision over changes**: the model's probability of a change of the ``same``
  status (``p`` when the pair was not ``same`` at the base, ``1 - p`` when it was) ranked
  against the pairs that did change (scikit-learn's ``average_precision_score``); a model
  without skill scores about the base rate of change.
* **Reliability** with equal-count bins (deciles of the forecast).

Examples
--------
>>> import numpy as np
>>> y = np.array([1.0, 0.0, 1.0, 1.0]); p = np.array([0.9, 0.2, 0.4, 1.0])
>>> round(brier(p, y), 4), round(log_score(p, y), 3)
(0.1025, -0.311)
>>> b, lo, hi = brier_skill(p, np.full(4, 0.75), y, np.arange(4), n_boot=200, rng=0)
>>> round(b, 3)
0.453
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from realpolitik._rng import RNGLike, as_generator

__all__ = [
    "LOG_CLIP",
    "average_precision_change",
    "better_reference",
    "brier",
    "brier_skill",
    "calibration_gap",
    "cluster_draws",
    "log_score",
    "reliability_equal_count",
]

LOG_CLIP = 1e-3
"""Probabilities are clipped to ``[LOG_CLIP, 1 - LOG_CLIP]`` in the log score."""

FloatArray = NDArray[np.float64]


def brier(p: FloatArray, y: FloatArray) -> float:
    """Mean Brier score (``scoringrules.brier_score``); nan when empty."""
    import scoringrules as sr

    if np.size(y) == 0:
        return float("nan")
    return float(np.mean(sr.brier_score(np.asarray(y, float), np.asarray(p, float))))


def log_score(p: FloatArray, y: FloatArray) -> float:
    """Mean log-probability of the outcome (higher is better); nan when empty."""
    import scoringrules as sr

    if np.size(y) == 0:
        return float("nan")
    q = np.clip(np.asarray(p, float), LOG_CLIP, 1 - LOG_CLIP)
    return float(-np.mean(sr.log_score(np.asarray(y, float), q)))


def better_reference(candidates: dict[str, FloatArray], y: FloatArray) -> tuple[str, FloatArray]:
    """The candidate with the lowest Brier score on ``y`` (first one on ties).

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([1.0, 0.0])
    >>> better_reference({"a": np.array([0.5, 0.5]), "b": np.array([0.9, 0.1])}, y)[0]
    'b'
    """
    best = min(candidates, key=lambda k: brier(candidates[k], y))
    return best, candidates[best]


def _cluster_sums(values: FloatArray, cluster: NDArray[np.int64], k: int) -> FloatArray:
    return np.bincount(cluster, weights=values, minlength=k).astype(np.float64)


def cluster_draws(
    cluster: Sequence[int] | NDArray[np.int64], n_boot: int = 1000, rng: RNGLike = 0
) -> tuple[NDArray[np.int64], FloatArray]:
    """``(cluster_index, counts)``: each row's cluster and, per bootstrap replicate, how often
    each cluster is drawn (``(n_boot, n_clusters)``, clusters drawn with replacement)."""
    codes, cl = np.unique(np.asarray(cluster), return_inverse=True)
    k = codes.size
    g = as_generator(rng)
    idx = g.integers(0, k, size=(n_boot, k)) + (np.arange(n_boot) * k)[:, None]
    counts = np.bincount(idx.ravel(), minlength=n_boot * k).reshape(n_boot, k)
    return cl.astype(np.int64), counts.astype(np.float64)


def brier_skill(
    p: FloatArray,
    p_ref: FloatArray,
    y: FloatArray,
    cluster: Sequence[int] | NDArray[np.int64],
    *,
    n_boot: int = 1000,
    level: float = 0.9,
    rng: RNGLike = 0,
    draws: tuple[NDArray[np.int64], FloatArray] | None = None,
) -> tuple[float, float, float]:
    """``(bss, low, high)``: Brier skill score of ``p`` against ``p_ref`` and its ``level``
    percentile interval from a bootstrap over clusters (pairs).

    Each replicate draws ``n_clusters`` clusters with replacement; the skill score of the
    replicate is computed from per-cluster sums of squared errors (one matrix product).
    ``draws`` (from :func:`cluster_draws`) lets several forecasts share the same replicates.
    Returns nans when there are no rows or the reference is perfect.
    """
    y = np.asarray(y, float)
    if y.size == 0:
        return float("nan"), float("nan"), float("nan")
    cl, counts = draws if draws is not None else cluster_draws(cluster, n_boot, rng)
    k = counts.shape[1]
    se_m = _cluster_sums((np.asarray(p, float) - y) ** 2, cl, k)
    se_r = _cluster_sums((np.asarray(p_ref, float) - y) ** 2, cl, k)
    if se_r.sum() == 0:
        return float("nan"), float("nan"), float("nan")
    bss = 1.0 - se_m.sum() / se_r.sum()
    num, den = counts @ se_m, counts @ se_r
    ok = den > 0
    reps = 1.0 - num[ok] / den[ok]
    a = (1.0 - level) / 2.0
    lo, hi = np.quantile(reps, [a, 1.0 - a]) if reps.size else (np.nan, np.nan)
    return float(bss), float(lo), float(hi)


def average_precision_change(p: FloatArray, y: FloatArray, y_base: FloatArray) -> float | None:
    """Average precision of the implied change probability over the pairs that changed.

    ``y_base`` is 1 where the pair was ``same`` at the base, else 0. ``None`` when no pair
    changed (the score is undefined).

    Examples
    --------
    >>> import numpy as np
    >>> yb = np.array([1.0, 1.0, 0.0, 0.0]); y = np.array([1.0, 0.0, 0.0, 1.0])
    >>> average_precision_change(np.array([0.9, 0.2, 0.1, 0.8]), y, yb)
    1.0
    """
    from sklearn.metrics import average_precision_score

    changed = (np.asarray(y) != np.asarray(y_base)).astype(int)
    if changed.sum() == 0:
        return None
    p_change = np.where(np.asarray(y_base) > 0.5, 1.0 - np.asarray(p), np.asarray(p))
    return float(average_precision_score(changed, p_change))


def reliability_equal_count(p: FloatArray, y: FloatArray, bins: int = 10) -> list[dict[str, float]]:
    """Reliability table with equal-count bins: rows sorted by forecast, cut into ``bins``
    groups of (nearly) equal size; per group the count, mean forecast and observed share.

    Examples
    --------
    >>> import numpy as np
    >>> t = reliability_equal_count(np.array([0.1, 0.2, 0.8, 0.9]), np.array([0., 0., 1., 1.]), 2)
    >>> [(r["n"], round(r["mean_p"], 2), r["observed"]) for r in t]
    [(2, 0.15, 0.0), (2, 0.85, 1.0)]
    """
    p = np.asarray(p, float)
    y = np.asarray(y, float)
    order = np.argsort(p, kind="stable")
    out = []
    for chunk in np.array_split(order, min(bins, max(p.size, 1))):
        if chunk.size:
            out.append(
                {
                    "n": int(chunk.size),
                    "mean_p": float(p[chunk].mean()),
                    "observed": float(y[chunk].mean()),
                }
            )
    return out


def calibration_gap(table: Sequence[dict[str, float]], min_n: int = 50) -> float | None:
    """Largest ``|mean_p - observed|`` over the bins with at least ``min_n`` rows.

    Examples
    --------
    >>> calibration_gap([{"n": 60, "mean_p": 0.2, "observed": 0.27}, {"n": 5, "mean_p": 0.9,
    ...                  "observed": 0.1}])
    0.07
    """
    gaps = [abs(r["mean_p"] - r["observed"]) for r in table if r["n"] >= min_n]
    return round(float(max(gaps)), 6) if gaps else None
