"""Steepest descent in the k-bloc landscape, vectorised over ensemble members (private).

Members that draw three blocs start from their two-bloc global minimum and move one actor at a
time to the bloc (existing or new) that lowers the landscape energy most (Axelrod & Bennett
1993), until no single move helps: a local minimum of the k-bloc landscape reached from the
two-bloc prediction. Exact k-bloc enumeration (``engines.alignment``) costs about 40 times
more per member at 12 players; the descent is exact for the question "does some actor gain by
leaving its bloc for a third one".

Examples
--------
>>> import numpy as np
>>> s = np.ones((1, 3)); p = np.array([[[0, -1, -1], [-1, 0, -1], [-1, -1, 0.]]])
>>> a = descend_k_blocs(s, p, np.array([[0, 1, 1]], np.int8), 3)
>>> sorted(a[0].tolist())  # three mutual enemies end in three blocs
[0, 1, 2]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["descend_k_blocs"]


def descend_k_blocs(
    sizes: NDArray[np.float64],
    propensity: NDArray[np.float64],
    start: NDArray[np.int8],
    k: int,
    *,
    tol: float = 1e-12,
    max_steps: int | None = None,
) -> NDArray[np.int8]:
    """Steepest single-actor descent from ``start`` with up to ``k`` blocs.

    Parameters
    ----------
    sizes : ndarray (B, n)
    propensity : ndarray (B, n, n)
    start : ndarray (B, n) of bloc labels in ``[0, k)``
    k : int

    Returns
    -------
    ndarray (B, n) of int8
        A configuration where no single actor's move lowers the energy.
    """
    s = np.asarray(sizes, dtype=float)
    w = s[:, :, None] * s[:, None, :] * np.asarray(propensity, dtype=float)
    n = s.shape[1]
    w[:, np.arange(n), np.arange(n)] = 0.0
    w = 0.5 * (w + np.swapaxes(w, 1, 2))
    a = np.asarray(start, dtype=np.int64).copy()
    rows = np.arange(a.shape[0])
    scale = np.abs(w).max(axis=(1, 2)) + 1e-300
    for _ in range(max_steps or 4 * n):
        onehot = (a[:, :, None] == np.arange(k)[None, None, :]).astype(float)
        sb = np.einsum("bij,bjc->bic", w, onehot)  # (B, n, k): tie to each bloc
        own = np.take_along_axis(sb, a[:, :, None], axis=2)
        delta = own - sb  # energy change of moving i to bloc c
        flat = delta.reshape(a.shape[0], n * k)
        pick = np.argmin(flat, axis=1)
        best = flat[rows, pick]
        move = best < -tol * scale
        if not move.any():
            break
        i, c = pick // k, pick % k
        a[rows[move], i[move]] = c[move]
    return a.astype(np.int8)
