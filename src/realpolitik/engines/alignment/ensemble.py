"""Two-bloc landscape solutions for many small systems at once (ensemble members).

The scenario engine needs, for thousands of ensemble members with the same actors, the
predicted (lowest-energy) two-bloc configuration and the number of local minima. For small
``n`` this is exact enumeration of the ``2**(n-1)`` configurations (actor 0 fixed in bloc 0),
vectorised over members: the same enumeration as the landscape's
(:func:`realpolitik.engines.alignment._enumerate.two_bloc_minima_batch`).

With spins ``x_i = ±1`` and ``W_ij = s_i s_j p_ij`` (zero diagonal), the landscape energy of
Axelrod & Bennett (1993), summed over ordered pairs, is

    E(x) = sum_{i != j} W_ij (1 - x_i x_j) / 2 = (sum W - x^T W x) / 2,

and switching actor ``i`` changes it by ``2 x_i (W x)_i``. A configuration is a local minimum
when no switch lowers the energy (all changes ``>= -tol``).

References
----------
Axelrod, R., & Bennett, D. S. (1993). A landscape theory of aggregation. *British Journal of
Political Science*, 23(2), 211-233.

Examples
--------
>>> import numpy as np
>>> s = np.ones((1, 3)); p = np.array([[[0, 1, -1], [1, 0, -1], [-1, -1, 0.]]])
>>> res = solve_two_blocs(s, p)
>>> res.assignment[0].tolist(), float(res.energy[0]), int(res.n_minima[0])
([0, 0, 1], -4.0, 1)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from realpolitik.engines.alignment._enumerate import two_bloc_minima_batch

__all__ = ["EnsembleLandscape", "solve_two_blocs"]

MAX_N = 22
"""Largest system solved by exact enumeration here (2**21 configurations per member)."""


@dataclass(frozen=True)
class EnsembleLandscape:
    """Per-member landscape solution.

    Attributes
    ----------
    assignment : ndarray of int8, shape (B, n)
        Bloc (0 or 1) of each actor in the global minimum; actor 0 is in bloc 0.
    energy : ndarray, shape (B,)
        Global minimum energy (sum over ordered pairs).
    n_minima : ndarray of int, shape (B,)
        Number of local minima (configurations no single switch improves).
    gap : ndarray, shape (B,)
        Energy of the second-best local minimum minus the global minimum (``inf`` if unique).
    """

    assignment: NDArray[np.int8]
    energy: NDArray[np.float64]
    n_minima: NDArray[np.int64]
    gap: NDArray[np.float64]


def solve_two_blocs(
    sizes: NDArray[np.float64],
    propensity: NDArray[np.float64],
    *,
    tol: float = 1e-9,
    chunk: int = 256,
) -> EnsembleLandscape:
    """Exact two-bloc landscape solutions for a batch of systems.

    Parameters
    ----------
    sizes : ndarray, shape (B, n)
        Actor sizes (> 0) per member.
    propensity : ndarray, shape (B, n, n)
        Symmetric propensities per member (the diagonal is ignored).
    tol : float
        Tolerance of the local-minimum test, relative to the largest ``|W_ij|``.
    chunk : int
        Members per block of work (bounds memory at ``chunk * 2**(n-1) * n`` floats).

    Returns
    -------
    EnsembleLandscape

    Notes
    -----
    Time and memory are ``O(B * 2**(n-1) * n)``; for ``n = 12`` about 1 ms per member on
    one core. Ties between equal-energy configurations go to the lowest configuration
    index (deterministic).
    """
    s = np.asarray(sizes, dtype=np.float64)
    p = np.asarray(propensity, dtype=np.float64)
    if s.ndim != 2 or p.shape != (s.shape[0], s.shape[1], s.shape[1]):
        raise ValueError("sizes must be (B, n) and propensity (B, n, n)")
    b_total, n = s.shape
    w = s[:, :, None] * s[:, None, :] * p
    idx = np.arange(n)
    w[:, idx, idx] = 0.0
    w = 0.5 * (w + np.swapaxes(w, 1, 2))
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n must lie in [1, {MAX_N}] for exact enumeration")
    code = np.zeros(b_total, dtype=np.int64)
    energy = np.zeros(b_total)
    n_minima = np.zeros(b_total, dtype=np.int64)
    second = np.zeros(b_total)
    for start in range(0, b_total, chunk):
        wb = w[start : start + chunk]
        scale = np.abs(wb).max(axis=(1, 2)) + 1e-300
        part = slice(start, start + wb.shape[0])
        code[part], energy[part], n_minima[part], second[part] = two_bloc_minima_batch(
            wb, tol * scale
        )
    assignment = np.zeros((b_total, n), dtype=np.int8)
    assignment[:, 1:] = (code[:, None] >> np.arange(n - 1)) & 1
    gap = second - energy
    return EnsembleLandscape(assignment=assignment, energy=energy, n_minima=n_minima, gap=gap)
