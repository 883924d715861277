"""The compromise model: the capability x salience weighted mean of positions.

Actors are pulled towards a bargain in proportion to how much weight they carry and how much
they care; the forecast is ``sum_i c_i s_i x_i / sum_i c_i s_i``. On EU legislative decisions this
simple model has forecast outcomes at least as well as the expected-utility model (Achen 2006;
Thomson et al. 2006), which makes it the yardstick every bargaining model here is measured against.

References
----------
Achen, C. H. (2006). Evaluating political decision-making models. In R. Thomson, F. Stokman,
C. Achen & T. Koenig (Eds.), *The European Union Decides* (pp. 264-298). Cambridge UP.

Thomson, R., Stokman, F., Achen, C., & Koenig, T. (Eds.) (2006). *The European Union Decides*.
Cambridge UP.

Examples
--------
>>> r = compromise([4, 7, 10], [1, 1, 1], [0.5, 0.5, 1.0])
>>> float(r.forecast)
7.75
"""

from __future__ import annotations

from numpy.typing import ArrayLike

from realpolitik.engines.bargaining._arrays import as_batch, validate_inputs
from realpolitik.engines.bargaining.median import _condorcet_2d
from realpolitik.engines.bargaining.result import BargainResult

__all__ = ["compromise"]


def compromise(
    positions: ArrayLike, capabilities: ArrayLike, saliences: ArrayLike
) -> BargainResult:
    """Forecast every issue by the capability x salience weighted mean of positions.

    Parameters
    ----------
    positions : array_like, shape (..., n)
        Positions of n actors; leading axes are a batch of issues or Monte Carlo draws.
    capabilities : array_like, broadcastable to ``positions``
        Positive capabilities.
    saliences : array_like, broadcastable to ``positions``
        Saliences in [0, 1]; at least one positive per issue.

    Returns
    -------
    BargainResult
        Round 0 only (the model is static); ``forecast`` is the weighted mean.

    Raises
    ------
    ValueError
        For non-positive capabilities, saliences outside [0, 1] or all-zero saliences.

    Notes
    -----
    O(n) per issue.
    """
    batch_shape, (x, c, s) = as_batch(positions, capabilities, saliences)
    validate_inputs(x, c, s)
    w = c * s
    mean = (w * x).sum(axis=1) / w.sum(axis=1)
    med = _condorcet_2d(x, w)
    return BargainResult.static("compromise", x, batch_shape, med, mean, mean)
