"""Named baselines of the backtest, each from what is known at the base year only.

* **persistence** ``0/1``: the base year's observed same-side (pairs not scored at the base:
  the base rate); ``smoothed``: the same, pulled towards the opposite by the share ``e`` of
  pairs that changed side over the last ``h`` years (base - h to base), floored at 1% and
  capped at 50% (a flip rate above one half would invert the forecast):
  ``p = e + (1 - 2e) * same``.
* **alliances**: 1 when the pair is in one connected component of the ATOP defence-pact graph
  of the base year, else 0.
* **base_rate**: the share of scored pairs on one side at the base year, for every pair.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from realpolitik.history.observed import ObservedAlignment
from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.players import ccode

__all__ = ["MAX_FLIP", "MIN_FLIP", "base_rate", "defence_components", "flip_rate", "persistence"]

MIN_FLIP = 0.01
"""Floor of the smoothing share of persistence."""

MAX_FLIP = 0.5
"""Cap of the smoothing share: at 0.5 persistence says nothing, above it would invert."""


def base_rate(obs: ObservedAlignment) -> float:
    """Share of scored pairs on one side (0.5 when no pair is scored)."""
    vals = [obs.same_side(a, b) for i, a in enumerate(obs.players) for b in obs.players[i + 1 :]]
    scored = [v for v in vals if v is not None]
    return float(np.mean(scored)) if scored else 0.5


def flip_rate(before: ObservedAlignment, after: ObservedAlignment) -> float:
    """Share of pairs scored in both years whose same-side changed, in [MIN_FLIP, MAX_FLIP].

    >>> from realpolitik.history.observed import observed_alignment
    >>> ps = ("USA", "CHN", "RUS", "JPN")
    >>> flip_rate(observed_alignment(1960, ps), observed_alignment(1980, ps)) <= MAX_FLIP
    True
    """
    changed = []
    for i, a in enumerate(after.players):
        for b in after.players[i + 1 :]:
            s0, s1 = before.same_side(a, b), after.same_side(a, b)
            if s0 is not None and s1 is not None:
                changed.append(s0 != s1)
    rate = float(np.mean(changed)) if changed else MIN_FLIP
    return min(max(rate, MIN_FLIP), MAX_FLIP)


def persistence(
    obs: ObservedAlignment, a: Sequence[str], b: Sequence[str], eps: float = 0.0
) -> NDArray[np.float64]:
    """Persistence probabilities for the pairs ``(a[r], b[r])``."""
    rate = base_rate(obs)
    out = np.empty(len(a))
    for r, (u, v) in enumerate(zip(a, b, strict=True)):
        s = obs.same_side(u, v)
        out[r] = rate if s is None else eps + (1 - 2 * eps) * float(s)
    return out


def defence_components(
    year: int, players: Sequence[str], panel: Panel | None = None
) -> dict[str, int]:
    """Component id of each player in the ATOP defence-pact graph of ``year``."""
    p = (panel or load_panel()).upto(year)
    d = p.atop[p.atop["atop_defense"] == 1]
    label = {a: k for k, a in enumerate(players)}
    if not d.empty:
        d = d[d["year"] == int(d["year"].max())]
        cc = {ccode(a): a for a in players}
        changed = True
        pairs = [
            (cc[int(u)], cc[int(v)])
            for u, v in zip(d["ccode1"], d["ccode2"], strict=True)
            if int(u) in cc and int(v) in cc
        ]
        while changed:
            changed = False
            for u, v in pairs:
                m = min(label[u], label[v])
                if label[u] != m or label[v] != m:
                    label[u] = label[v] = m
                    changed = True
    return label
