"""Median voter positions: the Condorcet (pairwise-vote) median and the weighted median.

Both are models of their own (the median voter theorem: Black 1948) and the expected-utility
model's reference point. Weights are capability x salience.

With votes linear in distance, position p beats position m in a pairwise vote exactly when
``sum_k w_k |x_k - p| < sum_k w_k |x_k - m|``; the Condorcet winner among the actors' positions is
therefore the position minimising the weighted absolute distance (ties: the lowest), which is also
the lower weighted median. Both functions are vectorised over a leading batch axis.

References
----------
Black, D. (1948). On the rationale of group decision-making. *J. Political Economy*, 56(1), 23-34.

Bueno de Mesquita, B. (1994). Political forecasting: an expected utility method (p. 79).

Examples
--------
>>> weighted_median([4, 7, 10], [0.248, 0.093, 0.336])
array(7.)
>>> condorcet_median([[4, 7, 10], [0, 1, 2]], [[0.248, 0.093, 0.336], [1, 1, 5]]).tolist()
[7.0, 2.0]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from realpolitik.engines.bargaining._arrays import as_batch, validate_inputs
from realpolitik.engines.bargaining.result import BargainResult

__all__ = ["condorcet_median", "median_voter", "weighted_median"]


def _shape_back(values: NDArray[np.float64], batch_shape: tuple[int, ...]) -> NDArray[np.float64]:
    return values.reshape(batch_shape)


def condorcet_median(positions: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """The actor position that beats every other in pairwise votes weighted by ``weights``.

    Parameters
    ----------
    positions : array_like, shape (..., n)
        Positions of n actors (any leading batch shape).
    weights : array_like, broadcastable to ``positions``
        Non-negative vote weights (capability x salience).

    Returns
    -------
    ndarray, shape (...)
        The winning position per issue; ties go to the lowest position.

    Notes
    -----
    O(n^2) per issue. Voter k's vote between positions p and m is
    ``w_k (|x_k - m| - |x_k - p|)`` (linear utilities); the winner minimises
    ``D(p) = sum_k w_k |x_k - p|`` over the actors' positions.
    """
    batch_shape, (x2, w2) = as_batch(positions, weights)
    return _shape_back(_condorcet_2d(x2, w2), batch_shape)


def _condorcet_2d(x: NDArray[np.float64], w: NDArray[np.float64]) -> NDArray[np.float64]:
    dist = np.abs(x[:, :, None] - x[:, None, :])  # [b, k, p]
    d = np.einsum("bk,bkp->bp", w, dist)
    dmin = d.min(axis=1, keepdims=True)
    tol = 1e-12 * np.maximum(1.0, np.abs(d).max(axis=1, keepdims=True))
    cand = np.where(d <= dmin + tol, x, np.inf)
    out: NDArray[np.float64] = cand.min(axis=1)
    return out


def weighted_median(positions: ArrayLike, weights: ArrayLike) -> NDArray[np.float64]:
    """The lower weighted median: the first position where cumulative weight reaches half.

    Parameters
    ----------
    positions : array_like, shape (..., n)
    weights : array_like, broadcastable to ``positions``
        Non-negative weights with a positive sum per issue.

    Returns
    -------
    ndarray, shape (...)

    Notes
    -----
    O(n log n) per issue (one sort).
    """
    batch_shape, (x2, w2) = as_batch(positions, weights)
    order = np.argsort(x2, axis=1, kind="stable")
    xs = np.take_along_axis(x2, order, axis=1)
    ws = np.take_along_axis(w2, order, axis=1)
    cum = np.cumsum(ws, axis=1)
    half = 0.5 * cum[:, -1:]
    tol = 1e-12 * np.maximum(1.0, cum[:, -1:])
    idx = np.argmax(cum >= half - tol, axis=1)
    out = xs[np.arange(xs.shape[0]), idx]
    return _shape_back(out, batch_shape)


def median_voter(
    positions: ArrayLike,
    capabilities: ArrayLike,
    saliences: ArrayLike,
    *,
    kind: str = "condorcet",
) -> BargainResult:
    """The median voter model: forecast = the capability x salience weighted median position.

    Parameters
    ----------
    positions : array_like, shape (..., n)
    capabilities : array_like, broadcastable, positive
    saliences : array_like, broadcastable, in [0, 1]
    kind : {"condorcet", "weighted_median"}
        Which median (see the module docstring).

    Returns
    -------
    BargainResult
        One round (round 0, the input); ``forecast`` is the median.

    Examples
    --------
    >>> r = median_voter([4, 7, 10], [1, 1, 1], [0.2, 0.3, 0.6])
    >>> float(r.forecast)
    10.0
    """
    if kind not in ("condorcet", "weighted_median"):
        raise ValueError("kind must be 'condorcet' or 'weighted_median'")
    batch_shape, (x, c, s) = as_batch(positions, capabilities, saliences)
    validate_inputs(x, c, s)
    w = c * s
    med = _condorcet_2d(x, w) if kind == "condorcet" else weighted_median(x, w)
    mean = (w * x).sum(axis=1) / w.sum(axis=1)
    return BargainResult.static("median", x, batch_shape, med, mean, med)
