"""Multi-start steepest descent: the landscape heuristic for regions too big to enumerate.

Exact enumeration of the two-bloc landscape costs ``2**(n-1)`` configurations per member; for a
region of more than :data:`EXACT_MAX` players (``world`` has about 190) the backtest uses this
heuristic instead, and labels the landscape rows ``landscape (heuristic: multi-start
descent)``. Per member, ``starts`` random configurations each descend by single switches (the
switch that lowers the energy most, until none does) to a local minimum; the member keeps the
lowest-energy minimum found. With spins ``x_i = ±1`` and ``W_ij = s_i s_j p_ij``, switching
``i`` changes the energy by ``2 x_i (W x)_i`` (:mod:`realpolitik.engines.alignment.ensemble`);
the field ``W x`` is updated in ``O(n)`` per switch.

It finds *a* low local minimum with no certificate that it is the global one; with enough
starts it usually is (the test compares it with exact enumeration on small systems).

Examples
--------
>>> import numpy as np
>>> s = np.ones((1, 3)); p = np.array([[[0, 1, -1], [1, 0, -1], [-1, -1, 0.]]])
>>> descend_two_blocs(s, p, rng=0).assignment[0].tolist()
[0, 0, 1]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from realpolitik._rng import RNGLike, as_generator
from realpolitik.engines.alignment.ensemble import EnsembleLandscape

__all__ = ["DEFAULT_STARTS", "EXACT_MAX", "descend_two_blocs"]

EXACT_MAX = 14
"""Largest region whose landscape the backtest enumerates exactly (within its time budget)."""
DEFAULT_STARTS = 4
"""Random starts per member."""


def _descend(w: NDArray[np.float64], x: NDArray[np.float64], tol: float) -> NDArray[np.float64]:
    """Steepest single-switch descent of every configuration ``x[c]`` under ``w[c]``."""
    f = np.einsum("cij,cj->ci", w, x)
    rows = np.arange(x.shape[0])
    for _ in range(4 * x.shape[1] + 4):
        delta = x * f
        i = np.argmin(delta, axis=1)
        move = delta[rows, i] < -tol
        if not move.any():
            break
        r, k = rows[move], i[move]
        xi = x[r, k]
        f[r] -= 2.0 * xi[:, None] * w[r, k, :]
        x[r, k] = -xi
    return x


def descend_two_blocs(
    sizes: NDArray[np.float64],
    propensity: NDArray[np.float64],
    *,
    starts: int = DEFAULT_STARTS,
    rng: RNGLike = 0,
    chunk: int = 32,
) -> EnsembleLandscape:
    """Low local minima of a batch of two-bloc landscapes (the signature of
    :func:`realpolitik.engines.alignment.ensemble.solve_two_blocs`).

    ``n_minima`` is not known (-1) and ``gap`` is ``nan``.
    """
    s = np.asarray(sizes, dtype=np.float64)
    p = np.asarray(propensity, dtype=np.float64)
    if s.ndim != 2 or p.shape != (s.shape[0], s.shape[1], s.shape[1]) or starts < 1:
        raise ValueError("sizes must be (B, n), propensity (B, n, n) and starts >= 1")
    b_total, n = s.shape
    g = as_generator(rng)
    assign = np.zeros((b_total, n), dtype=np.int8)
    energy = np.zeros(b_total)
    for lo in range(0, b_total, chunk):
        hi = min(lo + chunk, b_total)
        w = s[lo:hi, :, None] * s[lo:hi, None, :] * p[lo:hi]
        w = 0.5 * (w + np.swapaxes(w, 1, 2))
        w[:, np.arange(n), np.arange(n)] = 0.0
        wr = np.repeat(w, starts, axis=0)
        tol = 1e-9 * max(float(np.abs(w).max()), 1e-300)
        x = _descend(wr, g.choice([-1.0, 1.0], size=(wr.shape[0], n)), tol)
        e = 0.5 * (wr.sum(axis=(1, 2)) - np.einsum("ci,cij,cj->c", x, wr, x))
        e = e.reshape(hi - lo, starts)
        best = np.argmin(e, axis=1)
        xb = x.reshape(hi - lo, starts, n)[np.arange(hi - lo), best]
        xb = xb * np.where(xb[:, :1] < 0, -1.0, 1.0)
        assign[lo:hi] = (xb < 0).astype(np.int8)
        energy[lo:hi] = e[np.arange(hi - lo), best]
    return EnsembleLandscape(
        assignment=assign,
        energy=energy,
        n_minima=np.full(b_total, -1, dtype=np.int64),
        gap=np.full(b_total, np.nan),
    )
