"""Pair tables: the terms of each pair at a base year beside what happened h years later.

One row per (base year, horizon, pair of players present at the base) whose outcome is scored
(both players in one component of the observed graph at ``base + h``, see
:mod:`realpolitik.history.observed`). Used by the weight fit and the backtest.

Examples
--------
>>> t = pair_table([1985], [5], ("CHN", "USA", "JPN", "RUS"))
>>> t.x.shape[1] == len(t.terms), set(t.y.tolist()) <= {0.0, 1.0}
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from realpolitik.history.observed import ObservedAlignment, observed_alignment
from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.players import ccode
from realpolitik.history.system import LAST_YEAR, players_at
from realpolitik.history.terms import HISTORY_TERMS, history_terms

__all__ = ["PairTable", "observed_cached", "pair_table"]


@lru_cache(maxsize=512)
def _observed(year: int, players: tuple[str, ...]) -> ObservedAlignment:
    return observed_alignment(year, players)


def observed_cached(
    year: int, players: Sequence[str], panel: Panel | None = None
) -> ObservedAlignment:
    """Observed alignment of the players present in ``year`` (cached for the shipped panel).

    Years after :data:`~realpolitik.history.system.LAST_YEAR` read the panel's last state.
    """
    y = min(int(year), LAST_YEAR)
    present = players_at(y, players, panel)
    if panel is not None:
        return observed_alignment(y, present, panel)
    return _observed(y, present)


@dataclass(frozen=True)
class PairTable:
    """Stacked pair rows.

    Attributes
    ----------
    terms : tuple of str
    x : ndarray (N, K)
        Raw terms at the base year.
    y : ndarray (N,)
        1.0 when the pair is on one side at base + h.
    y_base : ndarray (N,)
        Same-side at the base year: 1, 0, or nan when not scored then.
    base, horizon : ndarray of int (N,)
    a, b : tuple of str
        The pair (``a`` before ``b`` in the player order).
    """

    terms: tuple[str, ...]
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    y_base: NDArray[np.float64]
    base: NDArray[np.int64]
    horizon: NDArray[np.int64]
    a: tuple[str, ...]
    b: tuple[str, ...]

    def select(self, keep: NDArray[np.bool_]) -> PairTable:
        """The rows where ``keep`` is true."""
        idx = np.flatnonzero(keep)
        return PairTable(
            terms=self.terms,
            x=self.x[idx],
            y=self.y[idx],
            y_base=self.y_base[idx],
            base=self.base[idx],
            horizon=self.horizon[idx],
            a=tuple(self.a[k] for k in idx),
            b=tuple(self.b[k] for k in idx),
        )

    def embargo(self, first_test_base: int) -> PairTable:
        """Only the rows whose outcome year (base + h) falls before ``first_test_base``.

        >>> t = pair_table([1975, 1985], [5, 10], ("CHN", "USA", "JPN", "RUS"))
        >>> int((t.embargo(1990).base + t.embargo(1990).horizon).max()) < 1990
        True
        """
        return self.select(self.base + self.horizon < first_test_base)


def pair_table(
    bases: Sequence[int],
    horizons: Sequence[int],
    players: Sequence[str],
    panel: Panel | None = None,
) -> PairTable:
    """Rows for every base year, horizon and scored pair (see the module docstring)."""
    pan = panel or load_panel()
    xs: list[NDArray[np.float64]] = []
    ys: list[float] = []
    yb: list[float] = []
    bs: list[int] = []
    hs: list[int] = []
    aa: list[str] = []
    bb: list[str] = []
    for base in bases:
        present = players_at(base, players, pan)
        raw = history_terms(pan, [ccode(p) for p in present], base).raw
        ob = observed_cached(base, players, panel)
        for h in horizons:
            ot = observed_cached(base + h, players, panel)
            for i, a in enumerate(present):
                for j in range(i + 1, len(present)):
                    b = present[j]
                    s = ot.same_side(a, b)
                    if s is None:
                        continue
                    s0 = ob.same_side(a, b)
                    xs.append(raw[:, i, j])
                    ys.append(float(s))
                    yb.append(np.nan if s0 is None else float(s0))
                    bs.append(base)
                    hs.append(h)
                    aa.append(a)
                    bb.append(b)
    k = len(HISTORY_TERMS)
    return PairTable(
        terms=HISTORY_TERMS,
        x=np.array(xs).reshape(-1, k),
        y=np.array(ys),
        y_base=np.array(yb),
        base=np.array(bs, dtype=np.int64),
        horizon=np.array(hs, dtype=np.int64),
        a=tuple(aa),
        b=tuple(bb),
    )
