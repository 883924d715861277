"""What happened: the observed alignment of a year, from the panel by a fixed rule.

The rule (``docs/backtest.md``, "Observed alignment"), for the players in year T:

1. **Signed graph.** A pair is joined by a *negative* edge when a Thompson-Sakuwa-Suhas
   strategic rivalry is active in T; otherwise by a *positive* edge when an ATOP 5.1 defence
   pledge (either direction) is in force in T; otherwise by a *negative* edge when a CoW
   MID 5 dispute involved the pair in T-4 .. T. Other pairs have no edge. (Rivalry beats the
   pact so that the Sino-Soviet split shows although the 1950 treaty ran to 1980.) Sources
   that end before T are read at their last year, as for the systems.
2. **Camps.** The graph is split in two by the project's exact structural-balance engine
   (:func:`realpolitik.engines.alignment.balance.frustration`, minimum frustration).
3. **Which pairs count.** Same-side is defined only within a connected component of the
   graph: the relative side of two components is arbitrary. Players without any edge, and
   pairs in different components, are *unscored* (``None``). Within a component, a pair is
   also unscored when the optimal splits disagree on it (several bipartitions reach the
   minimum frustration and put the pair on one side in some, apart in others): the graph
   does not say where such a pair stands, and a tie broken by the solver is no observation.
   The optimal splits of a component are enumerated exactly (up to 16 players; larger
   components keep the engine's split only), and the count is checked against the engine.

This module reads the panel directly and shares no code with the prediction (the propensity
terms, weights or the landscape engine): the two cannot agree by construction.

Known weaknesses: defence pacts are the only positive evidence, so non-aligned states
(India, Indonesia) often have no edge; MIDs are counted whatever their level, so one naval
incident makes a pair "opposed" for five years; the balance split of a component with
frustrated edges may not be unique (the engine returns one optimum).

Examples
--------
>>> o = observed_alignment(1985, ("CHN", "USA", "JPN", "RUS", "PRK", "KOR"))
>>> o.same_side("USA", "JPN"), o.same_side("USA", "RUS"), o.same_side("KOR", "PRK")
(True, False, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from realpolitik.history.panel import Panel, load_panel
from realpolitik.history.players import ccode

__all__ = ["OBSERVED_MID_WINDOW", "ObservedAlignment", "observed_alignment", "signed_edges"]

OBSERVED_MID_WINDOW = 5
"""MIDs in the last five years (T-4 .. T) make a negative edge."""


@dataclass(frozen=True)
class ObservedAlignment:
    """Observed camps of one year.

    Attributes
    ----------
    year : int
    players : tuple of str
    edges : tuple of (str, str, int)
        The signed graph.
    side : dict
        Player -> 0/1 camp (players with an edge only); camp 0 holds the first player of
        each component.
    component : dict
        Player -> connected-component id (players with an edge only).
    frustration : int
        Frustrated edges of the split (summed over components).
    undetermined : frozenset of frozenset
        Pairs on one side in some optimal splits and apart in others (unscored).
    """

    year: int
    players: tuple[str, ...]
    edges: tuple[tuple[str, str, int], ...]
    side: dict[str, int]
    component: dict[str, int]
    frustration: int
    undetermined: frozenset[frozenset[str]] = frozenset()

    def same_side(self, a: str, b: str) -> bool | None:
        """``True``/``False`` for a scored pair, ``None`` when it is not scored."""
        ca, cb = self.component.get(a), self.component.get(b)
        if ca is None or cb is None or ca != cb or frozenset((a, b)) in self.undetermined:
            return None
        return self.side[a] == self.side[b]


def _year_rows(df: object, year: int, window: int = 1) -> set[tuple[int, int]]:
    import pandas as pd

    assert isinstance(df, pd.DataFrame)
    d = df[df["year"] <= year]
    if d.empty:
        return set()
    last = int(d["year"].max())
    d = d[d["year"] > last - window]
    return {(int(a), int(b)) for a, b in zip(d["ccode1"], d["ccode2"], strict=True)}


def signed_edges(
    year: int, players: Sequence[str], panel: Panel | None = None
) -> list[tuple[str, str, int]]:
    """The signed graph of ``year`` among ``players`` (rule in the module docstring)."""
    p = (panel or load_panel()).upto(year)
    riv = _year_rows(p.rivalry, year)
    atop = p.atop[p.atop["atop_defense"] == 1]
    pact = _year_rows(atop, year)
    mid = _year_rows(p.mid, year, OBSERVED_MID_WINDOW)
    edges = []
    for i, a in enumerate(players):
        for b in players[i + 1 :]:
            ca, cb = ccode(a), ccode(b)
            key = (min(ca, cb), max(ca, cb))
            if key in riv:
                edges.append((a, b, -1))
            elif key in pact:
                edges.append((a, b, 1))
            elif key in mid:
                edges.append((a, b, -1))
    return edges


def _components(players: Sequence[str], edges: Sequence[tuple[str, str, int]]) -> dict[str, int]:
    parent = {a: a for a in players}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    linked = {v for e in edges for v in e[:2]}
    roots: dict[str, int] = {}
    out: dict[str, int] = {}
    for a in players:
        if a in linked:
            out[a] = roots.setdefault(find(a), len(roots))
    return out


MAX_ENUMERATED = 16
"""Largest component whose optimal splits are all enumerated."""


def _undetermined(
    members: Sequence[str], edges: Sequence[tuple[str, str, int]], best: int
) -> set[frozenset[str]]:
    """Pairs whose same-side differs between the minimum-frustration splits."""
    import numpy as np

    m = len(members)
    if m > MAX_ENUMERATED or m < 3:
        return set()
    pos = {a: i for i, a in enumerate(members)}
    codes = np.arange(2 ** (m - 1), dtype=np.int64)[:, None]
    side = np.zeros((codes.shape[0], m), dtype=np.int64)
    side[:, 1:] = (codes >> np.arange(m - 1)) & 1
    frus = np.zeros(codes.shape[0], dtype=np.int64)
    for a, b, sign in edges:
        same = side[:, pos[a]] == side[:, pos[b]]
        frus += (~same) if sign > 0 else same
    if int(frus.min()) != best:
        raise AssertionError(f"enumerated frustration {frus.min()} != engine's {best}")
    opt = side[frus == best]
    out = set()
    for i in range(m):
        for j in range(i + 1, m):
            together = opt[:, i] == opt[:, j]
            if together.any() and not together.all():
                out.add(frozenset((members[i], members[j])))
    return out


def observed_alignment(
    year: int, players: Sequence[str], panel: Panel | None = None
) -> ObservedAlignment:
    """Observed camps of ``players`` in ``year`` (see the module docstring)."""
    from realpolitik.engines.alignment.balance import frustration

    players = tuple(players)
    edges = signed_edges(year, players, panel)
    comp = _components(players, edges)
    side: dict[str, int] = {}
    frus = 0
    undetermined: set[frozenset[str]] = set()
    for c in sorted(set(comp.values())):
        members = [a for a in players if comp.get(a) == c]
        sub = [e for e in edges if comp.get(e[0]) == c]
        res = frustration(sub)
        first = res.bipartition[0] if members[0] in res.bipartition[0] else res.bipartition[1]
        for a in members:
            side[a] = 0 if a in first else 1
        frus += res.frustration_index
        undetermined |= _undetermined(members, sub, res.frustration_index)
    return ObservedAlignment(
        year=int(year),
        players=players,
        edges=tuple(edges),
        side=side,
        component=comp,
        frustration=frus,
        undetermined=frozenset(undetermined),
    )
