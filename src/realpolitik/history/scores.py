"""Scores of pair probabilities and partitions (pure numpy).

* **accuracy**: share of pairs where ``p >= 0.5`` matches the outcome;
* **Brier**: mean ``(p - y)^2`` (lower is better; 0.25 for a coin);
* **log score**: mean ``log p(outcome)``, ``p`` clipped to ``[0.001, 0.999]`` so a 0/1
  forecast that fails scores ``log 0.001 = -6.9`` instead of minus infinity (higher is better);
* **average precision** of a score for rare events (the pairs that changed): the mean, over
  the positives, of the precision at their rank (ties at one threshold count together, as
  in scikit-learn's ``average_precision_score``); the share of positives for a constant;
* **adjusted Rand index** of two partitions (Hubert & Arabie 1985): 1 identical, about 0 for
  chance agreement.

Hubert, L., & Arabie, P. (1985). Comparing partitions. *Journal of Classification*, 2, 193-218.

Examples
--------
>>> import numpy as np
>>> y = np.array([1.0, 0.0, 1.0, 1.0]); p = np.array([0.9, 0.2, 0.4, 1.0])
>>> accuracy(p, y), round(brier(p, y), 4)
(0.75, 0.1025)
>>> adjusted_rand([0, 0, 1, 1], [1, 1, 0, 0]), round(adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]), 3)
(1.0, -0.5)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from realpolitik.history.fit import log_score

__all__ = [
    "LOG_EPS",
    "accuracy",
    "adjusted_rand",
    "average_precision",
    "brier",
    "log_score",
    "reliability",
]

LOG_EPS = 1e-3
"""Clip of probabilities in the log score."""


def accuracy(p: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Share of pairs where ``p >= 0.5`` agrees with ``y`` (nan when empty)."""
    if y.size == 0:
        return float("nan")
    return float(np.mean((p >= 0.5) == (y > 0.5)))


def average_precision(p: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Average precision of scores ``p`` for the positives ``y`` (nan without positives).

    >>> import numpy as np
    >>> average_precision(np.array([0.9, 0.8, 0.1]), np.array([1.0, 0.0, 1.0]))
    0.8333333333333333
    """
    pos = y > 0.5
    if not pos.any():
        return float("nan")
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], pos[order].astype(float)
    tp = np.cumsum(ys)
    fp = np.cumsum(1.0 - ys)
    last = np.r_[np.flatnonzero(np.diff(ps)), ps.size - 1]
    precision = tp[last] / (tp[last] + fp[last])
    recall = tp[last] / tp[-1]
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def reliability(
    p: NDArray[np.float64], y: NDArray[np.float64], bins: int = 10
) -> list[dict[str, float]]:
    """Calibration table of a reliability diagram: per bin of forecast probability (equal
    widths on [0, 1], the last one closed), the pair count, mean forecast and observed share.

    Empty bins are left out.

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([0.05, 0.1, 0.95, 1.0]); y = np.array([0.0, 1.0, 1.0, 1.0])
    >>> [(r["n"], round(r["mean_p"], 3), r["observed"]) for r in reliability(p, y, bins=2)]
    [(2, 0.075, 0.5), (2, 0.975, 1.0)]
    """
    edges = np.linspace(0.0, 1.0, bins + 1)
    idx = np.clip(np.digitize(p, edges) - 1, 0, bins - 1)
    out = []
    for b in range(bins):
        m = idx == b
        if m.any():
            out.append(
                {
                    "low": float(edges[b]),
                    "high": float(edges[b + 1]),
                    "n": int(m.sum()),
                    "mean_p": float(p[m].mean()),
                    "observed": float(y[m].mean()),
                }
            )
    return out


def brier(p: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """Mean squared error of the probabilities (nan when empty)."""
    if y.size == 0:
        return float("nan")
    return float(np.mean((p - y) ** 2))


def _comb2(x: NDArray[np.float64]) -> float:
    return float((x * (x - 1) / 2.0).sum())


def adjusted_rand(a: Sequence[object], b: Sequence[object]) -> float:
    """Adjusted Rand index of two labelings of the same items (1.0 when both are trivial)."""
    if len(a) != len(b):
        raise ValueError("the two partitions must label the same items")
    la = {v: i for i, v in enumerate(dict.fromkeys(a))}
    lb = {v: i for i, v in enumerate(dict.fromkeys(b))}
    table = np.zeros((len(la), len(lb)))
    for u, v in zip(a, b, strict=True):
        table[la[u], lb[v]] += 1
    n = float(len(a))
    index = _comb2(table)
    sa, sb = _comb2(table.sum(axis=1)), _comb2(table.sum(axis=0))
    expected = sa * sb / (n * (n - 1) / 2.0) if n > 1 else 0.0
    top = (sa + sb) / 2.0
    if top == expected:
        return 1.0
    return float((index - expected) / (top - expected))
