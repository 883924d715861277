"""What happened, as the backtest reads it: the measured alignment of a year among players.

The truth is :mod:`realpolitik.history.alignment` (every pair scored and classed ``same``,
``opposed`` or ``neither`` from alliances, rivalries, severe MIDs, opposed blocs and UN votes;
``docs/backtest.md``, "The measured alignment"). This module only reads it for a set of
players and derives:

* **same-side** of a pair: ``True`` when its class is ``same``, ``False`` when ``opposed`` or
  ``neither``, ``None`` when the cell is *flagged* (a source had ended before the year: MIDs
  after 2014, ATOP after 2018, rivalries after 2020) or a player is not a state that year.
  A flagged year is missing, not "nothing happened", and is not scored.
* **camps**: the connected components of the ``same`` graph with at least two members; the
  players with no ``same`` tie are **unaligned**. No bipartition is forced.

It shares no code with the prediction (the propensity terms, the weights, the engines): the
two cannot agree by construction.

Examples
--------
>>> o = observed_alignment(1985, ("CHN", "USA", "JPN", "RUS", "PRK", "KOR"))
>>> o.same_side("USA", "JPN"), o.same_side("USA", "RUS"), o.same_side("KOR", "PRK")
(True, False, False)
>>> o.camps
(('CHN', 'PRK'), ('USA', 'JPN', 'KOR'))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from realpolitik.history.alignment import FIRST_YEAR, LAST_YEAR, alignment_year, states_in

if TYPE_CHECKING:
    from realpolitik.history.panel import Panel

__all__ = ["ObservedAlignment", "camps_of", "observed_alignment", "signed_edges"]


@dataclass(frozen=True)
class ObservedAlignment:
    """The measured alignment of one year among players.

    Attributes
    ----------
    year : int
    players : tuple of str
        The players that are states in ``year`` (the order given).
    sides : dict
        ``frozenset({a, b})`` -> ``"same"`` | ``"opposed"`` | ``"neither"``.
    flagged : bool
        A source had ended before the year: no pair is scored.
    camps : tuple of tuple of str
        Connected components of the ``same`` graph (two or more players each).
    unaligned : tuple of str
        Players with no ``same`` tie.
    side : dict
        Player -> camp id (camps in order, then one id per unaligned player).
    component : dict
        Player -> 0 for every player (camps are labels of one partition; kept for the ARI).
    """

    year: int
    players: tuple[str, ...]
    sides: dict[frozenset[str], str]
    flagged: bool
    camps: tuple[tuple[str, ...], ...]
    unaligned: tuple[str, ...]
    side: dict[str, int]
    component: dict[str, int]

    @property
    def edges(self) -> tuple[tuple[str, str, int], ...]:
        """Signed graph: ``same`` +1, ``opposed`` -1 (``neither``: no edge)."""
        out = []
        for i, a in enumerate(self.players):
            for b in self.players[i + 1 :]:
                s = self.sides.get(frozenset((a, b)))
                if s in ("same", "opposed"):
                    out.append((a, b, 1 if s == "same" else -1))
        return tuple(out)

    def cls(self, a: str, b: str) -> str | None:
        """The class of the pair (``None`` when one is not a state in the year)."""
        return self.sides.get(frozenset((a, b)))

    def same_side(self, a: str, b: str) -> bool | None:
        """``True``/``False`` for a scored pair, ``None`` when flagged or absent."""
        c = self.cls(a, b)
        if c is None or self.flagged:
            return None
        return c == "same"


def camps_of(
    players: Sequence[str], sides: dict[frozenset[str], str]
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Camps (components of ``same``, two or more players) and the unaligned players.

    >>> s = {frozenset(("A", "B")): "same", frozenset(("B", "C")): "opposed"}
    >>> camps_of(["A", "B", "C"], s)
    ((('A', 'B'),), ('C',))
    """
    parent = {a: a for a in players}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair, c in sides.items():
        if c == "same":
            a, b = sorted(pair)
            if a in parent and b in parent:
                parent[find(a)] = find(b)
    groups: dict[str, list[str]] = {}
    for a in players:
        groups.setdefault(find(a), []).append(a)
    camps = tuple(tuple(g) for g in groups.values() if len(g) > 1)
    unaligned = tuple(g[0] for g in groups.values() if len(g) == 1)
    return camps, unaligned


def observed_alignment(
    year: int, players: Sequence[str], panel: Panel | None = None
) -> ObservedAlignment:
    """The measured alignment of ``year`` among ``players`` (see the module docstring).

    ``panel`` is accepted for the callers' signature and not read: the truth has its own data.
    Years after 2024 read 2024; years before 1946 (outside the measure) are flagged, with no
    pair.
    """
    y = min(int(year), LAST_YEAR)
    present = set(states_in(y)) if y >= FIRST_YEAR else set()
    ps = tuple(p for p in players if p in present)
    df = alignment_year(y, ps) if len(ps) >= 2 else None
    sides: dict[frozenset[str], str] = {}
    flagged = y < FIRST_YEAR
    if df is not None and len(df):
        sides = {
            frozenset((a, b)): str(s) for a, b, s in zip(df["a"], df["b"], df["side"], strict=True)
        }
        flagged = bool(df["flagged"].any())
    camps, unaligned = camps_of(ps, sides)
    side = {a: k for k, camp in enumerate(camps) for a in camp}
    side.update({a: len(camps) + k for k, a in enumerate(unaligned)})
    return ObservedAlignment(
        year=int(year),
        players=ps,
        sides=sides,
        flagged=flagged,
        camps=camps,
        unaligned=unaligned,
        side=side,
        component=dict.fromkeys(ps, 0),
    )


def signed_edges(
    year: int, players: Sequence[str], panel: Panel | None = None
) -> list[tuple[str, str, int]]:
    """The signed graph of the measure in ``year`` among ``players`` (same +1, opposed -1)."""
    return list(observed_alignment(year, players, panel).edges)
