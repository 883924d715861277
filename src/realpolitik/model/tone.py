"""Event tone: the one definition of the per-dyad tone of coded events.

The tone of an unordered dyad is the confidence-weighted mean Goldstein (1992) score of its
events divided by 10, clipped to [-1, 1]; weights are ``max(confidence, 1e-6)`` so a zero
confidence still counts a little. The store's queries (:func:`realpolitik.store.queries.dyad_tone`,
``relation_candidates``) and the lenses (:func:`realpolitik.lenses.state.tone_from_items`) all
compute it here.

Examples
--------
>>> dyad_tone_of([("USA", "JPN", -5.0, 1.0), ("JPN", "USA", 3.0, 1.0), ("JPN", "JPN", 9.0, 1.0)])
{('JPN', 'USA'): -0.1}

References
----------
Goldstein, J. S. (1992). A conflict-cooperation scale for WEIS events data. *Journal of Conflict
Resolution* 36(2), 369-385.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

__all__ = ["dyad", "dyad_tone_of", "tone"]


def dyad(a: str, b: str) -> tuple[str, str]:
    """The unordered pair ``(a, b)`` in alphabetical order."""
    return (a, b) if a <= b else (b, a)


def tone(events: Iterable[tuple[float, float]]) -> float:
    """Tone of ``(goldstein, confidence)`` events: weighted mean / 10, clipped to [-1, 1]."""
    num = den = 0.0
    for g, conf in events:
        w = max(float(conf), 1e-6)
        num += w * float(g)
        den += w
    return max(-1.0, min(1.0, num / den / 10.0))


def dyad_tone_of(
    events: Iterable[tuple[str, str, float, float]],
) -> dict[tuple[str, str], float]:
    """Per-dyad :func:`tone` of ``(source, target, goldstein, confidence)`` events (self-pairs
    are left out), keys sorted."""
    by: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for a, b, g, conf in events:
        if a != b:
            by[dyad(a, b)].append((g, conf))
    return {k: tone(by[k]) for k in sorted(by)}
