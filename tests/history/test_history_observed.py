"""Observed alignment for the backtest: classes, flags and camps read from the measure."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from realpolitik.history.observed import camps_of, observed_alignment

PLAYERS = ("USA", "JPN", "CHN", "RUS", "PRK", "KOR")


def test_known_history() -> None:
    o60 = observed_alignment(1960, PLAYERS)
    assert o60.same_side("USA", "JPN") and o60.same_side("USA", "KOR")
    assert o60.same_side("USA", "RUS") is False
    assert o60.cls("CHN", "RUS") == "opposed"  # the split outweighs the 1950 treaty
    assert ("CHN", "RUS", -1) in o60.edges


def test_flagged_years_are_not_scored() -> None:
    o = observed_alignment(2016, PLAYERS)  # MIDs end in 2014: missing, not "nothing happened"
    assert o.flagged and o.same_side("USA", "JPN") is None
    assert o.cls("USA", "JPN") == "same"  # the class is still there, for display


def test_players_that_are_not_states_are_left_out() -> None:
    o = observed_alignment(1946, ("USA", "KOR", "RUS"))  # no Korean state until 1949
    assert o.players == ("USA", "RUS") and o.same_side("USA", "KOR") is None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(
    ["same", "opposed", "neither"])), max_size=12))  # fmt: skip
def test_camps_partition_the_players(edges: list[tuple[int, int, str]]) -> None:
    players = [f"P{k}" for k in range(6)]
    sides = {frozenset((f"P{a}", f"P{b}")): c for a, b, c in edges if a != b}
    camps, unaligned = camps_of(players, sides)
    flat = [p for c in camps for p in c] + list(unaligned)
    assert sorted(flat) == players and all(len(c) >= 2 for c in camps)
    for pair, c in sides.items():
        if c == "opposed":  # a camp never holds an opposed pair
            assert not any(pair <= set(camp) for camp in camps)
    for a in unaligned:  # an unaligned player could join no camp or partner
        for b in players:
            if sides.get(frozenset((a, b))) == "same":
                others = next((set(c) for c in camps if b in c), {b})
                assert any(sides.get(frozenset((a, o))) == "opposed" for o in others)
