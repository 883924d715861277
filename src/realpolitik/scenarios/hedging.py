"""Hedgers and bloc leaders: who adds capability to a bloc, and whom a bloc is named after.

The alignment engine puts every player in a bloc, but a state whose assignment is weak sits
on a ridge of the landscape: moving it to another bloc costs almost nothing. Such a state is
said to *hedge* (India, Vietnam and Indonesia are the region's classic hedgers) and counts
its capability towards no bloc.

**The rule** (:func:`hedging_mask`). For player ``i`` in bloc ``a`` of a member's predicted
configuration, with capability shares ``s`` and propensities ``p``, its *tie* to bloc ``c`` is
``t_ic = sum_{j in c, j != i} s_j p_ij``; its *assignment margin* is

    ``m_i = (t_ia - max_{c != a} t_ic) / sum_{j != i} s_j |p_ij|``,

the energy it would release by moving to its best alternative bloc (an empty bloc, tie 0,
counts as an alternative in members that draw three blocs), as a fraction of all its weighted
ties. ``i`` hedges when ``m_i`` is below :data:`HEDGE_MARGIN` (a judgement: a tenth of its ties).
A bloc's most capable member (its leader, :func:`bloc_leaders`) never hedges: a bloc is named
after it, and a leader that stood aside would leave the bloc unnamed. Absorbed players
(share 0) do not hedge.

Examples
--------
>>> import numpy as np
>>> s = np.array([[0.4, 0.4, 0.2]])
>>> p = np.array([[[0, -1, 0.05], [-1, 0, 0.045], [0.05, 0.045, 0]]])
>>> hedging_mask(s, p, np.array([[0, 1, 0]], np.int8), np.array([2])).tolist()
[[False, False, True]]
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["HEDGE_MARGIN", "assignment_margins", "bloc_leaders", "hedging_mask"]

HEDGE_MARGIN = 0.1
"""A player whose assignment margin is below this fraction of its weighted ties hedges (a
judgement, not fitted: no data set records hedging)."""

_LABELS = 3
"""Bloc labels an ensemble member can use (two or three blocs)."""


def assignment_margins(
    sizes: NDArray[np.float64],
    propensity: NDArray[np.float64],
    blocs: NDArray[np.integer],
    n_blocs: NDArray[np.integer],
) -> NDArray[np.float64]:
    """Each player's assignment margin ``m_i`` (see the module docstring), ``(B, n)``.

    A player with no weighted tie at all has margin 0.
    """
    s = np.asarray(sizes, dtype=float)
    w = np.asarray(propensity, dtype=float) * s[:, None, :]
    n = s.shape[1]
    w[:, np.arange(n), np.arange(n)] = 0.0
    b = np.asarray(blocs, dtype=np.int64)
    onehot = (b[:, :, None] == np.arange(_LABELS)[None, None, :]).astype(float)
    tie = np.einsum("bij,bjc->bic", w, onehot)
    own = np.take_along_axis(tie, b[:, :, None], axis=2)[:, :, 0]
    allowed = np.arange(_LABELS)[None, None, :] < np.asarray(n_blocs)[:, None, None]
    other = allowed & (np.arange(_LABELS)[None, None, :] != b[:, :, None])
    best = np.where(other, tie, -np.inf).max(axis=2)
    scale = np.abs(w).sum(axis=2)
    out: NDArray[np.float64] = np.where(scale > 0, (own - best) / np.where(scale > 0, scale, 1), 0)
    return out


def bloc_leaders(blocs: NDArray[np.integer], shares: NDArray[np.float64]) -> NDArray[np.int64]:
    """Index of the most capable member of each bloc label, ``(B, 3)``; -1 for an empty label.

    Examples
    --------
    >>> import numpy as np
    >>> bloc_leaders(np.array([[0, 1, 1]]), np.array([[0.2, 0.3, 0.5]])).tolist()
    [[0, 2, -1]]
    """
    b = np.asarray(blocs, dtype=np.int64)
    s = np.asarray(shares, dtype=float)
    inside = b[:, :, None] == np.arange(_LABELS)[None, None, :]
    masked = np.where(inside, s[:, :, None], -np.inf)
    lead = np.argmax(masked, axis=1)
    out: NDArray[np.int64] = np.where(inside.any(axis=1), lead, -1)
    return out


def hedging_mask(
    sizes: NDArray[np.float64],
    propensity: NDArray[np.float64],
    blocs: NDArray[np.integer],
    n_blocs: NDArray[np.integer],
    margin: float = HEDGE_MARGIN,
) -> NDArray[np.bool_]:
    """Which players hedge, ``(B, n)`` (see the module docstring for the rule)."""
    s = np.asarray(sizes, dtype=float)
    hedge = assignment_margins(s, propensity, blocs, n_blocs) < margin
    lead = bloc_leaders(blocs, s)
    rows = np.arange(s.shape[0])[:, None]
    is_leader = np.zeros_like(hedge)
    ok = lead >= 0
    is_leader[np.broadcast_to(rows, lead.shape)[ok], lead[ok]] = True
    out: NDArray[np.bool_] = hedge & ~is_leader & (s > 1e-12)
    return out
