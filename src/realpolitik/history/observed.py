"""What happened, as the backtest reads it: the measured alignment of a year among players.

The truth is :mod:`realpolitik.history.alignment` (every pair scored and classed ``same``,
``opposed`` or ``neither`` from alliances, rivalries, severe MIDs, opposed blocs and UN votes;
``docs/backtest.md``, "The measured alignment"). This module only reads it for a set of
players and derives:

* **same-side** of a pair: ``True`` when its class is ``same``, ``False`` when ``opposed`` or
  ``neither``, ``None`` when the cell is *flagged* (a source had ended before the year: MIDs
  after 2014, ATOP after 2018, rivalries after 2020) or a player is not a state that year.
  A flagged year is missing, not "nothing happened", and is not scored.
* **camps**: groups joined by ``same`` pairs, strongest first, never holding an ``opposed``
  pair (:func:`camps_of`); players left alone are **unaligned**. No bipartition is forced.

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
        Groups of two or more players joined by ``same`` pairs (:func:`camps_of`).
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
    players: Sequence[str],
    sides: dict[frozenset[str], str],
    scores: dict[frozenset[str], float] | None = None,
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Camps (two or more players) and the unaligned players.

    ``same`` pairs join their groups, strongest score first, unless the merged group would
    hold an ``opposed`` pair (a camp never contains two opposed states); players left alone
    are unaligned.

    >>> s = {frozenset(("A", "B")): "same", frozenset(("B", "C")): "same",
    ...      frozenset(("A", "C")): "opposed"}
    >>> camps_of(["A", "B", "C"], s, {frozenset(("A", "B")): 0.9, frozenset(("B", "C")): 0.5})
    ((('A', 'B'),), ('C',))
    """
    group = {a: frozenset((a,)) for a in players}
    opposed = {p for p, c in sides.items() if c == "opposed"}
    same = [p for p, c in sides.items() if c == "same" and p <= group.keys()]
    same.sort(key=lambda p: (-(scores or {}).get(p, 0.0), sorted(p)))
    for pair in same:
        a, b = sorted(pair)
        ga, gb = group[a], group[b]
        if ga == gb or any(frozenset((u, v)) in opposed for u in ga for v in gb):
            continue
        merged = ga | gb
        for x in merged:
            group[x] = merged
    seen: list[frozenset[str]] = []
    for a in players:
        if group[a] not in seen:
            seen.append(group[a])
    order = {a: k for k, a in enumerate(players)}
    camps = tuple(tuple(sorted(g, key=order.__getitem__)) for g in seen if len(g) > 1)
    unaligned = tuple(next(iter(g)) for g in seen if len(g) == 1)
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
    scores: dict[frozenset[str], float] = {}
    flagged = y < FIRST_YEAR
    if df is not None and len(df):
        for a, b, c, v in zip(df["a"], df["b"], df["side"], df["score"], strict=True):
            sides[frozenset((a, b))] = str(c)
            scores[frozenset((a, b))] = float(v)
        flagged = bool(df["flagged"].any())
    camps, unaligned = camps_of(ps, sides, scores)
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
